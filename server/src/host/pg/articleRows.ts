/**
 * An extracted article (the engine's `ArticleRecord`) as the rows of the
 * PostgreSQL schema, and back. The record itself is stored whole (without its
 * text, which has a column of its own), so what the store decides with is
 * exactly what the in-memory index holds; the other rows exist for SQL to find
 * candidates by.
 */
import { tokenize, nameKey, nameTokens, eventMatchKeys, type ArticleRecord, type SentenceRecord } from '../../engine/api';
import { contentHash } from '../contentHash';
import { hasSqlUnsafe, isLexeme, sqlSafe } from './sqlText';

/** Most bytes of lexemes in one article's tsvector (PostgreSQL's limit for a tsvector is 1 MB). */
const MAX_VECTOR_BYTES = 900_000;

/** The `articles` row of one article (the `aid` is given by the database). */
export interface ArticleRow {
  id: string;
  file_pos: number;
  path: string;
  title: string | null;
  publisher: string | null;
  date: string | null;
  url: string | null;
  content_hash: string;
  text: string;
  /** Normalised words, space-separated, a space at each end. */
  norm: string;
  record: StoredRecord;
  token_count: number;
  sentence_count: number;
  quote_count: number;
  event_date_count: number;
  /** Lexemes of the article's tsvector; null when too many for one vector (the article is then always a candidate). */
  lexemes: string[] | null;
}

/** The rows that hang off one article, keyed by its position in the file (the `aid` is filled in on insert). */
export interface ArticleChildRows {
  /** Each sentence's distinct words (its offsets and text are the record's). */
  sentences: Array<{ idx: number; lexemes: string[] }>;
  mentions: Array<{ idx: number; key: string; full_name: string; start_offset: number; end_offset: number; role: string | null; role_start: number | null; role_end: number | null }>;
  quotations: Array<{ idx: number; start_offset: number; end_offset: number; text: string; speaker: string | null; speaker_resolved: string | null; speaker_is_organisation: boolean | null; cue: string | null }>;
  dates: Array<{ idx: number; start_offset: number; end_offset: number; text: string; mention: unknown; keys: string[] }>;
}

/** An `ArticleRecord` as stored in `articles.record`: everything but the text, which is kept only when SQL could not hold it. */
export type StoredRecord = Omit<ArticleRecord, 'text'> & { text?: string };

/** The rows of one article: its `articles` row, its child rows, and its word counts (for `word_freq`). */
export interface ArticleRows {
  article: ArticleRow;
  children: ArticleChildRows;
  /** Word → occurrences in this article. */
  wordCounts: Map<string, number>;
}

/** Builds the rows of the article at `filePos` of its file. */
export function toArticleRows(record: ArticleRecord, filePos: number): ArticleRows {
  const { text, sentences: _sentences, ...others } = record;
  const rest = { ...others, sentences: record.sentences.map(plainSentence) };
  const stored: StoredRecord = hasSqlUnsafe(text) ? { ...rest, text } : rest;
  const norms = tokenize(text).map((t) => t.norm);
  const wordCounts = countWords(norms);
  const tokens = norms.length;
  const words = [...wordCounts.keys()];
  let lexemes: string[] | null = words.filter(isLexeme).map(sqlSafe);
  if (lexemes.reduce((n, w) => n + w.length * 3 + 8, 0) > MAX_VECTOR_BYTES && lexemes.reduce((n, w) => n + Buffer.byteLength(w) + 8, 0) > MAX_VECTOR_BYTES) lexemes = null;
  const meta = record.meta;
  const metaText = (v: unknown): string | null => (v === undefined || v === null ? null : sqlSafe(String(v)));
  const article: ArticleRow = {
    id: sqlSafe(record.id),
    file_pos: filePos,
    path: sqlSafe(record.path),
    title: metaText(meta.title),
    publisher: metaText(meta.publisher),
    date: metaText(meta.date),
    url: metaText(meta.url),
    content_hash: contentHash(Buffer.from(text, 'utf8')),
    text: sqlSafe(text),
    norm: sqlSafe(` ${norms.join(' ')} `),
    record: stored,
    token_count: tokens,
    sentence_count: record.sentences.length,
    quote_count: record.quotes.length,
    event_date_count: 0,
    lexemes,
  };
  const children = childRows(record);
  article.event_date_count = children.dates.length;
  return { article, children, wordCounts };
}

function childRows(record: ArticleRecord): ArticleChildRows {
  const { text } = record;
  const sentences = record.sentences.map((s, idx) => {
    const norms = tokenize(text, s.start, s.end).map((t) => t.norm);
    return { idx, lexemes: [...new Set(norms)].filter(isLexeme).map(sqlSafe) };
  });
  const mentions: ArticleChildRows['mentions'] = [];
  record.people.forEach((p, idx) => {
    // The in-memory people table leaves out names without a word (see buildPeopleTable).
    if (nameTokens(p.fullName).length === 0) return;
    // An empty role counts as none there too (`!!occ.role`).
    const role = p.role?.text ? p.role : undefined;
    mentions.push({
      idx,
      key: sqlSafe(nameKey(p.fullName)),
      full_name: sqlSafe(p.fullName),
      start_offset: p.span.start,
      end_offset: p.span.end,
      role: role ? sqlSafe(role.text) : null,
      role_start: role ? role.span.start : null,
      role_end: role ? role.span.end : null,
    });
  });
  const quotations = record.quotes.map((q, idx) => ({
    idx,
    start_offset: q.span.start,
    end_offset: q.span.end,
    text: sqlSafe(q.text),
    speaker: q.speaker ? sqlSafe(q.speaker.text) : null,
    speaker_resolved: q.speaker?.resolved !== undefined ? sqlSafe(q.speaker.resolved) : null,
    speaker_is_organisation: q.speaker ? !!q.speaker.isOrganisation : null,
    cue: q.cue !== undefined ? sqlSafe(q.cue) : null,
  }));
  const dates: ArticleChildRows['dates'] = [];
  record.dates.forEach((d, idx) => {
    // Only dates tied to an event word are reachable by event (see buildDateTable).
    if (d.eventWords.length === 0) return;
    dates.push({ idx, start_offset: d.span.start, end_offset: d.span.end, text: sqlSafe(d.text), mention: d, keys: [...new Set(eventMatchKeys(d.eventWords))].map(sqlSafe) });
  });
  return { sentences, mentions, quotations, dates };
}

/** Word → occurrences among `norms`. */
export function countWords(norms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of norms) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/**
 * The word counts a stored article added to `word_freq` (its text's words as
 * `toArticleRows` counted them, each as `sqlSafe` made it): what replacing or
 * removing it takes off.
 */
export function storedWordCounts(text: string, record: StoredRecord): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [w, n] of countWords(tokenize(record.text ?? text).map((t) => t.norm))) {
    const safe = sqlSafe(w);
    counts.set(safe, (counts.get(safe) ?? 0) + n);
  }
  return counts;
}

/** The `ArticleRecord` of a stored article: its record and text as the engine extracted them. */
export function recordFromRow(text: string, record: StoredRecord): ArticleRecord {
  const { text: exactText, ...rest } = record;
  // A record stored from a structured clone of the engine's compact sentences has their coordinates only.
  if (rest.sentences.some((s) => s.from === undefined)) rest.sentences = rest.sentences.map(plainSentence);
  return { ...rest, text: exactText ?? text } as ArticleRecord;
}

/** The coordinates a compact sentence keeps when it crosses a thread (a structured clone keeps fields, not getters). */
interface ClonedSentence {
  start: number;
  end: number;
  fromLine: number;
  fromCharacter: number;
  toLine: number;
  toCharacter: number;
}

/**
 * A sentence record as plain data (`{ start, end, from, to }`), whatever form
 * it comes in: the engine's compact `Sentence` (positions made by getters), a
 * structured clone of one (an extraction worker's message: its coordinates,
 * no getters), or a plain record. JSON of the first two differs, and the
 * store keeps JSON.
 */
export function plainSentence(s: SentenceRecord): SentenceRecord {
  const c = s as Partial<ClonedSentence> & Partial<SentenceRecord>;
  const from = c.from ?? { line: c.fromLine ?? 0, character: c.fromCharacter ?? 0 };
  const to = c.to ?? { line: c.toLine ?? 0, character: c.toCharacter ?? 0 };
  return { start: s.start, end: s.end, from: { line: from.line, character: from.character }, to: { line: to.line, character: to.character } };
}
