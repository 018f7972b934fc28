/**
 * What the database bench measures on one corpus size: disk per table and
 * index, whole-draft checks, exact and altered quotation look-ups with
 * recall@1, and a one-article upsert. Look-ups go through `PgCorpusStore`
 * exactly as the CLI and the language server use it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkDraft, tokenize, type CorpusIndex, type QuotationQuery } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { ingest, PgCorpusStore, type PgPool } from '../../server/src/host/pg';
import { makeDraft } from '../draft';
import { round, stats } from '../stats';
import { baseId } from './corpora';
import { currentSettings } from './serverSettings';

/** One size's figures. */
export interface SizeResult {
  articles: number;
  sentences: number;
  diskMb: { database: number; tables: Record<string, { totalMb: number; indexesMb: Record<string, number> }> };
  draft: { median: number; p95: number; runs: number; words: number; warmMedian: number };
  exact: { median: number; p95: number; runs: number; recallAt1: number };
  altered: { median: number; p95: number; runs: number; recallAt1: number };
  /** One article replaced: the write transaction (`upsert`) and the whole `ingest()` call of its one-file folder (`ingestCall`). */
  upsert: { median: number; p95: number; runs: number };
  ingestCall: { median: number; p95: number; runs: number };
  /** A look-up kind left out of the drafts (`--skip`), if any. */
  skipped?: string;
  /** The server settings measured under (`serverSettings.ts`). */
  settings: Record<string, string>;
  /** The machine's 1-minute load average when the measure started and ended (others share the cores). */
  load: { before: number; after: number };
}

/** Quotations sampled from the in-memory ×1 index: text, source article id, tokens. */
export interface SampleQuote {
  source: string;
  tokens: ReturnType<typeof tokenize>;
  altered: ReturnType<typeof tokenize>;
}

/** Up to `n` quotations of 6–40 words, spread over the corpus, each also with one content word replaced. */
export function sampleQuotes(index: CorpusIndex, n: number): SampleQuote[] {
  const all = index.articles.flatMap((a) =>
    a.quotes
      .filter((q) => {
        const words = q.text.split(/\s+/).length;
        return words >= 6 && words <= 40;
      })
      .slice(0, 1)
      .map((q) => ({ source: a.id, tokens: tokenize(a.text, q.span.start, q.span.end) })),
  );
  const step = Math.max(1, Math.floor(all.length / n));
  const out: SampleQuote[] = [];
  for (let i = 0; i < all.length && out.length < n; i += step) {
    const { source, tokens } = all[i];
    // Replace the longest word (a content word) by one the passage does not have.
    let k = 0;
    tokens.forEach((t, j) => {
      if (t.norm.length > tokens[k].norm.length) k = j;
    });
    const altered = tokens.map((t, j) => (j === k ? { ...t, text: 'remarkably', norm: 'remarkably' } : t));
    out.push({ source, tokens, altered });
  }
  return out;
}

/** Whether a passage found holds the original quotation's words in a row: the same passage in another article is a right answer. */
function holdsPassage(wording: string, original: SampleQuote['tokens']): boolean {
  return ` ${tokenize(wording).map((t) => t.norm).join(' ')} `.includes(` ${original.map((t) => t.norm).join(' ')} `);
}

/** The 1-minute load average. */
function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
}

/** Disk use: the database, and each table with its indexes. */
async function diskUse(pool: PgPool): Promise<SizeResult['diskMb']> {
  const mb = (b: string | number): number => round(Number(b) / 1024 / 1024);
  const [db] = await pool.query<{ s: string }>('SELECT pg_database_size(current_database()) AS s');
  const tables = await pool.query<{ t: string; total: string }>(
    `SELECT c.relname AS t, pg_total_relation_size(c.oid) AS total FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC`,
  );
  const indexes = await pool.query<{ t: string; i: string; s: string }>(
    `SELECT t.relname AS t, i.relname AS i, pg_relation_size(i.oid) AS s FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'`,
  );
  const out: SizeResult['diskMb'] = { database: mb(db.s), tables: {} };
  for (const r of tables) out.tables[r.t] = { totalMb: mb(r.total), indexesMb: {} };
  for (const r of indexes) if (out.tables[r.t]) out.tables[r.t].indexesMb[r.i] = mb(r.s);
  return out;
}

/** Measures one size. `index1` is the in-memory ×1 corpus the drafts and quotations come from. */
export async function measureSize(pool: PgPool, index1: CorpusIndex, quotes: readonly SampleQuote[], workDir: string, log: (s: string) => void, drafts = 12, skip?: string): Promise<SizeResult> {
  const loadBefore = loadAverage();
  const settings = await currentSettings(pool);
  const opened = await PgCorpusStore.open(pool);
  // A look-up kind left out (`--skip METHOD`: it answers nothing), to time the rest apart from it.
  const store = skip
    ? (new Proxy(opened, {
        get(target, prop, receiver) {
          const f = Reflect.get(target, prop, receiver);
          if (typeof f !== 'function') return f;
          return prop === skip ? async (queries: unknown[]) => queries.map(() => ({ holders: [] })) : f.bind(target);
        },
      }) as PgCorpusStore)
    : opened;
  const articles = store.stats.articles;
  log(`measuring at ${articles.toLocaleString('en')} articles`);
  const diskMb = await diskUse(pool);

  // Whole drafts: each a different 2,000-word draft, checked once (cold for its claims), then once more (warm).
  const draftTimes: number[] = [];
  const warmTimes: number[] = [];
  let words = 0;
  await checkDraft(makeDraft(index1, 2000, 999).text, store);
  for (let seed = 1; seed <= drafts; seed++) {
    const d = makeDraft(index1, 2000, seed);
    words = d.words;
    draftTimes.push((await timed(() => checkDraft(d.text, store)))[1]);
    warmTimes.push((await timed(() => checkDraft(d.text, store)))[1]);
  }
  log(`drafts: p50 ${stats(draftTimes).median} ms`);

  // Exact quotations, one look-up each; recall@1: the first passage is in a copy of the source article.
  const exactTimes: number[] = [];
  let exactHits = 0;
  for (const q of quotes) {
    const query: QuotationQuery = { segments: [{ tokens: q.tokens }], closest: false };
    const [[hits], ms] = await timed(() => store.findQuotations([query]));
    exactTimes.push(ms);
    // Any verbatim hit holds the quotation's words (Reuters repeats passages across articles).
    if (hits.exact.length > 0) exactHits++;
  }
  log(`exact: p50 ${stats(exactTimes).median} ms`);
  const alteredTimes: number[] = [];
  let alteredHits = 0;
  for (const q of quotes) {
    const query: QuotationQuery = { segments: [{ tokens: q.altered }], closest: true };
    const [[hits], ms] = await timed(() => store.findQuotations([query]));
    alteredTimes.push(ms);
    if (hits.closest && (baseId(hits.closest.ref.articleId) === baseId(q.source) || holdsPassage(hits.closest.wording, q.tokens))) alteredHits++;
  }
  log(`altered: p50 ${stats(alteredTimes).median} ms`);

  // One article changed and ingested again (a file of its own), ten times.
  const dir = path.join(workDir, 'upsert');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'one-article.md');
  const upsertTimes: number[] = [];
  const callTimes: number[] = [];
  for (let i = 0; i < 11; i++) {
    writeFileSync(file, `# Upsert test ${i}\n\nThe board met on ${i + 1} March 2021, said Maria Kowalska, a spokeswoman, adding "we will publish version ${i} of the plan soon".\n`);
    const [report, ms] = await timed(() => ingest(pool, createFsCorpusSource([dir])));
    if (i > 0) {
      upsertTimes.push(report.writeSeconds * 1000);
      callTimes.push(ms);
    }
  }
  log(`upsert: p50 ${stats(upsertTimes).median} ms (whole ingest() call ${stats(callTimes).median} ms)`);
  const [sentences] = await pool.query<{ n: string }>('SELECT sum(sentence_count) AS n FROM articles');
  const ds = stats(draftTimes);
  return {
    articles,
    sentences: Number(sentences.n),
    diskMb,
    draft: { ...ds, words, warmMedian: stats(warmTimes).median },
    exact: { ...stats(exactTimes), recallAt1: round(exactHits / Math.max(1, quotes.length)) },
    altered: { ...stats(alteredTimes), recallAt1: round(alteredHits / Math.max(1, quotes.length)) },
    upsert: stats(upsertTimes),
    ingestCall: stats(callTimes),
    ...(skip ? { skipped: skip } : {}),
    settings,
    load: { before: loadBefore, after: loadAverage() },
  };
}
