/**
 * Records that keep their sentences and mentions packed: the integers of a
 * binary records section (`binaryRecords.ts`) held as they were stored, and
 * read into objects only when a caller asks for an article's list.
 *
 * Held as objects, a corpus's sentences and mentions were most of what an
 * index holds beside the article texts and the token index (Reuters ×5,
 * 98,895 articles: 620 k sentences, 97 MB of mentions, 49 MB of sentences,
 * in session 6's heap figures). Packed, they are the section's integers: 24
 * bytes a sentence, 20–60 a mention. A loaded or worker-built index reads
 * them article by article (the tables built at load walk every article once;
 * a check reads the few hundred articles its look-ups land in).
 *
 * What a caller gets is exactly what the eager decoder gave: the same
 * {@link Sentence}s, the same object literals in the same shapes and field
 * order, frozen shared date values and empty lists. Only identity differs:
 * two reads of one article's list may give two equal arrays (the last
 * article read is remembered, so a caller reading one article's lists in
 * turn decodes each once). Nothing changes a record's lists.
 *
 * The section is checked whole when it is loaded ({@link readRecordLists}
 * with no objects made), so a later read cannot fail on bytes of a cache.
 */
import type { ArticleMeta, DateMention, DateValue, PersonMention, QuoteMention, SpeakerMention, TextSpan, Transcript } from '../types';
import { Sentence, type ArticleRecord } from '../index/articleRecord';
import { IndexCacheError } from './indexCacheError';

export const PERSON_CUES: readonly PersonMention['cue'][] = ['title', 'apposition', 'speaker', 'known', 'repeat', 'given-name'];
export const DATE_UNITS = ['day', 'week', 'month', 'year'] as const;
export const DATE_DIRECTIONS = ['after', 'before'] as const;
/** Years are stored shifted so that the calendar's range (−9999…9999) is non-negative. */
export const YEAR_SHIFT = 10000;

/** The integers and strings of one records section, kept for its records' lists. */
export class RecordChunk {
  /**
   * Per record, where its sentences, quotations, people and dates start in
   * {@link ints} (4 entries a record; filled by the loader as it checks them).
   */
  readonly starts: Uint32Array;
  /** Calendar values made so far, shared by every date of the section with that value (frozen). */
  readonly dateValues = new Map<number, DateValue>();

  /**
   * @param ints the section's integer stream (an own copy: a loader's buffer is read into again)
   * @param ends where each string of the table ends in `all` (UTF-16 units; an own copy)
   * @param all the string table's text (the article texts are slices of it, so it is held anyway)
   */
  constructor(
    readonly ints: Uint32Array,
    readonly ends: Uint32Array,
    readonly all: string,
    readonly path: string,
    records: number,
  ) {
    this.starts = new Uint32Array(records * 4);
  }

  fail(what: string): never {
    throw new IndexCacheError(`records of ${this.path}: ${what}`);
  }
}

/**
 * Reads a chunk's integers from `at` for one article: checks every bound
 * and, when `make`, makes the objects (else returns placeholders: the
 * loader's check makes nothing it would drop).
 */
export class ChunkCursor {
  constructor(
    readonly chunk: RecordChunk,
    public at: number,
    /** The article read: what a message names. */
    public id: string,
    /** Its text's length: what a span must lie inside. */
    public length: number,
  ) {}

  where(): string {
    return `article ${this.id} of ${this.chunk.path}`;
  }

  fail(what: string): never {
    return this.chunk.fail(what);
  }

  int(): number {
    const ints = this.chunk.ints;
    return this.at < ints.length ? ints[this.at++] : this.fail('ends early (truncated?)');
  }

  /** The string at the next index (checked inside the table); '' when not `make`. */
  str(make: boolean): string {
    const i = this.int();
    const ends = this.chunk.ends;
    if (i >= ends.length) this.fail('a string index lies outside the table');
    return make ? this.chunk.all.slice(i === 0 ? 0 : ends[i - 1], ends[i]) : '';
  }

  span(what: string, make: boolean): TextSpan {
    const start = this.int();
    const end = this.int();
    if (start > end || end > this.length) this.fail(`${what} of ${this.where()} lies outside its text`);
    return make ? { start, end } : NO_SPAN;
  }

  /** A count read from the stream, refused when fewer integers remain than it would need (so no huge array is made). */
  count(per = 1): number {
    const n = this.int();
    return n > (this.chunk.ints.length - this.at) / per ? this.fail('a count exceeds what the section holds (damaged?)') : n;
  }
}

/** What a check-only read gives for a span (never handed out). */
const NO_SPAN: TextSpan = Object.freeze({ start: 0, end: 0 });

/** The event words of a date that has none (shared by all of them, so frozen). */
const NO_WORDS = Object.freeze([]) as unknown as string[];

/**
 * The empty list every record without quotations, people or dates shares
 * (frozen, as it is shared): most articles lack one of them (at ×5, 163 k
 * empty lists). Nothing changes a record's lists.
 */
const NO_MENTIONS = Object.freeze([]) as unknown as never[];

/** A list of `n` items to fill, or the shared empty one. */
function listOf<T>(n: number): T[] {
  return n === 0 ? NO_MENTIONS : new Array<T>(n);
}

export function readSentences(c: ChunkCursor, make: true): Sentence[];
export function readSentences(c: ChunkCursor, make: boolean): Sentence[] | undefined;
export function readSentences(c: ChunkCursor, make: boolean): Sentence[] | undefined {
  const n = c.count(6);
  // Sentences are never empty in a record with any: the eager decoder gave each record its own list.
  const sentences: Sentence[] | undefined = make ? new Array(n) : undefined;
  let previousStart = 0;
  let previousLine = 0;
  let previousCharacter = 0;
  for (let i = 0; i < n; i++) {
    const start = c.int();
    const end = c.int();
    const fromLine = c.int();
    const fromCharacter = c.int();
    const toLine = c.int();
    const toCharacter = c.int();
    if (start > end || end > c.length) c.fail(`a sentence of ${c.where()} lies outside its text`);
    if (toLine < fromLine || (toLine === fromLine && toCharacter < fromCharacter)) c.fail(`a sentence of ${c.where()} ends before it starts in the file`);
    if (i > 0 && (start < previousStart || fromLine < previousLine || (fromLine === previousLine && fromCharacter < previousCharacter))) {
      c.fail(`the sentences of ${c.where()} are out of order`);
    }
    previousStart = start;
    previousLine = fromLine;
    previousCharacter = fromCharacter;
    if (sentences) sentences[i] = new Sentence(start, end, fromLine, fromCharacter, toLine, toCharacter);
  }
  return sentences;
}

export function readQuotes(c: ChunkCursor, text: string, make: true): QuoteMention[];
export function readQuotes(c: ChunkCursor, text: string, make: boolean): QuoteMention[] | undefined;
export function readQuotes(c: ChunkCursor, text: string, make: boolean): QuoteMention[] | undefined {
  const n = c.count();
  const quotes = make ? listOf<QuoteMention>(n) : undefined;
  for (let i = 0; i < n; i++) {
    const s = c.span('a quotation', make);
    const outerSpan = c.span('a quotation', make);
    const flags = c.int();
    if (flags > 3) c.fail(`a quotation of ${c.where()} is malformed`);
    const cue = flags & 2 ? c.str(make) : undefined;
    let speaker: SpeakerMention | undefined;
    if (flags & 1) {
      const f = c.int();
      if (f > 31 || (f & 16 && !(f & 8))) c.fail(`a speaker of ${c.where()} is malformed`);
      // Grown from an empty literal, which has room for four fields in the object (a speaker rarely has five).
      speaker = {} as SpeakerMention;
      speaker.text = c.str(make);
      if (f & 1) speaker.span = c.span('a speaker', make);
      if (f & 2) speaker.resolved = c.str(make);
      if (f & 4) speaker.affiliation = c.str(make);
      if (f & 8) speaker.isOrganisation = (f & 16) !== 0;
    }
    if (!quotes) continue;
    const quoted = text.slice(s.start, s.end);
    // One literal per shape, fields in the order the decoder always gave them: a field added to a literal
    // later is stored outside the object, 40 bytes more.
    quotes[i] =
      cue === undefined
        ? speaker
          ? { span: s, outerSpan, text: quoted, speaker }
          : { span: s, outerSpan, text: quoted }
        : speaker
          ? { span: s, outerSpan, text: quoted, cue, speaker }
          : { span: s, outerSpan, text: quoted, cue };
  }
  return quotes;
}

export function readPeople(c: ChunkCursor, make: true): PersonMention[];
export function readPeople(c: ChunkCursor, make: boolean): PersonMention[] | undefined;
export function readPeople(c: ChunkCursor, make: boolean): PersonMention[] | undefined {
  const n = c.count();
  const people = make ? listOf<PersonMention>(n) : undefined;
  for (let i = 0; i < n; i++) {
    const text = c.str(make);
    const s = c.span('a person', make);
    const fullName = c.str(make);
    const cue = PERSON_CUES[c.int()] ?? c.fail(`a person of ${c.where()} has an unknown cue`);
    const hasRole = c.int();
    if (hasRole > 1) c.fail(`a person of ${c.where()} is malformed`);
    if (hasRole) {
      const role = { text: c.str(make), span: c.span('a role', make) };
      if (people) people[i] = { text, span: s, fullName, cue, role };
    } else if (people) {
      people[i] = { text, span: s, fullName, cue };
    }
  }
  return people;
}

export function readDates(c: ChunkCursor, make: true): DateMention[];
export function readDates(c: ChunkCursor, make: boolean): DateMention[] | undefined;
export function readDates(c: ChunkCursor, make: boolean): DateMention[] | undefined {
  const n = c.count();
  const dates = make ? listOf<DateMention>(n) : undefined;
  const dateValues = c.chunk.dateValues;
  for (let i = 0; i < n; i++) {
    const dateText = c.str(make);
    const dateSpan = c.span('a date', make);
    let value: DateValue | undefined;
    let relative: DateMention['relative'];
    const flags = c.int();
    if (flags > 3) c.fail(`a date of ${c.where()} is malformed`);
    if (flags & 1) {
      const has = c.int();
      const year = c.int() - YEAR_SHIFT;
      const month = c.int();
      const day = c.int();
      if (has > 7 || year < -YEAR_SHIFT || year > YEAR_SHIFT || month > 15 || day > 31) c.fail(`a date of ${c.where()} is malformed`);
      // A corpus gives the same few calendar dates thousands of times: each value is made once per section.
      // Keyed by the value's fields packed in one number (year shifted, 15 bits; month 4; day 5; which are set 3).
      const key = (((year + YEAR_SHIFT) * 16 + month) * 32 + day) * 8 + has;
      value = dateValues.get(key);
      if (!value) {
        value = {};
        if (has & 1) {
          if (year < -9999 || year > 9999) c.fail(`a date of ${c.where()} has an impossible year`);
          value.year = year;
        }
        if (has & 2) {
          if (month < 1 || month > 12) c.fail(`a date of ${c.where()} has an impossible month`);
          value.month = month;
        }
        if (has & 4) {
          if (day < 1 || day > 31) c.fail(`a date of ${c.where()} has an impossible day`);
          value.day = day;
        }
        dateValues.set(key, Object.freeze(value));
      }
    }
    if (flags & 2) {
      // The amount is checked as a number even when nothing is made.
      const amount = Number(c.str(true));
      const unit = DATE_UNITS[c.int()];
      const direction = DATE_DIRECTIONS[c.int()];
      if (!Number.isFinite(amount) || !unit || !direction) c.fail(`a relative date of ${c.where()} is malformed`);
      relative = { amount, unit, direction, anchor: c.str(make) };
    }
    const words = c.count();
    let eventWords = NO_WORDS;
    if (words > 0) {
      // Exactly as long as it needs: a list grown by push keeps room for 17 words.
      if (make) eventWords = new Array<string>(words);
      for (let w = 0; w < words; w++) {
        const word = c.str(make);
        if (make) eventWords[w] = word;
      }
    }
    if (!dates) continue;
    // One literal per shape, as for quotations.
    dates[i] = value
      ? relative
        ? { text: dateText, span: dateSpan, eventWords, value, relative }
        : { text: dateText, span: dateSpan, eventWords, value }
      : relative
        ? { text: dateText, span: dateSpan, eventWords, relative }
        : { text: dateText, span: dateSpan, eventWords };
  }
  return dates;
}

/**
 * Checks record `n`'s four lists from `c.at` (moving past them) and notes
 * where each starts in its chunk, making no objects.
 */
export function readRecordLists(c: ChunkCursor, n: number, text: string): void {
  const starts = c.chunk.starts;
  starts[n * 4] = c.at;
  readSentences(c, false);
  starts[n * 4 + 1] = c.at;
  readQuotes(c, text, false);
  starts[n * 4 + 2] = c.at;
  readPeople(c, false);
  starts[n * 4 + 3] = c.at;
  readDates(c, false);
}

/**
 * The last record whose lists were read, and those lists: callers read one
 * article's sentences, dates and people in turn (a cited window, a quoted
 * passage's speaker and the people around it), each decoded once.
 */
const recent: { record?: PackedRecord; sentences?: Sentence[]; quotes?: QuoteMention[]; people?: PersonMention[]; dates?: DateMention[] } = {};

/**
 * An {@link ArticleRecord} whose sentences and mentions stay packed in its
 * {@link RecordChunk} until read. Serialises to JSON as the plain form.
 */
export class PackedRecord implements ArticleRecord {
  declare transcript?: Transcript;

  constructor(
    readonly id: string,
    readonly path: string,
    readonly meta: ArticleMeta,
    readonly text: string,
    private readonly chunk: RecordChunk,
    /** The record's place in its chunk. */
    private readonly n: number,
  ) {}

  private cursor(list: number): ChunkCursor {
    if (recent.record !== this) {
      recent.record = this;
      recent.sentences = recent.quotes = recent.people = recent.dates = undefined;
    }
    return new ChunkCursor(this.chunk, this.chunk.starts[this.n * 4 + list], this.id, this.text.length);
  }

  get sentences(): Sentence[] {
    return recent.record === this && recent.sentences ? recent.sentences : (recent.sentences = readSentences(this.cursor(0), true));
  }

  get quotes(): QuoteMention[] {
    return recent.record === this && recent.quotes ? recent.quotes : (recent.quotes = readQuotes(this.cursor(1), this.text, true));
  }

  get people(): PersonMention[] {
    return recent.record === this && recent.people ? recent.people : (recent.people = readPeople(this.cursor(2), true));
  }

  get dates(): DateMention[] {
    return recent.record === this && recent.dates ? recent.dates : (recent.dates = readDates(this.cursor(3), true));
  }

  /** The plain form, fields in the order a record always had. */
  toJSON(): ArticleRecord {
    const plain: ArticleRecord = { id: this.id, path: this.path, meta: this.meta, text: this.text, sentences: this.sentences, quotes: this.quotes, people: this.people, dates: this.dates };
    if (this.transcript) plain.transcript = this.transcript;
    return plain;
  }
}

/**
 * A record whose lists are plain arrays of its own: a packed one read out,
 * any other as it is. For code that edits records (a test forging a cache);
 * a packed record's lists are made anew on each read, so edits to them
 * would not last.
 */
export function plainRecord(r: ArticleRecord): ArticleRecord {
  return r instanceof PackedRecord ? r.toJSON() : r;
}
