/**
 * `EXPLAIN (ANALYZE, BUFFERS)` of a statement `profile.ts --dump DIR` saved
 * (its SQL and parameters as the store sent them):
 *
 *   node out/bench/db/explain.js FILE.json [--url URL]
 */
import { readFileSync } from 'node:fs';
import { createPgPool } from '../../server/src/host/pg';

async function main(): Promise<void> {
  const file = process.argv[2];
  const i = process.argv.indexOf('--url');
  const url = i >= 0 ? process.argv[i + 1] : 'postgresql://factcheck@localhost:54339/factcheck_bench?host=/tmp/factcheck-pg-bench/socket';
  const { sql, params } = JSON.parse(readFileSync(file, 'utf8')) as { sql: string; params: unknown[] };
  const pool = createPgPool(url, { max: 1, statementTimeoutMs: 600_000 });
  const rows = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
  await pool.end();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
