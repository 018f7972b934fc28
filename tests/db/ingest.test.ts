/**
 * Ingestion: unchanged files are skipped, a changed file replaces its
 * articles, a new file is added, and a removed file goes only with `prune`;
 * after each step the store answers as an in-memory index built from the
 * files as they are then.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
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
  writeFileSync(path.join(dir, 'new-article.md'), '# Geneva\n\nTalks resumed in Geneva on 3 March 2021, said Maria Kowalska, a spokeswoman for the Red Cross.\n');
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
    const snapshot = async (p: PgPool): Promise<unknown> => ({
      words: await p.query('SELECT word, occurrences::int, articles::int FROM word_freq ORDER BY word'),
      people: await p.query('SELECT key, name, spellings, occurrences, first_path, first_pos, first_idx FROM people ORDER BY key'),
      tokens: await p.query('SELECT token_count::int FROM factcheck_corpus'),
    });
    assert.deepEqual(await snapshot(pool), await snapshot(freshPool));
  } finally {
    await freshPool.end();
    await fresh.drop();
  }
});
