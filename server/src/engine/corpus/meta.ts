/**
 * Normalising article metadata: dates to `YYYY-MM-DD`, empty and placeholder
 * values ("None", "null", "") to absent.
 */

import type { ArticleMeta } from '../types';
import { monthNumber } from '../text/calendar';


function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function isoDate(year: number, month: number, day: number): string | undefined {
  if (!(year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1)) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * Normalises a date as found in metadata to ISO `YYYY-MM-DD`, dropping any
 * time part. Accepts ISO dates and timestamps (`2025-06-12T09:30:00+09:00`),
 * `2025/06/12`, `2025.06.12`, `June 12, 2025`, `12 June 2025`,
 * `Thu, 12 Jun 2025 10:00:00 GMT`, `06/12/2025` (month first, unless the first
 * number cannot be a month), `20250612`, epoch milliseconds, and `Date`
 * objects. Returns undefined for anything else rather than guessing.
 *
 * The time part is dropped, not converted: a story dated
 * `2025-06-12T01:00:00+09:00` was published on the 12th where it was written.
 */
export function normalizeDate(value: unknown): string | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  }
  if (typeof value === 'number') {
    // Epoch milliseconds (or seconds, when too small to be ms after 1973).
    if (!Number.isFinite(value) || value <= 0) return undefined;
    const ms = value < 1e11 ? value * 1000 : value;
    return normalizeDate(new Date(ms));
  }
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s.length === 0) return undefined;

  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/.exec(s);
  if (m) return isoDate(+m[1], +m[2], +m[3]);

  m = /^(\d{4})(\d{2})(\d{2})(?:$|T)/.exec(s);
  if (m) return isoDate(+m[1], +m[2], +m[3]);

  // 12/06/2025 or 06/12/2025: month first (US) unless the first number is > 12.
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/.exec(s);
  if (m) {
    const a = +m[1];
    const b = +m[2];
    return a > 12 ? isoDate(+m[3], b, a) : isoDate(+m[3], a, b);
  }

  // Weekday names are noise ("Thu, 12 Jun 2025").
  const t = s.replace(/^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i, '');

  // 12 June 2025, 12-Jun-2025, 26-FEB-1987
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{4})\b/.exec(t);
  if (m) {
    const month = monthNumber(m[2]);
    if (month !== undefined) return isoDate(+m[3], month, +m[1]);
  }
  // June 12, 2025 / Jun. 12 2025
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(t);
  if (m) {
    const month = monthNumber(m[1]);
    if (month !== undefined) return isoDate(+m[3], month, +m[2]);
  }
  if (/^\d{10,13}$/.test(s)) return normalizeDate(Number(s));
  return undefined;
}

/** Placeholder strings that mean "no value" in scraped data sets. */
const ABSENT = new Set(['', 'none', 'null', 'undefined', 'n/a', 'nan', 'unknown']);

/**
 * A trimmed, single-spaced string, or undefined for non-strings, empty
 * strings and placeholders like "None" (polnear writes `"author": "None"`).
 */
export function cleanMetaString(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const s = value.replace(/\s+/g, ' ').trim();
  return ABSENT.has(s.toLowerCase()) ? undefined : s;
}

/** An author field that may be a string, a list of names, or `{ name }` objects. */
export function cleanAuthor(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const names = value.map(cleanAuthor).filter((v): v is string => v !== undefined);
    return names.length > 0 ? names.join(', ') : undefined;
  }
  if (value !== null && typeof value === 'object' && 'name' in value) {
    return cleanMetaString((value as { name: unknown }).name);
  }
  return cleanMetaString(value);
}

/** Copies the defined fields of `meta` only, so `{}` stays `{}` (deep-equal friendly). */
export function compactMeta(meta: ArticleMeta): ArticleMeta {
  const out: ArticleMeta = {};
  if (meta.title !== undefined) out.title = meta.title;
  if (meta.date !== undefined) out.date = meta.date;
  if (meta.publisher !== undefined) out.publisher = meta.publisher;
  if (meta.author !== undefined) out.author = meta.author;
  if (meta.url !== undefined) out.url = meta.url;
  return out;
}
