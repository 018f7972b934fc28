/**
 * Verbatim look-ups whose rare words are common walk the corpus in order
 * (`verbatimLookup.ts`); a walk capped short of a page goes on walking
 * (`continuedWalkCap`) or reads the rest from the index. Here every walk is
 * made far too short, so each one falls short and goes on, often several
 * times: the passages found must still be the in-memory index's, in its
 * order.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { buildCorpusIndex, tokenize, type CorpusIndex, type QuoteSegment } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { createPgPool, ingest, PgCorpusStore, type PgPool } from '../../server/src/host/pg';
import { ArticleCache } from '../../server/src/host/pg/candidateArticles';
import { verbatimIndexes, type VerbatimQuery } from '../../server/src/host/pg/verbatimLookup';
import { readWordStats } from '../../server/src/host/pg/wordStats';
import { makeCorpusFolder } from './corpusFixture';
import { createTestDatabase, HOW_TO_RUN, type TestDatabase } from './pgTestDatabase';

let db: TestDatabase | undefined;
let pool: PgPool;
let dir: string;
let index: CorpusIndex;
let articles: number;

before(async () => {
  db = await createTestDatabase('walks');
  if (!db) return;
  dir = makeCorpusFolder({ polnear: true }).dir;
  pool = createPgPool(db.url, { statementTimeoutMs: 60_000 });
  await ingest(pool, createFsCorpusSource([dir]));
  index = (await buildCorpusIndex(createFsCorpusSource([dir]))).index;
  articles = (await PgCorpusStore.open(pool)).stats.articles;
});

after(async () => {
  await pool?.end();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Pairs of common words (each in a third of the articles or more: the walk's
 * words) whose first passages stand in many different articles, so a walk
 * that skipped or repeated an article would change the answer.
 */
async function queries(): Promise<VerbatimQuery[]> {
  const df = new Map<string, number>();
  for (const a of index.articles) for (const w of new Set(tokenize(a.text).map((t) => t.norm))) df.set(w, (df.get(w) ?? 0) + 1);
  const common = (w: string): boolean => (df.get(w) ?? 0) >= index.articles.length / 3;
  const pairs = new Map<string, QuoteSegment>();
  for (const a of index.articles.slice(0, 60)) {
    const tokens = tokenize(a.text);
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (common(tokens[i].norm) && common(tokens[i + 1].norm)) pairs.set(`${tokens[i].norm} ${tokens[i + 1].norm}`, { tokens: tokens.slice(i, i + 2) });
    }
  }
  const out: VerbatimQuery[] = [];
  for (const segment of pairs.values()) {
    const [hits] = await index.findQuotations([{ segments: [segment], closest: false }]);
    if (new Set(hits.exact.map((h) => h.ref.articleId)).size < 12) continue;
    for (const limit of [1, 10, 25]) out.push({ segments: [segment], limit });
    if (out.length >= 90) break;
  }
  return out;
}

/** The first `limit` passages the engine finds, as refs (article and span). */
async function passages(idx: CorpusIndex | undefined, segments: readonly QuoteSegment[], limit: number): Promise<string[]> {
  if (!idx) return [];
  const [hits] = await idx.findQuotations([{ segments, closest: false }]);
  return hits.exact.slice(0, limit).map((h) => JSON.stringify(h.ref));
}

test('walks cut short go on, and find the passages the in-memory index finds', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  const qs = await queries();
  // Count the walks that went on after falling short (a candidates request walking from a corpus place).
  let continued = 0;
  let ends = 0;
  const counting: typeof pool = {
    ...pool,
    async query(sql, params) {
      if (params && typeof params[0] === 'string' && params[0].startsWith('[')) {
        for (const r of JSON.parse(params[0]) as Array<{ scan?: number | null; after_path?: string | null; page?: number }>) {
          if (r.page !== undefined && r.scan != null && r.after_path != null) continued++;
        }
      }
      if (sql.includes('OFFSET q.scan - 1')) ends++;
      return pool.query(sql, params);
    },
  };
  const stats = await readWordStats(pool, qs.flatMap((q) => q.segments.flatMap((s) => s.tokens.map((w) => w.norm))));
  const short = await verbatimIndexes(counting, new ArticleCache(), stats, qs, articles, { minScan: 1, margin: 0.25 });
  const usual = await verbatimIndexes(pool, new ArticleCache(), stats, qs, articles);
  let same = 0;
  let found = 0;
  for (let i = 0; i < qs.length; i++) {
    const memory = await passages(index, qs[i].segments, qs[i].limit);
    const walked = await passages(short[i], qs[i].segments, qs[i].limit);
    const read = await passages(usual[i], qs[i].segments, qs[i].limit);
    assert.deepEqual(walked, memory, `short walks, query ${i} (${qs[i].segments[0].tokens.map((w) => w.norm).join(' ')}, limit ${qs[i].limit})`);
    assert.deepEqual(read, memory, `usual walks, query ${i}`);
    same++;
    if (memory.length > 0) found++;
  }
  console.log(`walks: ${same}/${qs.length} identical (${found} with passages), ${continued} walks went on after falling short, ${ends} ends`);
  assert.ok(found > qs.length / 2, 'most queries have passages');
  assert.ok(continued > 10, 'walks fell short and went on');
});
