/**
 * What every attribution rule shares: the per-text context (people outside
 * quotations, speaker events, sentence subjects, genders), the speech-verb
 * patterns, the look-back limits, and small searches over the sorted people.
 * Split out of `quotes.ts` so each cue form's file depends on one place.
 */

import type { PersonMention, SentenceSpan, SpeakerMention, TextSpan } from '../types';
import type { Gender } from './pronouns';
import type { RawQuote } from './quoteSpans';
import { lastAtOrBefore } from '../text/sortedSearch';
import { ATTRIBUTING_VERB_RE_SOURCE, ROLE_MODIFIERS, SPEECH_VERB_RE_SOURCE, isRoleNoun } from './lexicon';

/** Where a speaker was found relative to the quotation, strongest first. */
export type Attribution = { speaker: SpeakerMention; cue: string };

export interface Context {
  text: string;
  sentences: SentenceSpan[];
  /** Sorted by start. */
  people: PersonMention[];
  /** Offsets where a person is the subject of a speech verb (for pronouns). */
  speakerEvents: SpeakerEvents;
  /** People opening a sentence (after title words only), ascending: whom a paragraph is about (for pronouns). */
  subjects: SpeakerEvent[];
  /** What the text says of each person's gender (full name → gender), for "he" and "she". */
  genders: Map<string, Gender>;
  /** The first full name of the text with each last word (lower case). */
  fullNameBySurname: Map<string, string>;
  /** The role words the text gives each person, built when a description needs them. */
  roleWords?: Map<string, Set<string>>;
  /** Whether the text writes a word as a name (lower-cased word → answer), built as words are asked about (`textNames`). */
  nameEvidence?: Map<string, boolean>;
}

/** A person speaking at an offset. */
export interface SpeakerEvent {
  at: number;
  fullName: string;
}

/**
 * Where people speak, for pronouns: those found by a speech verb after a
 * name (ascending), then those found as quotations are attributed (added in
 * text order). Kept as two sorted lists so "the last speaker before an
 * offset" is two binary searches: scanning every event for every pronoun made
 * a long article quadratic.
 */
export interface SpeakerEvents {
  byVerb: SpeakerEvent[];
  byQuote: SpeakerEvent[];
}

// Sources only: global regexes carry `lastIndex`, so each use builds its own (no shared mutable state).
export const VERB_RE_SOURCE = `(?<![\\p{L}\\p{N}'’-])${SPEECH_VERB_RE_SOURCE}(?![\\p{L}\\p{N}-])`;

// Verbs that put words in someone's mouth inside their own clause, beyond the lexicon's ("Trump blamed it on “sickos”").
const MORE_ATTRIBUTING_VERBS = 'blamed|blaming|likened|likening|decried|decrying|thanked|thanking|defended|defending|termed|terming|pronounced|declaring|insisting|arguing|claiming|complaining|predicting|tweeting|writing';

/** A speech verb, or a verb that gives quoted words to its subject in reported speech ("blamed", "called"). */
export const ATTRIBUTING_RE_SOURCE = `(?<![\\p{L}\\p{N}'’-])(?:${SPEECH_VERB_RE_SOURCE}|${ATTRIBUTING_VERB_RE_SOURCE}|${MORE_ATTRIBUTING_VERBS})(?![\\p{L}\\p{N}-])`;

// One sticky copy per pattern: `verbMatches` sets `lastIndex` before every use, so no state passes between calls.
const stickyBySource = new Map<string, RegExp>();

/**
 * The matches of `new RegExp(source, 'giu')` in `s`, in order, as its exec
 * loop finds them (`first`: only the first), for a speech-verb pattern
 * (`VERB_RE_SOURCE`, `ATTRIBUTING_RE_SOURCE`). Every such match starts with
 * a letter not preceded by an ASCII letter, digit, apostrophe or hyphen, so
 * only those word starts are tried, one sticky attempt each: the plain
 * search tried the whole alternation at every character, around every
 * quotation.
 */
export function verbMatches(s: string, source: string, first = false): RegExpExecArray[] {
  let re = stickyBySource.get(source);
  if (!re) {
    re = new RegExp(source, 'iuy');
    stickyBySource.set(source, re);
  }
  const out: RegExpExecArray[] = [];
  for (let p = 0; p < s.length; p++) {
    const c = s.charCodeAt(p);
    if (c < 0x80 ? !isAsciiLetter(c) : (c & 0xfc00) === 0xdc00 && p > 0 && (s.charCodeAt(p - 1) & 0xfc00) === 0xd800) continue;
    if (p > 0) {
      const b = s.charCodeAt(p - 1);
      if (b < 0x80 && (isAsciiLetter(b) || (b >= 0x30 && b <= 0x39) || b === 0x27 || b === 0x2d)) continue;
    }
    re.lastIndex = p;
    const m = re.exec(s);
    if (!m) continue;
    out.push(m);
    if (first) break;
    p += m[0].length - 1;
  }
  return out;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

// How far before a quotation a pronoun may reach back to a named speaker.
export const PRONOUN_SPEAKER_REACH = 1500;

// Attribution is looked for in at most this many characters around a quotation.
export const CONTEXT_CHARS = 400;

// Words that open a clause or join two: text holding one is no description of a name.
const CLAUSE_WORDS = new Set('that which who whom whose when where while because if and but or to with from by as than then said says told after before since during is was are were has have had be been will would could should not'.split(' '));

/**
 * Text before a name that only describes it: title words, or a short
 * lower-case description ("former presidential candidate ", "retired
 * neurosurgeon ", "81-year-old ").
 */
export function isDescriptorOnly(s: string): boolean {
  const t = s.trim().replace(/^["“”‘’]+/u, '');
  if (t.length === 0) return true;
  const ws = t.split(/\s+/);
  // "and" between two capitalised titles joins them ("former Pennsylvania Gov. and Democratic National Committee
  // Chairman Ed Rendell"); a date-like token describes ("9/11 widow Terry Strada").
  const joinsTitles = (k: number): boolean => ws[k] === 'and' && /^\p{Lu}/u.test(ws[k - 1] ?? '') && /^\p{Lu}/u.test(ws[k + 1] ?? '');
  return ws.length <= 8 && ws.every((w, k) => /^\p{Lu}/u.test(w) || isRoleNoun(w) || ROLE_MODIFIERS.has(w.toLowerCase()) || joinsTitles(k) || /^\d+\/\d+$/u.test(w) || (/^[\p{Ll}\d][\p{Ll}\d-]*$/u.test(w) && !CLAUSE_WORDS.has(w)));
}

/**
 * The first of `people` (sorted by start) starting in `[from, to)` that
 * passes `test`: a binary search to `from`, then a scan bounded by `to`.
 */
export function firstPersonIn(people: readonly PersonMention[], from: number, to: number, test: (p: PersonMention) => boolean): PersonMention | undefined {
  for (let k = lastAtOrBefore(people.length, from - 1, (i) => people[i].span.start) + 1; k < people.length && people[k].span.start < to; k++) {
    if (test(people[k])) return people[k];
  }
  return undefined;
}

/** The index of the first of `people` (sorted by start) starting at or after `from`. */
export function firstPersonIndexFrom(people: readonly PersonMention[], from: number): number {
  return lastAtOrBefore(people.length, from - 1, (i) => people[i].span.start) + 1;
}

/** The span of `s` written at `start`. */
export function spanOf(start: number, s: string): TextSpan {
  return { start, end: start + s.length };
}

/**
 * The last of `people` (sorted by start) that ends at or before `at`:
 * mentions starting at or after `at` cannot, and of those before, the
 * latest that ends in time is found walking back (mentions do not overlap,
 * so the walk is a step or two).
 */
export function lastPersonEndingBy(people: readonly PersonMention[], at: number, fits: (name: string) => boolean = () => true): PersonMention | undefined {
  for (let k = lastAtOrBefore(people.length, at - 1, (i) => people[i].span.start), n = 0; k >= 0 && n < 12; k--) {
    if (people[k].span.end > at) continue;
    n++;
    if (fits(people[k].fullName)) return people[k];
  }
  return undefined;
}

/** Whether a possessive ending ("'s", "’", "s'") follows a name ending at `end`. */
export function isPossessive(text: string, end: number): boolean {
  return /^['’](?:s\b|\s)/u.test(text.slice(end, end + 3));
}

/** The people not inside any quotation (`quotes` in text order, `people` sorted): one merge walk. */
export function outsideQuotes(people: PersonMention[], quotes: readonly RawQuote[]): PersonMention[] {
  const out: PersonMention[] = [];
  let k = 0;
  for (const p of people) {
    while (k < quotes.length && quotes[k].outerSpan.end <= p.span.start) k++;
    const q = quotes[k];
    if (q && q.outerSpan.start <= p.span.start && p.span.end <= q.outerSpan.end) continue;
    out.push(p);
  }
  return out;
}
