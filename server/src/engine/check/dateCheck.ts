/**
 * Dates tied to events: first looked up in their own words (the words around
 * the draft's date matched verbatim, the date between them in the source
 * compared: a copy edit is caught whatever the event), then against the dates
 * the sources give the same event.
 */
import type { DateMention, TextSpan } from '../types';
import { MAX_EVENT_DATES, type AlignedSource, type AlignmentQuery, type DatedMention } from '../corpusStore';
import { sentenceFactsOf } from '../extract/factSlots';
import { MIN_CONTRADICT_COVERAGE } from './factCheck';
import { eventMatchKeys } from '../extract/eventWords';
import { STOPWORDS, tokenize, type WordToken } from '../text/tokens';
import { lastAtOrBefore } from '../text/sortedSearch';
import { compareDateValues, compareWholeDates, firmlySameEvent, formatDateValue, SAME_EVENT_MIN_SCORE, sameEvent } from '../match/compareDates';
import type { Check, JudgedFinding } from './check';
import { fromTo, quoted } from './findingText';

/** Words of context taken on each side of a draft date for the verbatim match. */
const CONTEXT_BEFORE = 6;
const CONTEXT_AFTER = 4;
/** Least content words in that context for a match to identify the statement. */
const MIN_CONTEXT_CONTENT_WORDS = 3;
/** Characters taken on each side of a date that stands in no sentence. */
const CONTEXT_CHARS = 200;

/** A date of the draft, outside quotations, with the words around it. */
export interface DateClaim {
  mention: DateMention;
  /** Words before and after the date in its sentence, for the verbatim lookup; empty when too few content words. */
  before: WordToken[];
  after: WordToken[];
  /** The sentence's content words (outside quotations), to find the source sentence it follows; absent when too few. */
  alignment?: AlignmentQuery;
  /** The other dates of the draft sentence, as written: a source date stated elsewhere in the sentence is no contradiction. */
  siblings: DateMention[];
}

/** What the corpus gives for one draft date. */
export interface DateEvidence {
  /** Dates standing where the draft's stands, in passages with the same words around it. */
  inContext: DatedMention[];
  /** Dates the sources tie to the same event words (only looked up when the context settled nothing). */
  byEvent: DatedMention[];
  /**
   * Whether {@link byEvent} stopped at the store's cap (`MAX_EVENT_DATES`):
   * a date that agrees may be among those not read, so the list can verify
   * the draft's date but never contradict it.
   */
  byEventCut?: boolean;
  /** The source sentences the draft's sentence follows (only looked up when the context settled nothing). */
  aligned: AlignedSource[];
}

export const dateCheck: Check<DateClaim, DateEvidence> = {
  name: 'dates',

  claims(draft) {
    const out: DateClaim[] = [];
    // A sentence's alignment query is one for all its dates: read once per sentence, each claim given its own copy.
    const alignments = new Map<TextSpan, AlignmentQuery | undefined>();
    const alignmentIn = (sentence: TextSpan): AlignmentQuery | undefined => {
      if (!alignments.has(sentence)) alignments.set(sentence, alignmentOf(draft.text, sentence, draft.quoteSpans, draft.facts.dates));
      const q = alignments.get(sentence);
      return q && { words: [...q.words], names: [...q.names] };
    };
    for (const mention of draft.facts.dates) {
      if (!mention.value && !mention.relative) continue;
      // A date inside a quotation is the speaker's wording; the quotation check judges it.
      if (draft.quoteSpans.some((q) => q.start <= mention.span.start && mention.span.end <= q.end)) continue;
      const sentence = sentenceContaining(draft.facts.sentences, mention.span);
      const within = sentence ?? { start: Math.max(0, mention.span.start - CONTEXT_CHARS), end: Math.min(draft.text.length, mention.span.end + CONTEXT_CHARS) };
      let before = tokenize(draft.text, within.start, mention.span.start).slice(-CONTEXT_BEFORE);
      let after = tokenize(draft.text, mention.span.end, within.end).slice(0, CONTEXT_AFTER);
      if ([...before, ...after].filter((t) => !STOPWORDS.has(t.norm)).length < MIN_CONTEXT_CONTENT_WORDS) {
        before = [];
        after = [];
      }
      const siblings = sentence ? draft.facts.dates.filter((d) => d !== mention && d.span.start >= sentence.start && d.span.end <= sentence.end) : [];
      out.push({ mention, before, after, alignment: sentence && alignmentIn(sentence), siblings });
    }
    return out;
  },

  key: ({ mention: d, before, after, alignment, siblings }) =>
    JSON.stringify([d.text, d.value ?? null, d.relative ?? null, d.eventWords, before.map((t) => t.norm), after.map((t) => t.norm), alignment ?? null, siblings.map((x) => x.value ?? null)]),

  start: ({ mention }) => mention.span.start,

  async retrieve(claims, store) {
    const withContext = claims.map((c, i) => (c.before.length + c.after.length > 0 ? i : -1)).filter((i) => i >= 0);
    const contexts = await store.findDatesInContext(withContext.map((i) => ({ before: claims[i].before, after: claims[i].after })));
    const out: DateEvidence[] = claims.map(() => ({ inContext: [], byEvent: [], aligned: [] }));
    withContext.forEach((i, k) => (out[i].inContext = contexts[k]));
    // The event look-up serves only dates their own words did not settle.
    const byEvent = claims.map((c, i) => (c.mention.eventWords.length > 0 && !settled(c.mention, out[i].inContext) ? i : -1)).filter((i) => i >= 0);
    const events = await store.findDatesByEvent(byEvent.map((i) => eventMatchKeys(claims[i].mention.eventWords)));
    byEvent.forEach((i, k) => {
      out[i].byEvent = events[k];
      if (events[k].length >= MAX_EVENT_DATES) out[i].byEventCut = true;
    });
    // So does the look-up of the source sentence the draft's sentence follows.
    const toAlign = claims.map((c, i) => (c.alignment && !settled(c.mention, out[i].inContext) ? i : -1)).filter((i) => i >= 0);
    const aligned = await store.findAlignedSentences(toAlign.map((i) => claims[i].alignment!));
    toAlign.forEach((i, k) => (out[i].aligned = aligned[k]));
    return out;
  },

  judge({ mention, siblings }, { inContext, byEvent, byEventCut, aligned }) {
    const contextSame = inContext.filter((c) => datesAgree(mention, c.mention) === 'same');
    if (contextSame.length > 0) {
      return [{ code: 'date-verified', span: mention.span, message: 'A source gives this date in the same words.', evidence: contextSame.map((c) => c.ref) }];
    }
    const contextDifferent = inContext.filter((c) => datesAgree(mention, c.mention) === 'different');
    if (contextDifferent.length > 0) {
      const source = contextDifferent[0].mention;
      let wording = sourceWording(source, mention);
      let message = `Date differs from a source in the same words: ${fromTo(mention.text, wording)}`;
      // The same words read against two dates ("on Thursday" in a draft of a later week): say which days they are.
      if (wording.toLowerCase() === mention.text.toLowerCase() && source.value && mention.value) {
        wording = formatDateValue(source.value);
        message = `The source's ${quoted(source.text)} is ${wording}; read against the draft's date (its front matter \`date:\`, else the configured date or today) this one is ${formatDateValue(mention.value)}.`;
      }
      return [
        {
          code: 'date-mismatch',
          span: mention.span,
          message,
          suggestion: wording,
          evidence: contextDifferent.map((c) => c.ref),
        },
      ];
    }
    const inAligned = judgeInAligned(mention, siblings, aligned);
    if (inAligned?.code === 'date-verified') return [inAligned];
    const event = mention.eventWords.length > 0 ? judgeByEvent(mention, byEvent).filter((f) => !byEventCut || f.code === 'date-verified') : [];
    // A date any source gives for the event verifies it; else the sentence the draft follows decides first.
    if (event.some((f) => f.code === 'date-verified')) return event;
    return inAligned ? [inAligned] : event;
  },
};

/** Whether dates found in the same words already decide the verdict (agreeing or not). */
function settled(mention: DateMention, inContext: readonly DatedMention[]): boolean {
  return inContext.some((c) => datesAgree(mention, c.mention) !== 'unknown');
}

/** A draft date is wrong only when no source date of the same event agrees and one is firmly tied to the same place and event. */
function judgeByEvent(mention: DateMention, candidates: readonly DatedMention[]): JudgedFinding[] {
  const same: DatedMention[] = [];
  const different: DatedMention[] = [];
  for (const c of sameEventDates(mention, candidates)) {
    const verdict = datesAgree(mention, c.mention);
    if (verdict === 'same') same.push(c);
    else if (verdict === 'different' && firmlySameEvent(mention, c.mention)) different.push(c);
  }
  if (same.length > 0) {
    return [{ code: 'date-verified', span: mention.span, message: 'The sources give this date for the same event.', evidence: same.map((c) => c.ref) }];
  }
  if (different.length === 0) return [];
  // Suggest a date as precise as the draft's, from the best-matching source that has one.
  const chosen = different.find((e) => precision(e.mention) >= precision(mention)) ?? different[0];
  const source = chosen.mention;
  const suggestion = mention.relative || !source.value ? source.text : formatDateValue(source.value);
  // The sentence that gives the suggested date is cited first: the hover shows it as "what the source says".
  different.splice(different.indexOf(chosen), 1);
  different.unshift(chosen);
  return [
    {
      code: 'date-mismatch',
      span: mention.span,
      message: `Date differs from the sources: ${fromTo(mention.text, suggestion)}`,
      suggestion,
      evidence: different.map((c) => c.ref),
    },
  ];
}

/**
 * Corpus dates that speak of the same event as `mention`, best first. All of
 * them count: a draft date is wrong only when none of them agrees with it
 * (a source may give several dates that fit one description).
 */
function sameEventDates(mention: DateMention, candidates: readonly DatedMention[]): DatedMention[] {
  const scored: Array<{ c: DatedMention; score: number }> = [];
  for (const c of candidates) {
    const score = sameEvent(mention, c.mention);
    if (score >= SAME_EVENT_MIN_SCORE) scored.push({ c, score });
  }
  // Best event match first; among equals, the more precise date (it makes the better suggestion).
  return scored.sort((a, b) => b.score - a.score || precision(b.c.mention) - precision(a.c.mention)).map((s) => s.c);
}

function precision(m: DateMention): number {
  return (m.value?.year !== undefined ? 1 : 0) + (m.value?.month !== undefined ? 1 : 0) + (m.value?.day !== undefined ? 1 : 0);
}

/** Compares two date mentions by value, or by their relative offsets ("four months after"), or not at all. */
function datesAgree(draft: DateMention, source: DateMention): 'same' | 'different' | 'unknown' {
  if (draft.relative || source.relative) return relativeVerdict(draft, source);
  if (draft.value && source.value) return compareWholeDates(draft.value, source.value);
  return 'unknown';
}

function relativeVerdict(draft: DateMention, source: DateMention): 'same' | 'different' | 'unknown' {
  const a = draft.relative;
  const b = source.relative;
  if (!a || !b || a.direction !== b.direction) return 'unknown';
  return a.unit === b.unit && a.amount === b.amount ? 'same' : a.unit === b.unit ? 'different' : 'unknown';
}

/** The sentence (of sorted, disjoint sentences) that holds `span`. */
function sentenceContaining(sentences: readonly TextSpan[], span: TextSpan): TextSpan | undefined {
  const i = lastAtOrBefore(sentences.length, span.start, (k) => sentences[k].start);
  const s = i >= 0 ? sentences[i] : undefined;
  return s && span.end <= s.end ? s : undefined;
}


/** Least content words a sentence needs before it is aligned with a source sentence. */
const MIN_ALIGN_WORDS = 5;

/**
 * The alignment query of the draft sentence holding a date, or undefined when
 * it has too few content words. Its words are read by `sentenceFactsOf`, from
 * the sentence's own text, as the facts check reads them: one reading of a
 * sentence serves both checks, and an edit reads again only what it changed.
 */
function alignmentOf(text: string, sentence: TextSpan, quotes: readonly TextSpan[], dates: readonly DateMention[]): AlignmentQuery | undefined {
  const shift = (s: TextSpan): TextSpan => ({ start: s.start - sentence.start, end: s.end - sentence.start });
  const skip = quotes.filter((q) => q.start < sentence.end && sentence.start < q.end).map(shift);
  // Dates outside the sentence cannot touch its words or numbers.
  const inSentence = dates.filter((d) => d.span.start < sentence.end && sentence.start < d.span.end).map((d) => shift(d.span));
  const facts = sentenceFactsOf(text.slice(sentence.start, sentence.end), skip, inSentence);
  return facts.words.length >= MIN_ALIGN_WORDS ? { words: facts.words, names: [] } : undefined;
}

/**
 * A date in the sentence the draft's sentence follows: verified when an
 * aligned window states the whole date; wrong when the best window's date
 * for the same slot differs (the only comparable date on both sides, or the
 * one tied to the same place and event) and no date of the draft's sentence
 * states it (clauses reordered).
 */
function judgeInAligned(mention: DateMention, siblings: readonly DateMention[], aligned: readonly AlignedSource[]): JudgedFinding | undefined {
  if (aligned.length === 0 || !mention.value) return undefined;
  for (const a of aligned) {
    const same = a.dates.find((d) => d.value && compareWholeDates(mention.value!, d.value) === 'same');
    if (same) return { code: 'date-verified', span: mention.span, message: 'The source sentence this one follows gives this date.', evidence: [{ articleId: a.ref.articleId, span: same.span }] };
  }
  // A date the sources state anywhere in an aligned window in other words ("June of the same year") is no contradiction either.
  if (aligned.some((a) => a.dates.some((d) => d.value && compareDateValues(mention.value!, d.value) === 'same'))) return undefined;
  const best = aligned[0];
  if (best.coverage < MIN_CONTRADICT_COVERAGE) return undefined;
  const comparable = best.dates.filter((d) => d.value && compareDateValues(mention.value!, d.value) !== 'unknown');
  const mine = [mention, ...siblings].filter((d) => d.value);
  let partner: DateMention | undefined;
  // The dates each side states that the other does not: one left on each side stand in one slot (clauses keep their other dates).
  const sourceLeft = comparable.filter((d) => !mine.some((m) => compareDateValues(m.value!, d.value!) === 'same'));
  const mineLeft = mine.filter((m) => !comparable.some((d) => compareDateValues(m.value!, d.value!) === 'same'));
  if (comparable.length === 1 && mine.length === 1) partner = comparable[0];
  else if (sourceLeft.length === 1 && mineLeft.length === 1 && mineLeft[0] === mention) partner = sourceLeft[0];
  else {
    const tied = comparable.filter((d) => sameEvent(mention, d) >= SAME_EVENT_MIN_SCORE && firmlySameEvent(mention, d));
    if (tied.length === 1) partner = tied[0];
  }
  // The source date must give every part the draft's does: "March" is no partner of "20 December", nor "June 2019" of "June 12".
  if (partner && (['year', 'month', 'day'] as const).some((part) => mention.value![part] !== undefined && partner!.value?.[part] === undefined)) return undefined;
  if (!partner || siblings.some((s) => s.value && compareDateValues(s.value, partner!.value!) === 'same')) return undefined;
  const suggestion = sourceWording(partner, mention);
  return {
    code: 'date-mismatch',
    span: mention.span,
    message: `The source sentence this one follows says ${suggestion}, not ${mention.text}.`,
    suggestion,
    evidence: [{ articleId: best.ref.articleId, span: partner.span }],
  };
}

/**
 * A source date as a suggestion for the draft's: as the source writes it,
 * unless it leans on its context ("June of the same year", "the following
 * year") and its value is as precise as the draft's: then its resolved
 * value ("June 1998"), which reads right in the draft's sentence.
 */
function sourceWording(source: DateMention, draft: DateMention): string {
  if (!source.value || source.relative) return source.text;
  const leans = /\b(?:same|following|previous|next|last|this|that)\b/i.test(source.text);
  return leans && precision(source) >= precision(draft) ? formatDateValue(source.value) : source.text;
}
