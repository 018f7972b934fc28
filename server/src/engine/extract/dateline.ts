/**
 * A wire story's dateline as the anchor of its relative dates: "SEOUL, June
 * 12 (Reuters) -" says the story was filed on June 12 where the reporter was,
 * which is the day its "on Thursday", "yesterday" and "the 11th (local time)"
 * count from. "WASHINGTON (AP) —" and BBC copy give no date: the metadata's
 * date stays the anchor.
 */
import { MONTH_RE_SOURCE, monthNumber } from '../text/calendar';

/** Characters from a sentence's start in which a dateline is looked for. */
const DATELINE_WINDOW = 120;
/** Sentences at the start of a text that may carry the dateline (a title line may come first). */
const DATELINE_SENTENCES = 3;
/** Most days a dateline's day may lie from the metadata's date (time zones, a story filed late) and still be the same story's day. */
const MAX_DAYS_FROM_METADATA = 2;

// A place in capitals ("SEOUL", "NEW YORK", "ST. LOUIS, Mo."), a month and day, an optional year, the agency, a dash.
const DATELINE_RE = new RegExp(
  `^[\\p{Lu}][\\p{Lu}\\p{M} .'’-]{1,40}(?:,\\s*[\\p{Lu}][\\p{L}.]{1,15}\\.?)?,\\s*(${MONTH_RE_SOURCE})\\.?\\s+(\\d{1,2})(?:,\\s*(\\d{4}))?\\s*(?:\\([^)\\n]{1,40}\\)\\s*)?[-–—]`,
  'u',
);

/** The date a dateline at `at` gives: month and day, and the year when it writes one. */
export function datelineAt(text: string, at: number): { year?: number; month: number; day: number } | undefined {
  const m = DATELINE_RE.exec(text.slice(at, at + DATELINE_WINDOW));
  if (!m) return undefined;
  const month = monthNumber(m[1]);
  const day = Number(m[2]);
  if (month === undefined || day < 1 || day > 31) return undefined;
  return m[3] ? { year: Number(m[3]), month, day } : { month, day };
}

/**
 * The day a text's relative dates are read against (`YYYY-MM-DD`): the
 * metadata's date, moved to its dateline's day when the two are at most two
 * days apart (the dateline is the reporter's local day; the metadata's time
 * may be another time zone's); without metadata, a dateline that writes its
 * year. Else undefined.
 *
 * @param sentenceStarts where the text's first sentences start (the dateline opens one of them).
 */
export function articleReferenceDate(text: string, sentenceStarts: readonly number[], metadataDate: string | undefined): string | undefined {
  const given = metadataDate && /^\d{4}-\d{2}-\d{2}/.test(metadataDate) ? metadataDate.slice(0, 10) : undefined;
  let line: ReturnType<typeof datelineAt>;
  for (const at of sentenceStarts.slice(0, DATELINE_SENTENCES)) if ((line = datelineAt(text, at))) break;
  if (!line) return given;
  if (!given) return line.year !== undefined ? iso(line.year, line.month, line.day) : undefined;
  const meta = Date.UTC(Number(given.slice(0, 4)), Number(given.slice(5, 7)) - 1, Number(given.slice(8, 10)));
  const year = Number(given.slice(0, 4));
  // The dateline's year is the one that puts it nearest the metadata's date (a story of December 31 published January 1).
  for (const y of line.year !== undefined ? [line.year] : [year, year - 1, year + 1]) {
    const t = Date.UTC(y, line.month - 1, line.day);
    if (new Date(t).getUTCDate() !== line.day) continue;
    if (Math.abs(t - meta) <= MAX_DAYS_FROM_METADATA * 86_400_000) return iso(y, line.month, line.day);
  }
  return given;
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
