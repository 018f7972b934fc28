/**
 * The shapes of look-up plans that cost seconds at 1M when they went wrong,
 * checked on the plan the server runs (`EXPLAIN ANALYZE`) over a small corpus:
 * - the last round of the closest-passage look-up (`closestLookup.ts`: every
 *   voter's articles) scores each article from the voters' GIN postings, one
 *   probe per voter, and never reads an article's stored vector: reading and
 *   unpacking one per article was most of the statement on a corpus without
 *   copies (Reuters ×1: 99 → 28 ms a batch);
 * - the date-event look-up (`eventDates.ts`) reads the mention of each date
 *   it keeps, and no other: a join planned on a wrong estimate read all of
 *   `date_mentions` (766,000 rows at 1M, up to 1.1 s).
 * - the copies of a text (schema v9: texts stored once, articles naming them)
 *   come in corpus order from \`articles_text_order\` alone (an index-only scan,
 *   no heap fetch): before, every match of a quotation's rare words at 1M was a
 *   heap fetch of a wide article row (~200 a quotation).
 * The answers themselves are the contract test's (`contract.test.ts`).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildCorpusIndex, tokenize, type CorpusIndex } from '../../server/src/engine/api';
import { findDatesByEvent } from '../../server/src/host/pg/eventDates';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { createPgPool, ingest, PgCorpusStore, type PgPool } from '../../server/src/host/pg';
import { makeCorpusFolder } from './corpusFixture';
import { explainNodes, statementSpy } from './explainPlan';
import { createTestDatabase, HOW_TO_RUN, type TestDatabase } from './pgTestDatabase';

let db: TestDatabase | undefined;
let pool: PgPool;
let dir: string;
let index: CorpusIndex;

before(async () => {
  db = await createTestDatabase('plans');
  if (!db) return;
  dir = makeCorpusFolder({ polnear: false }).dir;
  pool = createPgPool(db.url, { statementTimeoutMs: 60_000 });
  await ingest(pool, createFsCorpusSource([dir]));
  index = (await buildCorpusIndex(createFsCorpusSource([dir]))).index;
});

after(async () => {
  await pool?.end();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the closest look-up's last round reads no article's vector", async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  // Every closest statement the store sends, with its parameters.
  const { spy, sent } = statementSpy(pool, (sql) => sql.includes('tsq text, words text[]'));
  const store = await PgCorpusStore.open(spy);
  // Corpus quotations with their second word dropped: no source holds them verbatim.
  const altered = index.articles
    .flatMap((a) => a.quotes.map((q) => tokenize(q.text)))
    .filter((tokens) => tokens.length >= 8)
    .slice(0, 12)
    .map((tokens) => ({ segments: [{ tokens: [tokens[0], ...tokens.slice(2)] }], closest: true }));
  assert.ok(altered.length >= 6, 'the sample corpus has quotations');
  const hits = await store.findQuotations(altered);
  assert.ok(hits.some((h) => h.closest !== undefined), 'some closest passages are found');
  let lastRounds = 0;
  for (const { sql, params } of sent) {
    const requests = (JSON.parse(String(params[0])) as Array<{ final: boolean }>).filter((r) => r.final);
    if (requests.length === 0) continue;
    lastRounds += requests.length;
    const plan = await explainNodes(pool, sql, [JSON.stringify(requests), ...params.slice(1)]);
    const candidates = plan.some((n) => (n['Actual Loops'] ?? 0) > 0 && n['Relation Name'] === 'texts' && `${n['Index Cond'] ?? ''} ${n['Recheck Cond'] ?? ''} ${n.Filter ?? ''}`.includes('w.tsq'));
    assert.ok(candidates, 'the last round reads the voters\' texts');
    // The per-text scoring's probe (`texts t WHERE … t.tsv @@ v.tsq`, whose vector is unpacked: a bitmap scan,
    // or a scan with a filter on a table this small) runs for no text.
    const probes = plan.filter((n) => (n['Relation Name'] === 'texts' || n['Index Name'] === 'texts_tsv') && `${n['Index Cond'] ?? ''} ${n['Recheck Cond'] ?? ''} ${n.Filter ?? ''}`.includes('v.tsq'));
    assert.ok(probes.length > 0, 'the statement still has the per-text probe for the rounds before the last');
    for (const p of probes) assert.equal(p['Actual Loops'] ?? 0, 0, `a vector read per text: ${JSON.stringify(p)}`);
  }
  assert.ok(lastRounds > 0, 'some quotations reach the last round');
});

test('the date-event look-up reads only the mentions of the dates it keeps', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  // Event keys with many dates (the corpus's commonest), and a cap that cuts some of them.
  const keys = await pool.query<{ key: string; n: string }>('SELECT key, count(*) AS n FROM date_events GROUP BY key ORDER BY count(*) DESC, key LIMIT 6');
  assert.ok(keys.length >= 3 && Number(keys[0].n) >= 4, `the corpus has dated events: ${JSON.stringify(keys)}`);
  const { spy, sent } = statementSpy(pool, (sql) => sql.includes('date_events'));
  const cap = Math.max(3, Math.floor(Number(keys[0].n) / 2));
  const answers = await findDatesByEvent(spy, [keys.slice(0, 2).map((k) => k.key), keys.slice(2).map((k) => k.key)], cap);
  const kept = answers.reduce((n, a) => n + a.length, 0);
  assert.ok(kept > 0 && answers.every((a) => a.length <= cap), `${kept} dates kept`);
  const mentions = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM date_mentions'))[0].n);
  assert.ok(mentions > kept, `the corpus has more dates (${mentions}) than are kept (${kept})`);
  assert.equal(sent.length, 1);
  let read = 0;
  for (const n of await explainNodes(pool, sent[0].sql, sent[0].params)) if (n['Relation Name'] === 'date_mentions') read += (n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 0);
  assert.equal(read, kept, `date_mentions rows read for ${kept} kept dates`);
});

test("a text's copies come in corpus order from the index alone (verbatim, closest and aligned look-ups)", async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  const { spy, sent } = statementSpy(pool, (sql) => sql.includes('runs text[]') || sql.includes('tsq text, words text[]') || sql.includes('pair text, early text'));
  const store = await PgCorpusStore.open(spy);
  const quoted = index.articles.flatMap((a) => a.quotes.map((q) => tokenize(q.text))).filter((tokens) => tokens.length >= 8).slice(0, 8);
  await store.findQuotations(quoted.map((tokens) => ({ segments: [{ tokens }], closest: false })));
  await store.findQuotations(quoted.map((tokens) => ({ segments: [{ tokens: [tokens[0], ...tokens.slice(2)] }], closest: true })));
  const sentences = index.articles
    .slice(0, 20)
    .flatMap((a) => a.sentences.slice(0, 3).map((s) => ({ words: [...new Set(tokenize(a.text, s.start, s.end).map((w) => w.norm))], names: [] })))
    .filter((q) => q.words.length >= 6);
  await store.findAlignedSentences(sentences);
  const kinds = new Set(sent.map((s) => (s.sql.includes('runs text[]') ? 'verbatim' : s.sql.includes('pair text') ? 'aligned' : 'closest')));
  assert.deepEqual([...kinds].sort(), ['aligned', 'closest', 'verbatim']);
  let copiesRead = 0;
  for (const { sql, params } of sent) {
    // A corpus this small is read faster whole: the planner is told to use indexes, as it does at 1M.
    const plan = await explainNodes(pool, sql, params, ['enable_seqscan = off', 'enable_bitmapscan = off']);
    // Every read of articles by text (`a.tid = …`) is an index-only scan of articles_text_order that fetched no row from the heap.
    for (const n of plan.filter((p) => p['Relation Name'] === 'articles' && `${p['Index Cond'] ?? ''} ${p.Filter ?? ''}`.includes('tid ='))) {
      assert.equal(n['Node Type'], 'Index Only Scan', `copies read by ${n['Node Type']} (${n['Index Name'] ?? ''})`);
      assert.equal(n['Index Name'], 'articles_text_order');
      assert.equal(n['Heap Fetches'] ?? 0, 0, 'no heap fetch');
      copiesRead += n['Actual Loops'] ?? 0;
    }
  }
  assert.ok(copiesRead > 0, 'texts were matched and their copies read');
});

test('the closest look-up reads the copies of the texts ranked within the best 24 only', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  // 96 short articles, each holding its own subset of eight words (article k the words of k's bits, twice over):
  // a quotation of the eight words has voters in nearly every text, with scores of every subset.
  const words = ['harbour', 'tariff', 'copper', 'orchard', 'glacier', 'lantern', 'meadow', 'falcon'];
  const folder = mkdtempSync(path.join(tmpdir(), 'factcheck-plans-ranked-'));
  for (let k = 1; k <= 96; k++) {
    const held = words.filter((_, b) => (k % 255) & (1 << b));
    writeFileSync(path.join(folder, `a${String(k).padStart(3, '0')}.md`), `# Note ${k}\n\nThe council discussed the ${held.join(' and the ')} on day ${k}.\n`);
  }
  const ranked = await createTestDatabase('plans_ranked');
  assert.ok(ranked);
  const rpool = createPgPool(ranked.url, { statementTimeoutMs: 60_000 });
  try {
    await ingest(rpool, createFsCorpusSource([folder]));
    const { spy, sent } = statementSpy(rpool, (sql) => sql.includes('tsq text, words text[]'));
    const store = await PgCorpusStore.open(spy);
    await store.findQuotations([{ segments: [{ tokens: tokenize(`the ${words.join(' the ')}`) }], closest: true }]);
    let scored = 0;
    let probed = 0;
    for (const { sql, params } of sent) {
      const plan = await explainNodes(rpool, sql, params);
      // Texts scored: the rows of the rounds' union; copies read: the loops of the copies' index.
      scored += plan.filter((n) => n['Node Type'] === 'Append').reduce((k, n) => k + (n['Actual Rows'] ?? 0), 0);
      probed += plan.filter((n) => n['Relation Name'] === 'articles' && `${n['Index Cond'] ?? ''} ${n.Filter ?? ''}`.includes('tid =')).reduce((k, n) => k + (n['Actual Loops'] ?? 0), 0);
    }
    assert.ok(scored >= 90, `${scored} texts scored`);
    assert.ok(probed >= 24 && probed < 48, `copies read for ${probed} of ${scored} texts`);
  } finally {
    await rpool.end();
    await ranked.drop();
    rmSync(folder, { recursive: true, force: true });
  }
});
