/**
 * The people side of whole drafts, old code against new on the same
 * database, alternating: the `findPeople`, `knowsPeople` and
 * `findPostHolders` calls that checking each bench draft makes (recorded
 * once), replayed one after another on each build's store. Each call is
 * timed as wall clock, this process's CPU and the CPU of this variant's own
 * server connections (read from /proc by their pids, so another user of the
 * cluster does not count), and the two builds' answers are compared.
 *
 *   node out/bench/db/abPeople.js --old DIR [--url URL] [--drafts 6] [--rounds 2] [--cpu-prof FILE]
 *
 * Three passes per round, each on stores opened afresh (nothing remembered):
 * - `cold`: each draft on a store of its own (nothing asked before);
 * - `first`: drafts 1…N in order on one store, as a one-shot check of
 *   several drafts (a store remembers across drafts what it may);
 * - `again`: each draft's calls a second time right after the first, as an
 *   editor re-checks a draft after an edit.
 * `DIR` is another build of this repository (its `server/src/host/pg` and
 * engine are loaded beside this one's; `node_modules` must resolve from it).
 * `--cpu-prof FILE` saves a V8 CPU profile of the replays only (both builds).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import * as path from 'node:path';
import { buildCorpusIndex, type CorpusStore } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import type { PgPool } from '../../server/src/host/pg';
import { makeDraft } from '../draft';
import { copyFolder } from './corpora';

const PEOPLE_METHODS = ['findPeople', 'knowsPeople', 'findPostHolders'] as const;
type PeopleMethod = (typeof PEOPLE_METHODS)[number];
interface Call {
  method: PeopleMethod;
  args: unknown[];
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Variant {
  name: string;
  root: string;
  pool: PgPool;
  open: () => Promise<CorpusStore>;
  checkDraft: (text: string, store: CorpusStore) => Promise<unknown>;
  pids: string[];
}

async function openVariant(name: string, root: string, url: string): Promise<Variant> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require(path.join(root, 'server', 'src', 'host', 'pg')) as typeof import('../../server/src/host/pg');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = require(path.join(root, 'server', 'src', 'engine', 'api')) as typeof import('../../server/src/engine/api');
  const pool = pg.createPgPool(url, { max: 4, statementTimeoutMs: 600_000, applicationName: `abPeople-${name}-${process.pid}` });
  return { name, root, pool, open: async () => (await pg.PgCorpusStore.open(pool)) as unknown as CorpusStore, checkDraft: api.checkDraft as Variant['checkDraft'], pids: [] };
}

/** The pids of a variant's server connections (read outside the timed windows). */
async function serverPids(v: Variant): Promise<string[]> {
  const rows = await v.pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [`abPeople-${v.name}-${process.pid}`]);
  return rows.map((r) => String(r.pid));
}

function ticks(pids: readonly string[]): number {
  let t = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      t += Number(f[11]) + Number(f[12]);
    } catch {
      // Gone: its ticks are lost (an undercount; the pool keeps its connections open here).
    }
  }
  return t;
}

/** Sums per (pass, variant, method). */
class Sums {
  readonly rows = new Map<string, { n: number; wall: number; client: number; server: number }>();
  add(key: string, wall: number, client: number, server: number): void {
    const r = this.rows.get(key) ?? { n: 0, wall: 0, client: 0, server: 0 };
    r.n++;
    r.wall += wall;
    r.client += client;
    r.server += server;
    this.rows.set(key, r);
  }
}

async function main(): Promise<void> {
  const old = arg('--old');
  if (!old) throw new Error('usage: abPeople --old DIR [--url URL] [--drafts N] [--rounds N]');
  const url = arg('--url') ?? 'postgresql://factcheck@localhost:54339/factcheck_bench?host=/tmp/factcheck-pg-bench/socket';
  const work = arg('--work') ?? '/tmp/factcheck-bench-db';
  const drafts = Number(arg('--drafts') ?? 6);
  const rounds = Number(arg('--rounds') ?? 2);
  const { index } = await buildCorpusIndex(createFsCorpusSource([copyFolder(path.join(work, 'corpus'), 1)]));
  const here = path.resolve(__dirname, '..', '..');
  const variants = [await openVariant('old', path.resolve(old), url), await openVariant('new', here, url)];

  // The people calls of each draft, recorded on the new build's store.
  const calls: Call[][] = [];
  {
    const store = await variants[1].open();
    for (let seed = 1; seed <= drafts; seed++) {
      const mine: Call[] = [];
      const recording = new Proxy(store, {
        get(target, prop, receiver) {
          const f = Reflect.get(target, prop, receiver);
          if (typeof f !== 'function') return f;
          if (!(PEOPLE_METHODS as readonly string[]).includes(String(prop))) return f.bind(target);
          return (...args: unknown[]) => {
            mine.push({ method: prop as PeopleMethod, args: structuredClone(args) });
            return f.apply(target, args);
          };
        },
      });
      await variants[1].checkDraft(makeDraft(index, 2000, seed).text, recording);
      calls.push(mine);
    }
  }
  const cpuProf = arg('--cpu-prof');
  const session = cpuProf ? new Session() : undefined;
  const post = (method: string): Promise<unknown> => new Promise((resolve, reject) => session!.post(method, (err, res) => (err ? reject(err) : resolve(res))));
  if (session) {
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.start');
  }
  const load0 = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const sums = new Sums();
  let same = 0;
  let total = 0;
  const differing: string[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const pass of ['cold', 'first', 'again'] as const) {
      const order = (round + (pass === 'first' ? 1 : 0)) % 2 ? [...variants].reverse() : variants;
      const answers = new Map<string, string[]>();
      for (const v of order) {
        const opened = async (): Promise<{ store: CorpusStore; pids: string[] }> => {
          const store = await v.open();
          // Connections opened and the name words read before timing (once per corpus version, in both builds).
          await Promise.all([0, 1, 2, 3].map(() => store.findPeople(['Warm Up'], { maxCitations: 1 })));
          return { store, pids: await serverPids(v) };
        };
        let { store, pids } = await opened();
        const mine: string[] = [];
        for (const draft of calls) {
          if (pass === 'cold') ({ store, pids } = await opened());
          for (let rep = 0; rep < (pass === 'again' ? 2 : 1); rep++) {
            for (const c of draft) {
              const s0 = ticks(pids);
              const c0 = process.cpuUsage();
              const t0 = performance.now();
              const answer = await (store[c.method] as (...a: unknown[]) => Promise<unknown>).apply(store, c.args);
              const wall = performance.now() - t0;
              const cpu = process.cpuUsage(c0);
              const server = (ticks(pids) - s0) * 10;
              // `again` times only the second time round: the first is `first`'s work again.
              if (pass !== 'again' || rep === 1) sums.add(`${pass} ${c.method} ${v.name}`, wall, (cpu.user + cpu.system) / 1000, server);
              mine.push(JSON.stringify(answer));
            }
          }
        }
        answers.set(v.name, mine);
      }
      const [a, b] = [answers.get('old')!, answers.get('new')!];
      for (let k = 0; k < a.length; k++) {
        total++;
        if (a[k] === b[k]) same++;
        else if (differing.length < 3) differing.push(`old ${a[k].slice(0, 300)}\nnew ${b[k].slice(0, 300)}`);
      }
    }
  }
  if (session) {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(cpuProf!, JSON.stringify(profile));
    session.disconnect();
  }
  const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const perDraft = drafts * rounds;
  console.log(`load ${load0} → ${load1}; ${drafts} drafts × ${rounds} rounds; answers identical ${same}/${total}`);
  console.log('per draft (ms):       calls    wall  client  server');
  for (const pass of ['cold', 'first', 'again']) {
    for (const v of ['old', 'new']) {
      let all = { n: 0, wall: 0, client: 0, server: 0 };
      for (const m of PEOPLE_METHODS) {
        const r = sums.rows.get(`${pass} ${m} ${v}`);
        if (!r) continue;
        all = { n: all.n + r.n, wall: all.wall + r.wall, client: all.client + r.client, server: all.server + r.server };
        console.log(`${`${pass} ${v} ${m}`.padEnd(32)} ${(r.n / perDraft).toFixed(1).padStart(5)} ${(r.wall / perDraft).toFixed(1).padStart(7)} ${(r.client / perDraft).toFixed(1).padStart(7)} ${(r.server / perDraft).toFixed(1).padStart(7)}`);
      }
      console.log(`${`${pass} ${v} all`.padEnd(32)} ${(all.n / perDraft).toFixed(1).padStart(5)} ${(all.wall / perDraft).toFixed(1).padStart(7)} ${(all.client / perDraft).toFixed(1).padStart(7)} ${(all.server / perDraft).toFixed(1).padStart(7)}`);
    }
  }
  for (const d of differing) console.log(`DIFFERENT\n${d}`);
  for (const v of variants) await v.pool.end();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
