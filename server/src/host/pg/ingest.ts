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
import type { PoolClient } from 'pg';
import { storedWordCounts, type ArticleRows, type StoredRecord } from './articleRows';
import { createExtractor, extractionBuildId, type Extractor } from './extractor';
import { nameFieldLength } from './nameSearchStats';
import { countMentions, updatePersonSummary } from './personSummary';
import type { PgPool } from './pool';
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
  if (report.writtenFiles > 0 || report.removedFiles > 0) await settle(pool, report.articles + report.removedFiles);
  const [row] = await pool.query<{ v: string }>('SELECT corpus_version AS v FROM factcheck_corpus');
  report.corpusVersion = Number(row.v);
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

/** Statement timeout inside ingestion's transactions (a constant, never input). */
const INGEST_STATEMENT_TIMEOUT = '30min';

/** GIN indexes whose pending lists are flushed after an ingestion. */
const GIN_INDEXES = ['articles_tsv', 'sentences_tsv', 'people_name_words', 'people_search_words', 'people_name_trgm', 'name_words_trgm', 'person_roles_words'];

/**
 * After writing: the GIN pending lists flushed (until then every look-up
 * scans them: 1 → 4 ms in issue 14's measurements) and the planner's
 * statistics refreshed (a fresh table's estimates made it scan all articles
 * instead of probing the index).
 */
async function settle(pool: PgPool, changed: number): Promise<void> {
  // A handful of articles leave pending lists of a few entries and planner statistics as true as before:
  // an editor's one-article update stays milliseconds, not seconds of ANALYZE on a million rows.
  const [row] = await pool.query<{ n: string }>('SELECT count(*) AS n FROM (SELECT 1 FROM articles LIMIT $1) x', [SMALL_CHANGE_ARTICLES * 10]);
  if (changed < SMALL_CHANGE_ARTICLES && Number(row.n) >= SMALL_CHANGE_ARTICLES * 10) return;
  await pool.transaction(async (client) => {
    await client.query(`SET LOCAL statement_timeout = '${INGEST_STATEMENT_TIMEOUT}'`);
    for (const index of GIN_INDEXES) await client.query('SELECT gin_clean_pending_list($1::regclass)', [index]);
    await client.query('ANALYZE articles, sentences, word_freq, people, name_words, person_mentions, date_mentions, date_events, person_roles, person_role_dates, person_dates');
  });
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
 * Writes one batch in one transaction: the files' old rows out (their words
 * taken off the frequencies), the new ones in, the people they touch
 * recomputed, the people summary brought up to date (personSummary.ts), the corpus version bumped.
 */
async function writeBatch(pool: PgPool, files: readonly PendingFile[], removed: readonly string[], extractedBy: string): Promise<void> {
  const rows = files.map((f) => ({ file: f, articles: f.rows ?? [] }));
  await pool.transaction(async (client) => {
    // One writer at a time: frequencies and people are read-modify-write.
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    // The pool's statement timeout guards look-ups; a batch of writes may take longer.
    await client.query(`SET LOCAL statement_timeout = '${INGEST_STATEMENT_TIMEOUT}'`);
    const paths = [...files.map((f) => f.path), ...removed].map(sqlSafe);
    const wordDelta = new Map<string, { occurrences: number; articles: number }>();
    const addWord = (w: string, occurrences: number, articles: number): void => {
      const d = wordDelta.get(w);
      if (d) {
        d.occurrences += occurrences;
        d.articles += articles;
      } else wordDelta.set(w, { occurrences, articles });
    };
    let tokenDelta = 0;
    // The corpus totals the statistics read (schema v5: kept here, not summed over every article at open).
    const totals = { articles: 0, sentences: 0, quotes: 0, dates: 0 };
    // The replaced articles' words come off the frequencies: counted again from their text (not stored twice).
    const old = await client.query<{ text: string; record: StoredRecord; token_count: number; sentence_count: number; quote_count: number; event_date_count: number }>(
      'SELECT text, record, token_count, sentence_count, quote_count, event_date_count FROM articles WHERE file_path = ANY($1)',
      [paths],
    );
    for (const a of old.rows) {
      for (const [w, n] of storedWordCounts(a.text, a.record)) addWord(w, -n, -1);
      tokenDelta -= a.token_count;
      totals.articles--;
      totals.sentences -= a.sentence_count;
      totals.quotes -= a.quote_count;
      totals.dates -= a.event_date_count;
    }
    // Through the articles (indexed by file): person_mentions has no index by file, and reading all of it made
    // a one-article upsert 256 ms at 200k articles.
    const touched = new Set(
      (await client.query<{ key: string }>('SELECT DISTINCT pm.key FROM articles a JOIN person_mentions pm ON pm.aid = a.aid WHERE a.file_path = ANY($1)', [paths])).rows.map((r) => r.key),
    );
    const mentionsBefore = await countMentions(client, paths);
    await client.query('DELETE FROM files WHERE path = ANY($1)', [paths]);
    if (files.length > 0) {
      await client.query(
        `INSERT INTO files (path, size, hash, indexed, warnings, extracted_by)
         SELECT r.path, r.size, r.hash, r.indexed, r.warnings, $2 FROM json_to_recordset($1::json) AS r(path text, size bigint, hash text, indexed boolean, warnings json)`,
        [JSON.stringify(files.map((f) => ({ path: sqlSafe(f.path), size: f.size, hash: f.hash, indexed: !!f.rows, warnings: f.warnings }))), sqlSafe(extractedBy)],
      );
    }
    const articles = rows.flatMap((r) => r.articles.map((a) => ({ file: r.file.path, rows: a })));
    if (articles.length > 0) {
      const aids = await insertArticles(client, articles);
      await insertChildren(client, articles, aids);
      for (const a of articles) {
        for (const [w, n] of a.rows.wordCounts) addWord(sqlSafe(w), n, 1);
        tokenDelta += a.rows.article.token_count;
        totals.articles++;
        totals.sentences += a.rows.article.sentence_count;
        totals.quotes += a.rows.article.quote_count;
        totals.dates += a.rows.article.event_date_count;
        for (const m of a.rows.children.mentions) touched.add(m.key);
      }
    }
    await applyWordDelta(client, wordDelta);
    await refreshPeople(client, [...touched]);
    await updatePersonSummary(client, paths, mentionsBefore, await countMentions(client, paths));
    await client.query(
      `UPDATE factcheck_corpus SET corpus_version = corpus_version + 1, token_count = token_count + $1, article_count = article_count + $2,
         sentence_count = sentence_count + $3, quote_count = quote_count + $4, event_date_count = event_date_count + $5, updated_at = now()`,
      [tokenDelta, totals.articles, totals.sentences, totals.quotes, totals.dates],
    );
  });
}

/** Inserts the articles; returns their `aid`s in the same order. */
async function insertArticles(client: PoolClient, articles: ReadonlyArray<{ file: string; rows: ArticleRows }>): Promise<number[]> {
  const payload = articles.map(({ file, rows: { article: a } }, i) => ({ i, file_path: sqlSafe(file), ...a }));
  const res = await client.query<{ aid: string; file_path: string; file_pos: number }>(
    `INSERT INTO articles (id, file_path, file_pos, path, title, publisher, date, url, content_hash, text, norm, record, token_count,
                           sentence_count, quote_count, event_date_count, tsv)
     SELECT r.id, r.file_path, r.file_pos, r.path, r.title, r.publisher, r.date, r.url, r.content_hash, r.text, r.norm, r.record, r.token_count,
            r.sentence_count, r.quote_count, r.event_date_count,
            CASE WHEN r.lexemes IS NULL THEN NULL ELSE array_to_tsvector(r.lexemes) END
     FROM json_to_recordset($1::json) AS r(i int, id text, file_path text, file_pos int, path text, title text, publisher text, date text, url text,
          content_hash text, text text, norm text, record json, token_count int,
          sentence_count int, quote_count int, event_date_count int, lexemes text[])
     ORDER BY r.i
     RETURNING aid, file_path, file_pos`,
    [JSON.stringify(payload)],
  );
  // RETURNING order is not guaranteed: match by (file, position).
  const byPlace = new Map(res.rows.map((r) => [`${r.file_path}\u0000${r.file_pos}`, Number(r.aid)]));
  return payload.map((p) => byPlace.get(`${p.file_path}\u0000${p.file_pos}`)!);
}

/** Inserts sentences, person mentions, quotations, dates and their event keys: one statement per table. */
async function insertChildren(client: PoolClient, articles: ReadonlyArray<{ file: string; rows: ArticleRows }>, aids: readonly number[]): Promise<void> {
  const withAid = <T>(pick: (r: ArticleRows) => T[]): Array<T & { aid: number; file_path: string; file_pos: number }> =>
    articles.flatMap(({ file, rows }, i) => pick(rows).map((row) => ({ ...row, aid: aids[i], file_path: sqlSafe(file), file_pos: rows.article.file_pos })));
  const sentences = withAid((r) => r.children.sentences);
  if (sentences.length > 0) {
    await client.query(
      `INSERT INTO sentences (aid, idx, tsv)
       SELECT r.aid, r.idx, array_to_tsvector(r.lexemes) FROM json_to_recordset($1::json) AS r(aid bigint, idx int, lexemes text[])`,
      [JSON.stringify(sentences.map((r) => ({ aid: r.aid, idx: r.idx, lexemes: r.lexemes })))],
    );
  }
  const mentions = withAid((r) => r.children.mentions);
  if (mentions.length > 0) {
    await client.query(
      `INSERT INTO person_mentions (aid, idx, key, full_name, start_offset, end_offset, role, role_start, role_end, file_path, file_pos)
       SELECT r.aid, r.idx, r.key, r.full_name, r.start_offset, r.end_offset, r.role, r.role_start, r.role_end, r.file_path, r.file_pos
       FROM json_to_recordset($1::json) AS r(aid bigint, idx int, key text, full_name text, start_offset int, end_offset int, role text, role_start int, role_end int, file_path text, file_pos int)`,
      [JSON.stringify(mentions)],
    );
  }
  const quotations = withAid((r) => r.children.quotations);
  if (quotations.length > 0) {
    await client.query(
      `INSERT INTO quotations (aid, idx, start_offset, end_offset, text, speaker, speaker_resolved, speaker_is_organisation, cue)
       SELECT r.aid, r.idx, r.start_offset, r.end_offset, r.text, r.speaker, r.speaker_resolved, r.speaker_is_organisation, r.cue
       FROM json_to_recordset($1::json) AS r(aid bigint, idx int, start_offset int, end_offset int, text text, speaker text, speaker_resolved text, speaker_is_organisation boolean, cue text)`,
      [JSON.stringify(quotations)],
    );
  }
  const dates = withAid((r) => r.children.dates);
  if (dates.length > 0) {
    await client.query(
      `INSERT INTO date_mentions (aid, idx, start_offset, end_offset, text, mention)
       SELECT r.aid, r.idx, r.start_offset, r.end_offset, r.text, r.mention
       FROM json_to_recordset($1::json) AS r(aid bigint, idx int, start_offset int, end_offset int, text text, mention json)`,
      [JSON.stringify(dates)],
    );
    await client.query(
      `INSERT INTO date_events (key, aid, idx, file_path, file_pos)
       SELECT k, r.aid, r.idx, r.file_path, r.file_pos
       FROM json_to_recordset($1::json) AS r(aid bigint, idx int, file_path text, file_pos int, keys text[]) CROSS JOIN LATERAL unnest(r.keys) AS k`,
      [JSON.stringify(dates.map((d) => ({ aid: d.aid, idx: d.idx, file_path: d.file_path, file_pos: d.file_pos, keys: d.keys })))],
    );
  }
}

/** Adds the batch's word counts to `word_freq` (negative for removed articles), dropping words no article uses any more. */
async function applyWordDelta(client: PoolClient, delta: ReadonlyMap<string, { occurrences: number; articles: number }>): Promise<void> {
  const changed = [...delta].filter(([, d]) => d.occurrences !== 0 || d.articles !== 0);
  if (changed.length === 0) return;
  const words = changed.map(([w]) => w);
  await client.query(
    `INSERT INTO word_freq AS f (word, occurrences, articles)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
     ON CONFLICT (word) DO UPDATE SET occurrences = f.occurrences + excluded.occurrences, articles = f.articles + excluded.articles`,
    [words, changed.map(([, d]) => d.occurrences), changed.map(([, d]) => d.articles)],
  );
  await client.query('DELETE FROM word_freq WHERE word = ANY($1) AND occurrences <= 0', [words]);
}

/** MiniSearch's default tokenizer and term processing (the in-memory fuzzy name search): split at spaces and punctuation, lower-cased. */
export function searchWords(text: string): string[] {
  return text
    .split(/[\n\r\p{Z}\p{P}]+/u)
    .map((t) => t.toLowerCase())
    .filter((t) => t.length > 0);
}

/**
 * Recomputes the `people` rows of these name keys from their mentions, as the
 * in-memory people table derives them: spellings in first-seen corpus order,
 * the name the most used spelling (ties: the longer, then the first seen).
 */
async function refreshPeople(client: PoolClient, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const res = await client.query<{ key: string; spellings: Array<[string, number, string, number, number]> }>(
    `WITH s AS (
       SELECT key, full_name, count(*)::int AS n,
              (array_agg(file_path ORDER BY file_path, file_pos, idx))[1] AS fp,
              (array_agg(file_pos ORDER BY file_path, file_pos, idx))[1] AS fpos,
              (array_agg(idx ORDER BY file_path, file_pos, idx))[1] AS fidx
       FROM person_mentions WHERE key = ANY($1) GROUP BY key, full_name)
     SELECT key, json_agg(json_build_array(full_name, n, fp, fpos, fidx)) AS spellings FROM s GROUP BY key`,
    [keys],
  );
  const found = new Set<string>();
  const people = res.rows.map(({ key, spellings }) => {
    found.add(key);
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
  const gone = keys.filter((k) => !found.has(k));
  if (gone.length > 0) await client.query('DELETE FROM people WHERE key = ANY($1)', [gone]);
  if (people.length === 0) return;
  await client.query(
    `INSERT INTO people AS p (key, name, spellings, name_words, search_words, occurrences, first_path, first_pos, first_idx, field_length)
     SELECT r.key, r.name, r.spellings, r.name_words, r.search_words, r.occurrences, r.first_path, r.first_pos, r.first_idx, r.field_length
     FROM json_to_recordset($1::json) AS r(key text, name text, spellings text[], name_words text[], search_words text[], occurrences int, first_path text, first_pos int, first_idx int, field_length int)
     ON CONFLICT (key) DO UPDATE SET name = excluded.name, spellings = excluded.spellings, name_words = excluded.name_words, search_words = excluded.search_words,
       occurrences = excluded.occurrences, first_path = excluded.first_path, first_pos = excluded.first_pos, first_idx = excluded.first_idx,
       field_length = excluded.field_length`,
    [JSON.stringify(people)],
  );
  // Words of names for near-spelling candidates; a word no name uses any more only costs a candidate that finds no one.
  await client.query(
    `INSERT INTO name_words (word, len) SELECT w, char_length(w) FROM unnest($1::text[]) AS w ON CONFLICT DO NOTHING`,
    [[...new Set(people.flatMap((p) => p.search_words))]],
  );
}

/** Corpus order of two places (file path in UTF-16 order as JavaScript sorts, then position, then index). */
export function comparePlace(pathA: string, posA: number, idxA: number, pathB: string, posB: number, idxB: number): number {
  if (pathA !== pathB) return pathA < pathB ? -1 : 1;
  return posA - posB || idxA - idxB;
}
