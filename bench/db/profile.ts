/**
 * Where a whole-draft check's time goes on a PostgreSQL corpus: each
 * `CorpusStore` method's calls and time, and each statement's round trips and
 * time, over a few bench drafts. Run on a database a `bench:db --keep` run left:
 *
 *   node out/bench/db/profile.js [--url URL] [--drafts 4] [--dump DIR] [--cpu-prof FILE] [--heap-prof FILE]
 *
 * `--cpu-prof FILE` saves a V8 CPU profile of the timed drafts only (not of
 * building the corpus the drafts are made from, which `node --cpu-prof` mixes in).
 * `--heap-prof FILE` likewise saves a V8 sampling heap profile of what the
 * drafts allocate (every 16 KB sampled, collected objects kept: what feeds the
 * garbage collector), for Chrome DevTools' Memory tab.
 * `--server` runs every statement of the timed drafts again, one at a time,
 * under `EXPLAIN (ANALYZE)` and sums the server's planning and execution time
 * per statement: the statements' wall times above include waiting for the
 * client, which runs the checks' look-ups concurrently on one thread.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, type CorpusStore } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { createPgPool, PgCorpusStore, type PgPool } from '../../server/src/host/pg';
import { makeDraft } from '../draft';
import { copyFolder } from './corpora';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Time and count per key. */
class Tally {
  readonly rows = new Map<string, { n: number; ms: number }>();
  add(key: string, ms: number): void {
    const r = this.rows.get(key) ?? { n: 0, ms: 0 };
    r.n++;
    r.ms += ms;
    this.rows.set(key, r);
  }
  print(title: string): void {
    console.log(`\n${title}`);
    for (const [k, r] of [...this.rows].sort((a, b) => b[1].ms - a[1].ms)) console.log(`${r.ms.toFixed(1).padStart(9)} ms ${String(r.n).padStart(5)} × ${k}`);
  }
}

/** The slowest call of each statement, with its parameters (for EXPLAIN). */
const slowest = new Map<string, { ms: number; sql: string; params: readonly unknown[] }>();
/** Every statement of the timed drafts, when `--server` asks to run them again. */
const everyCall: Array<{ key: string; sql: string; params: readonly unknown[] }> = [];
let keepCalls = false;

/** A pool whose every statement is timed, keyed by its first words. */
function timedPool(pool: PgPool, tally: Tally): PgPool {
  return {
    ...pool,
    pool: pool.pool,
    async query(sql, params) {
      const t = performance.now();
      try {
        return await pool.query(sql, params);
      } finally {
        const key = sql.replace(/\s+/g, ' ').trim().slice(0, 90);
        const ms = performance.now() - t;
        tally.add(key, ms);
        if (keepCalls) everyCall.push({ key, sql, params: params ?? [] });
        if ((slowest.get(key)?.ms ?? -1) < ms) slowest.set(key, { ms, sql, params: params ?? [] });
      }
    },
  } as PgPool;
}

/** A store whose every method is timed. */
function timedStore(store: CorpusStore, tally: Tally): CorpusStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        const t = performance.now();
        try {
          return await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          tally.add(`${String(prop)}(${Array.isArray(args[0]) ? (args[0] as unknown[]).length : ''})`, performance.now() - t);
        }
      };
    },
  });
}

async function main(): Promise<void> {
  const url = arg('--url') ?? 'postgresql://factcheck@localhost:54339/factcheck_bench?host=/tmp/factcheck-pg-bench/socket';
  const work = arg('--work') ?? '/tmp/factcheck-bench-db';
  if (!existsSync(copyFolder(path.join(work, 'corpus'), 1))) throw new Error('run bench:db with --keep first');
  const { index } = await buildCorpusIndex(createFsCorpusSource([copyFolder(path.join(work, 'corpus'), 1)]));
  const statements = new Tally();
  const methods = new Tally();
  const pool = createPgPool(url, { max: 4, statementTimeoutMs: 120_000 });
  const store = await PgCorpusStore.open(timedPool(pool, statements));
  await checkDraft(makeDraft(index, 2000, 999).text, store);
  statements.rows.clear();
  const drafts = Number(arg('--drafts') ?? 4);
  const total = new Tally();
  keepCalls = process.argv.includes('--server');
  const cpuProf = arg('--cpu-prof');
  const heapProf = arg('--heap-prof');
  const session = cpuProf || heapProf ? new Session() : undefined;
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) => session!.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
  if (session) session.connect();
  if (cpuProf) {
    await post('Profiler.enable');
    await post('Profiler.start');
  }
  if (heapProf) {
    await post('HeapProfiler.enable');
    await post('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  }
  for (let seed = 1; seed <= drafts; seed++) {
    const t = performance.now();
    await checkDraft(makeDraft(index, 2000, seed).text, timedStore(store, methods));
    total.add('whole draft', performance.now() - t);
  }
  if (cpuProf) {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(cpuProf, JSON.stringify(profile));
  }
  if (heapProf) {
    const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown };
    writeFileSync(heapProf, JSON.stringify(profile));
  }
  session?.disconnect();
  total.print(`${drafts} drafts`);
  methods.print('CorpusStore methods');
  statements.print('statements');
  if (keepCalls) {
    // One at a time, after the drafts (the buffers are as warm as the drafts left them).
    const server = new Tally();
    for (const c of everyCall) {
      if (!/^\s*(WITH|SELECT)/i.test(c.sql)) continue;
      const plan = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE) ${c.sql}`, [...c.params]);
      const ms = (label: string): number => Number(plan.map((r) => r['QUERY PLAN']).find((l) => l.startsWith(label))?.match(/[\d.]+/)?.[0] ?? 0);
      server.add(c.key, ms('Planning Time') + ms('Execution Time'));
    }
    server.print('server time per statement (EXPLAIN ANALYZE: planning + execution, run alone)');
  }
  const dump = arg('--dump');
  if (dump) {
    mkdirSync(dump, { recursive: true });
    let n = 0;
    for (const s of slowest.values()) writeFileSync(path.join(dump, `statement-${++n}.json`), JSON.stringify(s));
  }
  await pool.end();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
