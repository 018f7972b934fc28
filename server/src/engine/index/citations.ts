/**
 * What a citation carries of the corpus, made in one place: every citation
 * the in-memory store gives (evidence, `cite`, search hits) comes from
 * {@link makeCitation}. Corpus text is untrusted, so
 * - the cited text is a window of at most {@link MAX_CITATION_TEXT}
 *   characters around the matched words (a sentence can be thousands of
 *   characters long; a diagnostic carrying it whole flooded the protocol),
 *   with "…" where it was cut;
 * - titles and publishers are cut to {@link MAX_TITLE_LENGTH} and
 *   {@link MAX_PUBLISHER_LENGTH};
 * - all of it goes through `displaySafe` (control and bidi characters made
 *   visible and inert; one character for one, so `match` stays right).
 */
import type { Citation, SourcePosition, TextSpan } from '../types';
import { displaySafe } from '../text/displaySafe';
import { ELLIPSIS, clipText, excerptWindow } from '../text/excerpt';
import { transcriptPlace } from '../corpus/transcriptPlace';
import type { ArticleRecord } from './articleRecord';

/** Most characters of corpus text a citation quotes (the "…" marks aside). */
export const MAX_CITATION_TEXT = 400;
/** Most characters of an article title in a citation. */
export const MAX_TITLE_LENGTH = 200;
/** Most characters of a publisher's name in a citation. */
export const MAX_PUBLISHER_LENGTH = 100;
/** Most characters of an article date in a citation (an ISO date is 10). */
const MAX_DATE_LENGTH = 40;

/**
 * The citation of `[start, end)` of `art`, which stands at `range` in the
 * source file. `match` (article offsets) is the part that matches the claim;
 * `focus` (article offsets) says what to show when the text must be cut and
 * nothing matched (a search hit's first matched word).
 *
 * When the text is cut, `range` is narrowed to the window shown if the cited
 * passage stands in the file character for character (plain text and
 * Markdown: then each offset's line and column follow from the text);
 * otherwise (HTML, JSON with escapes) it stays the whole passage's range,
 * which holds the window. Either way a `file:line` made from `range.start`
 * points at or before the words shown.
 */
export function makeCitation(art: ArticleRecord, start: number, end: number, range: Citation['range'], match?: TextSpan, focus?: TextSpan): Citation {
  const win = excerptWindow(art.text, start, end, MAX_CITATION_TEXT, match ?? focus);
  const before = win.start > start ? ELLIPSIS : '';
  const after = win.end < end ? ELLIPSIS : '';
  const ev: Citation = {
    articleId: art.id,
    path: art.path,
    title: metaText(art.meta.title, MAX_TITLE_LENGTH),
    publisher: metaText(art.meta.publisher, MAX_PUBLISHER_LENGTH),
    date: metaText(art.meta.date, MAX_DATE_LENGTH),
    range: win.start === start && win.end === end ? range : windowRange(art.text, start, end, range, win),
    text: before + displaySafe(art.text.slice(win.start, win.end)) + after,
  };
  if (art.transcript) {
    // A transcript's evidence says when and by whom: the cue the matched words (else the cited text) start in.
    const place = transcriptPlace(art.transcript, Math.max(start, (match ?? focus)?.start ?? start));
    if (place) {
      ev.timestamp = place.time;
      if (place.speaker !== undefined) ev.speaker = metaText(place.speaker, MAX_PUBLISHER_LENGTH);
    }
  }
  if (match) {
    const from = Math.max(match.start, win.start) - win.start + before.length;
    const to = Math.min(match.end, win.end) - win.start + before.length;
    if (to > from) ev.match = { start: from, end: to };
  }
  return ev;
}

/** A metadata string as shown: made display-safe and cut; absent stays absent. */
function metaText(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  // Cut before making safe: `displaySafe` keeps the length, so the order does not change the result's size.
  return displaySafe(clipText(typeof value === 'string' ? value : String(value), max));
}

/**
 * The source range of `win` inside the passage `[start, end)` standing at
 * `range`, when the passage is verbatim in the file (its line breaks and its
 * last line's length agree with `range`); else `range`.
 */
function windowRange(text: string, start: number, end: number, range: Citation['range'], win: TextSpan): Citation['range'] {
  const at = (offset: number): SourcePosition => positionIn(text, start, range.start, offset);
  const last = at(end);
  if (last.line !== range.end.line || last.character !== range.end.character) return range;
  return { start: at(win.start), end: at(win.end) };
}

/** The position of `offset`, counting lines and columns from `origin`, the position of `start`. */
function positionIn(text: string, start: number, origin: SourcePosition, offset: number): SourcePosition {
  let line = origin.line;
  let lineStart = -1;
  for (let i = start; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return lineStart < 0 ? { line, character: origin.character + (offset - start) } : { line, character: offset - lineStart };
}
