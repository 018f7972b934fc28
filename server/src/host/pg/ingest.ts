/**
 * Loading a corpus source into PostgreSQL with the engine's own extractors
 * (`CorpusIndexBuilder.setFile`: the same parsing, size limit and warnings as
 * an in-memory build), file by file: a file whose size and content hash match
 * the stored ones is skipped; a changed one replaces its articles; with
 * `prune`, files the source no longer lists are removed. Writes go in batches,
 * one transaction each, and every batch that changes something bumps the
 * corpus version, so readers' caches keyed by it are dropped.
 */
import { DEFAULT_MAX_FILE_BYTES, nameTokens, type CorpusSource, type CorpusWarning } from '../../engine/api';
import { contentHash } from '../contentHash';
import { storedWordCounts, type ArticleRows, type StoredRecord } from './articleRows';
import { createExtractor, extractionBuildId, type Extractor } from './extractor';
import { nameFieldLength } from './nameSearchStats';
import { preparedName, type PgPool } from './pool';
import { initSchema, SCHEMA_LOCK_KEY } from './schema';
import { sqlSafe } from './sqlText';

/** Progress of an ingestion, after each file. */
export interface IngestProgress {
  done: number;
  total: number;
  path: string;
  /** Articles written so far, and the rate since the start (articles per second). */
  articles: number;
  articlesPerSecond: number;
}

/** Options of {@link ingest}. */
export interface IngestOptions {
  /** Remove stored files the source no longer lists. */
  prune?: boolean;
  onProgress?: (progress: IngestProgress) => void;
  /** Articles written per transaction (default 200). */
  batchArticles?: number;
  /** Files larger than this are skipped with a warning (default: the engine's, 40 MB). */
  maxFileBytes?: number;
  /** Extract in this thread instead of the extraction worker (tests compare both). */
  extractInThread?: boolean;
  /**
   * Which extraction this is (default: the extraction worker's build id,
   * `extractionBuildId`). Files another extraction wrote are extracted again
   * even when unchanged.
   */
  extractedBy?: string;
}

/** Files read and queued for extraction ahead of the one being written. */
const READ_AHEAD = 4;

/** What {@link ingest} did. */
export interface IngestReport {
  listedFiles: number;
  unchangedFiles: number;
  /** Files parsed and written (new or changed). */
  writtenFiles: number;
  removedFiles: number;
  articles: number;
  warnings: CorpusWarning[];
  /** The corpus version after ingestion. */
  corpusVersion: number;
  seconds: number;
  /** Of {@link seconds}, the time spent writing (the transactions that replace articles): an upsert's own cost. */
  writeSeconds: number;
}

/** One file ready to write: its fingerprint, warnings and extracted articles (none when skipped). */
interface PendingFile {
  path: string;
  size: number;
  hash: string;
  warnings: CorpusWarning[];
  /** The articles' rows, as extracted; none when the file was skipped. */
  rows?: ArticleRows[];
}

/**
 * Ingests every file of `source` into the database behind `pool`, creating or
 * migrating the schema first.
 *
 * @example
 * const report = await ingest(pool, createFsCorpusSource(['corpus']), { prune: true });
 */
export async function ingest(pool: PgPool, source: CorpusSource, options: IngestOptions = {}): Promise<IngestReport> {
  const started = Date.now();
  await initSchema(pool);
  const batchArticles = options.batchArticles ?? 200;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const files = await source.listFiles();
  // Pruning needs every stored file; otherwise only the listed ones (one file's update must not read 50,000 rows).
  const stored = new Map<string, { size: number; hash: string }>();
  type StoredRow = { path: string; size: string; hash: string; extracted_by: string | null };
  const storedRows = options.prune
    ? await pool.query<StoredRow>('SELECT path, size, hash, extracted_by FROM files')
    : await pool.query<StoredRow>('SELECT path, size, hash, extracted_by FROM files WHERE path = ANY($1)', [files.map((f) => sqlSafe(f.path))]);
  const extractedBy = options.extractedBy ?? extractionBuildId();
  // A file another extraction wrote counts as changed: its rows are what that one read.
  for (const r of storedRows) if (r.extracted_by === extractedBy) stored.set(r.path, { size: Number(r.size), hash: r.hash });
  const storedPaths = storedRows.map((r) => r.path);
  const report: IngestReport = { listedFiles: files.length, unchangedFiles: 0, writtenFiles: 0, removedFiles: 0, articles: 0, warnings: [], corpusVersion: 0, seconds: 0, writeSeconds: 0 };
  const timedWrite = async (files: readonly PendingFile[], removed: readonly string[]): Promise<void> => {
    const t = performance.now();
    await writeBatch(pool, files, removed, extractedBy);
    report.writeSeconds += (performance.now() - t) / 1000;
  };
  // A thread costs tens of milliseconds to start: an update of a few files extracts them here.
  const extractor = createExtractor({ inThread: options.extractInThread ?? files.length < 4 });
  let batch: PendingFile[] = [];
  let batchSize = 0;
  let writing: Promise<void> = Promise.resolve();
  // One batch is written while the next is extracted (in the worker): the two overlap.
  const flush = async (removed: readonly string[] = []): Promise<void> => {
    if (batch.length === 0 && removed.length === 0) return;
    const files = batch;
    batch = [];
    batchSize = 0;
    await writing;
    writing = timedWrite(files, removed);
    // A failed write must surface at the next flush even if nobody awaits this one yet.
    writing.catch(() => undefined);
  };
  // Files are read and sent ahead, a few at a time, so the worker always has the next one.
  const reads: Array<Promise<PendingFile | undefined>> = [];
  const readAhead = (i: number): void => {
    if (i < files.length) reads[i] = readFile(source, extractor, files[i].path, files[i].size, maxFileBytes, stored.get(files[i].path));
  };
  try {
    for (let i = 0; i < Math.min(READ_AHEAD, files.length); i++) readAhead(i);
    for (let i = 0; i < files.length; i++) {
      const info = files[i];
      const pending = await reads[i];
      delete reads[i];
      readAhead(i + READ_AHEAD);
      if (!pending) report.unchangedFiles++;
      else {
        report.writtenFiles++;
        report.warnings.push(...pending.warnings);
        report.articles += pending.rows?.length ?? 0;
        batch.push(pending);
        batchSize += Math.max(1, pending.rows?.length ?? 0);
        if (batchSize >= batchArticles) await flush();
      }
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      options.onProgress?.({ done: i + 1, total: files.length, path: info.path, articles: report.articles, articlesPerSecond: report.articles / seconds });
    }
    await flush();
    await writing;
  } finally {
    // Reads still in flight (after a failure) must not reject unobserved.
    for (const r of reads) r?.catch(() => undefined);
    await extractor.close();
  }
  if (options.prune) {
    const listed = new Set(files.map((f) => f.path));
    const gone = storedPaths.filter((p) => !listed.has(p));
    for (let i = 0; i < gone.length; i += 500) await timedWrite([], gone.slice(i, i + 500));
    report.removedFiles = gone.length;
  }
  const [row] = await pool.query<{ v: string; n: string }>('SELECT corpus_version AS v, article_count AS n FROM factcheck_corpus');
  if (report.writtenFiles > 0 || report.removedFiles > 0) await settle(pool, report.articles + report.removedFiles, Number(row.n));
  report.corpusVersion = Number(row.v);
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

/** Statement timeout inside ingestion's transactions (a constant, never input). */
const INGEST_STATEMENT_TIMEOUT = '30min';

/** GIN indexes whose pending lists are flushed after an ingestion. */
const GIN_INDEXES = ['texts_tsv', 'sentences_tsv', 'people_name_words', 'people_search_words', 'people_name_trgm', 'name_words_trgm', 'person_roles_words'];

/**
 * After writing (`articles`: the corpus's articles, as the totals keep
 * them): the GIN pending lists flushed (until then every look-up
 * scans them: 1 → 4 ms in issue 14's measurements), the planner's
 * statistics refreshed (a fresh table's estimates made it scan all articles
 * instead of probing the index), and the articles vacuumed (index-only reads).
 */
async function settle(pool: PgPool, changed: number, articles: number): Promise<void> {
  // A handful of articles leave pending lists of a few entries and planner statistics as true as before:
  // an editor's one-article update stays milliseconds, not seconds of ANALYZE on a million rows.
  if (changed < SMALL_CHANGE_ARTICLES && articles >= SMALL_CHANGE_ARTICLES * 10) return;
  await pool.transaction(async (client) => {
    await client.query(`SET LOCAL statement_timeout = '${INGEST_STATEMENT_TIMEOUT}'`);
    // This commit waits for the WAL to reach disk, the batches' commits before it too: under asynchronous commit
    // (a server's choice) a row's commit is not hinted until then, and the VACUUM below could mark no page all-visible.
    await client.query('SET LOCAL synchronous_commit = on');
    for (const index of GIN_INDEXES) await client.query('SELECT gin_clean_pending_list($1::regclass)', [index]);
    await client.query('ANALYZE articles, texts, sentences, word_freq, people, name_words, person_mentions, date_mentions, date_events, person_roles, person_role_dates, person_dates');
  });
  // Pages written since the last vacuum are not marked all-visible: until they are, reading a text's copies from
  // their index (articles_text_order, schema v9) fetches each from the heap. VACUUM runs outside a transaction.
  const client = await pool.pool.connect();
  try {
    await client.query(`SET statement_timeout = '${INGEST_STATEMENT_TIMEOUT}'`);
    await client.query('VACUUM articles, texts');
  } finally {
    // Back to the pool's own timeout (set at connection start-up) before the connection serves a look-up.
    await client.query('RESET statement_timeout').catch(() => undefined);
    client.release();
  }
}

/** Fewer changed articles than this (in a corpus ten times larger) need no settling. */
const SMALL_CHANGE_ARTICLES = 100;

/**
 * Reads one listed file; undefined when it is stored with the same size and
 * hash (nothing to do), else what to write: its articles as the engine
 * extracts them, or none with the warning saying why.
 */
async function readFile(
  source: CorpusSource,
  extractor: Extractor,
  path: string,
  listedSize: number | undefined,
  maxFileBytes: number,
  stored: { size: number; hash: string } | undefined,
): Promise<PendingFile | undefined> {
  const skipped = (size: number, message: string): PendingFile => ({ path, size, hash: '', warnings: [{ path, message }] });
  if (listedSize !== undefined && listedSize > maxFileBytes) return skipped(listedSize, `skipped: file is over the ${maxFileBytes} bytes limit`);
  let bytes: Uint8Array;
  try {
    bytes = await source.readFile(path);
  } catch (e) {
    return skipped(0, `could not read file: ${e instanceof Error ? e.message : String(e)}`);
  }
  const hash = contentHash(bytes);
  if (stored && stored.size === bytes.length && stored.hash === hash) return undefined;
  const { warnings, rows } = await extractor.extract({ path, bytes, size: bytes.length, hash, maxFileBytes });
  return { path, size: bytes.length, hash, warnings, rows };
}

/**
 * Writes one batch in one transaction, in four round trips (batchFunctions.ts):
 * BEGIN under the writers' lock; `factcheck_replace_files` (the files' old
 * rows out, the new ones in, the corpus totals and the people summary brought
 * up to date), which returns the old articles' text and the touched people's
 * spellings; `factcheck_finish_batch` with what only our code computes from
 * those (the word frequencies' change, the people rows); COMMIT.
 */
async function writeBatch(pool: PgPool, files: readonly PendingFile[], removed: readonly string[], extractedBy: string): Promise<void> {
  const paths = [...files.map((f) => f.path), ...removed].map(sqlSafe);
  const articles = files.flatMap((f) => (f.rows ?? []).map((a) => ({ file_path: sqlSafe(f.path), rows: a })));
  // Child rows name their article by (file, position): the database gives the aid.
  const children = <T>(pick: (r: ArticleRows) => T[]): string =>
    JSON.stringify(articles.flatMap(({ file_path, rows }) => pick(rows).map((row) => ({ ...row, file_path, file_pos: rows.article.file_pos }))));
  const params = [
    paths,
    JSON.stringify(files.map((f) => ({ path: sqlSafe(f.path), size: f.size, hash: f.hash, indexed: !!f.rows, warnings: f.warnings }))),
    JSON.stringify(articles.map(({ file_path, rows: { article } }, i) => ({ i, file_path, ...article }))),
    children((r) => r.children.sentences),
    children((r) => r.children.mentions),
    children((r) => r.children.quotations),
    children((r) => r.children.dates),
    sqlSafe(extractedBy),
  ];
  const client = await pool.pool.connect();
  try {
    // One writer at a time (frequencies and people are read-modify-write); the pool's statement timeout guards
    // look-ups, a batch may take longer. Constants only: one simple query, one round trip.
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${SCHEMA_LOCK_KEY}); SET LOCAL statement_timeout = '${INGEST_STATEMENT_TIMEOUT}'`);
    const replaced = await client.query<{ r: { old: Array<{ text: string; record: StoredRecord }>; touched: string[]; people: PersonSpellings[] } }>(
      prepared(REPLACE_FILES_SQL, params),
    );
    const { old, touched, people: spellings } = replaced.rows[0].r;
    // The replaced articles' words come off the frequencies: counted again from their text (not stored twice).
    const wordDelta = new Map<string, { occurrences: number; articles: number }>();
    const addWord = (w: string, occurrences: number, articles: number): void => {
      const d = wordDelta.get(w);
      if (d) {
        d.occurrences += occurrences;
        d.articles += articles;
      } else wordDelta.set(w, { occurrences, articles });
    };
    for (const a of old) for (const [w, n] of storedWordCounts(a.text, a.record)) addWord(w, -n, -1);
    for (const a of articles) for (const [w, n] of a.rows.wordCounts) addWord(sqlSafe(w), n, 1);
    const changed = [...wordDelta].filter(([, d]) => d.occurrences !== 0 || d.articles !== 0);
    const keys = new Set([...touched, ...articles.flatMap((a) => a.rows.children.mentions.map((m) => m.key))]);
    const people = peopleRows(spellings);
    const found = new Set(people.map((p) => p.key));
    await client.query(
      prepared(FINISH_BATCH_SQL, [
        changed.map(([w]) => w),
        changed.map(([, d]) => d.occurrences),
        changed.map(([, d]) => d.articles),
        JSON.stringify(people),
        [...keys].filter((k) => !found.has(k)),
        [...new Set(people.flatMap((p) => p.search_words))],
      ]),
    );
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

const REPLACE_FILES_SQL = 'SELECT factcheck_replace_files($1, $2, $3, $4, $5, $6, $7, $8) AS r';
const FINISH_BATCH_SQL = 'SELECT factcheck_finish_batch($1, $2, $3, $4, $5, $6)';

/** A statement prepared under its name on the connection (parsed once per session). */
function prepared(text: string, values: unknown[]): { name: string; text: string; values: unknown[] } {
  return { name: preparedName(text, values)!, text, values };
}

/** One person's mention spellings: [spelling, mentions, first file path, position, mention index]. */
interface PersonSpellings {
  key: string;
  spellings: Array<[string, number, string, number, number]>;
}

/** MiniSearch's default tokenizer and term processing (the in-memory fuzzy name search): split at spaces and punctuation, lower-cased. */
export function searchWords(text: string): string[] {
  return text
    .split(/[\n\r\p{Z}\p{P}]+/u)
    .map((t) => t.toLowerCase())
    .filter((t) => t.length > 0);
}

/**
 * The `people` rows of these persons from their mentions' spellings, as the
 * in-memory people table derives them: spellings in first-seen corpus order,
 * the name the most used spelling (ties: the longer, then the first seen).
 */
function peopleRows(persons: readonly PersonSpellings[]) {
  return persons.map(({ key, spellings }) => {
    const firstSeen = [...spellings].sort((a, b) => comparePlace(a[2], a[3], a[4], b[2], b[3], b[4]));
    const names = firstSeen.map((s) => s[0]);
    // Stable sort over first-seen order, as `buildPeopleTable` sorts its Map's entries.
    const name = [...firstSeen].sort((x, y) => y[1] - x[1] || y[0].length - x[0].length)[0][0];
    const first = firstSeen[0];
    return {
      key,
      name,
      spellings: names,
      name_words: [...new Set(names.flatMap((n) => nameTokens(n)))].map(sqlSafe),
      search_words: [...new Set(searchWords(names.join(' ')))].map(sqlSafe),
      occurrences: spellings.reduce((n, s) => n + s[1], 0),
      field_length: nameFieldLength(names),
      first_path: first[2],
      first_pos: first[3],
      first_idx: first[4],
    };
  });
}

/** Corpus order of two places (file path in UTF-16 order as JavaScript sorts, then position, then index). */
export function comparePlace(pathA: string, posA: number, idxA: number, pathB: string, posB: number, idxB: number): number {
  if (pathA !== pathB) return pathA < pathB ? -1 : 1;
  return posA - posB || idxA - idxB;
}
