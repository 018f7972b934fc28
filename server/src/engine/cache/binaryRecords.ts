/**
 * The binary form of a chunk of article records in the index cache: one
 * stream of 32-bit integers and one string table, instead of JSON.
 *
 * Loading JSON meant parsing every field into a temporary object and then
 * checking its type field by field (a quarter of a warm load's CPU time on
 * Reuters-21578). Here a field's type is fixed by where it stands, so loading
 * reads integers in order and only bounds have to be checked: every span
 * inside its text, sentences in order, every string index inside the table,
 * every enumeration value known, the stream read to its exact end. The cache
 * file is authenticated (HMAC) before this runs; the checks guard against
 * our own bugs and always refuse with an {@link IndexCacheError}, never crash.
 *
 * Section layout (u32, host byte order as the header records):
 *
 *     "FCRB" | records | integers | strings | string-table encoding | string bytes
 *     | integers (u32 × integers) | string ends (u32 × strings, UTF-16 units)
 *     | string bytes (UTF-8, or UTF-16 code units when the table is not
 *       well-formed Unicode and UTF-8 would not give it back exactly)
 *
 * Per record the integers are: id, text (string indices); a metadata mask and
 * its strings; sentences (count, then start, end, from line/character, to
 * line/character each); quotations; people; dates; and a transcript (its JSON
 * as a string, checked as before: transcripts are rare).
 */
import type { ArticleMeta, SpeakerMention, TextSpan } from '../types';
import { Sentence, type ArticleRecord } from '../index/articleRecord';
import { checkedTranscript } from './checkRecord';
import { decodeStringTable, isWellFormed, utf16Bytes } from './binaryStrings';
import { IndexCacheError } from './indexCacheError';
import { ChunkCursor, DATE_DIRECTIONS, DATE_UNITS, PackedRecord, PERSON_CUES, readRecordLists, RecordChunk, YEAR_SHIFT } from './packedRecords';

const MARK = 0x4252_4346; // "FCRB"
const HEADER_WORDS = 6;
const META_FIELDS = ['title', 'date', 'publisher', 'author', 'url'] as const;

/** Encodes records (their `path` is the file's, not stored) as one binary section. */
export function encodeRecordChunk(records: readonly ArticleRecord[]): Uint8Array {
  let ints: Uint32Array = new Uint32Array(1 << 16);
  let used = 0;
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const int = (n: number): void => {
    // Our own extractors' output: anything else is a bug, caught before it is written.
    // (n >>> 0) === n only for whole numbers 0…2³²−1.
    if (n >>> 0 !== n) throw new Error(`index cache: cannot store ${n} as a count`);
    if (used === ints.length) ints = grown(ints);
    ints[used++] = n;
  };
  const str = (s: string): void => {
    if (typeof s !== 'string') throw new Error(`index cache: cannot store ${typeof s} as text`);
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    if (used === ints.length) ints = grown(ints);
    ints[used++] = i;
  };
  const span = (s: TextSpan): void => {
    if (typeof s !== 'object' || s === null) throw new Error('index cache: cannot store a missing span');
    int(s.start);
    int(s.end);
  };
  for (const r of records) {
    if (typeof r.meta !== 'object' || r.meta === null) throw new Error('index cache: cannot store missing metadata');
    str(r.id);
    str(r.text);
    let mask = 0;
    META_FIELDS.forEach((f, bit) => {
      if (r.meta[f] !== undefined) mask |= 1 << bit;
    });
    int(mask);
    for (const f of META_FIELDS) if (r.meta[f] !== undefined) str(r.meta[f]);
    int(r.sentences.length);
    for (const s of r.sentences) {
      // The compact form's fields, read without making its two positions.
      const x = Sentence.of(s);
      int(x.start);
      int(x.end);
      int(x.fromLine);
      int(x.fromCharacter);
      int(x.toLine);
      int(x.toCharacter);
    }
    int(r.quotes.length);
    for (const q of r.quotes) {
      span(q.span);
      span(q.outerSpan);
      int((q.speaker ? 1 : 0) | (q.cue !== undefined ? 2 : 0));
      if (q.cue !== undefined) str(q.cue);
      if (q.speaker) encodeSpeaker(q.speaker, int, str, span);
    }
    int(r.people.length);
    for (const p of r.people) {
      str(p.text);
      span(p.span);
      str(p.fullName);
      const cue = PERSON_CUES.indexOf(p.cue);
      if (cue < 0) throw new Error(`index cache: cannot store the person cue ${String(p.cue)}`);
      int(cue);
      int(p.role ? 1 : 0);
      if (p.role) {
        str(p.role.text);
        span(p.role.span);
      }
    }
    int(r.dates.length);
    for (const d of r.dates) {
      str(d.text);
      span(d.span);
      const v = d.value;
      int((v ? 1 : 0) | (d.relative ? 2 : 0));
      if (v) {
        int((v.year !== undefined ? 1 : 0) | (v.month !== undefined ? 2 : 0) | (v.day !== undefined ? 4 : 0));
        // Out of the calendar's range, a year is stored as 0 and refused on load as impossible.
        int(v.year !== undefined && v.year >= -YEAR_SHIFT && v.year <= YEAR_SHIFT ? v.year + YEAR_SHIFT : 0);
        int(v.month ?? 0);
        int(v.day ?? 0);
      }
      if (d.relative) {
        // Shortest round-trip text of the number: exact for any finite double.
        str(String(d.relative.amount));
        const unit = DATE_UNITS.indexOf(d.relative.unit);
        const direction = DATE_DIRECTIONS.indexOf(d.relative.direction);
        if (unit < 0 || direction < 0 || !Number.isFinite(d.relative.amount)) throw new Error('index cache: cannot store a malformed relative date');
        int(unit);
        int(direction);
        str(d.relative.anchor);
      }
      int(d.eventWords.length);
      for (const w of d.eventWords) str(w);
    }
    int(r.transcript ? 1 : 0);
    if (r.transcript) str(JSON.stringify(r.transcript));
  }
  return layOut(records.length, ints.subarray(0, used), strings);
}

function encodeSpeaker(s: SpeakerMention, int: (n: number) => void, str: (s: string) => void, span: (s: TextSpan) => void): void {
  const o = s.isOrganisation;
  int((s.span ? 1 : 0) | (s.resolved !== undefined ? 2 : 0) | (s.affiliation !== undefined ? 4 : 0) | (o !== undefined ? 8 : 0) | (o ? 16 : 0));
  str(s.text);
  if (s.span) span(s.span);
  if (s.resolved !== undefined) str(s.resolved);
  if (s.affiliation !== undefined) str(s.affiliation);
}

function grown(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

function layOut(records: number, ints: Uint32Array, strings: string[]): Uint8Array {
  const all = strings.join('');
  // UTF-8 gives back exactly the code units of well-formed text only; a lone surrogate goes out as UTF-16.
  const utf16 = !isWellFormed(all);
  const bytes = utf16 ? utf16Bytes(all) : new TextEncoder().encode(all);
  const words = HEADER_WORDS + ints.length + strings.length;
  const out = new Uint8Array(words * 4 + bytes.length);
  const u32 = new Uint32Array(out.buffer, 0, words);
  u32.set([MARK, records, ints.length, strings.length, utf16 ? 1 : 0, bytes.length]);
  u32.set(ints, HEADER_WORDS);
  let end = 0;
  strings.forEach((s, i) => {
    end += s.length;
    u32[HEADER_WORDS + ints.length + i] = end;
  });
  out.set(bytes, words * 4);
  return out;
}

/**
 * Decodes a section written by {@link encodeRecordChunk} into records of
 * file `path`; throws {@link IndexCacheError} naming the file unless every
 * bound holds and the section is read to its exact end.
 *
 * The records keep their sentences and mentions packed (`PackedRecord`:
 * the section's integers, read into objects when a caller asks); the whole
 * section is checked here, so a later read cannot fail.
 */
export function decodeRecordChunk(bytes: Uint8Array, path: string): ArticleRecord[] {
  const fail = (what: string): never => {
    throw new IndexCacheError(`records of ${path}: ${what}`);
  };
  if (bytes.length < HEADER_WORDS * 4) fail('section too short');
  // An aligned copy when the bytes are not: typed views need 4-byte alignment.
  const own = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const head = new Uint32Array(own.buffer, own.byteOffset, HEADER_WORDS);
  const [mark, count, intCount, stringCount, encoding, byteCount] = head;
  if (mark !== MARK) fail('not a binary records section');
  if (encoding > 1) fail('unknown string encoding');
  const words = HEADER_WORDS + intCount + stringCount;
  if (words * 4 + byteCount !== own.length) fail('section length does not match its header (truncated?)');
  const ends = new Uint32Array(own.buffer, own.byteOffset + (HEADER_WORDS + intCount) * 4, stringCount);
  const all = decodeStringTable(own.subarray(words * 4), encoding === 1, fail);
  for (let i = 0, prev = 0; i < stringCount; prev = ends[i++]) if (ends[i] < prev) fail('the string table is out of order');
  if ((stringCount > 0 ? ends[stringCount - 1] : 0) !== all.length) fail('the string table does not match its text');
  // Own copies of the integers and string ends: the caller's buffer is read into again (a cache's scratch).
  const ints = new Uint32Array(own.buffer, own.byteOffset + HEADER_WORDS * 4, intCount).slice();
  // Every record takes several integers: a count above them is refused (as reading would) before a table that long is made.
  if (count > intCount) fail('ends early (truncated?)');
  const chunk = new RecordChunk(ints, ends.slice(), all, path, count);
  // Strings read here (ids, texts, metadata) are made once per section, as before.
  const strings: Array<string | undefined> = new Array(stringCount);
  const c = new ChunkCursor(chunk, 0, '', 0);
  const str = (): string => {
    const i = c.int();
    if (i >= stringCount) fail('a string index lies outside the table');
    let s = strings[i];
    if (s === undefined) s = strings[i] = all.slice(i === 0 ? 0 : ends[i - 1], ends[i]);
    return s;
  };
  const out: ArticleRecord[] = [];
  for (let n = 0; n < count; n++) {
    const id = (c.id = str());
    const text = str();
    c.length = text.length;
    const mask = c.int();
    if (mask >= 1 << META_FIELDS.length) fail(`the metadata of ${c.where()} is malformed`);
    const meta: ArticleMeta = {};
    for (let bit = 0; bit < META_FIELDS.length; bit++) if (mask & (1 << bit)) meta[META_FIELDS[bit]] = str();
    readRecordLists(c, n, text);
    const hasTranscript = c.int();
    if (hasTranscript > 1) fail(`the transcript of ${c.where()} is malformed`);
    const record = new PackedRecord(id, path, meta, text, chunk, n);
    if (hasTranscript) {
      let value: unknown;
      try {
        value = JSON.parse(str());
      } catch {
        fail(`the transcript of ${c.where()} does not decode`);
      }
      record.transcript = checkedTranscript(value, text.length, c.where());
    }
    out.push(record);
  }
  if (c.at !== intCount) fail('holds more than its records (damaged?)');
  return out;
}
