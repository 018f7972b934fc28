/**
 * Date extraction: every date expression of a text, with what it surely says
 * (year, month, day as far as the text and the article's date give them) and
 * the words tying it to an event.
 *
 * chrono-node reads absolute and casual expressions; `datePatterns.ts` adds
 * what chrono misses or would over-read (bare years, "the 11th", "June of the
 * same year", "four months after taking office"). A component chrono only
 * implies — a year guessed from the reference date for "in March", a day
 * guessed for "last week" — is never reported as known.
 */

import * as chrono from 'chrono-node';
import type { DateMention, DateValue, ExtractOptions, SentenceMemo, SentenceSpan } from '../types';
import {
  findBareYears,
  findMonthsFromReference,
  findOrdinalDays,
  findRelativeToEvent,
  findYearReferences,
  yearReferenceAfter,
  type DateCandidate,
  type ReferenceDay,
} from './datePatterns';
import { eventWordsForDates, type DatedSpan } from './eventWords';
import { articleReferenceDate } from './dateline';
import { MONTH_RE_SOURCE, WEEKDAY_RE_SOURCE } from '../text/calendar';

/**
 * Finds the date expressions of `text`, sentence by sentence, and ties each to
 * the event and place words of its clause.
 *
 * @param text the whole text; spans in the result are offsets into it.
 * @param sentences the text's sentences, in order (only text inside them is read).
 * @param options `referenceDate` (`YYYY-MM-DD`, the article's date) resolves
 *   "yesterday", "on Monday", "on the 11th" and gives a year to "June 11".
 *   Without it such expressions keep only what they say themselves.
 * @example
 * extractDates('They met in June 2018 in Singapore.', [{ start: 0, end: 35 }])
 * // → [{ text: 'June 2018', value: { year: 2018, month: 6 }, eventWords: ['singapore', 'meet'], ... }]
 */
export function extractDates(text: string, sentences: SentenceSpan[], options: ExtractOptions = {}): DateMention[] {
  // A dateline ("SEOUL, June 12 (Reuters) -") gives the reporter's own day, or the day when the metadata gives none.
  const referenceDate = articleReferenceDate(text, sentences.slice(0, 3).map((s) => s.start), options.referenceDate);
  if (referenceDate !== options.referenceDate) options = { ...options, referenceDate };
  const ref = parseReferenceDate(options.referenceDate);
  const found: { candidate: DateCandidate; sentence: SentenceSpan; sentenceIndex: number }[] = [];
  sentences.forEach((sentence, sentenceIndex) => {
    for (const candidate of candidatesOf(text, sentence, ref, options)) found.push({ candidate, sentence, sentenceIndex });
  });
  resolveYearReferences(found);

  const kept = found.filter(({ candidate: c }) => c.relative !== undefined || hasAnyPart(c.value));
  const dated = kept.map(({ candidate, sentence }) => ({ span: { start: candidate.start, end: candidate.end }, sentence }));
  const words = options.sentenceMemo ? eventWordsBySentence(text, dated, options.sentenceMemo) : eventWordsForDates(text, dated);
  return kept.map(({ candidate: c }, i) => {
    const mention: DateMention = { text: text.slice(c.start, c.end), span: { start: c.start, end: c.end }, eventWords: words[i] };
    if (hasAnyPart(c.value)) mention.value = c.value;
    if (c.relative) mention.relative = c.relative;
    return mention;
  });
}

/**
 * {@link eventWordsForDates} one sentence at a time through `memo`: a date's
 * event words depend on its sentence's words and the spans of the dates kept
 * in that sentence only, which is the key (a year reference resolved from the
 * sentence before may add or drop a kept date, and so changes the key).
 */
function eventWordsBySentence(text: string, dated: readonly DatedSpan[], memo: SentenceMemo): string[][] {
  const out: string[][] = [];
  for (let from = 0; from < dated.length; ) {
    const sentence = dated[from].sentence;
    let to = from + 1;
    while (to < dated.length && dated[to].sentence.start === sentence.start) to++;
    let key = `events\u0000${text.slice(sentence.start, sentence.end)}`;
    for (let i = from; i < to; i++) key += `\u0000${dated[i].span.start - sentence.start}:${dated[i].span.end - sentence.start}`;
    // Only this function writes keys with this prefix; the words are copied out, so callers may keep them.
    let words = memo.get(key) as string[][] | undefined;
    if (!words) {
      words = eventWordsForDates(text, dated.slice(from, to));
      memo.set(key, words);
    }
    for (const w of words) out.push([...w]);
    from = to;
  }
  return out;
}

/** `YYYY-MM-DD` (a time part is ignored) → its parts; undefined when absent or malformed. */
export function parseReferenceDate(iso: string | undefined): ReferenceDay | undefined {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return { year, month, day };
}

function hasAnyPart(v: DateValue | undefined): v is DateValue {
  return v !== undefined && (v.year !== undefined || v.month !== undefined || v.day !== undefined);
}

/**
 * The candidates of one sentence, from the caller's memo when the same
 * sentence was read before (they depend on its words and the reference date
 * only). Fresh copies each time: year references are resolved in place.
 */
function candidatesOf(text: string, sentence: SentenceSpan, ref: ReferenceDay | undefined, options: ExtractOptions): DateCandidate[] {
  const memo = options.sentenceMemo;
  if (!memo) return findInSentence(text, sentence, ref);
  const key = `dates\u0000${options.referenceDate ?? ''}\u0000${text.slice(sentence.start, sentence.end)}`;
  // The memo's owner bounds it (a checker keeps what recent checks used); only this module writes this key.
  let relative = memo.get(key) as DateCandidate[] | undefined;
  if (!relative) {
    relative = findInSentence(text, sentence, ref).map((c) => ({ ...c, start: c.start - sentence.start, end: c.end - sentence.start }));
    memo.set(key, relative);
  }
  return relative.map((c) => ({ ...c, start: c.start + sentence.start, end: c.end + sentence.start, value: c.value && { ...c.value } }));
}

/** All candidates of one sentence, overlaps resolved by priority then length, in text order. */
function findInSentence(text: string, sentence: SentenceSpan, ref: ReferenceDay | undefined): DateCandidate[] {
  const candidates: DateCandidate[] = [
    ...findRelativeToEvent(text, sentence),
    ...findYearReferences(text, sentence),
    ...findOrdinalDays(text, sentence, ref),
    ...findMonthsFromReference(text, sentence, ref),
    ...findBareYears(text, sentence),
  ];
  if (hasChronoTrigger(text.slice(sentence.start, sentence.end))) candidates.push(...findWithChrono(text, sentence, ref));
  candidates.sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: DateCandidate[] = [];
  for (const c of candidates) if (!kept.some((k) => k.start < c.end && c.start < k.end)) kept.push(c);
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * "June of the same year" and "the following year" take their year from the
 * previous mention with a year in the same sentence, else in the sentence
 * before; with none, the year stays unknown.
 */
function resolveYearReferences(found: { candidate: DateCandidate; sentenceIndex: number }[]): void {
  for (let i = 0; i < found.length; i++) {
    const { candidate, sentenceIndex } = found[i];
    if (candidate.yearFromPrevious === undefined) continue;
    let year: number | undefined;
    for (let j = i - 1; j >= 0 && year === undefined; j--) {
      if (found[j].sentenceIndex < sentenceIndex - 1) break;
      year = found[j].candidate.value?.year;
    }
    if (year !== undefined) candidate.value = { ...candidate.value, year: year + candidate.yearFromPrevious };
  }
}

// chrono is the slow part: it runs only on sentences with something it can
// read. Month names must be capitalised (as news copy writes them) so the
// modal "may" and the verb "march" do not wake it up.
const MONTHS = MONTH_RE_SOURCE;
const WEEKDAYS = WEEKDAY_RE_SOURCE;
const CHRONO_TRIGGERS: readonly RegExp[] = [
  new RegExp(`\\b(?:${MONTHS}|${MONTHS.toUpperCase()}|${WEEKDAYS}|${WEEKDAYS.toUpperCase()})\\b`),
  /\b(?:yesterday|today|tonight|tomorrow)\b|\b(?:last|next|this)\s+(?:year|month)\b|\b(?:years?|months?|days?)\s+ago\b/i,
  /\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b/,
];
// chrono reads month names in any case: its output is checked again for capitalised months.
const MONTH_WORD = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?/gi;
const CAPITALISED_MONTH = new RegExp(`^(?:${MONTHS}|${MONTHS.toUpperCase()})\\.?$`);
const FULL_WEEKDAY = new RegExp(`\\b(?:${WEEKDAYS}|${WEEKDAYS.toUpperCase()})\\b`);
// Expressions whose meaning depends on the article's date.
const REFERENCE_DEPENDENT = /\b(?:today|tonight|yesterday|tomorrow|last|next|this|ago|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/i;
// Too vague or tied to another event than the article's date: "this week", "three weeks later", "now", "at 10 am".
const UNUSABLE = /\b(?:week|weeks|weekend|hours?|minutes?|seconds?|later|earlier|past|coming|now|season|quarter)\b/i;
// A date needs a number, a month, a weekday or a word relative to the article's date ("the year" alone is none).
const DATE_WORD = new RegExp(`\\d|\\b(?:${MONTHS}|${MONTHS.toUpperCase()}|${WEEKDAYS})\\b|\\b(?:today|tonight|yesterday|tomorrow|last|next|this|ago)\\b`, 'i');
// "the end of March": chrono makes it March 31, more than the text says.
const PERIOD_PART = /\b(?:end|beginning|start|middle|mid|early|late)\b/i;
// Without a reference date chrono still needs one; only components certain regardless of it are read.
const NEUTRAL_REFERENCE = new Date(2000, 0, 1, 12);

function hasChronoTrigger(sentence: string): boolean {
  return CHRONO_TRIGGERS.some((re) => re.test(sentence));
}

function findWithChrono(text: string, sentence: SentenceSpan, ref: ReferenceDay | undefined): DateCandidate[] {
  const sent = text.slice(sentence.start, sentence.end);
  const refDate = ref ? new Date(ref.year, ref.month - 1, ref.day, 12) : NEUTRAL_REFERENCE;
  const out: DateCandidate[] = [];
  for (const result of chrono.parse(sent, refDate, { forwardDate: false })) {
    const candidate = fromChronoResult(text, sentence.start, result, ref !== undefined);
    if (candidate) out.push(candidate);
  }
  return out;
}

/** Converts one chrono result, keeping only what it really knows; undefined when that is nothing usable. */
function fromChronoResult(text: string, offset: number, result: chrono.ParsedResult, hasReference: boolean): DateCandidate | undefined {
  let start = offset + result.index;
  let end = start + result.text.length;
  // "on Monday" → "Monday": the span is the date, so a suggestion can replace it.
  const lead = /^(?:on|in|at|by|during|from|until|since)\s+/i.exec(result.text);
  if (lead) start += lead[0].length;
  // "the end of June 2004" → "June 2004", noted as a part of a period (its day is not known).
  const periodLead = /^(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+/i.exec(text.slice(start, end));
  if (periodLead) start += periodLead[0].length;
  while (end > start && /[\s,;:]/.test(text[end - 1])) end--;
  // chrono takes "June of" from "June of the same year"; the "of" belongs to what follows.
  const dangling = /\s+of$/i.exec(text.slice(start, end));
  if (dangling) end -= dangling[0].length;
  const surface = text.slice(start, end);

  if (UNUSABLE.test(surface) || !DATE_WORD.test(surface)) return undefined;
  // "the last four years" is a period, "two years ago" a date.
  if (/\b(?:years|months|days)\b/i.test(surface) && !/\bago\b/i.test(surface)) return undefined;
  // "3/4 pct" is a fraction and "June/July" a pair of delivery months, not dates; "3/15/87" is one.
  if (surface.includes('/') && !/^\d{1,4}\/\d{1,2}\/\d{1,4}$/.test(surface)) return undefined;
  if (text[start - 1] === '/' || text[end] === '/') return undefined;
  for (const m of surface.matchAll(MONTH_WORD)) if (!CAPITALISED_MONTH.test(m[0])) return undefined;

  const s = result.start;
  const certain = (c: 'year' | 'month' | 'day'): number | undefined => (s.isCertain(c) ? (s.get(c) ?? undefined) : undefined);
  const implied = (c: 'year' | 'month' | 'day'): number | undefined => s.get(c) ?? undefined;
  const dependsOnReference = REFERENCE_DEPENDENT.test(surface) || [...result.tags()].some((t) => t.startsWith('casualReference') || t === 'result/relativeDate');
  if (dependsOnReference && !hasReference) return undefined;

  let year = certain('year');
  let month = certain('month');
  let day = certain('day');
  const weekdayOnly = s.isCertain('weekday') && day === undefined;
  if (weekdayOnly) {
    // "on Monday": chrono picks the nearest such day to the article's date, which is how news copy uses it.
    if (!FULL_WEEKDAY.test(surface) || !hasReference) return undefined;
    // "the Friday before", "the third Friday of every month": not the Friday nearest the article's date.
    if (/\b(?:the|a|an|every|each|first|second|third|fourth|fifth)\s+$/i.test(text.slice(Math.max(0, start - 10), start))) return undefined;
    if (/^\s+(?:of|before|after)\b/i.test(text.slice(end, end + 10))) return undefined;
    year = implied('year');
    month = implied('month');
    day = implied('day');
  }
  if (year === undefined && result.end?.isCertain('year')) {
    // "June to August 2018": the range's year applies to its start.
    const endYear = result.end.get('year')!;
    const endMonth = result.end.get('month') ?? 12;
    year = month !== undefined && month > endMonth ? endYear - 1 : endYear;
  }
  // "June 11" in an article of 2025-06-12 is June 11, 2025 (chrono takes the year nearest the article's date);
  // "in March" alone stays without a year, as it may belong to another year of the story.
  if (year === undefined && month !== undefined && day !== undefined && hasReference) year = implied('year');
  if (periodLead || PERIOD_PART.test(surface) || [...result.tags()].some((t) => t.includes('EndOfPeriod'))) day = undefined;
  if (month === undefined) day = undefined;
  if (year === undefined && month === undefined) return undefined;

  const value: DateValue = {};
  if (year !== undefined) value.year = year;
  if (month !== undefined) value.month = month;
  if (day !== undefined) value.day = day;
  const candidate: DateCandidate = { start, end, value, priority: 2 };

  // "June of the same year": the year comes from the previous date.
  if (year === undefined) {
    const ofSameYear = yearReferenceAfter(text, end);
    if (ofSameYear) {
      candidate.end = end + ofSameYear.length;
      candidate.yearFromPrevious = ofSameYear.offset;
      // Wins over the bare "the same year" found inside it.
      candidate.priority = 3.5;
    }
  }
  return candidate;
}
