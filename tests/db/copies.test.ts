/**
 * A corpus holding copies of its articles (wire copy; the bench's ×50
 * corpus): the PostgreSQL store scores a text's windows once for all its
 * copies (`alignedSentences.ts`) and must still answer as the in-memory
 * index, which ranks every copy in its own corpus place. Every file is here
 * three times: once before the originals in corpus order, once after (and
 * ingested first).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, tokenize, type AlignmentQuery, type CorpusIndex } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { createPgPool, ingest, PgCorpusStore, type PgPool } from '../../server/src/host/pg';
import { makeCorpusFolder, makeDrafts } from './corpusFixture';
import { createTestDatabase, HOW_TO_RUN, type TestDatabase } from './pgTestDatabase';

let db: TestDatabase | undefined;
let pool: PgPool;
let dir: string;
let index: CorpusIndex;
let store: PgCorpusStore;

before(async () => {
  db = await createTestDatabase('copies');
  if (!db) return;
  dir = makeCorpusFolder({ polnear: true }).dir;
  const originals = readdirSync(dir);
  // The last copies in corpus order are ingested first (the lowest row ids): a store that kept one copy
  // by row id where it should rank every copy would answer with the last one.
  const held = mkdtempSync(path.join(tmpdir(), 'factcheck-db-originals-'));
  for (const f of originals) {
    copyFileSync(path.join(dir, f), path.join(dir, `z-copy-${f}`));
    renameSync(path.join(dir, f), path.join(held, f));
  }
  pool = createPgPool(db.url, { statementTimeoutMs: 60_000 });
  await ingest(pool, createFsCorpusSource([dir]));
  for (const f of originals) {
    renameSync(path.join(held, f), path.join(dir, f));
    copyFileSync(path.join(dir, f), path.join(dir, `0-copy-${f}`));
  }
  rmSync(held, { recursive: true, force: true });
  await ingest(pool, createFsCorpusSource([dir]));
  index = (await buildCorpusIndex(createFsCorpusSource([dir]))).index;
  store = await PgCorpusStore.open(pool);
});

after(async () => {
  await pool?.end();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

test('sentences of copied articles align as in memory, every copy in its place', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  const originals = index.articles.filter((a) => !path.basename(a.path).includes('copy-'));
  const queries: AlignmentQuery[] = [];
  for (const a of originals.slice(0, 120)) {
    for (const s of a.sentences.slice(0, 3)) {
      const words = [...new Set(tokenize(a.text, s.start, s.end).map((w) => w.norm))];
      if (words.length < 6) continue;
      queries.push({ words, names: [] });
      // The sentence with a word left out: a draft's paraphrase.
      queries.push({ words: words.filter((_, i) => i !== 2), names: [] });
    }
  }
  const [db2, memory] = [await store.findAlignedSentences(queries), await index.findAlignedSentences(queries)];
  const same = queries.filter((_, i) => JSON.stringify(plain(db2[i])) === JSON.stringify(plain(memory[i]))).length;
  console.log(`aligned with copies: ${same}/${queries.length} identical`);
  assert.ok(queries.length > 50, 'the corpus gives sentences');
  assert.ok(memory.filter((m) => m.length >= 2).length > queries.length / 4, 'copies align together');
  assert.equal(same, queries.length);
});

test('altered quotations find the same closest passages among copies', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  const originals = index.articles.filter((a) => !path.basename(a.path).includes('copy-'));
  const quotes = originals
    .flatMap((a) => a.quotes.filter((q) => q.text.split(/\s+/).length >= 6).slice(0, 2))
    .slice(0, 120)
    .map((q) => {
      const tokens = tokenize(q.text);
      // One word changed: no source holds it verbatim, the closest passage is asked for.
      return { segments: [{ tokens: tokens.map((w, i) => (i === Math.floor(tokens.length / 2) ? { ...w, norm: 'remarkably' } : w)) }], closest: true };
    });
  const [db2, memory] = [await store.findQuotations(quotes), await index.findQuotations(quotes)];
  const same = quotes.filter((_, i) => JSON.stringify(plain(db2[i])) === JSON.stringify(plain(memory[i]))).length;
  console.log(`closest with copies: ${same}/${quotes.length} identical`);
  assert.ok(quotes.length > 30, 'the corpus gives quotations');
  assert.ok(memory.filter((m) => m.closest !== undefined).length > quotes.length / 2, 'closest passages are found');
  assert.equal(same, quotes.length);
});

test('drafts get the same findings from a corpus of copies', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  for (const d of makeDrafts(index.articles.filter((a) => !path.basename(a.path).includes('copy-')), 6)) {
    assert.deepEqual(plain(await checkDraft(d.text, store)), plain(await checkDraft(d.text, index)), d.name);
  }
});
