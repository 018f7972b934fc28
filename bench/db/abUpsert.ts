/**
 * A one-article upsert, old code against new on the same database,
 * alternating: each variant replaces the one article of its own file (a
 * folder of its own), `--runs` times, timed as the write transaction
 * (`IngestReport.writeSeconds`), the whole `ingest()` call, this process's CPU
 * and the server's CPU (serverCpu.ts).
 *
 *   node out/bench/db/abUpsert.js --old DIR [--url URL] [--old-url URL] [--data PGDATA] [--runs 20]
 *
 * `DIR` is another build of this repository (abDraft.ts says how). Both
 * variants must read the database's schema version: a build older than the
 * database refuses it, so `--old-url` gives the old code its own database
 * (a copy at the schema it reads).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stats } from '../stats';
import { serverCpuBetween, serverTicks } from './serverCpu';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Variant {
  name: string;
  dir: string;
  upsert: (i: number) => Promise<{ write: number; call: number; client: number; server: number }>;
  end: () => Promise<void>;
}

function openVariant(name: string, root: string, url: string, dataDir: string, work: string): Variant {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require(path.join(root, 'server', 'src', 'host', 'pg')) as typeof import('../../server/src/host/pg');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fsSource = require(path.join(root, 'server', 'src', 'host', 'fsCorpusSource')) as typeof import('../../server/src/host/fsCorpusSource');
  const pool = pg.createPgPool(url, { statementTimeoutMs: 600_000 });
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  return {
    name,
    dir,
    async upsert(i) {
      // The bench's own upsert article (measure.ts), changed each time.
      writeFileSync(path.join(dir, 'one-article.md'), `# Upsert test ${i}\n\nThe board met on ${(i % 28) + 1} March 2021, said Maria Kowalska, a spokeswoman, adding "we will publish version ${i} of the plan soon".\n`);
      const s0 = serverTicks(dataDir);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const report = await pg.ingest(pool, fsSource.createFsCorpusSource([dir]));
      const call = performance.now() - t0;
      const c = process.cpuUsage(c0);
      return { write: report.writeSeconds * 1000, call, client: (c.user + c.system) / 1000, server: serverCpuBetween(s0, serverTicks(dataDir)) };
    },
    end: () => pool.end(),
  };
}

async function main(): Promise<void> {
  const old = arg('--old');
  if (!old) throw new Error('usage: abUpsert --old DIR [--url URL] [--data PGDATA] [--runs N]');
  const url = arg('--url') ?? 'postgresql://factcheck@localhost:54339/factcheck_bench?host=/tmp/factcheck-pg-bench/socket';
  const dataDir = arg('--data') ?? '/tmp/factcheck-pg-bench/data';
  const runs = Number(arg('--runs') ?? 20);
  // A fixed folder: the database keeps each variant's one file (one article each) across runs, not one per run.
  const work = path.join(os.tmpdir(), 'factcheck-abupsert');
  const oldUrl = arg('--old-url') ?? url;
  const variants = [openVariant('old', path.resolve(old), oldUrl, dataDir, work), openVariant('new', path.resolve(__dirname, '..', '..'), url, dataDir, work)];
  const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const load0 = load();
  const out = new Map(variants.map((v) => [v.name, { write: [] as number[], call: [] as number[], client: [] as number[], server: [] as number[] }]));
  try {
    // The first upsert of each variant adds its file (and warms its connection): not counted.
    for (const v of variants) await v.upsert(0);
    for (let i = 1; i <= runs; i++) {
      // Alternating, and which goes first alternates too.
      for (const v of i % 2 ? variants : [...variants].reverse()) {
        const m = await v.upsert(i);
        const o = out.get(v.name)!;
        o.write.push(m.write);
        o.call.push(m.call);
        o.client.push(m.client);
        o.server.push(m.server);
      }
    }
  } finally {
    for (const v of variants) await v.end();
  }
  console.log(`one-article upsert, ${runs} runs each, alternating; load ${load0} → ${load()}`);
  for (const [name, o] of out) {
    const sum = (a: number[]): number => Math.round(a.reduce((x, y) => x + y, 0));
    console.log(
      `${name}: write p50 ${stats(o.write).median} ms (p95 ${stats(o.write).p95}), whole call p50 ${stats(o.call).median} ms, ` +
        `CPU per upsert: client ${(sum(o.client) / runs).toFixed(1)} ms + server ${(sum(o.server) / runs).toFixed(1)} ms`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
