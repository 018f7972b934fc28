/**
 * Old code against new on the same database, alternating, in one run: whole
 * 2,000-word drafts and single exact / altered quotation look-ups, each timed
 * as wall clock, this process's CPU and the database server's CPU (the
 * server processes of the variant's own connections, found by their
 * `application_name` and read from /proc: other clients of the cluster are
 * not counted). On a machine others load, wall time
 * is noise; CPU time, measured in the same window for both, is the figure.
 *
 *   node out/bench/db/abDraft.js --old DIR [--url URL] [--old-url URL] [--data PGDATA] [--drafts 6] [--quotes 60] [--skip METHOD]
 *
 * `DIR` is another build of this repository (e.g. `git archive HEAD` compiled
 * with tsc): its `server/src/host/pg` and engine are loaded beside this one's.
 * `--old-url` gives the old code its own database (a copy at the schema it
 * reads, when the new code migrated `--url`'s); answers are compared (drafts'
 * findings and each quotation's) and the count of identical ones printed.
 * One look-up kind can be left out (`--skip findPostHolders`: it answers
 * nothing, for both) to compare the rest when it is another's work.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, type CorpusStore, type QuotationQuery } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { createPgPool, type PgPool } from '../../server/src/host/pg';
import { makeDraft } from '../draft';
import { stats } from '../stats';
import { copyFolder } from './corpora';
import { serverCpuBetween, serverTicks } from './serverCpu';
import { sampleQuotes } from './measure';

/** Connections per store (the store's default pool size). */
const POOL_SIZE = 4;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Variant {
  name: string;
  /** The `application_name` of the variant's connections: their server processes are its server CPU. */
  applicationName: string;
  store: CorpusStore & { close?: () => Promise<void> };
  checkDraft: (text: string, store: CorpusStore) => Promise<unknown>;
  pool: PgPool;
}

async function openVariant(name: string, root: string, url: string, skip: string | undefined): Promise<Variant> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require(path.join(root, 'server', 'src', 'host', 'pg')) as typeof import('../../server/src/host/pg');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = require(path.join(root, 'server', 'src', 'engine', 'api')) as typeof import('../../server/src/engine/api');
  const applicationName = `factcheck-ab-${name}-${process.pid}`;
  const pool = pg.createPgPool(url, { max: POOL_SIZE, statementTimeoutMs: 600_000, applicationName });
  const raw = await pg.PgCorpusStore.open(pool);
  const v: Variant = { name, applicationName, store: raw as unknown as CorpusStore, checkDraft: api.checkDraft as Variant['checkDraft'], pool };
  v.store = new Proxy(raw, {
    get(target, prop, receiver) {
      const f = Reflect.get(target, prop, receiver);
      if (typeof f !== 'function') return f;
      if (prop !== skip) return f.bind(target);
      // Skipped: an empty answer per query (`{ holders: [] }` is the empty answer of a title look-up).
      return async (queries: unknown[]) => queries.map(() => ({ holders: [] }));
    },
  }) as unknown as CorpusStore;
  return v;
}

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;
}

/** The server processes of a variant's connections (read outside the measured window, on another connection). */
async function serverPids(admin: PgPool, v: Variant): Promise<Set<string>> {
  const rows = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [v.applicationName]);
  return new Set(rows.map((r) => String(r.pid)));
}

/**
 * Wall, client CPU and server CPU of one call; the server's CPU is that of `pids` when given (the variant's
 * connections: another client's statements on the same cluster are not counted), else the whole cluster's.
 */
async function measured(dataDir: string, f: () => Promise<unknown>, pids?: ReadonlySet<string>): Promise<{ wall: number; client: number; server: number }> {
  const s0 = serverTicks(dataDir, pids);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, client: (c.user + c.system) / 1000, server: serverCpuBetween(s0, serverTicks(dataDir, pids)) };
}

async function main(): Promise<void> {
  const old = arg('--old');
  if (!old) throw new Error('usage: abDraft --old DIR [--url URL] [--drafts N] [--quotes N]');
  const url = arg('--url') ?? 'postgresql://factcheck@localhost:54339/factcheck_bench?host=/tmp/factcheck-pg-bench/socket';
  const work = arg('--work') ?? '/tmp/factcheck-bench-db';
  const dataDir = arg('--data') ?? '/tmp/factcheck-pg-bench/data';
  const drafts = Number(arg('--drafts') ?? 6);
  const nQuotes = Number(arg('--quotes') ?? 60);
  const exclude = arg('--skip');
  const { index } = await buildCorpusIndex(createFsCorpusSource([copyFolder(path.join(work, 'corpus'), 1)]));
  const here = path.resolve(__dirname, '..', '..');
  const oldUrl = arg('--old-url') ?? url;
  const variants = [await openVariant('old', path.resolve(old), oldUrl, exclude), await openVariant('new', here, url, exclude)];
  // Reads which server processes serve each variant (their CPU is the variant's server CPU).
  const admin = createPgPool(url, { max: 1 });
  const times = new Map(variants.map((v) => [v.name, { wall: [] as number[], client: [] as number[], server: [] as number[], cpu: [] as number[] }]));
  const record = (v: Variant, m: { wall: number; client: number; server: number }): void => {
    const t = times.get(v.name)!;
    t.wall.push(m.wall);
    t.client.push(m.client);
    t.server.push(m.server);
    t.cpu.push(m.client + m.server);
  };
  // A warm-up draft each (connections, statistics, plans).
  for (const v of variants) await v.checkDraft(makeDraft(index, 2000, 999).text, v.store);
  const load0 = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  let sameDrafts = 0;
  for (let seed = 1; seed <= drafts; seed++) {
    const text = makeDraft(index, 2000, seed).text;
    const answers = new Map<string, string>();
    // Alternate who goes first: the first warms the server's buffers for the second.
    for (const v of seed % 2 ? variants : [...variants].reverse()) {
      let answer: unknown;
      const m = await measured(dataDir, async () => (answer = await v.checkDraft(text, v.store)), await serverPids(admin, v));
      answers.set(v.name, JSON.stringify(answer));
      record(v, m);
      process.stderr.write(`draft ${seed} ${v.name}: wall ${Math.round(m.wall)} ms client CPU ${Math.round(m.client)}, server CPU ${m.server}\n`);
    }
    if (new Set(answers.values()).size === 1) sameDrafts++;
  }
  const summary = (label: string): Record<string, unknown> =>
    Object.fromEntries(
      [...times].map(([name, t]) => [
        name,
        // Means beside the medians: the server's CPU is read in 10 ms ticks, so a short look-up's median is 0 or 10.
        { wall: stats(t.wall), clientCpu: stats(t.client), serverCpu: stats(t.server), cpu: stats(t.cpu), mean: { client: mean(t.client), server: mean(t.server) }, label, ...(exclude ? { skipped: exclude } : {}) },
      ]),
    );
  const draftSummary = { ...summary('draft'), identicalAnswers: `${sameDrafts}/${drafts}` };
  for (const t of times.values()) for (const k of Object.keys(t) as Array<keyof typeof t>) t[k].length = 0;
  const quotes = sampleQuotes(index, nQuotes);
  const lookups: Record<string, Record<string, unknown>> = {};
  for (const kind of ['exact', 'altered'] as const) {
    let same = 0;
    for (let k = 0; k < quotes.length; k++) {
      const q: QuotationQuery = kind === 'exact' ? { segments: [{ tokens: quotes[k].tokens }], closest: false } : { segments: [{ tokens: quotes[k].altered }], closest: true };
      const answers = new Map<string, string>();
      for (const v of k % 2 ? variants : [...variants].reverse()) {
        let answer: unknown;
        record(v, await measured(dataDir, async () => (answer = await v.store.findQuotations([q])), await serverPids(admin, v)));
        answers.set(v.name, JSON.stringify(answer));
      }
      // The same answer from both: the new code's candidates must not change a verdict.
      if (new Set(answers.values()).size === 1) same++;
    }
    lookups[kind] = { ...summary(kind), identicalAnswers: `${same}/${quotes.length}` };
    for (const t of times.values()) for (const k of Object.keys(t) as Array<keyof typeof t>) t[k].length = 0;
  }
  const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  process.stdout.write(`${JSON.stringify({ loadBefore: load0, loadAfter: load1, articles: (variants[1].store as unknown as { stats: { articles: number } }).stats.articles, draft: draftSummary, ...lookups }, null, 1)}\n`);
  for (const v of variants) await v.pool.end();
  await admin.end();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
