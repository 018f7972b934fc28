/**
 * What a sentence says that a summary may get wrong, read the same way from a
 * draft sentence and from the source sentence it follows: its content words
 * (what aligns the two), its numbers, its weekdays, and its capitalised names
 * (places, organisations, people). Text inside quotations is left out: a
 * changed word there is the quotation check's business.
 */
import type { TextSpan } from '../types';
import { STOPWORDS, tokenize } from '../text/tokens';
import { MONTH_WORDS, WEEKDAY_WORDS } from '../text/calendar';
import { extractNumbers, isNumberWord, type NumberMention } from './numbers';
import { BoundedMemo } from '../text/recentMemo';

/** A capitalised name of a sentence ("Hanoi", "Kookmin University", "Lankov"). */
export interface NameSlot {
  /** As written. */
  text: string;
  span: TextSpan;
  /** Its words, normalised. */
  words: string[];
}

/** A weekday named in a sentence. */
export interface WeekdaySlot {
  text: string;
  span: TextSpan;
  /** Lower case ("thursday"). */
  day: string;
}

/** The facts of one sentence (or a window of sentences). */
export interface SentenceFacts {
  /** Distinct content words, normalised, in order of first use: no function words, no number or calendar words. */
  words: string[];
  numbers: NumberMention[];
  weekdays: WeekdaySlot[];
  names: NameSlot[];
}

// Capitalised words that name nothing in particular: titles, days and months are read elsewhere.
const NOT_NAMES = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'sir', 'the', 'a', 'an', 'i', 'but', 'and', 'he', 'she', 'it', 'they', 'we', 'in', 'on', 'at', 'for', 'of', 'to']);
// Words that may stand inside a name ("Bank of England", "Democratic People's Republic of Korea").
// "and" is not one: "MCI and Qwest" are two names.
const NAME_JOINERS = new Set(['of', 'de', 'la', 'for', 'the']);

/**
 * The facts of `text[within]` outside the spans in `skip` (quotations, and
 * dates, whose numbers are not counts).
 */
export function sentenceFacts(text: string, within: TextSpan, skip: readonly TextSpan[], dateSpans: readonly TextSpan[]): SentenceFacts {
  const inside = (s: TextSpan) => skip.some((q) => q.start <= s.start && s.end <= q.end);
  const tokens = tokenize(text, within.start, within.end).filter((t) => !inside(t));
  const words: string[] = [];
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.norm.length < 3 || STOPWORDS.has(t.norm) || isNumberWord(t.norm) || MONTH_WORDS.has(t.norm) || WEEKDAY_WORDS.has(t.norm)) continue;
    if (!seen.has(t.norm)) {
      seen.add(t.norm);
      words.push(t.norm);
    }
  }
  const numbers = extractNumbers(text, within, [...skip, ...dateSpans]);
  const weekdays: WeekdaySlot[] = [];
  for (const t of tokens) if (WEEKDAY_WORDS.has(t.norm) && /^[A-Z]/.test(text[t.start])) weekdays.push({ text: text.slice(t.start, t.end), span: { start: t.start, end: t.end }, day: t.norm });
  return { words, numbers, weekdays, names: namesOf(text, within, tokens) };
}

/** Runs of capitalised words, not at the very start of the sentence unless the run goes on ("North Korea said"). */
function namesOf(text: string, within: TextSpan, tokens: ReadonlyArray<{ norm: string; start: number; end: number }>): NameSlot[] {
  const out: NameSlot[] = [];
  let run: Array<{ norm: string; start: number; end: number }> = [];
  const flush = () => {
    while (run.length > 0 && NAME_JOINERS.has(run[run.length - 1].norm)) run.pop();
    if (run.length > 0) {
      const first = run[0];
      const atStart = text.slice(within.start, first.start).trim().replace(/^["'“‘(]+/, '') === '';
      if (!(atStart && run.length === 1)) {
        const start = first.start;
        const end = run[run.length - 1].end;
        out.push({ text: text.slice(start, end), span: { start, end }, words: run.map((t) => t.norm) });
      }
    }
    run = [];
  };
  let prevEnd = -1;
  for (const t of tokens) {
    const capital = /^\p{Lu}/u.test(text[t.start]);
    const adjacent = prevEnd >= 0 && /^[ \t]+$/.test(text.slice(prevEnd, t.start) || ' ') && text.slice(prevEnd, t.start).length <= 2;
    const isName = capital && !NOT_NAMES.has(t.norm) && !MONTH_WORDS.has(t.norm) && !WEEKDAY_WORDS.has(t.norm) && !/^\d/.test(t.norm);
    if (isName && (run.length === 0 || adjacent)) run.push(t);
    else if (run.length > 0 && adjacent && NAME_JOINERS.has(t.norm) && !capital) run.push(t);
    else {
      flush();
      if (isName) run.push(t);
    }
    prevEnd = t.end;
  }
  flush();
  return out;
}

/** The normalised word of a name's words that identifies it best (its longest). */
export function nameKey(words: readonly string[]): string {
  return words.reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** Writes to {@link sentenceFactsOf}'s memo before its older generation is dropped. */
const MEMO_GENERATION = 4096;
const memo = new BoundedMemo<SentenceFacts>(MEMO_GENERATION);

/**
 * {@link sentenceFacts} of a whole text (a draft sentence, an aligned source
 * window), remembered by its text and spans: the facts and date checks read
 * each draft sentence through it (one reading shared by both), and an
 * editor's checks read the same draft sentences and the same corpus windows
 * edit after edit, so only a changed sentence is read again. The result is
 * shared: callers must not change it. The memo keeps the entries of the last
 * two generations of {@link MEMO_GENERATION} writes, so it stays bounded
 * whatever the session reads.
 */
export function sentenceFactsOf(text: string, skip: readonly TextSpan[], dateSpans: readonly TextSpan[]): SentenceFacts {
  const key = `${skip.map((s) => `${s.start}-${s.end}`).join(',')}|${dateSpans.map((s) => `${s.start}-${s.end}`).join(',')}|${text}`;
  const known = memo.get(key);
  if (known) return known;
  const facts = sentenceFacts(text, { start: 0, end: text.length }, skip, dateSpans);
  memo.set(key, facts);
  return facts;
}
