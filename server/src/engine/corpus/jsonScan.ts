/**
 * Source positions inside JSON that `JSON.parse` has already accepted.
 *
 * `JSON.parse` gives values but no positions; citations need the line of a
 * record and, better, the exact character of each sentence. These scanners
 * walk the same (known valid) text to find where records and string values
 * stand, and decode a string literal while recording an offset map.
 */

import { OffsetMapBuilder, type OffsetMap } from './locate';

/** A `[start, end)` range of source offsets. */
export interface SourceRange {
  start: number;
  end: number;
}

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** The first offset at or after `i` that is not JSON white space. */
export function skipSpace(src: string, i: number): number {
  while (i < src.length && isJsonSpace(src.charCodeAt(i))) i++;
  return i;
}

/** Offset just after the string literal whose opening quote is at `i`. */
function skipString(src: string, i: number): number {
  for (let j = i + 1; j < src.length; j++) {
    const c = src.charCodeAt(j);
    if (c === 92 /* \ */) j++;
    else if (c === 34 /* " */) return j + 1;
  }
  return src.length;
}

/** Offset just after the JSON value starting at `i` (which must not be white space). */
export function skipValue(src: string, i: number): number {
  const c = src.charCodeAt(i);
  if (c === 34) return skipString(src, i);
  if (c === 123 /* { */ || c === 91 /* [ */) {
    let depth = 0;
    for (let j = i; j < src.length; j++) {
      const d = src.charCodeAt(j);
      if (d === 34) j = skipString(src, j) - 1;
      else if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return j + 1;
    }
    return src.length;
  }
  let j = i;
  while (j < src.length) {
    const d = src.charCodeAt(j);
    if (d === 44 || d === 125 || d === 93 || isJsonSpace(d)) break;
    j++;
  }
  return j;
}

/** The elements of the array whose `[` is at `i`. */
export function arrayElements(src: string, i: number): SourceRange[] {
  const out: SourceRange[] = [];
  let j = skipSpace(src, i + 1);
  while (j < src.length && src.charCodeAt(j) !== 93) {
    const end = skipValue(src, j);
    out.push({ start: j, end });
    j = skipSpace(src, end);
    if (src.charCodeAt(j) === 44) j = skipSpace(src, j + 1);
    else break;
  }
  return out;
}

/** The members of the object whose `{` is at `i`: key → value range (first occurrence wins). */
export function objectMembers(src: string, i: number): Map<string, SourceRange> {
  const out = new Map<string, SourceRange>();
  let j = skipSpace(src, i + 1);
  while (j < src.length && src.charCodeAt(j) === 34) {
    const keyEnd = skipString(src, j);
    const raw = src.slice(j + 1, keyEnd - 1);
    const key = raw.indexOf('\\') < 0 ? raw : (JSON.parse(src.slice(j, keyEnd)) as string);
    j = skipSpace(src, keyEnd);
    if (src.charCodeAt(j) !== 58 /* : */) break;
    j = skipSpace(src, j + 1);
    const end = skipValue(src, j);
    if (!out.has(key)) out.set(key, { start: j, end });
    j = skipSpace(src, end);
    if (src.charCodeAt(j) === 44) j = skipSpace(src, j + 1);
    else break;
  }
  return out;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decodes the string literal at `range` (quotes included) and maps every
 * decoded character back to the source: verbatim runs move in step, and an
 * escape (`\n`, `\"`, `\u00e9`) maps to where it starts.
 */
export function decodeJsonString(src: string, range: SourceRange): { text: string; map: OffsetMap } {
  const map = new OffsetMapBuilder();
  const parts: string[] = [];
  const end = range.end - 1; // the closing quote
  let run = range.start + 1;
  let i = run;
  while (i < end) {
    if (src.charCodeAt(i) !== 92) {
      i++;
      continue;
    }
    if (i > run) {
      parts.push(src.slice(run, i));
      map.copy(run, i - run);
    }
    const e = src[i + 1];
    let value: string;
    let len = 2;
    if (e === 'u') {
      value = String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
      len = 6;
    } else value = SIMPLE_ESCAPES[e] ?? e;
    parts.push(value);
    map.replace(i, i + len, 1);
    i += len;
    run = i;
  }
  if (end > run) {
    parts.push(src.slice(run, end));
    map.copy(run, end - run);
  }
  map.setSourceEnd(end);
  return { text: parts.join(''), map: map.build() };
}
