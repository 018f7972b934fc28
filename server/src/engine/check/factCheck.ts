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
import { nameKey, sentenceFactsOf, type NameSlot, type SentenceFacts } from '../extract/factSlots';
import { PLACE_PARENTS } from '../extract/eventWords';
import { STOPWORDS, tokenize } from '../text/tokens';
import { editDistance, typoBudget } from '../text/editDistance';
import { splitSentences } from '../extract/sentences';
import { nameFoundIn, sameNumber, slotPartner, unmatchedNumbers, type NameKind } from '../match/compareFacts';
import type { Check, DraftFacts, JudgedFinding } from './check';
import { quotedWording } from './findingText';
import { BoundedMemo } from '../text/recentMemo';

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
    const near = nearSpans(draft);
    for (const sentence of draft.facts.sentences) {
      const claim = claimOf(draft, sentence, near);
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
    if (aligned.length === 0) return [];
    const sources = settlingWindows([followedSentence(claim, aligned[0]), ...aligned.slice(1)]).map((a) => ({ aligned: a, facts: sourceFacts(a) }));
    const names = judgeNames(claim, sources);
    if (aligned[0].coverage < MIN_CONTRADICT_COVERAGE) return names;
    return [...judgeNumbers(claim, sources), ...judgeWeekdays(claim, sources), ...names];
  },
};

/** What the store is asked for a claim. */
export function queryOf(claim: FactClaim): AlignmentQuery {
  return { words: claim.facts.words, names: [...new Set(claim.facts.names.map((n) => nameKey(n.words)))] };
}

/** The draft's quotation, date and role spans, each walked in step with the sentences (see {@link SpanSweep}). */
interface NearSpans {
  quotes: SpanSweep;
  dates: SpanSweep;
  roles: SpanSweep;
}

function nearSpans(draft: DraftFacts): NearSpans {
  const roles: TextSpan[] = [];
  for (const p of draft.people) if (p.role) roles.push(p.role.span);
  return { quotes: new SpanSweep(draft.quoteSpans), dates: new SpanSweep(draft.facts.dates.map((d) => d.span)), roles: new SpanSweep(roles) };
}

/**
 * The spans of a list that may meet a sentence, for sentences asked in text
 * order: those from the first that can still meet one to the last starting
 * before the sentence ends. The caller filters them exactly as it would the
 * whole list, in list order, so the answer is the whole list's. The walk
 * needs the list in order of start (a draft's lists are); a list out of
 * order is given whole every time.
 */
export class SpanSweep {
  private lo = 0;
  private lastStart = -Infinity;
  private readonly ordered: boolean;

  constructor(private readonly spans: readonly TextSpan[]) {
    let ordered = true;
    for (let i = 1; i < spans.length && ordered; i++) ordered = spans[i - 1].start <= spans[i].start;
    this.ordered = ordered;
  }

  /** Spans of the list, in its order, that include every one meeting or inside [start, end). */
  near(start: number, end: number): readonly TextSpan[] {
    if (!this.ordered || start < this.lastStart) return this.spans;
    this.lastStart = start;
    // A span ending before this sentence starts ends before every later one starts: it meets none of them.
    while (this.lo < this.spans.length && this.spans[this.lo].end < start) this.lo++;
    let hi = this.lo;
    while (hi < this.spans.length && this.spans[hi].start <= end) hi++;
    return this.spans.slice(this.lo, hi);
  }
}

function claimOf(draft: DraftFacts, sentence: TextSpan, near: NearSpans): FactClaim | undefined {
  const quotes = near.quotes.near(sentence.start, sentence.end).filter((q) => q.start < sentence.end && sentence.start < q.end);
  if (quotes.some((q) => q.start <= sentence.start && sentence.end <= q.end)) return undefined;
  const dates = near.dates.near(sentence.start, sentence.end).filter((d) => d.start >= sentence.start && d.end <= sentence.end);
  const shift = (s: TextSpan): TextSpan => ({ start: s.start - sentence.start, end: s.end - sentence.start });
  // Quote marks are left out with the words inside them.
  const skip = quotes.map((q) => shift({ start: q.start - 1, end: q.end + 1 }));
  const roles = near.roles.near(sentence.start, sentence.end).flatMap((r) => (r.start < sentence.end && sentence.start < r.end ? [shift(r)] : []));
  const read = sentenceClaimOf(draft.text.slice(sentence.start, sentence.end), skip, dates.map(shift), roles);
  return read && { sentence, ...read };
}

/** What a claim holds besides where its sentence stands; shared by every claim of one sentence read alike. */
type SentenceClaim = Omit<FactClaim, 'sentence'>;

/** Writes to {@link sentenceClaimOf}'s memo before its older generation is dropped. */
const CLAIM_MEMO_GENERATION = 4096;
const claimMemo = new BoundedMemo<SentenceClaim | null>(CLAIM_MEMO_GENERATION);

/**
 * The claim of one sentence's text, with its quotations (`skip`), dates and
 * people's roles given relative to it; undefined when it has too little to
 * compare. Remembered by all of these: an edit reads again only the sentences
 * it changed (or whose quotations, dates or roles it changed).
 */
function sentenceClaimOf(text: string, skip: readonly TextSpan[], dates: readonly TextSpan[], roles: readonly TextSpan[]): SentenceClaim | undefined {
  const spans = (xs: readonly TextSpan[]) => xs.map((x) => `${x.start}-${x.end}`).join(',');
  const key = `${spans(skip)}|${spans(dates)}|${spans(roles)}|${text}`;
  const known = claimMemo.get(key);
  if (known !== undefined) return known ?? undefined;
  const read = sentenceFactsOf(text, skip, dates);
  // A name inside a person's role ("a professor at Kookmin University") is the role check's business.
  const facts = { ...read, names: read.names.filter((n) => !roles.some((r) => r.start < n.span.end && n.span.start < r.end)) };
  const claim =
    facts.words.length < MIN_CLAIM_WORDS || facts.numbers.length + facts.weekdays.length + facts.names.length === 0
      ? undefined
      : { text, facts, allWords: wordsWithInitials(text, facts.names) };
  claimMemo.set(key, claim ?? null);
  return claim;
}

interface Source {
  aligned: AlignedSource;
  facts: SentenceFacts;
}

/**
 * The one sentence of a two-sentence window the draft sentence follows, when
 * the neighbour adds only names to it: the draft's own names pull the
 * neighbour in when one was swapped for a name the neighbour uses ("the
 * other partner is CBS" after a sentence on a CBS affiliate), and that
 * neighbour must not explain the swap away. Else the window as it is.
 */
function followedSentence(claim: FactClaim, window: AlignedSource): AlignedSource {
  const parts = splitSentences(window.text);
  if (parts.length !== 2) return window;
  const nameWords = new Set(claim.facts.names.flatMap((n) => n.words));
  const plain = claim.facts.words.filter((w) => !nameWords.has(w));
  const held = (span: TextSpan) => new Set(tokenize(window.text, span.start, span.end).map((t) => t.norm));
  const all = held({ start: 0, end: window.text.length });
  const want = plain.filter((w) => all.has(w)).length;
  for (const part of parts) {
    const words = held(part);
    if (plain.filter((w) => words.has(w)).length < want) continue;
    const base = window.ref.span.start;
    const span = { start: base + part.start, end: base + part.end };
    return {
      ...window,
      ref: { ...window.ref, span },
      text: window.text.slice(part.start, part.end),
      dates: window.dates.filter((d) => d.span.start >= span.start && d.span.end <= span.end),
    };
  }
  return window;
}

/**
 * The best window first, then the windows that may settle a value besides
 * it: other articles' (two sources may state a fact differently), and other
 * passages of its own article. A window overlapping the best one in the same
 * article is that passage with a neighbouring sentence added: a value the
 * neighbour states is about another thing ("the other partner is CBS" beside
 * "the partners are Lombardo Inc and CBS"), so it does not settle the value
 * the draft gives in the best window's slot. A draft merging the two
 * sentences aligns best with the two-sentence window itself.
 */
function settlingWindows(aligned: readonly AlignedSource[]): AlignedSource[] {
  const best = aligned[0];
  const overlaps = (a: AlignedSource) => a.ref.articleId === best.ref.articleId && a.ref.span.start < best.ref.span.end && best.ref.span.start < a.ref.span.end;
  return [best, ...aligned.slice(1).filter((a) => !overlaps(a))];
}

/** The facts of an aligned window; numbers inside its dates are dates. */
function sourceFacts(a: AlignedSource): SentenceFacts {
  const dates = a.dates.map((d) => ({ start: d.span.start - a.ref.span.start, end: d.span.end - a.ref.span.start }));
  return sentenceFactsOf(a.text, [], dates);
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
    // Paired one to one, so a draft "12,000" restating the source's "12,000" does not also claim its "11,900".
    if (!partner || !unmatchedNumbers(draftNumbers, best.facts.numbers).sourceLeft.includes(partner)) continue;
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
  const pair = swapByPresence(claim, sources) ?? swapBySlot(claim, sources);
  if (!pair) return [];
  const { mine, theirs } = pair;
  // The draft follows the source closely but for the swapped name: a long name swapped takes its words out of the share.
  const held = new Set(tokenize(best.aligned.text).map((t) => t.norm));
  const others = claim.facts.words.filter((w) => !mine.words.includes(w));
  if (others.length === 0 || others.filter((w) => held.has(w)).length / others.length < MIN_CONTRADICT_COVERAGE) return [];
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

/**
 * A swap told by which names each side holds: the one draft name no aligned
 * window holds but the aligned article uses elsewhere, against the one name
 * of the best window the draft lacks (or the one after the same two words).
 */
function swapByPresence(claim: FactClaim, sources: readonly Source[]): { mine: NameSlot; theirs: NameSlot } | undefined {
  const best = sources[0];
  if (claim.facts.names.length === 0) return undefined;
  // The best window's words first: most sentences end here (no name, or more than one, left unexplained by it).
  const bestWords = wordsWithInitials(best.aligned.text, best.facts.names);
  const unexplained = claim.facts.names.filter((n) => !nameFoundIn(n.words, bestWords));
  if (unexplained.length !== 1) return undefined;
  const mine = unexplained[0];
  // A draft name no aligned source window holds, but the aligned article uses elsewhere: another name of the same story.
  if (!best.aligned.namesInArticle.includes(nameKey(mine.words))) return undefined;
  for (let k = 1; k < sources.length; k++) if (nameFoundIn(mine.words, wordsWithInitials(sources[k].aligned.text, sources[k].facts.names))) return undefined;
  // Source names the draft sentence does not use.
  const dateline = datelineEnd(best.aligned.text);
  const sourceOnly = best.facts.names.filter((s) => s.span.start >= dateline && !nameFoundIn(s.words, claim.allWords));
  if (sourceOnly.length === 0) return undefined;
  // The source name in the draft name's slot: the only one left, else the one after the same words ("plant in Ulsan" / "plant in Busan").
  const inSlot = sourceOnly.length === 1 ? sourceOnly : sourceOnly.filter((s) => sameSlot(claim.text, mine.span, best.aligned.text, s.span));
  return inSlot.length === 1 ? { mine, theirs: inSlot[0] } : undefined;
}

/**
 * A swap told by where the names stand: a name of the best window that no
 * draft name states, and in its place (after the same two words, one of
 * them a content word, or also before the same two) another name that is
 * not a form of it ("deregulate ATT" / "deregulate FCC", "developed for
 * Syntex by Murex Corp" / "… by Syntex Corp", "Reports from Russia" /
 * "Reports from Moscow"). It finds the swaps presence cannot: the new name
 * is one the sentence already uses, or shares a stem with another of its
 * names. Only one such pair, or none is reported.
 */
function swapBySlot(claim: FactClaim, sources: readonly Source[]): { mine: NameSlot; theirs: NameSlot } | undefined {
  const best = sources[0];
  const dateline = datelineEnd(best.aligned.text);
  const found: Array<{ mine: NameSlot; theirs: NameSlot }> = [];
  for (const theirs of best.facts.names) {
    if (theirs.span.start < dateline || claim.facts.names.some((d) => statesName(d, theirs))) continue;
    // People are the names check's: a person's name in another form ("Donald J. Trump") is no swap.
    if (kindOf(theirs, best.aligned.text, best.aligned.people) === 'person') continue;
    const before = wordsAround(best.aligned.text, theirs.span, 'before');
    if (before.length < 2) continue;
    const after = wordsAround(best.aligned.text, theirs.span, 'after');
    for (const mine of claim.facts.names) {
      if (isFormOf(mine, theirs) || wordsAround(claim.text, mine.span, 'before').join(' ') !== before.join(' ')) continue;
      if (before.every((w) => STOPWORDS.has(w)) && wordsAround(claim.text, mine.span, 'after').join(' ') !== after.join(' ')) continue;
      // The draft's name must stand there in the source's stead, not beside it: the draft names it more often than the source does
      // ("for Syntex by Syntex Corp" / "for Syntex by Murex Corp"), not as often ("Lenders, British Bankers" / "Lenders (CML), British Bankers").
      // Any aligned window naming it as often as the draft settles it (two sources may word a sentence differently).
      const times = (names: readonly NameSlot[]) => names.filter((n) => isFormOf(n, mine)).length;
      const inDraft = times(claim.facts.names);
      if (sources.some((s) => times(s.facts.names) >= inDraft)) continue;
      // A name the article never uses is no other name of the same story: the reporter may know more.
      if (!best.aligned.namesInArticle.includes(nameKey(mine.words)) && !best.facts.names.some((n) => isFormOf(n, mine))) continue;
      found.push({ mine, theirs });
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

/** The two normalised words right before or right after a span (punctuation skipped). */
function wordsAround(text: string, span: TextSpan, side: 'before' | 'after'): string[] {
  return side === 'before'
    ? tokenize(text, Math.max(0, span.start - 60), span.start).slice(-2).map((t) => t.norm)
    : tokenize(text, span.end, Math.min(text.length, span.end + 60)).slice(0, 2).map((t) => t.norm);
}

/** Whether a draft name states a source name word for word (a possessive aside: "Russia's" states Russia; "Russian" does not). */
function statesName(draft: NameSlot, source: NameSlot): boolean {
  const plain = (w: string) => w.replace(/['’]s$/, '');
  const mine = new Set(draft.words.map(plain));
  return source.words.filter((w) => !LEGAL_SUFFIX_WORDS.has(w)).every((w) => mine.has(plain(w)) || ['of', 'de', 'la', 'for', 'and', 'the'].includes(w));
}

/** Whether two names are forms of one (either's words found in the other's, initials, a shared stem, a short form: "Fed" / "Federal Reserve"). */
function isFormOf(a: NameSlot, b: NameSlot): boolean {
  if (nameFoundIn(a.words, b.words) || nameFoundIn(b.words, a.words)) return true;
  const short = (x: NameSlot, y: NameSlot) => x.words.length === 1 && x.words[0].length >= 3 && y.words.some((w) => w.startsWith(x.words[0]));
  if (short(a, b) || short(b, a)) return true;
  // A misspelling ("Jameson" / "Jamieson") is the names check's finding, not a swap.
  const x = a.words.join(' ');
  const y = b.words.join(' ');
  return editDistance(x, y, typoBudget(Math.min(x.length, y.length)) + 1) <= typoBudget(Math.min(x.length, y.length));
}

/** A company's legal form, no part of which one it is. */
const LEGAL_SUFFIX_WORDS = new Set(['inc', 'corp', 'corporation', 'co', 'ltd', 'plc', 'llc', 'ag', 'sa', 'nv', 'bv', 'gmbh', 'spa']);

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
