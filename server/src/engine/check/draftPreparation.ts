/**
 * What a check does before it needs a store (issue 13): reading the draft
 * (the plain reading: every extractor, the names a check would ask the store
 * about noted, none asked) and listing each check's claims on that reading
 * (claims are store-free by the `Check` interface). A host that holds a draft
 * while its corpus opens prepares it then, and the first check only asks the
 * store, judges and cites.
 *
 * A prepared reading is used only by a check of the same text. Its claims
 * are used when the store's answers leave the names check's people as the
 * plain reading has them (every name asked "no", none on the team's list):
 * then the check's own reading is this one. Otherwise only the claims of the
 * checks that did not read those people (`DraftFacts.people`, watched while
 * they were listed) are used; the others are listed again from the check's
 * reading. Either way the findings are those of a checker that prepared nothing.
 */
import type { CheckConfig, ExtractedFacts } from '../types';
import { extractFacts } from '../extract/extractFacts';
import { RecentMemo } from '../text/recentMemo';
import { draftReferenceDate } from '../text/draftDate';
import { blankFrontMatter } from './draftFrontMatter';
import { resolveCheckConfig, type AnyCheck, type DraftFacts, type ResolvedCheckConfig } from './check';
import { CHECKS } from './checks';

/** A draft read without the store: its facts, and the names a check would ask the store about. */
export interface PlainReading {
  /** The draft with its front matter blanked (offsets unchanged): what the checks read. */
  text: string;
  facts: ExtractedFacts;
  /** Capitalised names without a cue, in the order read: asked of the store with `knowsPeople`. */
  candidates: ReadonlySet<string>;
  /** The reading as the checks take it when the store knows none of {@link candidates} as a person. */
  draft: DraftFacts;
}

/** A claim as a check lists it, with what the checker files it under. */
export interface ListedClaim {
  claim: unknown;
  key: string;
  start: number;
}

/** A check's claims of a prepared reading. */
export interface PreparedClaims {
  claims: readonly ListedClaim[];
  /** Whether the check read the names check's people (`DraftFacts.people`): then they stand only for the plain reading. */
  readPeople(): boolean;
}

/** A draft read ahead: its text as given, the reading, and each check's claims on that reading. */
export interface PreparedDraft {
  text: string;
  reading: PlainReading;
  claims: ReadonlyMap<AnyCheck, PreparedClaims>;
}

/**
 * Reads `text` as a check's first step does, without a store. `sentenceMemo`
 * keeps sentence-local readings for the next; `peopleMemo` (a checker's, from
 * its second check on) reads people line by line, where an edit reached.
 */
export function readPlain(text: string, config: ResolvedCheckConfig, sentenceMemo: RecentMemo<unknown>, peopleMemo?: RecentMemo<unknown>): PlainReading {
  // Front matter is metadata, not claims; blanked so every offset stays the editor's.
  // The front matter's `date:` is read before it is blanked: it anchors the draft's relative dates.
  const referenceDate = draftReferenceDate(text, config.draftDate);
  const blanked = blankFrontMatter(text);
  // The plain reading records the names the names check's reading would ask about (a capitalised name without a
  // cue): answered "no" there, they leave it as it is, so while none is known to be a person the two readings are one.
  const candidates = new Set<string>();
  const recordCandidate = (candidate: string): boolean => {
    candidates.add(candidate);
    return false;
  };
  const facts = extractFacts(blanked, { sentenceMemo, peopleMemo, referenceDate, isKnownPerson: recordCandidate });
  return { text: blanked, facts, candidates, draft: { text: blanked, facts, people: facts.people, quoteSpans: facts.quotes.map((q) => q.span) } };
}

/** A check's claims of `draft`, in document order, each with its key and start. */
export function listClaims(check: AnyCheck, draft: DraftFacts): ListedClaim[] {
  return check.claims(draft).map((claim) => ({ claim, key: check.key(claim), start: check.start(claim) }));
}

/** A check's claims of `draft`, noting whether it read `draft.people` (the one part of a reading the store's answers change). */
function listWatched(check: AnyCheck, draft: DraftFacts): PreparedClaims {
  let read = false;
  const watched: DraftFacts = {
    text: draft.text,
    facts: draft.facts,
    quoteSpans: draft.quoteSpans,
    get people() {
      read = true;
      return draft.people;
    },
  };
  return { claims: listClaims(check, watched), readPeople: () => read };
}

/**
 * A draft's reading and claims, made before its corpus is ready: while the
 * corpus opens, {@link prepare} the draft; once the store is there,
 * `DraftChecker.fromPreparation` gives the draft's checker, whose first check of that text
 * starts from the prepared reading and claims (the same findings as a checker
 * that prepared nothing).
 *
 * @example
 * const preparation = new DraftPreparation(config);
 * preparation.prepare(text);                         // while the corpus opens
 * const checker = DraftChecker.fromPreparation(preparation, await store);  // once it is ready
 * const findings = await checker.check(text);        // asks the store, judges and cites
 */
export class DraftPreparation {
  readonly config: ResolvedCheckConfig;
  /** Sentence-local readings (sentences, dates, people by line), kept for the checker. */
  readonly sentenceMemo = new RecentMemo<unknown>();
  private prepared?: PreparedDraft;

  constructor(
    /** The configuration as given (a checker made from this preparation is made with it). */
    readonly checkConfig: CheckConfig = {},
    readonly checks: readonly AnyCheck[] = CHECKS,
  ) {
    this.config = resolveCheckConfig(checkConfig);
  }

  /** Reads `text` and lists its claims, for the first check of that text (replacing what was prepared before). */
  prepare(text: string): void {
    const parts = this.preparing(text);
    while (!parts.next().done);
  }

  /**
   * {@link prepare} in parts, for a host that does one part per turn: the
   * reading, then each check's claims. The draft counts as prepared once the
   * last part is done (a check meanwhile reads it afresh).
   */
  *preparing(text: string): Generator<void, void, undefined> {
    this.prepared = undefined;
    const reading = readPlain(text, this.config, this.sentenceMemo);
    const claims = new Map<AnyCheck, PreparedClaims>();
    for (const check of this.checks) {
      yield;
      claims.set(check, listWatched(check, reading.draft));
    }
    this.prepared = { text, reading, claims };
  }

  /** The prepared draft if it is of `text`, given once: a later check reads afresh (its memos then serve it). */
  take(text: string): PreparedDraft | undefined {
    const prepared = this.prepared;
    this.prepared = undefined;
    return prepared?.text === text ? prepared : undefined;
  }
}
