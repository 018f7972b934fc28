/**
 * Boilerplate around scraped articles: navigation lines before the headline
 * ("본문 바로가기", "bar_progress", "Text Size", "Close") and page furniture
 * after the body ("© … All rights reserved.", "Special Coverage", "Top").
 *
 * Losing a sentence of an article would make a true quotation look unsourced,
 * so this is deliberately conservative: only a run of *short* lines at either
 * end is removed, and only when that run contains a line matching a known
 * pattern. A long line, or a line ending like a sentence, stops the search.
 */

/** Where the body of a text stands, and what the furniture around it told us. */
export interface BodyInfo {
  /** Offset of the body's first character (not white space). */
  start: number;
  /** Offset just after the body's last non-white-space character. */
  end: number;
  /** The publisher named in a removed copyright line, if any. */
  publisher?: string;
  /** The body's first line when it looks like a headline (short, no final period). */
  headline?: string;
}

interface Line {
  start: number;
  /** End of the line's content, before the line break. */
  end: number;
  /** Trimmed content. */
  text: string;
}

/** How many non-blank lines at each end are examined at most. */
const MAX_EDGE_LINES = 25;

/** Navigation and toolbar lines seen before headlines on news sites (whole line, case-insensitive). */
const LEADING_NAV =
  /^(?:본문\s*바로\s*가기|바로\s*가기|메뉴|검색|닫기|공유(?:하기)?|인쇄|스크랩|글자\s*크기(?:\s*설정)?|가+|skip to (?:main )?content|skip navigation|skip to navigation|bar_progress|text size|font size|close|menu|search|share(?: this(?: article| story)?)?|print|e-?mail|subscribe|sign in|sign up|log ?in|log ?out|register|home|advertisement|ad|listen(?: to this article)?|toggle navigation|open menu|close menu|breadcrumbs?|you are here:?)$/i;

/** Page furniture seen after article bodies (whole line, case-insensitive). */
const TRAILING_FURNITURE =
  /^(?:special coverage|join us on social!?|follow us(?: on social(?: media)?)?!?|top|back to top|go to top|to top|scroll to top|▲|related (?:articles|stories|news|coverage)|more (?:news|stories)|most (?:read|viewed|popular)|recommended(?: for you)?|read more|share(?: this(?: article| story)?)?|advertisement|comments?|print|subscribe|newsletter|tags?:.{0,120}|keywords?:.{0,120})$/i;

/** A copyright notice line. */
const COPYRIGHT = /^(?:©|ⓒ|\(c\)\s|copyright\b)|all rights reserved\.?$|무단\s*전재/i;

/** Identifier-like tokens left by scrapers ("bar_progress", "nav-toggle"). */
const IDENTIFIER = /^[a-z]+(?:[_][a-z0-9]+)+$/;

/** A line ending like a sentence: final punctuation, possibly inside quotes or brackets. */
const SENTENCE_END = /[.!?。]['"’”)\]]*$/;

function splitLines(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 10;
    if (c === 10 || c === 13) {
      lines.push({ start, end: i, text: text.slice(start, i).trim() });
      if (c === 13 && i + 1 < to && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  return lines;
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => w.length > 0).length;
}

/** A line short enough to be furniture: at most 4 words, 40 characters, no sentence-final punctuation. */
function isShortLine(s: string): boolean {
  return s.length <= 40 && wordCount(s) <= 4 && !SENTENCE_END.test(s);
}

function isCopyrightLine(s: string): boolean {
  return s.length <= 240 && COPYRIGHT.test(s);
}

/**
 * The publisher named in a copyright line:
 * "© The Asia Business Daily(www.asiae.co.kr). All rights reserved." → "The Asia Business Daily";
 * "Copyright 2024 The Associated Press. All rights reserved." → "The Associated Press".
 */
export function publisherFromCopyright(line: string): string | undefined {
  let s = line
    .replace(/\([^)]*\)/g, ' ')
    .replace(/all rights reserved\.?/gi, ' ')
    .replace(/\b(?:https?:\/\/)?(?:www\.)[\w.-]+(?:\/\S*)?/gi, ' ')
    .replace(/^(?:\s|©|ⓒ|\(c\)|copyright\b|\d{4}(?:\s*[-–]\s*\d{4})?|,|by\b)+/i, '')
    .trim();
  // "Reuters. Reporting by..." → "Reuters"; keep dots inside names like "Yonhap News Agency Inc."
  const stop = /\.\s/.exec(s);
  if (stop) s = s.slice(0, stop.index);
  s = s.replace(/(?:[\s.,;:|–-]|\b\d{4}\b)+$/, '').replace(/\s+/g, ' ').trim();
  if (s.length < 2 || s.length > 80 || !/\p{L}/u.test(s)) return undefined;
  return s;
}

/**
 * Finds the article body inside `text.slice(from, to)`: leading navigation and
 * trailing page furniture removed, white space trimmed, the publisher taken
 * from a removed copyright line, and the first line offered as a headline.
 * When nothing matches, the body is the whole trimmed range.
 */
export function findBody(text: string, from = 0, to = text.length): BodyInfo {
  const lines = splitLines(text, from, to);
  let first = 0;
  let last = lines.length - 1;

  // Leading: a run of short lines that contains a known navigation line.
  let cut = -1;
  for (let i = 0, seen = 0; i < lines.length && seen < MAX_EDGE_LINES; i++) {
    const s = lines[i].text;
    if (s.length === 0) continue;
    seen++;
    if (LEADING_NAV.test(s) || IDENTIFIER.test(s)) cut = i;
    else if (!isShortLine(s)) break;
  }
  first = cut + 1;

  // Trailing: a run of short lines or copyright notices that contains a known one.
  let publisher: string | undefined;
  cut = lines.length;
  for (let i = lines.length - 1, seen = 0; i >= first && seen < MAX_EDGE_LINES; i--) {
    const s = lines[i].text;
    if (s.length === 0) continue;
    seen++;
    if (isCopyrightLine(s)) {
      cut = i;
      publisher = publisherFromCopyright(s) ?? publisher;
    } else if (TRAILING_FURNITURE.test(s)) cut = i;
    else if (!isShortLine(s)) break;
  }
  last = cut - 1;

  while (first <= last && lines[first].text.length === 0) first++;
  while (last >= first && lines[last].text.length === 0) last--;
  if (first > last) return { start: to, end: to, publisher };

  let start = lines[first].start;
  while (start < to && isSpace(text.charCodeAt(start))) start++;
  let end = lines[last].end;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  end = stripWireSignoff(text, start, end);

  const firstLine = lines[first].text;
  const headline =
    first < last && firstLine.length <= 250 && wordCount(firstLine) >= 2 && !/[.,;:]['"’”)\]]*$/.test(firstLine)
      ? firstLine
      : undefined;
  const info: BodyInfo = { start, end };
  if (publisher !== undefined) info.publisher = publisher;
  if (headline !== undefined) info.headline = headline;
  return info;
}

/**
 * Wire copy ends with the agency's sign-off after the last sentence
 * ("... the company said. REUTER"). It is not part of any sentence, so it is
 * dropped when it follows sentence-final punctuation.
 */
function stripWireSignoff(text: string, start: number, end: number): number {
  const tail = text.slice(Math.max(start, end - 16), end);
  const m = /([.!?]['"’”)]*)\s+(?:REUTERS?|Reuters?)$/.exec(tail);
  return m ? end - (tail.length - m.index - m[1].length) : end;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff || c === 0x3000;
}
