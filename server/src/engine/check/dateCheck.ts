/**
 * Dates tied to events: first looked up in their own words (the words around
 * the draft's date matched verbatim, the date between them in the source
 * compared: a copy edit is caught whatever the event), then against the dates
 * the sources give the same event.
 */
import type { DateMention, TextSpan } from '../types';
import type { DatedMention } from '../corpusStore';
import { eventMatchKeys } from '../extract/eventWords';
import { STOPWORDS, tokenize, type WordToken } from '../text/tokens';
import { lastAtOrBefore } from '../text/sortedSearch';
import { compareDateValues, firmlySameEvent, formatDateValue, SAME_EVENT_MIN_SCORE, sameEvent } from '../match/compareDates';
import type { Check, JudgedFinding } from './check';

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
}

/** What the corpus gives for one draft date. */
export interface DateEvidence {
  /** Dates standing where the draft's stands, in passages with the same words around it. */
  inContext: DatedMention[];
  /** Dates the sources tie to the same event words (only looked up when the context settled nothing). */
  byEvent: DatedMention[];
}

export const dateCheck: Check<DateClaim, DateEvidence> = {
  name: 'dates',

  claims(draft) {
    const out: DateClaim[] = [];
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
      out.push({ mention, before, after });
    }
    return out;
  },

  key: ({ mention: d, before, after }) =>
    JSON.stringify([d.text, d.value ?? null, d.relative ?? null, d.eventWords, before.map((t) => t.norm), after.map((t) => t.norm)]),

  start: ({ mention }) => mention.span.start,

  async retrieve(claims, store) {
    const withContext = claims.map((c, i) => (c.before.length + c.after.length > 0 ? i : -1)).filter((i) => i >= 0);
    const contexts = await store.findDatesInContext(withContext.map((i) => ({ before: claims[i].before, after: claims[i].after })));
    const out: DateEvidence[] = claims.map(() => ({ inContext: [], byEvent: [] }));
    withContext.forEach((i, k) => (out[i].inContext = contexts[k]));
    // The event look-up serves only dates their own words did not settle.
    const byEvent = claims.map((c, i) => (c.mention.eventWords.length > 0 && !settled(c.mention, out[i].inContext) ? i : -1)).filter((i) => i >= 0);
    const events = await store.findDatesByEvent(byEvent.map((i) => eventMatchKeys(claims[i].mention.eventWords)));
    byEvent.forEach((i, k) => (out[i].byEvent = events[k]));
    return out;
  },

  judge({ mention }, { inContext, byEvent }) {
    const contextSame = inContext.filter((c) => datesAgree(mention, c.mention) === 'same');
    if (contextSame.length > 0) {
      return [{ code: 'date-verified', span: mention.span, message: 'A source gives this date in the same words.', evidence: contextSame.map((c) => c.ref) }];
    }
    const contextDifferent = inContext.filter((c) => datesAgree(mention, c.mention) === 'different');
    if (contextDifferent.length > 0) {
      const source = contextDifferent[0].mention;
      return [
        {
          code: 'date-mismatch',
          span: mention.span,
          message: `A source says ${source.text} in the same words, not ${mention.text}.`,
          suggestion: source.text,
          evidence: contextDifferent.map((c) => c.ref),
        },
      ];
    }
    if (mention.eventWords.length === 0) return [];
    return judgeByEvent(mention, byEvent);
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
    return [{ code: 'date-verified', span: mention.span, message: `The sources give this date for ${eventLabel(mention)}.`, evidence: same.map((c) => c.ref) }];
  }
  if (different.length === 0) return [];
  // Suggest a date as precise as the draft's, from the best-matching source that has one.
  const source = (different.find((e) => precision(e.mention) >= precision(mention)) ?? different[0]).mention;
  const suggestion = mention.relative || !source.value ? source.text : formatDateValue(source.value);
  return [
    {
      code: 'date-mismatch',
      span: mention.span,
      message: `The sources give ${suggestion} for ${eventLabel(mention)}, not ${mention.text}.`,
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
  if (draft.value && source.value) return compareDateValues(draft.value, source.value);
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

function eventLabel(mention: DateMention): string {
  return `this event (${mention.eventWords.slice(0, 4).join(', ')})`;
}
