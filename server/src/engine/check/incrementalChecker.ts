import type { CheckConfig, DateMention, Finding, PersonMention, QuoteMention, TextSpan } from '../types';
import type { CorpusIndex } from '../index/corpusIndex';
import { extractFacts } from '../extract/extractFacts';
import { extractPeople, nameKey, nameTokens } from '../extract/names';
import { checkQuotes } from './checkQuotes';
import { checkNames, matchPerson } from './checkNames';
import { checkDates, sentenceContaining } from './checkDates';
import { finalizeFinding, isWanted, type DraftFinding } from './finding';

/** Most memoised claims kept per kind; older ones are dropped (a long session must not grow without bound). */
const MAX_MEMO = 5000;

/** A claim's findings with their spans made relative to the claim's own start, so they can move with it. */
interface Memo {
  findings: DraftFinding[];
}

/**
 * Checks a draft, and re-checks it as it is edited for a fraction of the
 * work. This is the one implementation of the checks' orchestration:
 * {@link checkDraft} is a checker used once.
 *
 * Extraction runs over the whole text each time, because it is contextual
 * across paragraphs (a surname resolves to a person introduced earlier, a
 * pronoun to the last speaker, "June 11" takes its year from an earlier
 * date, a quotation may run over a paragraph break), and it is cheap once
 * the corpus lookups it makes are memoised. Matching against the corpus, the
 * expensive part, is memoised per claim: a quotation, name or date whose
 * inputs (its words, its resolved speaker or full name, its role, its event
 * words) are unchanged reuses its findings, shifted to where the claim
 * stands now. An edit therefore re-matches only the claims it touched, and
 * claims whose context changed (a pronoun now resolving to someone else) are
 * re-matched because that context is part of their key.
 *
 * Holds one index and configuration: make a new checker when either changes.
 *
 * @example
 * const checker = new DraftChecker(index, { includeVerified: false });
 * let findings = checker.check(text);
 * findings = checker.check(editedText); // same as checkDraft(editedText, index, config)
 */
export class DraftChecker {
  private readonly maxEvidence: number;
  private readonly knownPerson = new Map<string, boolean>();
  private readonly quoteMemo = new Map<string, Memo>();
  private readonly nameMemo = new Map<string, Memo>();
  private readonly dateMemo = new Map<string, Memo>();
  private readonly sentenceMemo = new Map<string, unknown>();
  private lastText?: string;
  private lastFindings: Finding[] = [];

  constructor(
    readonly index: CorpusIndex,
    readonly config: CheckConfig = {},
  ) {
    this.maxEvidence = config.maxEvidence ?? 5;
  }

  /** The findings for `text`; the same as `checkDraft(text, this.index, this.config)`. */
  async check(text: string): Promise<Finding[]> {
    if (text === this.lastText) return this.lastFindings.map(cloneFinding);
    // The draft is read exactly as corpus articles are, so a quotation's speaker is
    // resolved the same way on both sides; for the names check only, a name the
    // corpus knows counts as a person even without a cue.
    const facts = extractFacts(text, { sentenceMemo: this.sentenceMemo });
    const people = extractPeople(text, facts.sentences, { isKnownPerson: (candidate) => this.isKnownPerson(candidate) });
    const quoteSpans = facts.quotes.map((q) => q.span);
    const found: DraftFinding[] = [];
    for (const q of facts.quotes) found.push(...this.quoteFindings(text, q));
    found.push(...this.nameFindings(people));
    for (const d of facts.dates) found.push(...this.dateFindings(text, d, facts.sentences, quoteSpans));
    const findings = found
      .filter((f) => isWanted(f.code, this.config))
      .map((f) => finalizeFinding(f, this.config))
      .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
    this.lastText = text;
    this.lastFindings = findings;
    return findings.map(cloneFinding);
  }

  /**
   * Whether a capitalised word sequence without a cue is a person the corpus
   * knows (or nearly: "Bernie Samders of Vermont"), answered once per
   * candidate (the index does not change). A near spelling keeps at least one
   * word right, so without a word any corpus name has, the fuzzy lookup is skipped.
   */
  private isKnownPerson(candidate: string): boolean {
    let known = this.knownPerson.get(candidate);
    if (known === undefined) {
      const tokens = nameTokens(candidate);
      known = tokens.length > 1 && tokens.some((t) => this.index.people.byToken.has(t)) && matchPerson(this.index, candidate) !== undefined;
      remember(this.knownPerson, candidate, known);
    }
    return known;
  }

  private quoteFindings(text: string, q: QuoteMention): DraftFinding[] {
    // The verdict reads the quoted words and the speaker (words as written and who they resolve to), nothing else.
    const key = JSON.stringify([q.text, q.speaker?.text ?? null, q.speaker?.resolved ?? null, q.speaker?.isOrganisation ?? null]);
    return this.memoised(this.quoteMemo, key, q.span.start, () => checkQuotes(text, [q], this.index));
  }

  /**
   * Names are matched one mention at a time; `checkNames` reports an unknown
   * person once, at the first mention, which is applied here over the whole
   * list in the same order.
   */
  private nameFindings(people: readonly PersonMention[]): DraftFinding[] {
    const out: DraftFinding[] = [];
    const reportedUnknown = new Set<string>();
    for (const m of people) {
      const role = m.role ? [m.role.text, m.role.span.start - m.span.start, m.role.span.end - m.span.start] : null;
      const key = JSON.stringify([m.text, m.span.end - m.span.start, m.fullName, m.cue, role]);
      for (const f of this.memoised(this.nameMemo, key, m.span.start, () => checkNames([m], this.index, this.maxEvidence))) {
        if (f.code === 'name-unknown') {
          const k = nameKey(m.fullName);
          if (reportedUnknown.has(k)) continue;
          reportedUnknown.add(k);
        }
        out.push(f);
      }
    }
    return out;
  }

  /**
   * A date's verdict reads the mention, whether it stands in a quotation, and
   * the words of its sentence around it (matched verbatim in the sources):
   * the key holds that sentence with the date's place in it.
   */
  private dateFindings(text: string, d: DateMention, sentences: readonly TextSpan[], quoteSpans: readonly TextSpan[]): DraftFinding[] {
    const inQuote = quoteSpans.some((q) => q.start <= d.span.start && d.span.end <= q.end);
    const sentence = sentenceContaining(sentences, d.span);
    const within = sentence ?? { start: Math.max(0, d.span.start - 200), end: Math.min(text.length, d.span.end + 200) };
    const context = [text.slice(within.start, within.end), d.span.start - within.start, sentence !== undefined];
    const key = JSON.stringify([d.text, d.value ?? null, d.relative ?? null, d.eventWords, inQuote, context]);
    return this.memoised(this.dateMemo, key, d.span.start, () => checkDates(text, [d], sentences, this.index, inQuote ? [d.span] : [], this.maxEvidence));
  }

  /** Findings of a claim at `start`: from the memo (shifted), or computed and stored relative to `start`. */
  private memoised(memo: Map<string, Memo>, key: string, start: number, compute: () => DraftFinding[]): DraftFinding[] {
    let m = memo.get(key);
    if (!m) {
      m = { findings: compute().map((f) => shifted(f, -start)) };
      remember(memo, key, m);
    }
    return m.findings.map((f) => shifted(f, start));
  }
}

/** A copy of a finding with its span moved by `delta` (evidence and diffs hold no draft offsets). */
function shifted(f: DraftFinding, delta: number): DraftFinding {
  return { ...f, span: { start: f.span.start + delta, end: f.span.end + delta } };
}

/** Callers may mutate what they get; the checker's copy must stay as it was. */
function cloneFinding(f: Finding): Finding {
  return { ...f, span: { ...f.span }, evidence: f.evidence.map((e) => ({ ...e })) };
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= MAX_MEMO) map.delete(map.keys().next().value as string);
  map.set(key, value);
}
