/**
 * Date expressions chrono-node does not read, or reads in a way that would
 * invent facts: bare years ("in 2018", "the 2018 Singapore agreement"),
 * ordinal days ("on the 11th"), years given by reference to an earlier date
 * ("in June of the same year"), and offsets from an event rather than from
 * the article's date ("four months after taking office").
 *
 * Each finder works on one sentence and returns candidates with absolute
 * offsets; `dates.ts` merges them with chrono's results.
 */

import type { DateMention, DateValue, TextSpan } from '../types';
import { STOPWORDS } from '../text/tokens';
import { eventLemma, isMonthWord } from './eventWords';
import { MONTH_RE_SOURCE, monthNumber } from '../text/calendar';

/** A date found in a sentence, before event words are attached. */
export interface DateCandidate extends TextSpan {
  value?: DateValue;
  relative?: DateMention['relative'];
  /**
   * The year is the previous dated mention's year plus this offset ("the same
   * year" = 0, "the following year" = 1); resolved once all mentions are known.
   */
  yearFromPrevious?: number;
  /** Which finder wins when candidates overlap: higher first. */
  priority: number;
}

/** A reference date split into its parts (month 1-12). */
export interface ReferenceDay {
  year: number;
  month: number;
  day: number;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, hundred: 100,
};

// Words that end an anchor event: the anchor is the short phrase right after "after"/"before".
const ANCHOR_STOP = new Set(
  ('and but or nor when while as because so that which who where if though although than ' +
    'of to for in on at by with from about against under over').split(' '),
);
const ANCHOR_LEADING = new Set('the a an his her their its our my your this that'.split(' '));

const RELATIVE_RE =
  /\b(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|hundred)\s+(day|week|month|year)s?\s+(after|before|since|following|prior\s+to|into)\s+/gi;

/**
 * "four months after taking office" → `relative: {amount: 4, unit: 'month',
 * direction: 'after', anchor: 'taking office'}` and no value: the anchor is an
 * event, so the calendar date is unknown here. Offsets from a date
 * ("two days after June 11") are left to chrono, which computes them.
 */
export function findRelativeToEvent(text: string, sentence: TextSpan): DateCandidate[] {
  const out: DateCandidate[] = [];
  const sent = text.slice(sentence.start, sentence.end);
  // matchAll works on a copy of the pattern: module-level patterns keep no state.
  let consumed = 0;
  for (const m of sent.matchAll(RELATIVE_RE)) {
    if (m.index < consumed) continue;
    const amountWord = m[1].toLowerCase();
    const amount = /^\d/.test(amountWord) ? Number(amountWord) : NUMBER_WORDS[amountWord];
    if (!amount) continue;
    const unit = m[2].toLowerCase() as 'day' | 'week' | 'month' | 'year';
    const dirWord = m[3].toLowerCase().replace(/\s+/g, ' ');
    const direction = dirWord === 'before' || dirWord === 'prior to' ? 'before' : 'after';
    const anchor = readAnchor(sent, m.index + m[0].length);
    if (!anchor) continue;
    out.push({
      start: sentence.start + m.index,
      end: sentence.start + anchor.end,
      relative: { amount, unit, direction, anchor: anchor.text },
      priority: 4,
    });
    consumed = anchor.end;
  }
  return out;
}

/** The anchor event's words after "after"/"before": up to four words, stopping at punctuation, a conjunction or a preposition. */
function readAnchor(sent: string, from: number): { text: string; end: number } | undefined {
  const wordRe = /[\p{L}\p{N}][\p{L}\p{N}'’\-]*/uy;
  const words: string[] = [];
  let pos = from;
  let end = from;
  while (words.length < 4) {
    const gap = /^[ \t]*/.exec(sent.slice(pos))![0].length;
    wordRe.lastIndex = pos + gap;
    const m = wordRe.exec(sent);
    if (!m) break;
    const lower = m[0].toLowerCase();
    // "a year before and sales of ..." has no anchor: "before" ends the expression there.
    if (ANCHOR_STOP.has(lower)) break;
    // An anchor that is itself a date is not an event: chrono handles "two days after June 11".
    if (words.filter((w) => !ANCHOR_LEADING.has(w)).length === 0 && (isMonthWord(lower) || /^\d/.test(lower))) return undefined;
    words.push(lower);
    pos = m.index + m[0].length;
    end = pos;
  }
  while (words.length > 0 && ANCHOR_LEADING.has(words[0])) words.shift();
  return words.length > 0 ? { text: words.join(' '), end } : undefined;
}

// Words before a bare year that make it a date: "in 2018", "since 1987", "mid-2018".
const YEAR_PREP_STRONG = new Set(
  ('in since until till during throughout early late mid before after fiscal circa spring summer autumn fall ' +
    'winter year calendar end beginning start').split(' '),
);
// Prepositions that also introduce quantities ("for 2000 dlrs"): the year must be followed by a function word or punctuation.
const YEAR_PREP_WEAK = new Set('of for by from through to between than as'.split(' '));
// Determiners before a year used as a modifier ("the 2018 Singapore agreement").
const YEAR_DETERMINERS = new Set('the a an its his her their our this that whose'.split(' '));
// Nouns that a year can modify besides event words ("the 1987 budget").
const YEAR_MODIFIED_NOUNS = new Set(
  ('budget season crop results figures forecast forecasts target targets level levels output production ' +
    'quota quotas plan accounts sales revenue revenues profit profits loss losses census games cup world').split(' '),
);
// Units that make a four-digit number a quantity ("2000 tonnes").
const QUANTITY_UNITS = new Set(
  ('tonnes tonne tons ton dlrs dlr dollars dollar pct percent mln million billion bln shares share barrels bpd ' +
    'points units workers people troops acres hectares kilometres kilometers km miles ounces oz ozs bushels bales ' +
    'cars vehicles feet metres meters yen marks francs stg pounds lbs cts cents rupees yuan won euros employees ' +
    'jobs members men women children students votes seats sq square cubic gallons litres liters kg mw megawatts ' +
    'lots contracts loans days weeks months years hours').split(' '),
);

const YEAR_RE = /(?<![\p{L}\p{N}$£€¥.,/#])((?:19|20)\d\d)(?![\p{L}\p{N}]|[.,]\d|\/\d|-\d|%)/gu;

interface Neighbour {
  word: string;
  raw: string;
  start: number;
  end: number;
}

/** The word right before `pos`, with only spaces (or "mid-") between. */
function wordBefore(sent: string, pos: number): Neighbour | undefined {
  const m = /([\p{L}]+)(?:[ \t\u00a0]+|-)$/u.exec(sent.slice(Math.max(0, pos - 40), pos));
  if (!m) return undefined;
  const start = pos - m[0].length;
  if (m[0].endsWith('-') && m[1].toLowerCase() !== 'mid') return undefined;
  return { word: m[1].toLowerCase(), raw: m[1], start, end: start + m[1].length };
}

/** The word right after `pos`, with only spaces between. */
function wordAfter(sent: string, pos: number): Neighbour | undefined {
  const m = /^[ \t\u00a0]+([\p{L}][\p{L}'’\-]*)/u.exec(sent.slice(pos, pos + 40));
  if (!m) return undefined;
  const start = pos + m[0].length - m[1].length;
  return { word: m[1].toLowerCase(), raw: m[1], start, end: start + m[1].length };
}

/** True when nothing but punctuation or the sentence's end follows `pos` (", ", ")", "."). */
function punctuationAfter(sent: string, pos: number): boolean {
  return /^\s*(?:$|[,.;:!?)\]"'”’—–])/.test(sent.slice(pos, pos + 3));
}

/**
 * Four-digit years 1900-2099 standing alone, in a date context: after a
 * date preposition ("in 2018"), as a modifier ("the 2018 Singapore
 * agreement"), or listed after another year ("in 2018 or 2019"). Numbers that
 * are quantities ("2000 tonnes", "for 1987 dlrs") are left out.
 */
export function findBareYears(text: string, sentence: TextSpan): DateCandidate[] {
  const out: DateCandidate[] = [];
  const sent = text.slice(sentence.start, sentence.end);
  for (const m of sent.matchAll(YEAR_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = wordBefore(sent, start);
    const after = wordAfter(sent, end);
    if (after && QUANTITY_UNITS.has(after.word)) continue;
    if (/^\s*\d/.test(sent.slice(end, end + 3))) continue; // "1987 1988 1989" tables, "2000 5,000"
    if (isYearContext(sent, start, end, before, after, out, sentence.start)) {
      out.push({ start: sentence.start + start, end: sentence.start + end, value: { year: Number(m[1]) }, priority: 1 });
    }
  }
  return out;
}

function isYearContext(
  sent: string,
  start: number,
  end: number,
  before: Neighbour | undefined,
  after: Neighbour | undefined,
  previousYears: readonly DateCandidate[],
  offset: number,
): boolean {
  if (before && YEAR_PREP_STRONG.has(before.word)) return true;
  if (before && YEAR_PREP_WEAK.has(before.word)) {
    if (!after) return punctuationAfter(sent, end);
    return STOPWORDS.has(after.word) || /^\p{Lu}/u.test(after.raw) || eventLemma(after.word) !== undefined;
  }
  // "in 2018 or 2019", "from 1985 to 1987", "1986-1987" is excluded by the pattern itself.
  const last = previousYears[previousYears.length - 1];
  if (last && /^\s*(?:,|and|or|to|through|until|nor)\s*(?:in\s+)?$/i.test(sent.slice(last.end - offset, start))) return true;
  // A year modifying what follows: "the 2018 Singapore agreement", "the 2020 election".
  const determinerBefore = !before ? /(?:^|[(“"‘'])\s*$/.test(sent.slice(Math.max(0, start - 3), start)) : YEAR_DETERMINERS.has(before.word);
  if (determinerBefore && after) {
    if (/^\p{Lu}/u.test(after.raw) && !isMonthWord(after.word)) return true;
    if (eventLemma(after.word) || YEAR_MODIFIED_NOUNS.has(after.word)) return true;
  }
  return false;
}

// "on the 11th", followed by punctuation, "(local time)" or a conjunction: not "the 11th floor".
const ORDINAL_DAY_RE = /\b(?:on|since|until|till|by|from|before|after|through|of)\s+(the\s+(\d{1,2})(?:st|nd|rd|th))\b/gi;

/**
 * "on the 11th (local time)": the 11th of the reference date's month when
 * there is a reference date (Korean and Japanese wire copy dates events this
 * way), else only the day.
 */
export function findOrdinalDays(text: string, sentence: TextSpan, ref: ReferenceDay | undefined): DateCandidate[] {
  const out: DateCandidate[] = [];
  const sent = text.slice(sentence.start, sentence.end);
  for (const m of sent.matchAll(ORDINAL_DAY_RE)) {
    const day = Number(m[2]);
    if (day < 1 || day > 31) continue;
    const phraseStart = m.index + m[0].length - m[1].length;
    const end = m.index + m[0].length;
    if (!/^(?:\s*$|\s*[,.;:!?()\-–—"”]|\s+(?:and|or|to|when|at|in|local|this|last|of\s+(?:this|last|the\s+same)\s+month)\b)/i.test(sent.slice(end, end + 30))) {
      continue;
    }
    const value: DateValue =
      ref && day <= daysInMonth(ref.year, ref.month) ? { year: ref.year, month: ref.month, day } : { day };
    out.push({ start: sentence.start + phraseStart, end: sentence.start + end, value, priority: 2 });
  }
  return out;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const YEAR_REFERENCE_WORDS: Readonly<Record<string, number>> = {
  same: 0, that: 0, 'that same': 0, following: 1, previous: -1, preceding: -1, prior: -1,
};

// Right after a month: "June of the same year", "June that year", "March the following year".
const MONTH_YEAR_REFERENCE_RE = /^,?\s+(?:of\s+)?(?:the\s+)?(same|that same|that|following|previous|preceding|prior)\s+year\b/i;

/** If a month mention is followed by "of the same year" and the like: the offset to the previous year mentioned and the extra length. */
export function yearReferenceAfter(text: string, end: number): { offset: number; length: number } | undefined {
  const m = MONTH_YEAR_REFERENCE_RE.exec(text.slice(end, end + 40));
  if (!m) return undefined;
  return { offset: YEAR_REFERENCE_WORDS[m[1].toLowerCase()], length: m[0].length };
}

const YEAR_REFERENCE_RE = /\b(?:(?:later|earlier)\s+)?(?:in\s+)?(?:(the)\s+(same|following|previous|preceding|prior)|(that(?:\s+same)?))\s+year\b(?!['’]s)/gi;

/** "later that year", "the same year", "the following year": a year given by the previous date. */
export function findYearReferences(text: string, sentence: TextSpan): DateCandidate[] {
  const out: DateCandidate[] = [];
  const sent = text.slice(sentence.start, sentence.end);
  for (const m of sent.matchAll(YEAR_REFERENCE_RE)) {
    const key = (m[2] ?? m[3]).toLowerCase().replace(/\s+/g, ' ');
    // "in the same year" keeps "the same year" as its text.
    const phrase = /(?:the|that)\b[\s\S]*$/i.exec(m[0])!;
    const start = m.index + m[0].length - phrase[0].length;
    out.push({ start: sentence.start + start, end: sentence.start + m.index + m[0].length, yearFromPrevious: YEAR_REFERENCE_WORDS[key], priority: 3 });
  }
  return out;
}

const MONTH_FROM_REFERENCE_RE = new RegExp(`\\b(last|this|next)\\s+(${MONTH_RE_SOURCE})\\b(?!\\s+\\d)`, 'g');

/**
 * "last June", "this March", "next January": a month placed by the article's
 * date, which chrono reads as the month alone. "last June" is the latest June
 * before the reference month (in March 2020, June 2019; in July 2020, June
 * 2020), "next June" the first after it, "this June" the reference year's.
 * Without a reference date only the month is known.
 */
export function findMonthsFromReference(text: string, sentence: TextSpan, ref: ReferenceDay | undefined): DateCandidate[] {
  const out: DateCandidate[] = [];
  const sent = text.slice(sentence.start, sentence.end);
  for (const m of sent.matchAll(MONTH_FROM_REFERENCE_RE)) {
    const month = monthNumber(m[2]);
    if (month === undefined) continue;
    const value: DateValue = { month };
    if (ref) {
      const which = m[1].toLowerCase();
      value.year = which === 'last' ? (month < ref.month ? ref.year : ref.year - 1) : which === 'next' ? (month > ref.month ? ref.year : ref.year + 1) : ref.year;
    }
    out.push({ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length, value, priority: 3 });
  }
  return out;
}
