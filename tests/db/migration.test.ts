/**
 * Schema migrations on databases made by earlier versions: a corpus ingested
 * under schema v1 (no `people.field_length`) or v2 (the text stored three
 * times: articles' word arrays, sentences with their text, normalised words
 * and offsets) is migrated by `initSchema` (`factcheck db init`, or any
 * ingestion) to the current version, and then answers exactly as a corpus
 * ingested fresh: the same statistics and findings, the same people, and a
 * changed file re-ingested leaves the same word frequencies (the v3 store
 * recounts a replaced article's words from its text). A v8 database (each
 * copy's row holding the text, normalised words and vector; sentences under a
 * text's lowest aid) keeps every text once, with the same sentences.
 *
 * The old databases are made as those versions made them: the corpus is
 * ingested, then the columns a later version dropped are put back and filled
 * as the old ingestion filled them, and the version set back.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { checkDraft, tokenize } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { createPgPool, ingest, initSchema, PgCorpusStore, schemaVersion, SCHEMA_VERSION, type PgPool } from '../../server/src/host/pg';
import { makeCorpusFolder } from './corpusFixture';
import { createTestDatabase, HOW_TO_RUN, type TestDatabase } from './pgTestDatabase';

const dbs: TestDatabase[] = [];
const pools: PgPool[] = [];
let dir: string | undefined;

after(async () => {
  for (const p of pools) await p.end();
  for (const d of dbs) await d.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fresh database with the corpus ingested (current schema), or undefined without PostgreSQL. */
async function ingested(label: string): Promise<PgPool | undefined> {
  const db = await createTestDatabase(label);
  if (!db) return undefined;
  dbs.push(db);
  const pool = createPgPool(db.url, { statementTimeoutMs: 120_000 });
  pools.push(pool);
  await ingest(pool, createFsCorpusSource([dir!]));
  return pool;
}

/**
 * Puts back what v9 moved to \`texts\` (each distinct text stored once): the text, normalised words and vector
 * in every article row (the content hash too, with its hash index), sentences under each text's lowest aid; version 8.
 */
async function makeVersion8(pool: PgPool): Promise<void> {
  await pool.query('ALTER TABLE articles ADD COLUMN content_hash text, ADD COLUMN text text, ADD COLUMN norm text, ADD COLUMN tsv tsvector');
  await pool.query('UPDATE articles a SET content_hash = t.content_hash, text = t.text, norm = t.norm, tsv = t.tsv FROM texts t WHERE t.tid = a.tid');
  await pool.query('ALTER TABLE articles ALTER COLUMN content_hash SET NOT NULL, ALTER COLUMN text SET NOT NULL, ALTER COLUMN norm SET NOT NULL');
  await pool.query('CREATE TABLE v8_sentences (aid bigint NOT NULL REFERENCES articles ON DELETE CASCADE, idx integer NOT NULL, tsv tsvector NOT NULL)');
  await pool.query(`INSERT INTO v8_sentences (aid, idx, tsv)
    SELECT o.aid, s.idx, s.tsv FROM (SELECT tid, min(aid) AS aid FROM articles GROUP BY tid) o JOIN sentences s ON s.tid = o.tid`);
  await pool.query('DROP TABLE sentences');
  await pool.query('ALTER TABLE v8_sentences RENAME TO sentences');
  await pool.query('ALTER TABLE sentences RENAME CONSTRAINT v8_sentences_aid_fkey TO sentences_aid_fkey');
  await pool.query('ALTER TABLE sentences ADD PRIMARY KEY (aid, idx)');
  await pool.query('CREATE INDEX sentences_tsv ON sentences USING gin (tsv)');
  await pool.query('ALTER TABLE articles DROP COLUMN tid');
  await pool.query('DROP TABLE texts');
  await pool.query('CREATE INDEX articles_tsv ON articles USING gin (tsv)');
  await pool.query('CREATE INDEX articles_tsv_missing ON articles (aid) WHERE tsv IS NULL');
  await pool.query('CREATE INDEX articles_content_hash ON articles USING hash (content_hash)');
  await pool.query('UPDATE factcheck_corpus SET schema_version = 8');
}

/** Takes away what v8 changed (sentences once per text, the id index a hash index): every copy of a text gets its own sentences again; version 7. */
async function makeVersion7(pool: PgPool): Promise<void> {
  await makeVersion8(pool);
  await pool.query(`INSERT INTO sentences (aid, idx, tsv)
    SELECT a.aid, s.idx, s.tsv FROM articles a
    JOIN LATERAL (SELECT min(b.aid) AS owner FROM articles b WHERE b.content_hash = a.content_hash) o ON o.owner <> a.aid
    JOIN sentences s ON s.aid = o.owner`);
  await pool.query('DROP INDEX articles_content_hash');
  await pool.query('DROP INDEX articles_id');
  await pool.query('CREATE INDEX articles_id ON articles (id)');
  await pool.query('UPDATE factcheck_corpus SET schema_version = 7');
}

/** Takes away what v7 added (the batch functions) and sets the version to 6. */
async function makeVersion6(pool: PgPool): Promise<void> {
  await makeVersion7(pool);
  await pool.query('DROP FUNCTION factcheck_replace_files, factcheck_finish_batch');
  await pool.query('UPDATE factcheck_corpus SET schema_version = 6');
}

/** Takes away what v6 added (the corpus totals and the date index) and sets the version to 5. */
async function makeVersion5(pool: PgPool): Promise<void> {
  await makeVersion6(pool);
  await pool.query('DROP INDEX articles_date');
  await pool.query('ALTER TABLE factcheck_corpus DROP COLUMN article_count, DROP COLUMN sentence_count, DROP COLUMN quote_count, DROP COLUMN event_date_count');
  await pool.query('UPDATE factcheck_corpus SET schema_version = 5');
}

/** Takes away what v5 added (the people summary), puts back the v4 role-words index, and sets the version to 4. */
async function makeVersion4(pool: PgPool): Promise<void> {
  await makeVersion5(pool);
  await pool.query('DROP TABLE person_roles, person_role_dates, person_dates');
  await pool.query(`CREATE INDEX person_mentions_role_words ON person_mentions USING gin (to_tsvector('simple', role)) WHERE role IS NOT NULL`);
  await pool.query('UPDATE factcheck_corpus SET schema_version = 4');
}

/** Takes away what v4 added (which extraction wrote a file, the role-words index) and sets the version to 3. */
async function makeVersion3(pool: PgPool): Promise<void> {
  await makeVersion4(pool);
  await pool.query('DROP INDEX person_mentions_role_words');
  await pool.query('ALTER TABLE files DROP COLUMN extracted_by');
  await pool.query('UPDATE factcheck_corpus SET schema_version = 3');
}

/** Puts back what v2 stored and v3 does not, filled as v2's ingestion filled it, and sets the version to 2. */
async function makeVersion2(pool: PgPool): Promise<void> {
  await makeVersion3(pool);
  await pool.query('ALTER TABLE articles ADD COLUMN words text[], ADD COLUMN word_counts integer[]');
  const rows = await pool.query<{ aid: string; text: string; record: { text?: string } }>('SELECT aid, text, record FROM articles');
  for (const r of rows) {
    const counts = new Map<string, number>();
    for (const t of tokenize(r.record.text ?? r.text)) counts.set(t.norm, (counts.get(t.norm) ?? 0) + 1);
    await pool.query('UPDATE articles SET words = $2, word_counts = $3 WHERE aid = $1', [r.aid, [...counts.keys()], [...counts.values()]]);
  }
  await pool.query('ALTER TABLE articles ALTER COLUMN words SET NOT NULL, ALTER COLUMN word_counts SET NOT NULL');
  await pool.query(`ALTER TABLE sentences ADD COLUMN start_offset integer, ADD COLUMN end_offset integer, ADD COLUMN from_line integer,
    ADD COLUMN from_character integer, ADD COLUMN to_line integer, ADD COLUMN to_character integer, ADD COLUMN text text, ADD COLUMN norm text`);
  await pool.query(`UPDATE sentences s SET
      start_offset = ((a.record->'sentences'->s.idx)->>'start')::int, end_offset = ((a.record->'sentences'->s.idx)->>'end')::int,
      from_line = ((a.record->'sentences'->s.idx)->'from'->>'line')::int, from_character = ((a.record->'sentences'->s.idx)->'from'->>'character')::int,
      to_line = ((a.record->'sentences'->s.idx)->'to'->>'line')::int, to_character = ((a.record->'sentences'->s.idx)->'to'->>'character')::int,
      text = substr(a.text, ((a.record->'sentences'->s.idx)->>'start')::int + 1, ((a.record->'sentences'->s.idx)->>'end')::int - ((a.record->'sentences'->s.idx)->>'start')::int),
      norm = array_to_string(tsvector_to_array(s.tsv), ' ')
    FROM articles a WHERE a.aid = s.aid`);
  await pool.query(`ALTER TABLE sentences ALTER COLUMN start_offset SET NOT NULL, ALTER COLUMN text SET NOT NULL, ALTER COLUMN norm SET NOT NULL`);
  await pool.query('UPDATE factcheck_corpus SET schema_version = 2');
}

/** And v1: no `people.field_length` either. */
async function makeVersion1(pool: PgPool): Promise<void> {
  await makeVersion2(pool);
  await pool.query('ALTER TABLE people DROP COLUMN field_length');
  await pool.query('UPDATE factcheck_corpus SET schema_version = 1');
}

const DRAFT = `Andrei Lankov said "the new talks in Geneva will change nothing for the farmers". Andrei Lankow, a professor at Kookmin University, agreed on 3 March.`;

/** What a corpus answers, as compared between a migrated and a fresh database. */
async function answers(pool: PgPool, draft: string): Promise<unknown> {
  const store = await PgCorpusStore.open(pool);
  const people = await pool.query('SELECT key, name, spellings, occurrences, field_length FROM people ORDER BY key');
  const words = await pool.query('SELECT word, occurrences::int, articles::int FROM word_freq ORDER BY word');
  const [corpus] = await pool.query<{ token_count: string }>('SELECT token_count, article_count, sentence_count, quote_count, event_date_count FROM factcheck_corpus');
  const summary = {
    roles: await pool.query('SELECT * FROM person_roles ORDER BY key, role'),
    roleDates: await pool.query('SELECT * FROM person_role_dates ORDER BY key, role, date'),
    dates: await pool.query('SELECT * FROM person_dates ORDER BY key, date'),
  };
  const holders = await store.findPostHolders([{ role: 'a professor at Kookmin University' }, { role: 'president' }, { role: 'spokesman' }], { maxHolders: 5 });
  // Each distinct text once, with its sentences, whatever version stored them.
  const texts = await pool.query('SELECT t.content_hash, t.text, t.norm, t.tsv::text, (SELECT count(*)::int FROM articles a WHERE a.tid = t.tid) AS copies FROM texts t ORDER BY content_hash');
  const sentences = await pool.query('SELECT t.content_hash, s.idx, s.tsv::text FROM sentences s JOIN texts t USING (tid) ORDER BY t.content_hash, s.idx');
  return { stats: store.stats, findings: JSON.parse(JSON.stringify(await checkDraft(draft, store))), people, words, tokens: corpus, summary, holders, texts, sentences };
}

before(() => {
  dir = makeCorpusFolder({ polnear: false }).dir;
});

test('a v1–v8 database migrates to the current schema and answer as a fresh one, also after a changed file', async (t) => {
  const fresh = await ingested('migrate-fresh');
  if (!fresh) return t.skip(HOW_TO_RUN);
  const v1 = (await ingested('migrate-v1'))!;
  const v2 = (await ingested('migrate-v2'))!;
  const v3 = (await ingested('migrate-v3'))!;
  const v4 = (await ingested('migrate-v4'))!;
  const v5 = (await ingested('migrate-v5'))!;
  const v6 = (await ingested('migrate-v6'))!;
  const v7 = (await ingested('migrate-v7'))!;
  const v8 = (await ingested('migrate-v8'))!;
  await makeVersion1(v1);
  await makeVersion2(v2);
  await makeVersion3(v3);
  await makeVersion4(v4);
  await makeVersion5(v5);
  await makeVersion6(v6);
  await makeVersion7(v7);
  await makeVersion8(v8);
  for (const [pool, from] of [[v1, 1], [v2, 2], [v3, 3], [v4, 4], [v5, 5], [v6, 6], [v7, 7], [v8, 8]] as const) {
    assert.equal(await schemaVersion(pool), from);
    // An old database is refused until migrated, with the command that migrates it.
    await assert.rejects(PgCorpusStore.open(pool), /factcheck db init/);
    assert.deepEqual(await initSchema(pool), { from, to: SCHEMA_VERSION });
    const columns = await pool.query<{ c: string }>(
      `SELECT table_name || '.' || column_name AS c FROM information_schema.columns WHERE table_name IN ('articles', 'sentences') ORDER BY 1`,
    );
    assert.deepEqual(
      columns.map((r) => r.c).filter((c) => /words|word_counts|sentences\.(text|norm|start_offset|from_line|aid)|articles\.(text|norm|tsv|content_hash)$/.test(c)),
      [],
      'the dropped columns are gone',
    );
  }
  const expected = await answers(fresh, DRAFT);
  assert.deepEqual(await answers(v1, DRAFT), expected);
  assert.deepEqual(await answers(v2, DRAFT), expected);
  assert.deepEqual(await answers(v3, DRAFT), expected);
  assert.deepEqual(await answers(v4, DRAFT), expected);
  assert.deepEqual(await answers(v5, DRAFT), expected);
  assert.deepEqual(await answers(v6, DRAFT), expected);
  assert.deepEqual(await answers(v7, DRAFT), expected);
  assert.deepEqual(await answers(v8, DRAFT), expected);
  // A file changes: the migrated databases take the replaced article's words off as the fresh one does.
  appendFileSync(path.join(dir!, 'fixture-article.md'), '\n\nA new paragraph about the farmers of Kaesong, said Andrei Lankov.\n');
  for (const pool of [fresh, v1, v2, v3, v4, v5, v6, v7, v8]) await ingest(pool, createFsCorpusSource([dir!]));
  const changed = await answers(fresh, DRAFT);
  assert.notDeepEqual(changed, expected, 'the change shows');
  assert.deepEqual(await answers(v1, DRAFT), changed);
  assert.deepEqual(await answers(v2, DRAFT), changed);
  assert.deepEqual(await answers(v3, DRAFT), changed);
  assert.deepEqual(await answers(v4, DRAFT), changed);
  assert.deepEqual(await answers(v5, DRAFT), changed);
  assert.deepEqual(await answers(v6, DRAFT), changed);
  assert.deepEqual(await answers(v7, DRAFT), changed);
  assert.deepEqual(await answers(v8, DRAFT), changed);
});

test('files written by another extraction are extracted again; the same extraction skips them', async (t) => {
  const pool = await ingested('migrate-extraction');
  if (!pool) return t.skip(HOW_TO_RUN);
  const source = createFsCorpusSource([dir!]);
  const first = await ingest(pool, source, { extractedBy: 'factcheck-a' });
  assert.ok(first.writtenFiles > 0, 'the default extraction wrote them before: another one re-extracts');
  const again = await ingest(pool, source, { extractedBy: 'factcheck-a' });
  assert.deepEqual([again.writtenFiles, again.unchangedFiles], [0, first.listedFiles]);
  const other = await ingest(pool, source, { extractedBy: 'factcheck-b' });
  assert.deepEqual([other.writtenFiles, other.unchangedFiles], [first.listedFiles, 0]);
  const stored = await pool.query<{ e: string }>('SELECT DISTINCT extracted_by AS e FROM files');
  assert.deepEqual(stored.map((r) => r.e), ['factcheck-b']);
});

test('a text another extraction wrote gets this extraction’s words, vector and sentences', async (t) => {
  const pool = await ingested('migrate-text-rows');
  if (!pool) return t.skip(HOW_TO_RUN);
  const source = createFsCorpusSource([dir!]);
  await ingest(pool, source, { extractedBy: 'factcheck-a' });
  const textRows = async (): Promise<unknown> => ({
    texts: await pool.query('SELECT content_hash, norm, tsv::text, extracted_by FROM texts ORDER BY content_hash'),
    sentences: await pool.query('SELECT t.content_hash, s.idx, s.tsv::text FROM sentences s JOIN texts t USING (tid) ORDER BY 1, 2'),
  });
  const expected = await textRows();
  // What an older extraction (another tokeniser, another sentence splitter) would have left: other words, one sentence.
  await pool.query(`UPDATE texts SET norm = ' older words ', tsv = array_to_tsvector('{older,words}'), extracted_by = 'factcheck-old'`);
  await pool.query('DELETE FROM sentences WHERE idx > 0');
  await pool.query(`UPDATE files SET extracted_by = 'factcheck-old'`);
  const again = await ingest(pool, source, { extractedBy: 'factcheck-a' });
  assert.ok(again.writtenFiles > 0, 'files the older extraction wrote are extracted again');
  assert.deepEqual(await textRows(), expected);
});
