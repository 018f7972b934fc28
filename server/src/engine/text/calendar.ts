/**
 * The calendar's words in one place: month and weekday names as the
 * extractors, the metadata parser and the date formatter spell them.
 */

/** Month names, January first, as written in English copy. */
export const MONTH_NAMES: readonly string[] = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** Weekday names, Monday first. */
export const WEEKDAY_NAMES: readonly string[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Month abbreviations beyond the three-letter prefixes of the names ("Sept"). */
const EXTRA_MONTH_ABBREVIATIONS = ['sept'];

/** Lower-case month names and their abbreviations ("january", "jan", "sept"). */
export const MONTH_WORDS: ReadonlySet<string> = new Set([
  ...MONTH_NAMES.map((m) => m.toLowerCase()),
  ...MONTH_NAMES.map((m) => m.slice(0, 3).toLowerCase()),
  ...EXTRA_MONTH_ABBREVIATIONS,
]);

/** Lower-case weekday names. */
export const WEEKDAY_WORDS: ReadonlySet<string> = new Set(WEEKDAY_NAMES.map((d) => d.toLowerCase()));

/**
 * A regular-expression source matching a capitalised month name or its
 * abbreviation ("Jan", "January", "Sept"), without anchors or flags.
 */
export const MONTH_RE_SOURCE = 'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';

/** A regular-expression source matching a capitalised weekday name. */
export const WEEKDAY_RE_SOURCE = WEEKDAY_NAMES.join('|');

/** The month number (1–12) of a month name or abbreviation in any case ("feb", "February"), if it is one. */
export function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase();
  if (w.length < 3) return undefined;
  const i = MONTH_NAMES.findIndex((m) => m.toLowerCase().startsWith(w));
  return i >= 0 ? i + 1 : undefined;
}
