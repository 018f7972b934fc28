import type { CheckConfig, Finding, PersonMention } from '../types';
import type { CitationRef, CorpusStore } from '../corpusStore';
import { extractPeople } from '../extract/names';
import { extractPeopleByParagraph } from '../extract/peopleByParagraph';
import { isWanted, severityOf, type AnyCheck, type DraftFacts, type JudgedFinding, type ResolvedCheckConfig } from './check';
import { CHECKS } from './checks';
import { finishText } from './findingText';
import { RecentMemo } from '../text/recentMemo';
import { nameKey } from '../extract/nameVariants';
import { DraftPreparation, listClaims, readPlain, type ListedClaim, type PlainReading } from './draftPreparation';

/** A claim's findings, finished (severity set, evidence cited), with spans relative to the claim's start. */
type Memo = Finding[];

/**
 * Checks a draft, and re-checks it as it is edited for a fraction of the
 * work. This is the one implementation of the checks' orchestration:
 * {@link checkDraft} is a checker used once.
 *
 * Each check of {@link CHECKS} lists its claims; a claim whose key (see
 * `Check.key`: everything its verdict reads) was seen before reuses its
 * findings, shifted to where the claim stands now; the others are looked up
 * in the store in one batch per check, judged, and their evidence cited in
 * one batch for the whole draft. An edit therefore re-matches only the claims
 * it touched, and claims whose context changed (a pronoun now resolving to
 * someone else) are re-matched because that context is part of their key.
 *
 * Extraction runs over the whole text each time, because it is contextual
 * across paragraphs (a surname resolves to a person introduced earlier, a
 * pronoun to the last speaker, "June 11" takes its year from an earlier
 * date, a quotation may run over a paragraph break); its sentence-local
 * parts are memoised.
 *
 * Holds one store and configuration: make a new checker when either changes.
 * A draft can be read before the store is ready ({@link DraftPreparation},
 * {@link DraftChecker.fromPreparation}, {@link DraftChecker.prepare}): its
 * first check then only asks the store, judges and cites.
 *
 * @example
 * const checker = new DraftChecker(index, { includeVerified: false });
 * let findings = await checker.check(text);
 * findings = await checker.check(editedText); // same as checkDraft(editedText, index, config)
 */
export class DraftChecker {
  readonly config: ResolvedCheckConfig;
  // Each memo keeps what the last checks used (RecentMemo): a long editing session stays the size of the document.
  private readonly memos = new Map<AnyCheck, RecentMemo<Memo>>();
  private readonly knownPeople = new RecentMemo<boolean>();
  /** Reads drafts without the store, ahead of a check or in it; holds the sentence memo. */
  private readonly preparation: DraftPreparation;
  private readonly sentenceMemo: RecentMemo<unknown>;
  /** The last text checked and where its claims' findings stand (memo lists, complete and never changed once placed). */
  private last?: { text: string; placed: Placed[] };

  /**
   * @param preparation internal: what {@link DraftChecker.fromPreparation} hands over (the same configuration and checks).
   */
  constructor(
    readonly store: CorpusStore,
    config: CheckConfig = {},
    private readonly checks: readonly AnyCheck[] = CHECKS,
    preparation?: DraftPreparation,
  ) {
    this.preparation = preparation ?? new DraftPreparation(config, checks);
    this.config = this.preparation.config;
    this.sentenceMemo = this.preparation.sentenceMemo;
    for (const check of checks) this.memos.set(check, new RecentMemo());
  }

  /**
   * The checker for `store` of a draft prepared before the store was ready:
   * its configuration and checks, its reading and claims (used by the first
   * check of the prepared text), its sentence memo.
   */
  static fromPreparation(preparation: DraftPreparation, store: CorpusStore): DraftChecker {
    return new DraftChecker(store, preparation.checkConfig, preparation.checks, preparation);
  }

  /**
   * Reads `text` and lists its claims now, without the store (see
   * {@link DraftPreparation}): the next check, if it is of `text`, starts from them.
   */
  prepare(text: string): void {
    this.preparation.prepare(text);
  }

  /** The findings for `text`, in document order; the same as `checkDraft(text, this.store, config)`. */
  async check(text: string): Promise<Finding[]> {
    if (this.last?.text === text) return assemble(this.last.placed);
    const prepared = this.preparation.take(text);
    // Once a version is read, the next reads its people line by line, again only where the edit reached (a first
    // check reads them whole: filling the memo line by line costs more than one plain reading).
    const peopleMemo = this.last ? this.sentenceMemo : undefined;
    const reading = prepared?.reading ?? readPlain(text, this.config, this.sentenceMemo, peopleMemo);
    const draft = await this.readDraft(reading, peopleMemo);
    // A check's prepared claims are this draft's when the names check reads the draft as the preparation did, or
    // when the check did not read the names check's people (the only part the store's answers change).
    const listed = (check: AnyCheck): readonly ListedClaim[] => {
      const ahead = prepared?.claims.get(check);
      return ahead && (draft === reading.draft || !ahead.readPeople()) ? ahead.claims : listClaims(check, draft);
    };
    const perCheck = await Promise.all(this.checks.map((check) => this.claimsOf(check, listed(check))));
    await this.finishNew(perCheck.flatMap((p) => p.fresh));
    const placed = perCheck.flatMap((p) => p.placed);
    this.last = { text, placed };
    for (const memo of [...this.memos.values(), this.knownPeople, this.sentenceMemo]) memo.nextGeneration();
    return assemble(placed);
  }

  /** Entries the checker remembers (claims, sentences, names): what the last checks used, for tests and reports. */
  memoSize(): number {
    let n = this.knownPeople.size + this.sentenceMemo.size;
    for (const memo of this.memos.values()) n += memo.size;
    return n;
  }

  /**
   * The draft's facts. It is read exactly as corpus articles are, so a
   * quotation's speaker is resolved the same way on both sides; for the names
   * check only, a capitalised name the corpus knows counts as a person even
   * without a cue. Which names the corpus knows is asked of the store in one
   * batch, then the people are read again with the answers — only when one is
   * (or was, in an earlier check) "yes", or a name is on the team's list:
   * otherwise the plain reading is the names check's too.
   */
  private async readDraft(reading: PlainReading, peopleMemo: RecentMemo<unknown> | undefined): Promise<DraftFacts> {
    const { text, facts, candidates } = reading;
    const readPeople = (isKnownPerson: (candidate: string) => boolean): PersonMention[] =>
      peopleMemo ? extractPeopleByParagraph(text, facts.sentences, { isKnownPerson }, peopleMemo, 'names') : extractPeople(text, facts.sentences, { isKnownPerson });
    const onTeam = (candidate: string): boolean => this.config.people.byKey.has(nameKey(candidate));
    if (![...candidates].some((c) => onTeam(c) || this.knownPeople.get(c) === true)) {
      const asked = [...candidates].filter((c) => this.knownPeople.get(c) === undefined);
      const answers = asked.length > 0 ? await this.store.knowsPeople(asked) : [];
      asked.forEach((c, i) => this.knownPeople.set(c, answers[i]));
      // Every answer "no": the names check's reading is the plain one. Else read once with the answers.
      if (!answers.some(Boolean)) return reading.draft;
      return { text, facts, people: readPeople((c) => this.knownPeople.get(c) ?? false), quoteSpans: reading.draft.quoteSpans };
    }
    const unknown = new Set<string>();
    const isKnownPerson = (candidate: string): boolean => {
      // A name on the team's people list is a person, as one the corpus knows is.
      if (onTeam(candidate)) return true;
      const known = this.knownPeople.get(candidate);
      if (known === undefined) unknown.add(candidate);
      return known ?? false;
    };
    let people = readPeople(isKnownPerson);
    if (unknown.size > 0) {
      const asked = [...unknown];
      const answers = await this.store.knowsPeople(asked);
      asked.forEach((c, i) => this.knownPeople.set(c, answers[i]));
      // Read again only when a name turned out known: with every answer "no" the first reading (which took
      // each unknown name for "no") is already the answer.
      if (answers.some(Boolean)) people = readPeople((c) => this.knownPeople.get(c) ?? false);
    }
    return { text, facts, people, quoteSpans: reading.draft.quoteSpans };
  }

  /** One check's claims: each placed with its memo, the memo filled later for claims not seen before. */
  private async claimsOf(check: AnyCheck, claims: readonly ListedClaim[]): Promise<{ placed: Placed[]; fresh: Fresh[] }> {
    const memo = this.memos.get(check)!;
    const placed: Placed[] = [];
    const pending = new Map<string, { claim: unknown; start: number; memo: Memo }>();
    for (const { claim, key, start } of claims) {
      let m = memo.get(key) ?? pending.get(key)?.memo;
      if (!m) {
        m = [];
        pending.set(key, { claim, start, memo: m });
      }
      placed.push({ start, memo: m });
    }
    if (pending.size === 0) return { placed, fresh: [] };
    const todo = [...pending.entries()];
    const retrieved = await check.retrieve(todo.map(([, p]) => p.claim), this.store, this.config);
    const fresh: Fresh[] = todo.map(([key, p], i) => {
      const judged = check.judge(p.claim, retrieved[i], this.config).filter((f: JudgedFinding) => isWanted(f.code, this.config));
      return { start: p.start, memo: p.memo, judged, key, table: memo };
    });
    return { placed, fresh };
  }

  /** Cites the evidence of newly judged findings (one batch for the whole draft) and stores them in their memos. */
  private async finishNew(fresh: readonly Fresh[]): Promise<void> {
    const refs: CitationRef[] = [];
    for (const f of fresh) for (const j of f.judged) refs.push(...j.evidence.slice(0, this.config.maxEvidence));
    const citations = refs.length > 0 ? await this.store.cite(refs) : [];
    let at = 0;
    for (const f of fresh) {
      for (const j of f.judged) {
        const evidence = citations.slice(at, at + Math.min(j.evidence.length, this.config.maxEvidence));
        at += evidence.length;
        // The one place a finding's text is finished: bounded, display-safe (citations are made so by the store).
        const finding: Finding = finishText({ ...j, severity: severityOf(j.code, this.config), evidence });
        f.memo.push(shifted(finding, -f.start));
      }
      // Remembered only once complete: a concurrent check of a newer version must not see a half-filled memo.
      f.table.set(f.key, f.memo);
    }
  }
}

/** A claim of the current draft: where it starts and the memo holding its findings. */
interface Placed {
  start: number;
  memo: Memo;
}

/** A claim judged in this run, its findings not yet cited, and the memo table it goes into under `key`. */
interface Fresh extends Placed {
  judged: JudgedFinding[];
  key: string;
  table: RecentMemo<Memo>;
}

/**
 * The findings of placed claims in document order, one per code and span:
 * copies the caller may change, the memo's findings staying as they were.
 */
function assemble(placed: readonly Placed[]): Finding[] {
  const findings: Finding[] = [];
  for (const p of placed) for (const f of p.memo) findings.push(placedCopy(f, p.start));
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
  dropRepeats(findings);
  return findings;
}

/** A copy of a memo's finding, moved to a claim starting at `start`, with its own span and evidence. */
function placedCopy(f: Finding, start: number): Finding {
  return { ...f, span: { start: f.span.start + start, end: f.span.end + start }, evidence: f.evidence.map((e) => ({ ...e })) };
}

/** A copy of a finding with its span moved by `delta` (evidence and diffs hold no draft offsets). */
function shifted(f: Finding, delta: number): Finding {
  return { ...f, span: { start: f.span.start + delta, end: f.span.end + delta } };
}

/**
 * One finding per code and span: two checks may reach one verdict on one
 * claim (the date check by its words, the facts check by its sentence: a
 * weekday changed); the first, in check order (the sort is stable), stays.
 */
function dropRepeats(findings: Finding[]): void {
  let kept = 0;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const prev = kept > 0 ? findings[kept - 1] : undefined;
    if (prev && prev.code === f.code && prev.span.start === f.span.start && prev.span.end === f.span.end) continue;
    findings[kept++] = f;
  }
  findings.length = kept;
}
