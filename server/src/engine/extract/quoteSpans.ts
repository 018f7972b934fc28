/**
 * Finds quotation marks and pairs them into quotations, without attribution.
 *
 * Straight double quotes are paired by context (an opening mark follows a
 * space or bracket and precedes a word; a closing mark follows a word), so a
 * stray mark or an inch sign does not flip every later quote inside out. An
 * unclosed quotation stops at the end of its paragraph: news style leaves a
 * quote open across paragraphs, and a missing mark must never swallow the
 * rest of a long document.
 */

import type { TextSpan } from '../types';

/** A quotation found by its marks. */
export interface RawQuote {
  /** Between the marks. */
  span: TextSpan;
  /** With the marks (without a closing mark when unclosed). */
  outerSpan: TextSpan;
  /** False when the paragraph ended before a closing mark. */
  closed: boolean;
}

const OPENERS_SOURCE = /[“"„«‘']/.source;
const CLOSER_FOR: Record<string, string> = { '“': '”"', '„': '“”"', '«': '»', '"': '"”', '‘': '’', "'": "'’" };
// Single-quoted quotations at top level are rarer and share their mark with
// the apostrophe; keep them short so a stray apostrophe cannot pair far away.
const MAX_SINGLE_QUOTE_CHARS = 300;

/**
 * The end of the paragraph containing `from`: a blank line, or a line break
 * after sentence-final punctuation (hard-wrapped text breaks lines mid-sentence).
 * With `limit`, the search stops there and returns `limit` when the paragraph
 * runs on (the same as `Math.min(limit, paragraphEnd(text, from))`): a caller
 * looking a few hundred characters ahead must not scan a long paragraph to its
 * end for every quotation in it.
 */
export function paragraphEnd(text: string, from: number, limit: number = text.length): number {
  const stop = Math.min(limit, text.length);
  for (let i = nextNewline(text, from, stop); i >= 0; i = nextNewline(text, i + 1, stop)) {
    const lineBefore = text.slice(Math.max(from, i - 3), i).trimEnd();
    const rest = /^[ \t\r]*\n/.test(text.slice(i + 1, i + 80));
    if (rest || lineBefore.length === 0 || /[.!?:"”’)\]]$/.test(lineBefore)) return i;
  }
  return stop;
}

/** The first line feed in `[from, to)`, or -1. */
function nextNewline(text: string, from: number, to: number): number {
  if (to >= text.length) return text.indexOf('\n', from);
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) return i;
  return -1;
}

function isOpeningContext(text: string, at: number): boolean {
  const prev = at > 0 ? text[at - 1] : ' ';
  const next = text[at + 1] ?? ' ';
  if (/\s/u.test(next) || next === '') return false;
  return /[\s([{\-—–/:;,“‘>]/u.test(prev) || at === 0;
}

function isClosingContext(text: string, at: number): boolean {
  const prev = at > 0 ? text[at - 1] : ' ';
  // A nested quotation closed just before, spaced from the outer mark as some styles print it: "…,' " Reeves wrote".
  return !/\s/u.test(prev) || /[,.?!]['’] $/u.test(text.slice(Math.max(0, at - 3), at));
}

/**
 * Finds the quotations in `text`: double quotes (straight, curly, „ “, « »)
 * with any quotes nested inside them, and single-quoted phrases at top level.
 * Returned in text order; quotations never nest or overlap.
 */
export function findQuoteSpans(text: string): RawQuote[] {
  const out: RawQuote[] = [];
  // Built per call: a global regex carries `lastIndex` between uses.
  const OPENERS_RE = new RegExp(OPENERS_SOURCE, 'g');
  let paraEnd = -1;
  for (let m = OPENERS_RE.exec(text); m !== null; m = OPENERS_RE.exec(text)) {
    const open = m.index;
    const mark = m[0];
    const single = mark === '‘' || mark === "'";
    if (mark === '"' || single) {
      if (!isOpeningContext(text, open)) continue;
      // An apostrophe opening a word ("'90s", "'em") is no quotation.
      if (single && !/[\p{L}“"]/u.test(text[open + 1] ?? '')) continue;
    }
    if (open >= paraEnd) paraEnd = paragraphEnd(text, open);
    const limit = single ? Math.min(paraEnd, open + MAX_SINGLE_QUOTE_CHARS) : paraEnd;
    const close = findCloser(text, open, mark, limit);
    if (close < 0 && single) continue;
    const end = close >= 0 ? close : capUnclosed(text, open, limit);
    const contentStart = open + 1;
    // A quotation left open over its attribution ends at the attribution's comma, as if the mark stood there.
    const tagComma = close < 0 && !single ? tagInsideUnclosed(text, contentStart, end) : -1;
    if (tagComma >= 0) {
      out.push({ span: { start: contentStart, end: tagComma + 1 }, outerSpan: { start: open, end: tagComma + 1 }, closed: true });
      OPENERS_RE.lastIndex = tagComma + 1;
      continue;
    }
    let contentEnd = end;
    while (contentEnd > contentStart && /\s/u.test(text[contentEnd - 1])) contentEnd--;
    if (contentEnd <= contentStart) {
      OPENERS_RE.lastIndex = Math.max(open + 1, end + (close >= 0 ? 1 : 0));
      continue;
    }
    out.push({
      span: { start: contentStart, end: contentEnd },
      outerSpan: { start: open, end: close >= 0 ? close + 1 : contentEnd },
      closed: close >= 0,
    });
    OPENERS_RE.lastIndex = close >= 0 ? close + 1 : end;
  }
  return out;
}

/** The offset of the mark closing the quote opened at `open`, or -1. */
function findCloser(text: string, open: number, mark: string, limit: number): number {
  const closers = CLOSER_FOR[mark];
  const single = mark === '‘' || mark === "'";
  for (let i = open + 1; i < limit; i++) {
    // Only a quotation mark decides anything: other characters are passed without making a string of each.
    const code = text.charCodeAt(i);
    if (single ? code !== 0x27 && code !== 0x2019 : code !== 0x22 && code !== 0x201c && code !== 0x201d && code !== 0xbb) continue;
    const c = text[i];
    if (single) {
      if (closers.includes(c) && isClosingContext(text, i) && !/[\p{L}\p{N}]/u.test(text[i + 1] ?? ' ')) return i;
      continue;
    }
    // An opening curly mark typed for a closing one, right after the quotation's last punctuation and before a space
    // ("“It's unusual,“ said Noble"): it closes.
    if (c === '“' && mark === '“' && /[,.?!]/u.test(text[i - 1] ?? '') && /\s/u.test(text[i + 1] ?? '')) return i;
    if (closers.includes(c)) {
      if (c === '"' && !isClosingContext(text, i)) {
        // A straight mark opening a new quotation: this one was left open.
        return -1;
      }
      if (c === '“' && mark !== '„') return -1;
      return i;
    }
    // A fresh curly opening before any closing mark: a quotation nested in this one, printed with the same marks
    // ("“… claim that a deal “has to do with Israel” makes clear …,” wrote X"), when two closing marks follow before
    // any other opening; else this one was left open.
    if (c === '“' && mark !== '„') return sameMarkNestedCloser(text, i, limit);
  }
  return -1;
}

/**
 * The mark closing an outer quotation after a quotation nested in it with the
 * same curly marks opened at `innerOpen`: the second "”" before `limit`, with
 * no opening mark between; -1 when there is none (the outer one was left open).
 */
function sameMarkNestedCloser(text: string, innerOpen: number, limit: number): number {
  let closers = 0;
  for (let i = innerOpen + 1; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x201c || code === 0x22) return -1;
    if (code === 0x201d && ++closers === 2) return i;
  }
  return -1;
}

/** Where an unclosed quotation opened at `open` stops: before the next opening mark, or at `limit`. */
function capUnclosed(text: string, open: number, limit: number): number {
  for (let i = open + 1; i < limit; i++) {
    const c = text[i];
    if (c === '“' || (c === '"' && isOpeningContext(text, i))) return i;
  }
  return limit;
}

// The attribution a writer left inside a quotation by forgetting its closing mark: ", said Kessel, whose …",
// ", Kessel said." — a comma, then a speech verb and a capitalised name, or a name of one to three capitalised
// words and the verb ending its clause.
const TAG_INSIDE_RE = /,[^\S\n]+(?:(?:said|says|added|wrote|explained|told)[^\S\n]+\p{Lu}[\p{L}.'’-]+|(?:\p{Lu}[\p{L}.'’-]+[^\S\n]+){1,3}(?:said|says|added|wrote|explained)(?=[,.]))/u;

/**
 * The comma ending a quotation left open over its own attribution ("“There
 * wasn't a lot of education …, said Kessel, whose organization …"), when the
 * attribution is the only one in the stretch the quotation was left open
 * over (to its paragraph's end or the next opening mark); -1 when there is
 * none.
 */
function tagInsideUnclosed(text: string, contentStart: number, end: number): number {
  const inside = text.slice(contentStart, end);
  const m = TAG_INSIDE_RE.exec(inside);
  if (!m || m.index < 12) return -1;
  if (TAG_INSIDE_RE.test(inside.slice(m.index + m[0].length))) return -1;
  return contentStart + m.index;
}
