/**
 * Sentence splitting: ICU's sentence segmenter (`Intl.Segmenter`), with the
 * repairs news text needs.
 *
 * ICU breaks after every "." followed by a capital ("The U.S. | State
 * Department", "Donald J. | Trump", "Mr. | Kim"), after "?" even with no
 * space ("Russia? | which"), and inside multi-sentence quotations. It also
 * knows nothing of headlines: lines without final punctuation. So the text is
 * first cut into paragraphs and lines, each piece is segmented, and wrong
 * breaks are merged back.
 */

import type { SentenceMemo, SentenceSpan, TextSpan } from '../types';
import { STOPWORDS } from '../text/tokens';

/** One segmenter for all calls: creating one costs far more than using it, and it holds no state. */
const SEGMENTER = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Headline-like lines (no final punctuation) up to this length are one sentence each. */
const MAX_HEADLINE_LENGTH = 200;

/**
 * The longest sentence made: text running on without punctuation beyond this
 * (a table dump, a 1 MB passage without a full stop) is cut at white space.
 * A "sentence" is what a citation quotes and what date and event words are
 * read in; one of a megabyte would flood every citation of it and make the
 * readers of a sentence slow. Real sentences are far shorter.
 */
export const MAX_SENTENCE_LENGTH = 4000;

/** Quotation merging stops at this length, so one stray quote mark cannot glue a whole paragraph. */
const MAX_QUOTED_SENTENCE_LENGTH = 1200;

/** Ends like a sentence: final punctuation, possibly followed by closing quotes or brackets. */
const FINAL_PUNCTUATION = /[.!?…。][)\]'"’”»]*$/;

/** Titles before names: a break after them is always wrong. */
const TITLE_BEFORE_NAME =
  /(?:^|[\s(“"'‘])(?:Mr|Mrs|Ms|Mx|Messrs|Dr|Prof|Gen|Sen|Sens|Rep|Reps|Gov|Lt|Col|Capt|Cpt|Sgt|Maj|Adm|Cmdr|Rev|Hon|Pres|Supt|Insp|Det|Fr|St|Mt|Ft|Brig|Gens)\.$/;

/**
 * Abbreviations and initials after which a capitalised word usually continues
 * the sentence ("U.S. State Department", "Apple Inc. shares", "Jan. 5",
 * "Donald J. Trump"), unless that word is a typical sentence opener ("The",
 * "He", "But"), which marks a real end ("... in the U.S. He said").
 */
const ABBREVIATION =
  /(?:^|[\s(“"'‘-])(?:Inc|Co|Corp|Cos|Ltd|Plc|Jr|Sr|No|Nos|Vol|Ch|Fig|Art|Sec|Dept|Univ|Assn|Bros|Ave|Blvd|Rd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|vs|etc|approx|est|cf|al|ca|e\.g|i\.e|a\.m|p\.m|Ph\.D|(?:[A-Z]\.)*[A-Z])\.$/;

/** A list marker alone ("1.", "a)", "IV."): the item's text follows, so the break after it is wrong. */
const LIST_MARKER = /^(?:\(?\d{1,3}|[A-Za-z]|[IVXLC]{1,5})[.)]$/;

/** A quotation closed with final punctuation ("... missing.”" or ".\""). */
const CLOSED_QUOTE = /[.!?][’”"]$/;

/**
 * An attribution standing alone after a closed quote ("... missing.” Trump said."):
 * a few capitalised words and a speech verb, nothing else. It belongs to the quote.
 */
const BARE_ATTRIBUTION =
  /^(?:[A-Z][\p{L}.’'-]*\s+){1,4}(?:said|says|told (?:[\p{L}.’'-]+\s?){1,4}|added|asked|wrote|stated|explained|noted|continued|replied|recalled|argued|insisted|tweeted|declared)\s*[.!]$/u;

/** Extra sentence openers beyond the stopword list. */
const OPENERS: ReadonlySet<string> = new Set([
  'however', 'meanwhile', 'yet', 'still', 'earlier', 'later', 'last', 'next', 'according', 'moreover', 'instead',
  'although', 'though', 'while', 'since', 'because', 'despite', 'regarding', 'citing', 'asked', 'experts',
]);

function isSpaceCode(c: number): boolean {
  return (
    c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff ||
    c === 0x3000 || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
  );
}

function isLowerAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 97 && c <= 122) return true;
  if (c < 128) return false;
  const ch = text[i];
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

function isLetterOrDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  return c >= 128 && /[\p{L}\p{N}]/u.test(text[i]);
}

/** The word starting at `i` (letters, apostrophes), for the opener test. */
function wordAt(text: string, i: number): string {
  let j = i;
  while (j < text.length && j - i < 20 && /[\p{L}'’]/u.test(text[j])) j++;
  return text.slice(i, j);
}

/** True when the word at `i` typically opens a sentence ("The", "He", "However"). */
function isOpenerAt(text: string, i: number): boolean {
  const w = wordAt(text, i).toLowerCase();
  return w.length > 0 && (STOPWORDS.has(w) || OPENERS.has(w));
}

/** Quote-mark balance of `[start, end)`: straight quotes toggle, curly ones nest. */
interface QuoteState {
  straightOpen: boolean;
  curlyDepth: number;
}

function advanceQuotes(text: string, start: number, end: number, q: QuoteState): void {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) q.straightOpen = !q.straightOpen;
    else if (c === 0x201c) q.curlyDepth++;
    else if (c === 0x201d && q.curlyDepth > 0) q.curlyDepth--;
  }
}

/** True when every quotation opened in `[start, end)` is closed there too. */
function quotesBalanced(text: string, start: number, end: number): boolean {
  let straight = 0;
  let open = 0;
  let close = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) straight++;
    else if (c === 0x201c) open++;
    else if (c === 0x201d) close++;
  }
  return straight % 2 === 0 && open === close && straight + open > 0;
}

/**
 * Should the break ICU put at `b` be undone? `sentStart` is where the current
 * sentence began; `prevEnd` is `b` without the white space before it;
 * `[nextStart, nextEnd)` is the next ICU segment, trimmed.
 */
function isFalseBreak(text: string, sentStart: number, prevEnd: number, b: number, nextStart: number, nextEnd: number): boolean {
  // "Russia?which", "three times?in June": a "?" standing in for a dash, no space after it.
  if (prevEnd === b && isLetterOrDigitAt(text, nextStart)) return true;
  // A sentence does not start with a lower-case word or with ", ; : )".
  if (isLowerAt(text, nextStart)) return true;
  const c = text.charCodeAt(nextStart);
  if (c === 44 || c === 59 || c === 58 || c === 41 || c === 93) return true;
  if (prevEnd - sentStart <= 6 && LIST_MARKER.test(text.slice(sentStart, prevEnd))) return true;
  if (CLOSED_QUOTE.test(text.slice(prevEnd - 2, prevEnd)) && nextEnd - nextStart <= 60) {
    if (BARE_ATTRIBUTION.test(text.slice(nextStart, nextEnd))) return true;
  }
  if (text.charCodeAt(prevEnd - 1) !== 46 /* . */) return false;
  const tail = text.slice(Math.max(sentStart, prevEnd - 12), prevEnd);
  if (TITLE_BEFORE_NAME.test(tail)) return true;
  if (ABBREVIATION.test(tail)) return !isOpenerAt(text, nextStart);
  return false;
}

/** Splits one piece (a line, or a wrapped paragraph) with ICU and repairs its breaks. */
/** Characters given to ICU at once; see {@link icuBoundaries}. */
const ICU_WINDOW = 4096;

/**
 * ICU's sentence starts in `piece` (offset by `base`). Iterating one
 * Intl.Segmenter over a very long string is quadratic in V8 (a 1 MB paragraph
 * takes seconds), so the piece is fed in windows: every boundary but a
 * window's last is final, and the next window starts at that last boundary,
 * which gives the same boundaries as one pass.
 */
function icuBoundaries(piece: string, base: number): number[] {
  const bounds: number[] = [];
  let from = 0;
  // True when `from` is only a window edge inside a long sentence, not a boundary.
  let atWindowEdge = false;
  for (;;) {
    const to = Math.min(piece.length, from + ICU_WINDOW);
    const local: number[] = [];
    for (const seg of SEGMENTER.segment(piece.slice(from, to))) local.push(from + seg.index);
    if (atWindowEdge) local.shift();
    if (to === piece.length) {
      for (const b of local) bounds.push(base + b);
      return bounds;
    }
    if (local.length >= 2) {
      // The last segment may run past the window: restart there, so ICU sees it whole.
      from = local.pop()!;
      atWindowEdge = false;
    } else {
      from = to;
      atWindowEdge = true;
    }
    for (const b of local) bounds.push(base + b);
  }
}

function splitPiece(text: string, start: number, end: number, wrapped: boolean, out: SentenceSpan[]): void {
  let piece = text.slice(start, end);
  if (wrapped) piece = piece.replace(/[\r\n]/g, ' ');
  const checkQuotes = quotesBalanced(text, start, end);
  const quotes: QuoteState = { straightOpen: false, curlyDepth: 0 };

  let sentStart = start;
  let segStart = start;
  const emit = (from: number, to: number): void => {
    while (from < to && isSpaceCode(text.charCodeAt(from))) from++;
    while (to > from && isSpaceCode(text.charCodeAt(to - 1))) to--;
    if (to > from) pushCapped(text, from, to, out);
  };
  const bounds = icuBoundaries(piece, start);
  bounds.push(end);
  for (let k = 1; k + 1 < bounds.length; k++) {
    const b = bounds[k];
    // [segStart, b) is the segment just finished; decide whether `b` is a real break.
    if (checkQuotes) advanceQuotes(text, segStart, b, quotes);
    segStart = b;
    let prevEnd = b;
    while (prevEnd > sentStart && isSpaceCode(text.charCodeAt(prevEnd - 1))) prevEnd--;
    let nextStart = b;
    while (nextStart < end && isSpaceCode(text.charCodeAt(nextStart))) nextStart++;
    if (prevEnd === sentStart || nextStart >= end) continue;
    let nextEnd = bounds[k + 1];
    while (nextEnd > nextStart && isSpaceCode(text.charCodeAt(nextEnd - 1))) nextEnd--;
    let inQuote = checkQuotes && (quotes.straightOpen || quotes.curlyDepth > 0) && b - sentStart < MAX_QUOTED_SENTENCE_LENGTH;
    const nc = text.charCodeAt(nextStart);
    if (inQuote && (nc === 34 || nc === 0x201c)) {
      // A new quotation opens while one seems open: the old one was a quoted
      // paragraph left unclosed by convention ('said: "A. "B," he added').
      inQuote = false;
      quotes.straightOpen = false;
      quotes.curlyDepth = 0;
    }
    if (inQuote || isFalseBreak(text, sentStart, prevEnd, b, nextStart, nextEnd)) continue;
    emit(sentStart, b);
    sentStart = b;
  }
  emit(sentStart, end);
}

/**
 * Pushes `[from, to)` (trimmed) as one sentence, or, when longer than
 * {@link MAX_SENTENCE_LENGTH}, as several cut at the last white space before
 * each cap (at the cap itself when a long stretch has no white space, never
 * inside a surrogate pair).
 */
function pushCapped(text: string, from: number, to: number, out: SentenceSpan[]): void {
  while (to - from > MAX_SENTENCE_LENGTH) {
    let cut = from + MAX_SENTENCE_LENGTH;
    let k = cut;
    // Look back at most half the cap for white space, so every piece keeps a useful length.
    while (k > from + MAX_SENTENCE_LENGTH / 2 && !isSpaceCode(text.charCodeAt(k))) k--;
    if (isSpaceCode(text.charCodeAt(k))) cut = k;
    else if (isLowSurrogate(text.charCodeAt(cut))) cut--;
    let end = cut;
    while (end > from && isSpaceCode(text.charCodeAt(end - 1))) end--;
    out.push({ start: from, end });
    from = cut;
    while (from < to && isSpaceCode(text.charCodeAt(from))) from++;
  }
  if (to > from) out.push({ start: from, end: to });
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * A paragraph is hard-wrapped prose (one sentence running over several lines)
 * when some line break sits where no sentence or headline can end: before a
 * lower-case word, or after a comma, hyphen or function word.
 */
function isWrappedParagraph(text: string, lines: readonly TextSpan[]): boolean {
  for (let k = 0; k + 1 < lines.length; k++) {
    const prev = text.slice(Math.max(lines[k].start, lines[k].end - 24), lines[k].end);
    if (FINAL_PUNCTUATION.test(prev)) continue;
    if (isLowerAt(text, lines[k + 1].start)) return true;
    if (/[,;\-–—(]$/.test(prev)) return true;
    const last = /([\p{L}]+)$/u.exec(prev);
    if (last && last[1] === last[1].toLowerCase() && STOPWORDS.has(last[1])) return true;
  }
  return false;
}

/** Splits one paragraph (consecutive non-blank lines, trimmed). */
function splitParagraphOnce(text: string, lines: readonly TextSpan[], out: SentenceSpan[]): void {
  if (lines.length > 1 && isWrappedParagraph(text, lines)) {
    splitPiece(text, lines[0].start, lines[lines.length - 1].end, true, out);
    return;
  }
  for (const line of lines) {
    const tail = text.slice(Math.max(line.start, line.end - 8), line.end);
    if (line.end - line.start <= MAX_HEADLINE_LENGTH && !FINAL_PUNCTUATION.test(tail)) {
      // A headline or list line: one sentence, whatever ICU would make of "Talks... 'Open to'".
      out.push({ start: line.start, end: line.end });
    } else {
      splitPiece(text, line.start, line.end, false, out);
    }
  }
}

/**
 * {@link splitParagraphOnce} through `memo`: a paragraph's sentences depend on
 * its own characters only (every reader above stays inside the paragraph's
 * trimmed lines, whose neighbours are white space), so an edited draft splits
 * only the paragraphs that changed. Spans are kept relative to the paragraph.
 */
function rememberedParagraph(memo: SentenceMemo): typeof splitParagraphOnce {
  return (text, lines, out) => {
    const start = lines[0].start;
    const key = `sentences\u0000${text.slice(start, lines[lines.length - 1].end)}`;
    // Only this function writes keys with this prefix.
    let relative = memo.get(key) as number[] | undefined;
    if (!relative) {
      const found: SentenceSpan[] = [];
      splitParagraphOnce(text, lines, found);
      relative = [];
      for (const s of found) relative.push(s.start - start, s.end - start);
      memo.set(key, relative);
    }
    for (let i = 0; i < relative.length; i += 2) out.push({ start: start + relative[i], end: start + relative[i + 1] });
  };
}

/**
 * Splits `text` (or the part of it inside `within`) into sentences, as
 * half-open spans without surrounding white space, in text order.
 *
 * Blank lines always end a sentence; a single line break ends one unless the
 * paragraph is hard-wrapped prose; a line without final punctuation (a
 * headline) is a sentence of its own. Within lines, ICU's breaks are kept
 * except after abbreviations and initials ("The U.S. State Department",
 * "Donald J. Trump"), inside a quotation that continues ("He said, "Last
 * time... candid. They released..." NK News reported."), and at a "?" or "!"
 * followed directly by a word ("Russia?which").
 *
 * `memo` (an editor's checker keeps one) remembers each paragraph's sentences,
 * so an edited version re-splits only what changed; it never changes a result.
 *
 * @example
 * splitSentences('Mr. Kim left. He said so.') // [{start: 0, end: 13}, {start: 14, end: 25}]
 */
export function splitSentences(text: string, within?: TextSpan, memo?: SentenceMemo): SentenceSpan[] {
  const from = Math.max(0, Math.min(text.length, within?.start ?? 0));
  const to = Math.max(from, Math.min(text.length, within?.end ?? text.length));
  const out: SentenceSpan[] = [];
  // Only a whole text's paragraphs are remembered: a `within` cut mid-word would let the opener test read past it.
  const splitParagraph = memo && !within ? rememberedParagraph(memo) : splitParagraphOnce;
  let lines: TextSpan[] = [];
  let lineStart = from;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13) continue;
    let s = lineStart;
    let e = i;
    while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
    while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
    if (e > s) lines.push({ start: s, end: e });
    else if (lines.length > 0) {
      splitParagraph(text, lines, out);
      lines = [];
    }
    if (c === 13 && i + 1 < to && text.charCodeAt(i + 1) === 10) i++;
    lineStart = i + 1;
  }
  if (lines.length > 0) splitParagraph(text, lines, out);
  return out;
}
