/**
 * The stretches of text around a quotation where its attribution may stand:
 * back to the start of its own sentence (or the previous quotation), forward
 * to the end of the attribution's sentence. Bounded look-backs and
 * look-aheads, so a text without punctuation stays linear.
 */

import type { RawQuote } from './quoteSpans';
import { lastAtOrBefore } from '../text/sortedSearch';
import { CONTEXT_CHARS, type Context } from './attributionContext';
import { paragraphEnd } from './quoteSpans';

/** Start of the text before a quotation that may hold its attribution: the sentence (or clause after the previous quote). */
export function beforeSegmentStart(ctx: Context, q: RawQuote, prevRaw: RawQuote | undefined): number {
  const { text, sentences } = ctx;
  const open = q.outerSpan.start;
  const floor = lineStartWithin(text, open, CONTEXT_CHARS);
  let start = floor;
  // The latest sentence start in (floor, open] whose sentence runs past `open`: found from the
  // sentence at `open` backwards (sentences are in text order), never by a scan from the start.
  for (let k = lastAtOrBefore(sentences.length, open, (i) => sentences[i].start); k >= 0 && sentences[k].start > floor; k--) {
    if (sentences[k].end > open) {
      start = sentences[k].start;
      break;
    }
  }
  if (prevRaw && prevRaw.outerSpan.end > start && prevRaw.outerSpan.end <= open && !isNameInSentence(text, prevRaw)) start = prevRaw.outerSpan.end;
  return ownSentenceStart(text, start, open);
}

/**
 * The start of the line holding the character before `at`, but no further
 * back than `reach` characters (nor before 0): a look-back bounded whatever
 * the length of the line.
 */
export function lineStartWithin(text: string, at: number, reach: number): number {
  const floor = Math.max(0, at - reach);
  for (let i = at - 1; i >= floor; i--) if (text.charCodeAt(i) === 10) return Math.max(floor, i + 1);
  return floor;
}

/** `text.slice(0, end).trimEnd().length`, without copying a prefix of the text. */
export function trimmedEnd(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

/** The last sentence start in `[from, to)` found by punctuation, skipping abbreviations. */
export function ownSentenceStart(text: string, from: number, to: number): number {
  // Matched in a window ending just past `to` (a match starting before `to` reads up to two marks, its white
  // space and up to three more units: a quote mark and an astral capital), so a text without punctuation is
  // not searched to its end for every quotation.
  let windowEnd = Math.min(text.length, to + 2);
  while (windowEnd < text.length && /\s/.test(text[windowEnd])) windowEnd++;
  windowEnd = Math.min(text.length, windowEnd + 4);
  const window = text.slice(0, windowEnd);
  const re = /[.!?]["”’)]?\s+(?=["“‘(]?\p{Lu})/gu;
  re.lastIndex = from;
  let start = from;
  for (let m = re.exec(window); m !== null && m.index < to; m = re.exec(window)) {
    const wordBefore = /[\p{L}.]+$/u.exec(text.slice(Math.max(from, m.index - 10), m.index))?.[0] ?? '';
    if (m[0][0] === '.' && (/^(?:\p{L}\.)*\p{L}$/u.test(wordBefore) || (TITLE_ABBREVIATION_RE.test(wordBefore) || /^(?:no|vs|u\.s)$/i.test(wordBefore)))) continue;
    start = m.index + m[0].length;
  }
  return start;
}

// Abbreviated titles whose period ends no sentence ("said Army Capt. Christian Pardo", "Lt. Gov. Dan Patrick").
const TITLE_ABBREVIATION_RE = /^(?:mr|mrs|ms|dr|prof|sen|sens|rep|reps|gov|gen|lt|col|st|jr|sr|rev|capt|sgt|maj|adm|cmdr|cpl|pvt|supt|det|insp|amb|atty|hon|pres|messrs|mme|msgr|fr)$/i;

/** End of the text after a quotation that may hold its attribution. */
export function afterSegmentEnd(ctx: Context, q: RawQuote, nextRaw: RawQuote | undefined): number {
  const { text } = ctx;
  const reach = Math.min(text.length, q.outerSpan.end + CONTEXT_CHARS);
  let end = Math.min(reach, paragraphEnd(text, q.outerSpan.end, reach));
  if (nextRaw && nextRaw.outerSpan.start < end && !isNameInSentence(text, nextRaw)) end = nextRaw.outerSpan.start;
  // Matched in a window ending one past `end` (the look-ahead reads one character): bounded look-ahead.
  const window = text.slice(0, Math.min(text.length, end + 1));
  const re = /[.!?](?=\s|$)/g;
  re.lastIndex = q.outerSpan.end;
  for (let m = re.exec(window); m !== null && m.index < end; m = re.exec(window)) {
    const wordBefore = /[\p{L}.]+$/u.exec(text.slice(Math.max(q.outerSpan.end, m.index - 10), m.index))?.[0] ?? '';
    if (/^(?:\p{L}\.)*\p{L}$/u.test(wordBefore) || TITLE_ABBREVIATION_RE.test(wordBefore)) continue;
    return m.index;
  }
  return end;
}

// Small words a quoted name keeps in lower case ("Meet the Press", "Make America Great Again").
const NAME_SMALL_WORDS = new Set('a an the of and or in on at to for with from by as'.split(' '));
// What may follow a quoted name for the clause to go on: a lower-case word that opens no new clause.
const NAME_GOES_ON_RE = /^[\s,;]*(?!(?:when|while|as|after|before|if|because|since|although|though|where|and|but|so)\b)\p{Ll}/u;

/**
 * Whether a quotation is a short name standing inside a sentence — a title,
 * a slogan, a nickname ("a contestant on “The Apprentice,” who …", "wearing
 * “Ted Cruz” campaign pins") — rather than someone's words: up to six words,
 * each capitalised but small words, closed, after a lower-case word or a
 * comma and before one in lower case. Such a name does not cut its sentence
 * in two: the subject before it and the verb after it still make one
 * attribution.
 */
export function isNameInSentence(text: string, q: RawQuote): boolean {
  if (!q.closed || q.span.end - q.span.start > 60) return false;
  const inner = text.slice(q.span.start, q.span.end).replace(/,$/u, '').trim();
  const words = inner.split(/\s+/u);
  if (words.length > 6 || !/^\p{Lu}/u.test(inner) || /[.!?;:]/u.test(inner)) return false;
  if (!words.every((w, k) => /^[\p{Lu}\d]/u.test(w) || (k > 0 && NAME_SMALL_WORDS.has(w)))) return false;
  // Inside a clause that goes on in lower case ("“The Apprentice,” who went on …", "“Ted Cruz” campaign pins"); one
  // followed by a capital or a new clause may end an opening phrase before a subject ("On ABC's “This Week,” Rubio
  // said …", "on CNN's “GPS,” when asked about it, Obama said …").
  return /(?:\p{Ll}|,)\s*$/u.test(text.slice(Math.max(0, q.outerSpan.start - 3), q.outerSpan.start)) && NAME_GOES_ON_RE.test(text.slice(q.outerSpan.end, q.outerSpan.end + 16));
}
