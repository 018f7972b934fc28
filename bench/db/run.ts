/**
 * `npm run bench:db`: the PostgreSQL corpus store at Reuters ×1, ×10 and ×50
 * (issue 14). On a private cluster of its own (`scripts/pg-cluster.sh` with
 * FACTCHECK_PG_DIR=/tmp/factcheck-pg-bench, port 54339; or
 * FACTCHECK_BENCH_DATABASE_URL), one database growing:
 * 1. ×1: Reuters (19,779 articles in 40 JSONL files) through `factcheck ingest`;
 * 2. ×10: nine more copies (distinct ids) through `factcheck ingest` (the first
 *    copy is skipped as unchanged);
 * 3. ×50: the ×10 rows replicated in SQL (`replicate.ts` says exactly how),
 *    ingestion through the extractors at this size taking hours here.
 * After each step `measure.ts` times whole drafts, exact and altered quotation
 * look-ups (with recall@1) and a one-article upsert, and reads disk use.
 * Writes `bench/results/db-<time>.json` and `db-latest.json`, prints a table.
 *
 *   node out/bench/db/run.js [--sizes 1,10,50] [--keep] [--reuse [--db NAME]] [--work DIR] [--drafts 12] [--quotes 200] [--skip METHOD]
 *
 * The private cluster runs with `serverSettings.ts`'s settings; each size's
 * figures record the settings and the load average they were measured under.
 * `--keep` leaves the database, the corpus copies and the cluster in place;
 * `--reuse` measures the database a `--keep` run left (no ingestion), e.g. the
 * 1M-article database again on a quieter machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { createPgPool } from '../../server/src/host/pg';
import { copyFolder, writeCopies } from './corpora';
import { measureSize, sampleQuotes, type SizeResult } from './measure';
import { replicateCorpus } from './replicate';
import { applyBenchSettings } from './serverSettings';

const repo = path.resolve(__dirname, '..', '..', '..');
const reuters = path.resolve(repo, '..', 'shared', 'data', 'reuters21578', 'reuters21578.jsonl');
const clusterEnv = { ...process.env, FACTCHECK_PG_DIR: process.env.FACTCHECK_PG_DIR ?? '/tmp/factcheck-pg-bench', FACTCHECK_PG_PORT: process.env.FACTCHECK_PG_PORT ?? '54339', FACTCHECK_PG_DB: 'postgres' };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function log(line: string): void {
  process.stderr.write(`[bench:db ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

function startCluster(): string {
  const r = spawnSync('bash', [path.join(repo, 'scripts', 'pg-cluster.sh'), 'start'], { encoding: 'utf8', env: clusterEnv });
  if (r.status !== 0) throw new Error(`cannot start the bench cluster: ${r.stderr}`);
  return r.stdout.trim().split('\n').pop()!;
}

/**
 * The server URL: the environment's (measured with its own settings), or the
 * bench's private cluster, started now with the bench's settings
 * (`serverSettings.ts`; restarted when they change shared_buffers).
 */
async function serverUrl(): Promise<string> {
  if (process.env.FACTCHECK_BENCH_DATABASE_URL) return process.env.FACTCHECK_BENCH_DATABASE_URL;
  const url = startCluster();
  const admin = createPgPool(url, { max: 1 });
  const restart = await applyBenchSettings(admin);
  await admin.end();
  if (restart) {
    spawnSync('bash', [path.join(repo, 'scripts', 'pg-cluster.sh'), 'stop'], { env: clusterEnv });
    return startCluster();
  }
  return url;
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** `factcheck ingest` as a user runs it; returns its summary line and wall time. */
function ingestCli(url: string, roots: string[]): { seconds: number; summary: string; articles: number } {
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(repo, 'bin', 'factcheck.js'), 'ingest', '--db', url, ...roots], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`factcheck ingest failed: ${r.stderr.slice(-2000)}`);
  const summary = r.stdout.trim();
  const written = /written \(([\d,]+) articles\)/.exec(summary);
  return { seconds: (Date.now() - started) / 1000, summary, articles: written ? Number(written[1].replace(/,/g, '')) : 0 };
}

async function main(): Promise<void> {
  if (!existsSync(reuters)) {
    console.log(`bench:db skipped: ${reuters} not found`);
    return;
  }
  if (!existsSync(path.join(repo, 'dist', 'cli.js'))) throw new Error('run `npm run build` first (the bench ingests through bin/factcheck.js)');
  const sizes = (arg('--sizes') ?? '1,10,50').split(',').map(Number);
  const work = arg('--work') ?? '/tmp/factcheck-bench-db';
  const corpusRoot = path.join(work, 'corpus');
  mkdirSync(corpusRoot, { recursive: true });
  log('writing corpus copies');
  await writeCopies(reuters, corpusRoot, Math.min(10, Math.max(...sizes)));
  log('building the in-memory ×1 index (drafts and quotations come from it)');
  const { index: index1 } = await buildCorpusIndex(createFsCorpusSource([copyFolder(corpusRoot, 1)]));
  const quotes = sampleQuotes(index1, Number(arg('--quotes') ?? 200));
  const drafts = Number(arg('--drafts') ?? 12);

  const server = await serverUrl();
  const dbName = arg('--db') ?? 'factcheck_bench';
  if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error(`--db: a plain database name, not ${dbName}`);
  const url = withDatabase(server, dbName);
  if (process.argv.includes('--reuse')) {
    // Measure what a `--keep` run left: no ingestion, nothing dropped.
    log(`measuring the kept database ${url.replace(/:[^@/]*@/, ':***@')}`);
    const pool = createPgPool(url, { max: 4, statementTimeoutMs: 120_000 });
    const r = await measureSize(pool, index1, quotes, work, log, drafts, arg('--skip'));
    await pool.end();
    const results = { [`reuse-${r.articles}`]: r };
    writeResults(results);
    printTable(results);
    // The data stays; the server this run started does not.
    if (!process.env.FACTCHECK_BENCH_DATABASE_URL) spawnSync('bash', [path.join(repo, 'scripts', 'pg-cluster.sh'), 'stop'], { env: clusterEnv });
    return;
  }
  const admin = createPgPool(server, { max: 1 });
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();

  const results: Record<string, SizeResult & { ingest?: Record<string, unknown> }> = {};
  for (const size of sizes) {
    let ingestFigures: Record<string, unknown> | undefined;
    if (size <= 10) {
      // Copies 1..size: the copies already stored are skipped as unchanged.
      log(`ingesting ×${size} through factcheck ingest`);
      const r = ingestCli(url, Array.from({ length: size }, (_, c) => copyFolder(corpusRoot, c + 1)));
      ingestFigures = { seconds: Math.round(r.seconds), articlesWritten: r.articles, articlesPerSecond: Math.round(r.articles / r.seconds), summary: r.summary };
      log(r.summary);
    } else {
      const pool = createPgPool(url, { max: 1, statementTimeoutMs: 4 * 3600 * 1000 });
      const started = Date.now();
      log(`replicating ×10 to ×${size} in SQL`);
      await replicateCorpus(pool, corpusRoot, size / 10, log);
      ingestFigures = { seconds: Math.round((Date.now() - started) / 1000), replicatedInSql: true };
      await pool.end();
    }
    const pool = createPgPool(url, { max: 4, statementTimeoutMs: 120_000 });
    results[`x${size}`] = { ...(await measureSize(pool, index1, quotes, work, log, drafts, arg('--skip'))), ingest: ingestFigures };
    await pool.end();
    writeResults(results);
  }
  printTable(results);
  if (!process.argv.includes('--keep')) {
    const drop = createPgPool(server, { max: 1 });
    await drop.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await drop.end();
    rmSync(work, { recursive: true, force: true });
    if (!process.env.FACTCHECK_BENCH_DATABASE_URL) spawnSync('bash', [path.join(repo, 'scripts', 'pg-cluster.sh'), 'stop'], { env: clusterEnv });
  }
}

function writeResults(results: Record<string, unknown>): void {
  const dir = path.join(repo, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const body = JSON.stringify({ at: new Date().toISOString(), results }, null, 2);
  writeFileSync(path.join(dir, `db-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), body);
  writeFileSync(path.join(dir, 'db-latest.json'), body);
}

function printTable(results: Record<string, SizeResult & { ingest?: Record<string, unknown> }>): void {
  const rows = Object.entries(results);
  const line = (label: string, f: (r: SizeResult & { ingest?: Record<string, unknown> }) => string): void => console.log(`| ${label} | ${rows.map(([, r]) => f(r)).join(' | ')} |`);
  console.log(`| | ${rows.map(([k, r]) => `${k} (${r.articles.toLocaleString('en')} articles)`).join(' | ')} |`);
  console.log(`|---|${rows.map(() => '---').join('|')}|`);
  line('ingest (articles/s)', (r) => (r.ingest?.replicatedInSql ? `SQL copy, ${r.ingest.seconds} s` : `${r.ingest?.articlesPerSecond ?? '—'}`));
  line('disk (MB)', (r) => `${r.diskMb.database}`);
  line('whole draft p50 / p95 (ms)', (r) => `${r.draft.median} / ${r.draft.p95}`);
  line('exact quote p50 / p95 (ms), recall@1', (r) => `${r.exact.median} / ${r.exact.p95}, ${r.exact.recallAt1}`);
  line('altered quote p50 / p95 (ms), recall@1', (r) => `${r.altered.median} / ${r.altered.p95}, ${r.altered.recallAt1}`);
  line('one-article upsert p50 (ms): write / whole ingest() call', (r) => `${r.upsert.median} / ${r.ingestCall?.median ?? '—'}`);
  line('load average (start / end)', (r) => `${r.load.before} / ${r.load.after}`);
  console.log(`settings: ${JSON.stringify(rows[0]?.[1].settings ?? {})}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
