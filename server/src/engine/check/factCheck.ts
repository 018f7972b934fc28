/**
 * Facts outside quotation marks: a draft sentence that follows a source
 * sentence (most of its content words found together in one corpus sentence
 * or two neighbouring ones) is compared with it slot by slot — its numbers,
 * its weekdays, and its places, organisations and people. A value the source
 * gives differently is reported with the source's wording; a value the draft
 * adds is not (the reporter may know more), and a value any aligned source
 * gives alike settles the slot (two sources may state a fact differently:
 * either verifies it).
 *
 * Dates other than weekdays are the date check's (it compares them in their
 * own words, in the aligned sentence, and by event).
 */
import type { TextSpan } from '../types';
import type { AlignedSource, AlignmentQuery } from '../corpusStore';
import { nameKey, sentenceFacts, type NameSlot, type SentenceFacts } from '../extract/factSlots';
import { PLACE_PARENTS } from '../extract/eventWords';
import { tokenize } from '../text/tokens';
import { nameFoundIn, sameNumber, slotPartner, type NameKind } from '../match/compareFacts';
import type { Check, DraftFacts, JudgedFinding } from './check';
import { quotedWording } from './findingText';

/** Least content words a draft sentence needs to be aligned at all (fewer cannot identify a statement). */
const MIN_CLAIM_WORDS = 5;
/**
 * Least share of the draft sentence's content words the source window must
 * hold before a difference is reported (alignment at a lower share still
 * settles a value the source states alike). Other articles of a story repeat
 * a sentence's frame with the day's figures ("shares rose 2%"): on unseen
 * same-story articles, contradictions below this share were nearly all such.
 */
export const MIN_CONTRADICT_COVERAGE = 0.8;

/** Words that make a name an organisation's whatever stands before it ("at the Sejong Institute"). */
const ORGANISATION_WORDS = new Set(
  ('institute university college school ministry department agency council committee commission party bank corp corporation inc ltd ' +
    'plc group company co association union federation office embassy news times post journal reuters court parliament congress senate ' +
    'assembly board fund foundation organisation organization authority service army navy force forces police').split(' '),
);

/** A draft sentence with facts to compare. */
export interface FactClaim {
  sentence: TextSpan;
  /** The sentence's text (what the key and the judge read, relative offsets below). */
  text: string;
  facts: SentenceFacts;
  /** All the sentence's words, normalised (quotations included), with the initials of its names. */
  allWords: string[];
}

export const factCheck: Check<FactClaim, AlignedSource[]> = {
  name: 'facts',

  claims(draft) {
    const out: FactClaim[] = [];
    for (const sentence of draft.facts.sentences) {
      const claim = claimOf(draft, sentence);
      if (claim) out.push(claim);
    }
    return out;
  },

  // The sentence's text holds everything read of it: facts are extracted from it, relative to its start.
  key: (claim) => claim.text,

  start: (claim) => claim.sentence.start,

  async retrieve(claims, store) {
    return store.findAlignedSentences(claims.map(queryOf));
  },

  judge(claim, aligned) {
    // Only the best window may contradict, and only when the draft follows it closely; any window may settle a value.
    if (aligned.length === 0 || aligned[0].coverage < MIN_CONTRADICT_COVERAGE) return [];
    const sources = aligned.map((a) => ({ aligned: a, facts: sourceFacts(a) }));
    return [...judgeNumbers(claim, sources), ...judgeWeekdays(claim, sources), ...judgeNames(claim, sources)];
  },
};

/** What the store is asked for a claim. */
export function queryOf(claim: FactClaim): AlignmentQuery {
  return { words: claim.facts.words, names: [...new Set(claim.facts.names.map((n) => nameKey(n.words)))] };
}

function claimOf(draft: DraftFacts, sentence: TextSpan): FactClaim | undefined {
  const quotes = draft.quoteSpans.filter((q) => q.start < sentence.end && sentence.start < q.end);
  if (quotes.some((q) => q.start <= sentence.start && sentence.end <= q.end)) return undefined;
  const dates = draft.facts.dates.filter((d) => d.span.start >= sentence.start && d.span.end <= sentence.end).map((d) => d.span);
  const text = draft.text.slice(sentence.start, sentence.end);
  const shift = (s: TextSpan): TextSpan => ({ start: s.start - sentence.start, end: s.end - sentence.start });
  // Quote marks are left out with the words inside them.
  const skip = quotes.map((q) => shift({ start: q.start - 1, end: q.end + 1 }));
  const facts = sentenceFacts(text, { start: 0, end: text.length }, skip, dates.map(shift));
  // A name inside a person's role ("a professor at Kookmin University") is the role check's business.
  const roles = draft.people.flatMap((p) => (p.role ? [shift(p.role.span)] : []));
  facts.names = facts.names.filter((n) => !roles.some((r) => r.start < n.span.end && n.span.start < r.end));
  if (facts.words.length < MIN_CLAIM_WORDS) return undefined;
  if (facts.numbers.length + facts.weekdays.length + facts.names.length === 0) return undefined;
  return { sentence, text, facts, allWords: wordsWithInitials(text, facts.names) };
}

interface Source {
  aligned: AlignedSource;
  facts: SentenceFacts;
}

/** The facts of an aligned window; numbers inside its dates are dates. */
function sourceFacts(a: AlignedSource): SentenceFacts {
  const dates = a.dates.map((d) => ({ start: d.span.start - a.ref.span.start, end: d.span.end - a.ref.span.start }));
  return sentenceFacts(a.text, { start: 0, end: a.text.length }, [], dates);
}

/** Where a window's span stands in its article (for the evidence). */
function refOf(source: Source, span?: TextSpan) {
  const base = source.aligned.ref.span.start;
  return { articleId: source.aligned.ref.articleId, span: span ? { start: base + span.start, end: base + span.end } : source.aligned.ref.span };
}

function at(claim: FactClaim, span: TextSpan): TextSpan {
  return { start: claim.sentence.start + span.start, end: claim.sentence.start + span.end };
}

// ---------------------------------------------------------------------------
// Numbers

function judgeNumbers(claim: FactClaim, sources: readonly Source[]): JudgedFinding[] {
  const out: JudgedFinding[] = [];
  const draftNumbers = claim.facts.numbers;
  for (const n of draftNumbers) {
    // Any aligned source stating the same value settles it.
    if (sources.some((s) => s.facts.numbers.some((m) => sameNumber(n, m)))) continue;
    const best = sources[0];
    const partner = slotPartner(n, draftNumbers, best.facts.numbers);
    // The source's number may be stated elsewhere in the draft sentence (clauses reordered): then it is no swap.
    if (!partner || draftNumbers.some((d) => d !== n && sameNumber(d, partner))) continue;
    out.push({
      code: 'number-mismatch',
      span: at(claim, n.span),
      message: `The source says ${quotedWording(partner.text)}${partner.unit ? ` ${partner.unit}` : ''}, not ${n.text}.`,
      suggestion: partner.text,
      evidence: [refOf(best)],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Weekdays

function judgeWeekdays(claim: FactClaim, sources: readonly Source[]): JudgedFinding[] {
  const days = claim.facts.weekdays;
  if (days.length !== 1) return [];
  const day = days[0];
  if (sources.some((s) => s.facts.weekdays.some((w) => w.day === day.day))) return [];
  const theirs = sources[0].facts.weekdays;
  if (theirs.length !== 1) return [];
  return [
    {
      code: 'date-mismatch',
      span: at(claim, day.span),
      message: `The source says ${theirs[0].text}, not ${day.text}.`,
      suggestion: theirs[0].text,
      evidence: [refOf(sources[0])],
    },
  ];
}

// ---------------------------------------------------------------------------
// Places, organisations, people

function judgeNames(claim: FactClaim, sources: readonly Source[]): JudgedFinding[] {
  const best = sources[0];
  const sourceWords = wordsWithInitials(best.aligned.text, best.facts.names);
  // Draft names no aligned source window holds, but the aligned article uses elsewhere: another name of the same story.
  const draftOnly = claim.facts.names.filter(
    (n) => !sources.some((s) => nameFoundIn(n.words, wordsWithInitials(s.aligned.text, s.facts.names))) && best.aligned.namesInArticle.includes(nameKey(n.words)),
  );
  const unexplained = claim.facts.names.filter((n) => !nameFoundIn(n.words, sourceWords));
  // Source names the draft sentence does not use.
  const dateline = datelineEnd(best.aligned.text);
  const sourceOnly = best.facts.names.filter((s) => s.span.start >= dateline && !nameFoundIn(s.words, claim.allWords));
  if (draftOnly.length !== 1 || unexplained.length !== 1 || sourceOnly.length === 0) return [];
  const mine = draftOnly[0];
  // The source name in the draft name's slot: the only one left, else the one after the same words ("plant in Ulsan" / "plant in Busan").
  const inSlot = sourceOnly.length === 1 ? sourceOnly : sourceOnly.filter((s) => sameSlot(claim.text, mine.span, best.aligned.text, s.span));
  if (inSlot.length !== 1) return [];
  const theirs = inSlot[0];
  const kind = kindOf(theirs, best.aligned.text, best.aligned.people);
  // A person for a place or an organisation is a rewrite ("the ministry" / "its minister"), not a swap; places and organisations blur ("the US" / "Washington").
  if ((kind === 'person') !== (kindOf(mine, claim.text, best.aligned.people) === 'person')) return [];
  return [
    {
      code: 'fact-mismatch',
      span: at(claim, mine.span),
      message: `The source gives the ${kind} as ${quotedWording(theirs.text)}, not ${mine.text}.`,
      suggestion: theirs.text,
      evidence: [refOf(best)],
    },
  ];
}

/** Place when a gazetteer or a locative says so, person when the article names a person so, else organisation. */
function kindOf(name: NameSlot, text: string, people: readonly string[]): NameKind {
  const phrase = name.words.join(' ');
  if (people.some((p) => tokenize(p).some((t) => name.words.includes(t.norm)))) return 'person';
  if (name.words.some((w) => ORGANISATION_WORDS.has(w))) return 'organisation';
  if (PLACE_PARENTS.has(phrase) || [...PLACE_PARENTS.values()].some((parents) => parents.includes(phrase))) return 'place';
  if (/\b(?:in|at|from|to|near|into|across|outside|inside)\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, name.span.start - 12), name.span.start))) return 'place';
  return 'organisation';
}

/** A text's words, normalised, plus the initials of its multi-word names ("united states" → "us"). */
function wordsWithInitials(text: string, names: readonly NameSlot[]): string[] {
  const words = tokenize(text).map((t) => t.norm);
  for (const n of names) {
    const significant = n.words.filter((w) => !['of', 'de', 'la', 'for', 'and', 'the'].includes(w));
    if (significant.length >= 2) words.push(significant.map((w) => w[0]).join(''));
  }
  return words;
}

/** Where a dateline ends ("SEOUL, June 12 (Reuters) - "), or 0: its place name says where the story was filed, not what happened. */
function datelineEnd(text: string): number {
  const m = /^[\p{Lu}][\p{Lu}\p{M} .'’-]+(?:,[^-–—\n]{0,40})?(?:\([^)\n]{0,40}\))?\s*[-–—]+\s*/u.exec(text);
  return m ? m[0].length : 0;
}

/** Whether two names stand after the same two words (normalised): "plant in Ulsan" / "plant in Busan". */
function sameSlot(draftText: string, draftSpan: TextSpan, sourceText: string, sourceSpan: TextSpan): boolean {
  const before = (text: string, at: number) => tokenize(text, Math.max(0, at - 40), at).slice(-2).map((t) => t.norm).join(' ');
  const a = before(draftText, draftSpan.start);
  return a.split(' ').length === 2 && a === before(sourceText, sourceSpan.start);
}
