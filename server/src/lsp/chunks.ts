/**
 * Splitting long documents for checking. Checking against the in-memory
 * store is CPU-bound from start to end (its answers come at once), and its
 * cost grows faster than the text: a long document is checked piecewise, at
 * paragraph breaks, so the server can answer hovers and drop the run when a
 * newer version arrives.
 */
import type { TextSpan } from '../engine/api';

/** Documents up to this many characters are checked in one piece (keeps cross-paragraph context). */
export const WHOLE_DOCUMENT_CHARS = 100_000;
/** Target size of a piece of a longer document. */
export const CHUNK_CHARS = 40_000;

/**
 * Splits `text` into consecutive spans of about `chunkChars`, ending at a
 * blank line when there is one in the second half of the piece, else at a
 * line break, else hard. A text of at most `wholeChars` is one span.
 */
export function splitForChecking(text: string, chunkChars = CHUNK_CHARS, wholeChars = WHOLE_DOCUMENT_CHARS): TextSpan[] {
  if (text.length <= wholeChars) return [{ start: 0, end: text.length }];
  const spans: TextSpan[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + chunkChars);
    if (end < text.length) {
      const window = text.slice(start + Math.floor(chunkChars / 2), end);
      const para = window.lastIndexOf('\n\n');
      const line = window.lastIndexOf('\n');
      const cut = para >= 0 ? para + 2 : line >= 0 ? line + 1 : -1;
      if (cut >= 0) end = start + Math.floor(chunkChars / 2) + cut;
    }
    spans.push({ start, end });
    start = end;
  }
  return spans;
}
