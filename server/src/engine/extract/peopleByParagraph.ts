/**
 * The people of an edited draft, read again only where the edit reached:
 * the same mentions as {@link extractPeople}, for a fraction of the work.
 *
 * `extractPeople` reads a text in three steps. Words, capitalised runs,
 * headlines, the words written in lower case and the runs after a place
 * preposition are each a line's own (no word, run or headline crosses a line
 * break): they are remembered per line. Whether a run is a name read on a
 * cue depends on the text around it and on what the whole text says (a word
 * it also writes in lower case, a run it puts after "in", a sentence
 * starting there, a name the corpus knows): each line's runs are remembered
 * with the stretch of text their cues can read and every answer the whole
 * text gave them, and reused only when that stretch is unchanged and every
 * answer is the same again (so the reading would take the same path). Which
 * full name a mention resolves to depends on every name of the text: that
 * step runs whole each time (`resolvePeople`), on the same runs and cues.
 */
import type { PersonMention, SentenceMemo, SentenceSpan, TextSpan } from '../types';
import { cueCandidate, findRuns, insideAny, placesOf, resolvePeople, titleCaseLines, toWords, type Candidate, type ExtractPeopleOptions, type Run, type TextContext, type Word } from './names';

/**
 * Characters before a line that a cue may read (a title's sentence start,
 * 120; a sentence opener, 6; a speaker tag's line start, 20).
 */
const READ_BEFORE = 130;
/** Characters after a line that a cue may read (an apposition: 8, then a clause of 300). */
const READ_AFTER = 340;
/** Words after a line that a cue may read (a speech verb after up to two adverbs, "went … to"). */
const WORDS_AFTER = 6;

/** A line's own reading, relative to its start. */
interface LineReading {
  words: Array<Pick<Word, 'raw' | 'lower' | 'start' | 'end' | 'cap'>>;
  /** Runs outside headlines, as [first, last] word indices in the line. */
  runs: number[];
  /** Words the line writes in lower case. */
  lowers: string[];
  /** Runs the line puts after a place preposition. */
  places: string[];
  /** The cues of its runs, per reading, as last read (with the text around the line they could read). */
  cues: Map<string, CueReading>;
}

/** What one line's cues gave, relative to the stretch of text they read. */
interface CueReading {
  /** Every answer the whole text gave, in the order asked: which set (or the known-person test), what, and the answer. */
  asked: Array<[channel: 's' | 'l' | 'p' | 'k', key: string | number, answer: boolean]>;
  /** Per run of the line with a cue: its index among the line's runs, its name's words, and the rest of the candidate. */
  found: Array<{ run: number; first: number; count: number; cue: Candidate['cue']; role?: { text: string; start: number; end: number }; speakerOnly: boolean }>;
  /** The text the cues could read before and after the line. */
  before: string;
  after: string;
}

/**
 * {@link extractPeople}'s mentions of `text`, with `memo` (kept by the
 * caller between versions of one draft) holding each line's reading.
 * `reading` names the reading when a caller reads one text in two ways
 * (another `isKnownPerson`), so each finds its own answers remembered.
 */
export function extractPeopleByParagraph(text: string, sentences: readonly SentenceSpan[], options: ExtractPeopleOptions, memo: SentenceMemo, reading = ''): PersonMention[] {
  // Lines, each read once (or taken from the memo), then joined into the whole text's words and runs.
  const words: Word[] = [];
  const runs: Run[] = [];
  const lines: Array<{ span: TextSpan; firstWord: number; firstRun: number; runs: number; own: LineReading }> = [];
  const lowerSeen = new Set<string>();
  const places = new Set<string>();
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const own = lineReading(text, start, end, memo);
    const firstWord = words.length;
    for (const w of own.words) words.push({ raw: w.raw, lower: w.lower, start: start + w.start, end: start + w.end, cap: w.cap, index: words.length });
    const firstRun = runs.length;
    for (let k = 0; k < own.runs.length; k += 2) {
      const first = firstWord + own.runs[k];
      const last = firstWord + own.runs[k + 1];
      runs.push({ words: words.slice(first, last + 1), first, last });
    }
    for (const w of own.lowers) lowerSeen.add(w);
    for (const p of own.places) places.add(p);
    if (runs.length > firstRun) lines.push({ span: { start, end }, firstWord, firstRun, runs: runs.length - firstRun, own });
    start = end + 1;
  }
  const sentenceStarts = new Set(sentences.map((s) => s.start));
  const candidates = new Map<Run, Candidate>();
  for (const line of lines) {
    const window = readWindow(text, words, line.span, line.firstWord, lastWordOfLine(words, line));
    const cues = cueReading(text, words, runs, line, window, { sentenceStarts, lowerSeen, places }, options, reading);
    const base = window.start;
    const firstIndex = window.firstWord;
    for (const f of cues.found) {
      const nameWords = words.slice(firstIndex + f.first, firstIndex + f.first + f.count);
      const c: Candidate = { nameWords, cue: f.cue, speakerOnly: f.speakerOnly };
      if (f.role) c.role = { text: f.role.text, span: { start: base + f.role.start, end: base + f.role.end } };
      candidates.set(runs[line.firstRun + f.run], c);
    }
  }
  return resolvePeople(text, runs, candidates);
}

/** The index of the last word of a line that holds runs (it holds words). */
function lastWordOfLine(words: readonly Word[], line: { span: TextSpan; firstWord: number }): number {
  let k = line.firstWord;
  while (k + 1 < words.length && words[k + 1].start < line.span.end) k++;
  return k;
}

/** A line's words, runs outside headlines, lower-case words and place runs, read from its own text. */
function lineReading(text: string, start: number, end: number, memo: SentenceMemo): LineReading {
  const lineText = text.slice(start, end);
  const key = `peopleLine\u0000${lineText}`;
  // Only this module writes keys with these prefixes.
  const known = memo.get(key) as LineReading | undefined;
  if (known) return known;
  // The line read alone is the line read in the whole text: no word, run or headline crosses a line break,
  // and a place preposition must stand a space before its run.
  const words = toWords(lineText);
  const headlines = titleCaseLines(lineText);
  const runs = findRuns(lineText, words).filter((r) => !insideAny(headlines, words[r.first].start));
  const reading: LineReading = {
    words: words.map((w) => ({ raw: w.raw, lower: w.lower, start: w.start, end: w.end, cap: w.cap })),
    runs: runs.flatMap((r) => [r.first, r.last]),
    lowers: [...new Set(words.filter((w) => !w.cap).map((w) => w.lower))],
    places: [...placesOf(lineText, words, runs)],
    cues: new Map(),
  };
  memo.set(key, reading);
  return reading;
}

/** The stretch of text a line's cues may read: from a line start well before it to a word end well after it. */
interface ReadWindow {
  start: number;
  end: number;
  /** Index of its first word in the whole text's words. */
  firstWord: number;
  /** Index after its last word. */
  endWord: number;
}

function readWindow(text: string, words: readonly Word[], line: TextSpan, firstWord: number, lastWord: number): ReadWindow {
  // Before: the line of the word two before the line's first (a "Secretary of" the cue reads), and READ_BEFORE
  // characters, from the start of a line (so no word is cut).
  let start = Math.max(0, line.start - READ_BEFORE);
  if (firstWord >= 2) start = Math.min(start, words[firstWord - 2].start);
  start = start === 0 ? 0 : text.lastIndexOf('\n', start - 1) + 1;
  // After: at least WORDS_AFTER words and READ_AFTER characters, then one more whole word (a "\s+" read past the
  // last character stops at a word, which then stands whole).
  let k = lastWord + WORDS_AFTER;
  while (k < words.length && words[k].end < line.end + READ_AFTER) k++;
  k++;
  const end = k < words.length ? words[k].end : text.length;
  let first = firstWord;
  while (first > 0 && words[first - 1].start >= start) first--;
  return { start, end, firstWord: first, endWord: Math.min(words.length, k + 1) };
}

/** A set whose answers are those of `of`, each recorded (keys of positions relative to `base`). */
class AskedSet<T extends string | number> extends Set<T> {
  constructor(
    private readonly of: ReadonlySet<T>,
    private readonly channel: 's' | 'l' | 'p',
    private readonly asked: CueReading['asked'],
    private readonly base: number,
  ) {
    super();
  }

  override has(key: T): boolean {
    const whole = (typeof key === 'number' ? key + this.base : key) as T;
    const answer = this.of.has(whole);
    this.asked.push([this.channel, key, answer]);
    return answer;
  }
}

/** The cues of one line's runs, as last read when the same stretch of text gets the same answers again. */
function cueReading(
  text: string,
  words: readonly Word[],
  runs: readonly Run[],
  line: { span: TextSpan; firstRun: number; runs: number; own: LineReading },
  window: ReadWindow,
  whole: TextContext,
  options: ExtractPeopleOptions,
  reading: string,
): CueReading {
  // Kept with the line's own reading (the line's text is its key), so the stretch around it is compared, not hashed.
  // Two readings of one draft (with and without the corpus's known names) answer alike but for known names: kept apart.
  const key = `${reading}\u0000${options.isKnownPerson ? 1 : 0}`;
  const before = text.slice(window.start, line.span.start);
  const after = text.slice(line.span.end, window.end);
  const known = line.own.cues.get(key);
  if (known && known.before === before && known.after === after && sameAnswers(known.asked, whole, options, window.start)) return known;
  const windowText = text.slice(window.start, window.end);
  // The window read alone, its positions and word indices relative to it.
  const ws: Word[] = [];
  for (let k = window.firstWord; k < window.endWord; k++) {
    const w = words[k];
    ws.push({ raw: w.raw, lower: w.lower, start: w.start - window.start, end: w.end - window.start, cap: w.cap, index: k - window.firstWord });
  }
  const asked: CueReading['asked'] = [];
  const context: TextContext = {
    sentenceStarts: new AskedSet(whole.sentenceStarts, 's', asked, window.start),
    lowerSeen: new AskedSet(whole.lowerSeen, 'l', asked, 0),
    places: new AskedSet(whole.places, 'p', asked, 0),
  };
  const isKnownPerson = options.isKnownPerson;
  const asking: ExtractPeopleOptions = isKnownPerson
    ? {
        ...options,
        isKnownPerson: (candidate) => {
          const answer = isKnownPerson(candidate);
          asked.push(['k', candidate, answer]);
          return answer;
        },
      }
    : options;
  const found: CueReading['found'] = [];
  for (let r = 0; r < line.runs; r++) {
    const run = runs[line.firstRun + r];
    const first = run.first - window.firstWord;
    const local: Run = { words: ws.slice(first, first + run.words.length), first, last: run.last - window.firstWord };
    const c = cueCandidate(windowText, ws, local, context, asking);
    if (!c) continue;
    const f: CueReading['found'][number] = { run: r, first: c.nameWords[0].index, count: c.nameWords.length, cue: c.cue, speakerOnly: c.speakerOnly };
    if (c.role) f.role = { text: c.role.text, start: c.role.span.start, end: c.role.span.end };
    found.push(f);
  }
  const result: CueReading = { asked, found, before, after };
  line.own.cues.set(key, result);
  return result;
}

/** Whether the whole text answers every question as it did (asking the known-person test again, in order, as a reading would). */
function sameAnswers(asked: CueReading['asked'], whole: TextContext, options: ExtractPeopleOptions, base: number): boolean {
  for (const [channel, key, answer] of asked) {
    let now: boolean;
    if (channel === 's') now = whole.sentenceStarts.has((key as number) + base);
    else if (channel === 'l') now = whole.lowerSeen.has(key as string);
    else if (channel === 'p') now = whole.places.has(key as string);
    else now = options.isKnownPerson ? options.isKnownPerson(key as string) : false;
    if (now !== answer) return false;
  }
  return true;
}
