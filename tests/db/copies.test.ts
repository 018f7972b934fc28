/**
 * A corpus holding copies of its articles (wire copy; the bench's ×50
 * corpus): the PostgreSQL store scores a text's windows once for all its
 * copies (`alignedSentences.ts`) and must still answer as the in-memory
 * index, which ranks every copy in its own corpus place. Every file is here
 * three times: once before the originals in corpus order, once after (and
 * ingested first). An exact quotation's candidates are rechecked once per
 * text, not once per copy (`verbatimLookup.ts`), and are still the first in
 * corpus order.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, tokenize, type AlignmentQuery, type CorpusIndex } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { createPgPool, ingest, PgCorpusStore, type PgPool } from '../../server/src/host/pg';
import { ArticleCache } from '../../server/src/host/pg/candidateArticles';
import { verbatimIndexes, type VerbatimQuery } from '../../server/src/host/pg/verbatimLookup';
import { readWordStats } from '../../server/src/host/pg/wordStats';
import { makeCorpusFolder, makeDrafts } from './corpusFixture';
import { explainNodes, statementSpy } from './explainPlan';
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

test('exact quotations among copies: each text rechecked once, the passages the first in corpus order', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  const originals = index.articles.filter((a) => !path.basename(a.path).includes('copy-'));
  // Corpus quotations and sentence openings: each stands in three copies (or more, when a text repeats).
  const segments = originals.flatMap((a) => [...a.quotes.slice(0, 1).map((q) => tokenize(q.text)), tokenize(a.text, a.sentences[0]?.start ?? 0, a.sentences[0]?.end ?? 0).slice(0, 6)]).filter((s) => s.length >= 4).slice(0, 80);
  const queries: VerbatimQuery[] = segments.flatMap((tokens) => [{ segments: [{ tokens }], limit: 1 }, { segments: [{ tokens }], limit: 25 }]);
  // The statements sent, to run again under EXPLAIN.
  const { spy, sent } = statementSpy(pool, (sql) => sql.includes('runs text[]'));
  const stats = await readWordStats(pool, queries.flatMap((q) => q.segments.flatMap((s) => s.tokens.map((w) => w.norm))));
  const indexes = await verbatimIndexes(spy, new ArticleCache(), stats, queries, index.articles.length);
  // The same passages as the whole corpus's, in its order.
  for (let i = 0; i < queries.length; i++) {
    const q = [{ segments: queries[i].segments, closest: false }];
    const want = (await index.findQuotations(q))[0].exact.slice(0, queries[i].limit);
    const got = indexes[i] ? (await indexes[i]!.findQuotations(q))[0].exact.slice(0, queries[i].limit) : [];
    assert.deepEqual(plain(got), plain(want), `query ${i}`);
  }
  // Rechecks: the probes of the recheck (`texts b`) are at most the distinct texts holding the rare words.
  let rechecks = 0;
  let texts = 0;
  let articles = 0;
  for (const { sql, params } of sent) {
    for (const n of await explainNodes(pool, sql, params)) if (n['Relation Name'] === 'texts' && n.Alias === 'b') rechecks += n['Actual Loops'] ?? 0;
    for (const r of JSON.parse(String(params[0])) as Array<{ tsq: string; after_path: string | null; after_pos: number | null }>) {
      const [c] = await pool.query<{ texts: string; articles: string }>(
        `SELECT count(DISTINCT a.tid) AS texts, count(*) AS articles FROM articles a JOIN texts t ON t.tid = a.tid
         WHERE (t.tsv @@ $1::tsquery OR t.tsv IS NULL) AND (a.file_path, a.file_pos) > (coalesce($2, '') COLLATE "C", coalesce($3, -1))`,
        [r.tsq, r.after_path, r.after_pos],
      );
      texts += Number(c.texts);
      articles += Number(c.articles);
    }
  }
  console.log(`verbatim among copies: ${rechecks} rechecks, ${texts} texts, ${articles} articles hold the rare words`);
  assert.ok(articles >= 2.5 * texts, 'the rare words stand in copies');
  assert.ok(rechecks > 0 && rechecks <= texts, `${rechecks} rechecks for ${texts} texts`);
});
