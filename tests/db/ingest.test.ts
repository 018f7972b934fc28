/**
 * Ingestion: unchanged files are skipped, a changed file replaces its
 * articles, a new file is added, and a removed file goes only with `prune`;
 * after each step the store answers as an in-memory index built from the
 * files as they are then.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, type Finding } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { createPgPool, ingest, initSchema, PgCorpusStore, schemaVersion, SCHEMA_VERSION, type PgPool } from '../../server/src/host/pg';
import { makeCorpusFolder } from './corpusFixture';
import { createTestDatabase, HOW_TO_RUN, type TestDatabase } from './pgTestDatabase';

let db: TestDatabase | undefined;
let pool: PgPool;
let dir: string;

before(async () => {
  db = await createTestDatabase('ingest');
  if (!db) return;
  dir = makeCorpusFolder({ polnear: false }).dir;
  pool = createPgPool(db.url, { statementTimeoutMs: 60_000 });
});

after(async () => {
  await pool?.end();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const NEW_ARTICLE = `

Later that week, Andrei Lankov, a professor at Kookmin University, said "the new talks in Geneva will change nothing for the farmers of Kaesong" in an interview.
`;

const DRAFT = `Andrei Lankov said "the new talks in Geneva will change nothing for the farmers of Kaesong". Andrei Lankow, a professor at Kookmin University, agreed.`;

/** The findings of DRAFT through a fresh store and through an in-memory index of the folder as it is now. */
async function bothFindings(): Promise<{ db: unknown; memory: unknown; store: PgCorpusStore }> {
  const store = await PgCorpusStore.open(pool);
  const { index } = await buildCorpusIndex(createFsCorpusSource([dir]));
  const plain = (f: Finding[]): unknown => JSON.parse(JSON.stringify(f));
  assert.deepEqual(store.stats, index.stats);
  return { db: plain(await checkDraft(DRAFT, store)), memory: plain(await checkDraft(DRAFT, index)), store };
}

test('the schema is created, versioned, and migrating again does nothing', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  assert.equal(await schemaVersion(pool), 0);
  await assert.rejects(PgCorpusStore.open(pool), /factcheck ingest/);
  assert.deepEqual(await initSchema(pool), { from: 0, to: SCHEMA_VERSION });
  assert.deepEqual(await initSchema(pool), { from: SCHEMA_VERSION, to: SCHEMA_VERSION });
});

test('re-ingesting unchanged files changes nothing; a changed file updates; prune removes', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  const source = createFsCorpusSource([dir]);
  const first = await ingest(pool, source);
  assert.ok(first.articles > 0);
  assert.equal(first.unchangedFiles, 0);
  const before = await bothFindings();
  assert.deepEqual(before.db, before.memory);

  const again = await ingest(pool, source);
  assert.equal(again.writtenFiles, 0);
  assert.equal(again.unchangedFiles, first.listedFiles);
  assert.equal(again.corpusVersion, first.corpusVersion, 'nothing written, version unchanged');

  // A changed file: its new quotation is found, with the same findings as a fresh in-memory index.
  appendFileSync(path.join(dir, '000_5f232754d814ddaa.txt'), NEW_ARTICLE);
  const changed = await ingest(pool, source);
  assert.equal(changed.writtenFiles, 1);
  assert.ok(changed.corpusVersion > again.corpusVersion);
  const after1 = await bothFindings();
  assert.deepEqual(after1.db, after1.memory);
  assert.ok((after1.db as Finding[]).some((f) => f.code === 'quote-verified'), 'the new quotation is verified');
  assert.ok((before.db as Finding[]).every((f) => f.code !== 'quote-verified' || !f.message.includes('Geneva')));

  // A new file and a removed one: without prune the removed file stays, with prune it goes.
  // It also spells a person of the changed file another way: that person's row changes (spellings, name words, field length).
  writeFileSync(
    path.join(dir, 'new-article.md'),
    '# Geneva\n\nTalks resumed in Geneva on 3 March 2021, said Maria Kowalska, a spokeswoman for the Red Cross. Andréi Lankov, a professor, agreed.\n',
  );
  rmSync(path.join(dir, '003_4a9a46e10c6725df.txt'));
  const kept = await ingest(pool, source);
  assert.equal(kept.writtenFiles, 1);
  assert.equal(kept.removedFiles, 0);
  const stillThere = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM files WHERE path LIKE '%003_4a9a46e10c6725df.txt'`);
  assert.equal(Number(stillThere[0].n), 1);
  const pruned = await ingest(pool, source, { prune: true });
  assert.equal(pruned.removedFiles, 1);
  assert.equal(pruned.writtenFiles, 0);
  const after2 = await bothFindings();
  assert.deepEqual(after2.db, after2.memory);

  // Word frequencies and people follow the files: what is left equals a fresh ingestion's.
  const fresh = await createTestDatabase('ingest_fresh');
  assert.ok(fresh);
  const freshPool = createPgPool(fresh.url);
  try {
    await ingest(freshPool, source);
    assert.deepEqual(await tablesSnapshot(pool), await tablesSnapshot(freshPool));
  } finally {
    await freshPool.end();
    await fresh.drop();
  }
});

const COPIED_TEXT = `# Harbour talks

Officials from both ports met in Rotterdam on 4 May 2021 to settle the dispute over berthing fees. "We will not accept a fee that doubles overnight," said Jan de Vries, the harbour master. The talks resumed the next morning after a short break. Shipping firms said the new fees would be passed on to customers within weeks.
`;

test('a text in two files is stored once with its sentences, and stays until its last file goes', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  const copies = mkdtempSync(path.join(tmpdir(), 'factcheck-db-copies-'));
  const one = await createTestDatabase('ingest_copies');
  const fresh = await createTestDatabase('ingest_copies_fresh');
  assert.ok(one && fresh);
  const p1 = createPgPool(one.url);
  const p2 = createPgPool(fresh.url);
  try {
    // Same text, two files: one texts row, its sentences under it, both articles naming it.
    writeFileSync(path.join(copies, 'a-first.md'), COPIED_TEXT);
    writeFileSync(path.join(copies, 'b-second.md'), COPIED_TEXT);
    writeFileSync(path.join(copies, 'c-other.md'), '# Other\n\nThe council met on 3 March 2021, said Maria Kowalska, a spokeswoman.\n');
    await ingest(p1, createFsCorpusSource([copies]));
    const rows = await p1.query<{ path: string; tid: string; n: string }>(
      'SELECT a.file_path AS path, a.tid, (SELECT count(*) FROM sentences s WHERE s.tid = a.tid) AS n FROM articles a ORDER BY a.file_path',
    );
    assert.deepEqual(rows.map((r) => path.basename(r.path)), ['a-first.md', 'b-second.md', 'c-other.md']);
    assert.equal(rows[0].tid, rows[1].tid, 'the copies name one text');
    assert.notEqual(rows[0].tid, rows[2].tid);
    assert.ok(rows.every((r) => Number(r.n) > 0), 'each text holds its sentences');
    const [texts] = await p1.query<{ n: string; sentences: string }>('SELECT (SELECT count(*) FROM texts) AS n, (SELECT count(DISTINCT tid) FROM sentences) AS sentences');
    assert.deepEqual([Number(texts.n), Number(texts.sentences)], [2, 2]);
    // One copy goes: the text and its sentences stay; the tables are a fresh ingestion's of what is left.
    rmSync(path.join(copies, 'a-first.md'));
    await ingest(p1, createFsCorpusSource([copies]), { prune: true });
    await ingest(p2, createFsCorpusSource([copies]));
    assert.deepEqual(await tablesSnapshot(p1), await tablesSnapshot(p2));
    // And when the last copy goes, so do its text and sentences.
    rmSync(path.join(copies, 'b-second.md'));
    await ingest(p1, createFsCorpusSource([copies]), { prune: true });
    const [left] = await p1.query<{ texts: string; orphans: string; held: string }>(
      `SELECT (SELECT count(*) FROM texts) AS texts, (SELECT count(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.tid = s.tid)) AS orphans,
              (SELECT count(DISTINCT tid) FROM sentences) AS held`,
    );
    assert.deepEqual([Number(left.texts), Number(left.orphans), Number(left.held)], [1, 0, 1], "only the other article's text is left");
  } finally {
    await p1.end();
    await p2.end();
    await one.drop();
    await fresh.drop();
    rmSync(copies, { recursive: true, force: true });
  }
});

/**
 * Every table as rows that do not depend on the order of writes: article ids
 * (`aid`) replaced by the article's place (file path, position), and
 * `name_words` left out (words are added, never removed: an updated corpus may
 * hold more of them than a fresh one, which only costs a candidate that finds no one).
 */
async function tablesSnapshot(p: PgPool): Promise<Record<string, unknown>> {
  const place = (alias: string): string => `${alias}.file_path AS a_path, ${alias}.file_pos AS a_pos`;
  const out: Record<string, unknown> = {};
  const queries: Record<string, string> = {
    corpus: 'SELECT token_count::int, article_count::int, sentence_count::int, quote_count::int, event_date_count::int FROM factcheck_corpus',
    files: 'SELECT path, size::int, hash, indexed, warnings::text, extracted_by FROM files ORDER BY path',
    articles: `SELECT id, ${place('a')}, path, title, publisher, date, url, t.content_hash, record::text, token_count, sentence_count,
      quote_count, event_date_count FROM articles a JOIN texts t USING (tid) ORDER BY a_path, a_pos`,
    // Texts and their sentences by content hash (\`tid\` depends on the order of writes); every text named by an article.
    texts: 'SELECT t.content_hash, t.text, t.norm, t.tsv::text, EXISTS (SELECT 1 FROM articles a WHERE a.tid = t.tid) AS named FROM texts t ORDER BY content_hash',
    sentences: `SELECT t.content_hash, s.idx, s.tsv::text FROM sentences s JOIN texts t USING (tid) ORDER BY t.content_hash, s.idx`,
    mentions: `SELECT ${place('a')}, m.idx, m.key, m.full_name, m.start_offset, m.end_offset, m.role, m.role_start, m.role_end, m.file_path, m.file_pos
      FROM person_mentions m JOIN articles a USING (aid) ORDER BY a_path, a_pos, m.idx`,
    quotations: `SELECT ${place('a')}, q.idx, q.start_offset, q.end_offset, q.text, q.speaker, q.speaker_resolved, q.speaker_is_organisation, q.cue
      FROM quotations q JOIN articles a USING (aid) ORDER BY a_path, a_pos, q.idx`,
    dates: `SELECT ${place('a')}, d.idx, d.start_offset, d.end_offset, d.text, d.mention::text FROM date_mentions d JOIN articles a USING (aid)
      ORDER BY a_path, a_pos, d.idx`,
    events: `SELECT ${place('a')}, e.idx, e.key, e.file_path, e.file_pos FROM date_events e JOIN articles a USING (aid) ORDER BY a_path, a_pos, e.idx, e.key`,
    words: 'SELECT word, occurrences::int, articles::int FROM word_freq ORDER BY word',
    people: 'SELECT key, name, spellings, name_words, search_words, occurrences, first_path, first_pos, first_idx, field_length FROM people ORDER BY key',
    roles: 'SELECT key, role, mentions::int, first_path, first_pos, first_idx, article_id, role_start, role_end FROM person_roles ORDER BY key, role',
    roleDates: 'SELECT key, role, date, mentions::int FROM person_role_dates ORDER BY key, role, date',
    personDates: 'SELECT key, date, mentions::int FROM person_dates ORDER BY key, date',
  };
  for (const [name, sql] of Object.entries(queries)) out[name] = await p.query(sql);
  return out;
}
