/**
 * Numbers of a text as values: cardinals in digits or words ("3,000",
 * "three thousand"), ordinals ("third", "3rd"), amounts with a currency and a
 * scale ("£1.5m", "1.5 million pounds", Reuters' "1.5 mln dlrs"), percentages
 * ("5%", "5 per cent", "5 pct"), with the noun they count ("3,000 jobs") and
 * whether the writer hedged them ("nearly 3,000").
 *
 * Years and the days of dates are dates, not numbers: the caller passes the
 * spans of the text's date mentions and numbers inside them are skipped.
 */
import type { TextSpan } from '../types';
import { normalizeWord, STOPWORDS } from '../text/tokens';

/** What a number counts or measures. */
export type NumberKind = 'cardinal' | 'ordinal' | 'percent' | 'money';

/** A number of a text. */
export interface NumberMention {
  /** The words as written, hedge excluded ("£1.5m", "three thousand", "5 pct"). */
  text: string;
  span: TextSpan;
  /** The value with its scale applied (1.5e6 for "£1.5m"; 5 for "5%"). */
  value: number;
  kind: NumberKind;
  /** ISO-like currency code for money ("GBP", "USD", "EUR", "JPY"); absent when the text names none. */
  currency?: string;
  /** The normalised noun right after the number ("jobs", "people"), if any. */
  unit?: string;
  /** "nearly", "about", "more than"…: the writer gives the value as approximate or as a bound. */
  hedged: boolean;
  /** Significant figures of the value as written (3,000 → 1; 2,970 → 3; "1.5m" → 2): what rounding may absorb. */
  significant: number;
}

const SMALL: Record<string, number> = {
  zero: 0, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
// "one" is left out on its own: "one of the", "no one", "one day" are rarely counts a summary changes.
const ONE_IN_COMPOUND: Record<string, number> = { one: 1 };
const ORDINALS: Record<string, number> = {
  second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, twentieth: 20,
};
const SCALES: Record<string, number> = {
  hundred: 100, thousand: 1e3, k: 1e3, million: 1e6, mln: 1e6, mn: 1e6, m: 1e6, billion: 1e9, bln: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12, trn: 1e12,
};
const CURRENCY_SIGNS: Record<string, string> = { $: 'USD', '£': 'GBP', '€': 'EUR', '¥': 'JPY', 'us$': 'USD' };
const CURRENCY_WORDS: Record<string, string> = {
  dollar: 'USD', dollars: 'USD', dlr: 'USD', dlrs: 'USD', pound: 'GBP', pounds: 'GBP', sterling: 'GBP', stg: 'GBP',
  euro: 'EUR', euros: 'EUR', yen: 'JPY', cents: 'USD', cts: 'USD',
};
const PERCENT_WORDS = new Set(['percent', 'pct', '%']);
const HEDGES = [
  'nearly', 'almost', 'about', 'around', 'roughly', 'approximately', 'some', 'over', 'under', 'more than', 'less than',
  'fewer than', 'at least', 'up to', 'close to', 'just over', 'just under', 'upwards of', 'an estimated', 'as many as', 'as much as', 'below', 'above',
];

// A number in digits (with thousands separators and a decimal part), or a run of number words.
// A run starts with a number word (or "a" before a scale: "a million") and may hold "and" between number words.
const NUMBER_WORD = `(?:${[...Object.keys(SMALL), 'one', 'hundred', 'thousand', 'million', 'billion', 'trillion'].join('|')})`;
const WORD_NUMBER = `(?:${NUMBER_WORD}|a(?=[\s-]+(?:hundred|thousand|million|billion|trillion)\b))(?:[\s-]+(?:and[\s-]+)?${NUMBER_WORD})*`;
const NUMBER_RE = new RegExp(
  String.raw`(?<cur>US\$|[$£€¥])?\s?(?:(?<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?<ord>st|nd|rd|th)?|(?<words>\b${WORD_NUMBER}\b)|(?<ordw>\b(?:${Object.keys(ORDINALS).join('|')})\b))` +
    String.raw`(?:\s?(?<scale>hundred|thousand|million|billion|trillion|mln|bln|mn|bn|tn|trn|[mkb])\b)?` +
    String.raw`(?:\s?(?<pct>%|per\s?cent\b|percent\b|pct\b))?`,
  'giu',
);

/**
 * The numbers of `text[within]`, in order.
 *
 * @param skip spans to leave alone (dates, quotations), sorted or not.
 * @example
 * extractNumbers('The firm will cut nearly 3,000 jobs and spend £1.5m.')
 * // → [{ text: '3,000', value: 3000, kind: 'cardinal', unit: 'jobs', hedged: true, … },
 * //    { text: '£1.5m', value: 1500000, kind: 'money', currency: 'GBP', … }]
 */
export function extractNumbers(text: string, within: TextSpan = { start: 0, end: text.length }, skip: readonly TextSpan[] = []): NumberMention[] {
  const out: NumberMention[] = [];
  const slice = text.slice(within.start, within.end);
  NUMBER_RE.lastIndex = 0;
  for (let m = NUMBER_RE.exec(slice); m !== null; m = NUMBER_RE.exec(slice)) {
    if (m[0].length === 0) {
      NUMBER_RE.lastIndex++;
      continue;
    }
    const lead = m[0].length - m[0].trimStart().length;
    const start = within.start + m.index + lead;
    const end = within.start + m.index + m[0].trimEnd().length;
    if (skip.some((s) => s.start < end && start < s.end)) continue;
    const mention = readMention(text, start, end, m.groups ?? {});
    if (mention) out.push(mention);
  }
  return out;
}

function readMention(text: string, start: number, end: number, g: Record<string, string | undefined>): NumberMention | undefined {
  let value: number;
  let significant: number;
  let kind: NumberKind = 'cardinal';
  if (g.digits) {
    // A word glued to the digits ("3D", "G20", "F-16", "COVID-19") is a name, not a count.
    if (/[\p{L}\-]/u.test(text[start - 1] ?? '') || (!g.ord && !g.scale && !g.pct && /[\p{L}]/u.test(text[end] ?? ''))) return undefined;
    // A number after a capitalised word is part of a name ("Chapter 11", "Boeing 747", "Article 50"), unless the word opens the sentence.
    if (!g.cur && /\p{Lu}[\p{L}]*\s$/u.test(text.slice(Math.max(0, start - 30), start)) && !/(?:^|[.!?]\s+)\p{Lu}[\p{L}]*\s$/u.test(text.slice(Math.max(0, start - 30), start))) return undefined;
    value = Number(g.digits.replace(/,/g, ''));
    significant = significantFigures(g.digits);
    // A bare four-digit number between 1800 and 2100 is a year: a date, read by the date extractor.
    if (!g.cur && !g.scale && !g.pct && !g.ord && /^(1[89]|20)\d\d$/.test(g.digits)) return undefined;
    if (g.ord) kind = 'ordinal';
  } else if (g.words) {
    const parsed = wordsValue(g.words);
    if (!parsed) return undefined;
    value = parsed.value;
    significant = parsed.significant;
  } else if (g.ordw) {
    value = ORDINALS[g.ordw.toLowerCase()];
    significant = 2;
    kind = 'ordinal';
  } else return undefined;
  if (g.scale) {
    const scale = g.scale.toLowerCase();
    // A lone "m"/"b"/"k" is a scale only right after a currency amount ("£1.5m"), not "5 m" (metres).
    if (scale.length === 1 && !g.cur) return undefined;
    value *= SCALES[scale];
  }
  let currency = g.cur ? CURRENCY_SIGNS[g.cur.toLowerCase()] : undefined;
  if (g.pct) kind = 'percent';
  const after = nextWord(text, end);
  if (!currency && after && CURRENCY_WORDS[after.norm] && kind === 'cardinal') {
    currency = CURRENCY_WORDS[after.norm];
    if (after.norm === 'cents' || after.norm === 'cts') value /= 100;
  }
  if (currency) kind = 'money';
  const unitWord = currency && after && CURRENCY_WORDS[after.norm] ? nextWord(text, after.end) : after;
  const mention: NumberMention = { text: text.slice(start, end), span: { start, end }, value, kind, hedged: hedgedBefore(text, start), significant };
  if (currency) mention.currency = currency;
  // The counted noun is a lower-case word ("3,000 jobs"), not a function word or the start of a name.
  if (unitWord && unitWord.lower && /^\p{L}{3,}$/u.test(unitWord.norm) && !STOPWORDS.has(unitWord.norm)) mention.unit = unitWord.norm;
  return mention;
}

/** The value of a run of number words ("three thousand", "twenty-five", "a million"), or undefined for a lone "a"/"one". */
function wordsValue(words: string): { value: number; significant: number } | undefined {
  const parts = words.toLowerCase().split(/[\s-]+/).filter((w) => w !== 'and');
  if (parts.length === 0 || parts.every((w) => w === 'a' || w === 'one')) return undefined;
  // "a" stands for one only before a scale ("a million", "a hundred").
  if (parts[0] === 'a' && !(parts[1] in SCALES)) return undefined;
  let total = 0;
  let current = 0;
  let digitsNamed = 0;
  for (const w of parts) {
    if (w === 'a') current = 1;
    else if (w in SMALL) {
      current += SMALL[w];
      digitsNamed++;
    } else if (w in ONE_IN_COMPOUND) {
      current += 1;
      digitsNamed++;
    } else if (w === 'hundred') current = (current || 1) * 100;
    else if (w in SCALES) {
      total += (current || 1) * SCALES[w];
      current = 0;
    } else return undefined;
  }
  const value = total + current;
  return { value, significant: Math.max(1, Math.min(digitsNamed, 3)) };
}

/** Significant figures of a written number: trailing zeros of an integer do not count ("3,000" → 1, "2.50" → 3). */
function significantFigures(digits: string): number {
  const plain = digits.replace(/,/g, '');
  if (plain.includes('.')) return plain.replace('.', '').replace(/^0+/, '').length || 1;
  return plain.replace(/^0+/, '').replace(/0+$/, '').length || 1;
}

function nextWord(text: string, from: number): { norm: string; end: number; lower: boolean } | undefined {
  const m = /^[\s-]{0,2}([\p{L}%]+)/u.exec(text.slice(from, from + 40));
  return m ? { norm: normalizeWord(m[1]), end: from + m[0].length, lower: !/^\p{Lu}/u.test(m[1]) } : undefined;
}

function hedgedBefore(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 24), start).toLowerCase().replace(/\s+/g, ' ');
  return HEDGES.some((h) => before.endsWith(` ${h} `) || before === `${h} ` || before.endsWith(`${h} `));
}

/** Whether `word` (normalised) is a word of a number, a scale or a percentage: alignment leaves such words out. */
export function isNumberWord(norm: string): boolean {
  return /^\d/.test(norm) || norm in SMALL || norm in ORDINALS || norm in SCALES || PERCENT_WORDS.has(norm) || norm in CURRENCY_WORDS || norm === 'one';
}
