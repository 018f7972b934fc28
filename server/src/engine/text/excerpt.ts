/**
 * Bounded pieces of long text: corpus text is untrusted, and one article can
 * hold a megabyte without a full stop or a title of half a megabyte. What
 * leaves the engine (citations, titles, search hits, messages) is cut to a
 * sane length here, at word boundaries, with "…" where something was left out.
 */
import type { TextSpan } from '../types';

/** The ellipsis marking text left out. */
export const ELLIPSIS = '…';

/**
 * `text` shortened to at most `max` characters (the "…" included), cut at
 * the last white space that keeps at least half of it, else at `max - 1`
 * (never inside a surrogate pair). Text within `max` comes back unchanged.
 *
 * @example clipText('The door to dialogue has never been closed', 20) // 'The door to…'
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const limit = Math.max(0, max - ELLIPSIS.length);
  return text.slice(0, wordCutBefore(text, 0, limit, Math.floor(limit / 2))).trimEnd() + ELLIPSIS;
}

/**
 * A window of at most `max` characters of `[from, to)` of `text` that shows
 * `focus` (clipped to the window when longer): the focus centred, the window
 * shifted to stay inside `[from, to)`, its ends moved to word boundaries
 * (inwards, never into the focus). `[from, to)` itself when it fits.
 */
export function excerptWindow(text: string, from: number, to: number, max: number, focus?: TextSpan): TextSpan {
  if (to - from <= max) return { start: from, end: to };
  const fStart = Math.min(Math.max(focus?.start ?? from, from), to);
  const fEnd = Math.min(Math.max(focus?.end ?? fStart, fStart), to);
  if (fEnd - fStart >= max) {
    // The focus alone fills the window: show its beginning.
    return { start: fStart, end: wordCutBefore(text, fStart, fStart + max, fStart + Math.floor(max / 2)) };
  }
  const room = max - (fEnd - fStart);
  let start = fStart - Math.floor(room / 2);
  let end = fEnd + Math.ceil(room / 2);
  if (start < from) {
    end = Math.min(to, end + (from - start));
    start = from;
  }
  if (end > to) {
    start = Math.max(from, start - (end - to));
    end = to;
  }
  if (start > from) start = wordStartAfter(text, start, fStart);
  if (end < to) end = wordCutBefore(text, Math.max(fEnd, start), end, fEnd);
  return { start, end };
}

/**
 * A cut point in `(floor, at]` of `text` searched from `at` back: the start
 * of the white space before a word, so the piece before ends on a whole
 * word; `at` itself (moved off a surrogate pair's middle) when there is none
 * after `floor`. The piece `[from, cut)` is never empty unless `at === from`.
 */
function wordCutBefore(text: string, from: number, at: number, floor: number): number {
  for (let i = at; i > Math.max(from, floor); i--) {
    if (isSpace(text.charCodeAt(i)) && !isSpace(text.charCodeAt(i - 1))) return i;
  }
  return isLowSurrogate(text.charCodeAt(at)) && at - 1 > from ? at - 1 : at;
}

/** The start of the first whole word at or after `at` and before `limit`; `at` (off a surrogate pair's middle) when there is none. */
function wordStartAfter(text: string, at: number, limit: number): number {
  if (at > 0 && isSpace(text.charCodeAt(at - 1)) && !isSpace(text.charCodeAt(at))) return at;
  for (let i = at; i < limit; i++) {
    if (isSpace(text.charCodeAt(i)) && i + 1 <= limit && !isSpace(text.charCodeAt(i + 1))) return i + 1;
  }
  return isLowSurrogate(text.charCodeAt(at)) && at + 1 < limit ? at + 1 : at;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
