/**
 * The shape and bounds of what a cache file holds, checked field by field on
 * load. A cache may come from elsewhere (a shared folder, a CI cache restored
 * from another machine) and its checksum proves only that it was not damaged
 * on the way, not who wrote it: a record of the wrong shape must be refused
 * here, as a rebuild with a message, rather than break the index, every
 * hover or every run later. Each checked value is copied into a fresh object
 * holding only the known fields, so nothing unexpected rides along.
 *
 * Since cache format 5 the records themselves are binary
 * (`binaryRecords.ts`, bounds-checked there); what is still JSON and checked
 * here is the manifest's file entries and a transcript's turns.
 * {@link checkedRecord} checks a whole record in the JSON form of format 4.
 */
import type { ArticleMeta, CorpusWarning, DateMention, DateValue, PersonMention, QuoteMention, SpeakerMention, TextSpan, Transcript, TranscriptTurn } from '../types';
import { Sentence, type ArticleRecord, type SentenceRecord } from '../index/articleRecord';
import { IndexCacheError } from './indexCacheError';

/** A record as stored: the path comes from its file, sentences are flat numbers, quote texts are re-sliced. */
export interface StoredRecord {
  id: string;
  meta: ArticleMeta;
  text: string;
  /** start, end, from.line, from.character, to.line, to.character per sentence. */
  s: number[];
  q: Array<Omit<QuoteMention, 'text'>>;
  p: PersonMention[];
  d: DateMention[];
  /** A transcript's turns (absent for other articles). */
  t?: Transcript;
}

/** A corpus file as a cache manifest lists it. */
export interface StoredFileEntry {
  path: string;
  size: number;
  hash: string;
  warnings: CorpusWarning[];
}

const META_FIELDS = ['title', 'date', 'publisher', 'author', 'url'] as const;
const PERSON_CUES: ReadonlySet<string> = new Set<PersonMention['cue']>(['title', 'apposition', 'speaker', 'known', 'repeat', 'given-name']);
const DATE_UNITS: ReadonlySet<string> = new Set(['day', 'week', 'month', 'year']);
const DATE_DIRECTIONS: ReadonlySet<string> = new Set(['after', 'before']);

/**
 * The article record a stored one stands for, with `path` as its file, after
 * checking every field: types, spans inside the text, sentences in order with
 * non-negative, ordered source positions. Throws {@link IndexCacheError}
 * naming the article otherwise.
 */
export function checkedRecord(value: unknown, path: string): ArticleRecord {
  const r = objectOf(value, `a record of ${path}`);
  const id = stringOf(r.id, `a record id in ${path}`);
  const where = `article ${id} of ${path}`;
  const text = stringOf(r.text, `the text of ${where}`);
  return {
    id,
    path,
    meta: checkedMeta(r.meta, where),
    text,
    sentences: checkedSentences(r.s, text.length, where),
    quotes: arrayOf(r.q, `the quotations of ${where}`).map((q) => checkedQuote(q, text, where)),
    people: arrayOf(r.p, `the people of ${where}`).map((p) => checkedPerson(p, text.length, where)),
    dates: arrayOf(r.d, `the dates of ${where}`).map((d) => checkedDate(d, text.length, where)),
    ...(r.t !== undefined ? { transcript: checkedTranscript(r.t, text.length, where) } : {}),
  };
}

const TRANSCRIPT_FORMATS: ReadonlySet<string> = new Set<Transcript['format']>(['webvtt', 'srt', 'plain']);

/** A transcript as stored (its JSON parsed), checked: format, turns, cues and spans inside the text. */
export function checkedTranscript(value: unknown, textLength: number, where: string): Transcript {
  const o = objectOf(value, `the transcript of ${where}`);
  if (typeof o.format !== 'string' || !TRANSCRIPT_FORMATS.has(o.format)) throw new IndexCacheError(`the transcript of ${where} has an unknown format`);
  const transcript: Transcript = {
    format: o.format as Transcript['format'],
    turns: arrayOf(o.turns, `the transcript turns of ${where}`).map((t) => checkedTurn(t, textLength, where)),
  };
  if (o.interviewee !== undefined) transcript.interviewee = stringOf(o.interviewee, `the interviewee of ${where}`);
  return transcript;
}

function checkedTurn(value: unknown, textLength: number, where: string): TranscriptTurn {
  const o = objectOf(value, `a transcript turn of ${where}`);
  const span = checkedSpan(o.span, textLength, `a transcript turn of ${where}`);
  const cues = arrayOf(o.cues, `the cues of ${where}`).map((c) => {
    const cue = objectOf(c, `a cue of ${where}`);
    const time = stringOf(cue.time, `a cue time of ${where}`);
    if (!isCount(cue.start) || cue.start > textLength || !/^\d{2,3}:\d{2}:\d{2}$/.test(time)) throw new IndexCacheError(`a cue of ${where} is malformed`);
    return { start: cue.start, time };
  });
  if (cues.length === 0) throw new IndexCacheError(`a transcript turn of ${where} has no cue`);
  const turn: TranscriptTurn = { span, cues };
  if (o.speaker !== undefined) turn.speaker = stringOf(o.speaker, `a speaker of ${where}`);
  if (o.label !== undefined) turn.label = checkedSpan(o.label, textLength, `a speaker label of ${where}`);
  return turn;
}

/** A manifest's file entry, checked: path, non-negative whole size, hash, and warnings of strings. */
export function checkedFileEntry(value: unknown): StoredFileEntry {
  const f = objectOf(value, 'a file entry of the manifest');
  const path = stringOf(f.path, 'a file path of the manifest');
  const size = f.size;
  if (!isCount(size)) throw new IndexCacheError(`the size of ${path} in the manifest is not a whole number`);
  const warnings = arrayOf(f.warnings, `the warnings of ${path}`).map((w) => {
    const o = objectOf(w, `a warning of ${path}`);
    return { path: stringOf(o.path, `a warning of ${path}`), message: stringOf(o.message, `a warning of ${path}`) };
  });
  return { path, size, hash: stringOf(f.hash, `the hash of ${path}`), warnings };
}

function checkedMeta(value: unknown, where: string): ArticleMeta {
  if (value === undefined) return {};
  const m = objectOf(value, `the metadata of ${where}`);
  const meta: ArticleMeta = {};
  for (const field of META_FIELDS) {
    if (m[field] !== undefined) meta[field] = stringOf(m[field], `the ${field} of ${where}`);
  }
  return meta;
}

function checkedSentences(value: unknown, textLength: number, where: string): SentenceRecord[] {
  const s = arrayOf(value, `the sentences of ${where}`);
  if (s.length % 6 !== 0) throw new IndexCacheError(`the sentences of ${where} are malformed`);
  const sentences: SentenceRecord[] = [];
  for (let i = 0; i < s.length; i += 6) {
    const six = s.slice(i, i + 6);
    if (!six.every(isCount)) throw new IndexCacheError(`a sentence of ${where} has a position that is not a whole number ≥ 0`);
    const [start, end, fl, fc, tl, tc] = six as number[];
    const sentence: SentenceRecord = new Sentence(start, end, fl, fc, tl, tc);
    if (!(start <= end && end <= textLength)) throw new IndexCacheError(`a sentence of ${where} lies outside its text`);
    if (before(sentence.to, sentence.from)) throw new IndexCacheError(`a sentence of ${where} ends before it starts in the file`);
    const previous = sentences[sentences.length - 1];
    if (previous && (start < previous.start || before(sentence.from, previous.from))) throw new IndexCacheError(`the sentences of ${where} are out of order`);
    sentences.push(sentence);
  }
  return sentences;
}

function checkedQuote(value: unknown, text: string, where: string): QuoteMention {
  const q = objectOf(value, `a quotation of ${where}`);
  const span = checkedSpan(q.span, text.length, `a quotation of ${where}`);
  const outerSpan = checkedSpan(q.outerSpan, text.length, `a quotation of ${where}`);
  const quote: QuoteMention = { span, outerSpan, text: text.slice(span.start, span.end) };
  if (q.speaker !== undefined) quote.speaker = checkedSpeaker(q.speaker, text.length, where);
  if (q.cue !== undefined) quote.cue = stringOf(q.cue, `a quotation cue of ${where}`);
  return quote;
}

function checkedSpeaker(value: unknown, textLength: number, where: string): SpeakerMention {
  const o = objectOf(value, `a speaker of ${where}`);
  const speaker: SpeakerMention = { text: stringOf(o.text, `a speaker of ${where}`) };
  if (o.span !== undefined) speaker.span = checkedSpan(o.span, textLength, `a speaker of ${where}`);
  if (o.resolved !== undefined) speaker.resolved = stringOf(o.resolved, `a speaker of ${where}`);
  if (o.affiliation !== undefined) speaker.affiliation = stringOf(o.affiliation, `a speaker's affiliation of ${where}`);
  if (o.isOrganisation !== undefined) {
    if (typeof o.isOrganisation !== 'boolean') throw new IndexCacheError(`a speaker of ${where} is malformed`);
    speaker.isOrganisation = o.isOrganisation;
  }
  return speaker;
}

function checkedPerson(value: unknown, textLength: number, where: string): PersonMention {
  const o = objectOf(value, `a person of ${where}`);
  const cue = o.cue;
  if (typeof cue !== 'string' || !PERSON_CUES.has(cue)) throw new IndexCacheError(`a person of ${where} has an unknown cue`);
  const person: PersonMention = {
    text: stringOf(o.text, `a person of ${where}`),
    span: checkedSpan(o.span, textLength, `a person of ${where}`),
    fullName: stringOf(o.fullName, `a person of ${where}`),
    cue: cue as PersonMention['cue'],
  };
  if (o.role !== undefined) {
    const role = objectOf(o.role, `a role of ${where}`);
    person.role = { text: stringOf(role.text, `a role of ${where}`), span: checkedSpan(role.span, textLength, `a role of ${where}`) };
  }
  return person;
}

function checkedDate(value: unknown, textLength: number, where: string): DateMention {
  const o = objectOf(value, `a date of ${where}`);
  const date: DateMention = {
    text: stringOf(o.text, `a date of ${where}`),
    span: checkedSpan(o.span, textLength, `a date of ${where}`),
    eventWords: arrayOf(o.eventWords, `the event words of a date of ${where}`).map((w) => stringOf(w, `an event word of ${where}`)),
  };
  if (o.value !== undefined) date.value = checkedDateValue(o.value, where);
  if (o.relative !== undefined) {
    const r = objectOf(o.relative, `a relative date of ${where}`);
    if (typeof r.amount !== 'number' || !Number.isFinite(r.amount) || typeof r.unit !== 'string' || !DATE_UNITS.has(r.unit) || typeof r.direction !== 'string' || !DATE_DIRECTIONS.has(r.direction)) {
      throw new IndexCacheError(`a relative date of ${where} is malformed`);
    }
    date.relative = { amount: r.amount, unit: r.unit as 'day', direction: r.direction as 'after', anchor: stringOf(r.anchor, `a relative date of ${where}`) };
  }
  return date;
}

function checkedDateValue(value: unknown, where: string): DateValue {
  const o = objectOf(value, `a date value of ${where}`);
  const out: DateValue = {};
  const bounds = { year: [-9999, 9999], month: [1, 12], day: [1, 31] } as const;
  for (const field of ['year', 'month', 'day'] as const) {
    const v = o[field];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || (v as number) < bounds[field][0] || (v as number) > bounds[field][1]) throw new IndexCacheError(`a date of ${where} has an impossible ${field}`);
    out[field] = v as number;
  }
  return out;
}

function checkedSpan(value: unknown, textLength: number, what: string): TextSpan {
  const o = objectOf(value, what);
  const { start, end } = o;
  if (!isCount(start) || !isCount(end) || start > end || end > textLength) throw new IndexCacheError(`${what} lies outside its text`);
  return { start, end };
}

/** Whether source position `a` comes before `b`. */
function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function objectOf(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new IndexCacheError(`${what} is malformed`);
  return v as Record<string, unknown>;
}

function arrayOf(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new IndexCacheError(`${what} are malformed`);
  return v;
}

function stringOf(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new IndexCacheError(`${what} is not text`);
  return v;
}
