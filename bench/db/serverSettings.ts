/**
 * The PostgreSQL settings the database bench runs its private cluster with,
 * and how a measure records the settings it ran under. The defaults
 * (shared_buffers 128 MB) keep a 1M-article corpus (several GB) mostly in
 * the page cache, each buffer read a copy from the kernel; a newsroom server
 * gives the database a quarter of its memory (README, "PostgreSQL").
 */
import type { PgPool } from '../../server/src/host/pg';

/** Settings for the bench machine (24 GB of memory, 2 cores, SSD): a quarter of memory for buffers. */
export const BENCH_SETTINGS: Readonly<Record<string, string>> = {
  shared_buffers: '3GB',
  effective_cache_size: '16GB',
  random_page_cost: '1.1',
  work_mem: '32MB',
};

/** Settings that take effect only when the server restarts. */
const RESTART = new Set(['shared_buffers']);

/**
 * Applies {@link BENCH_SETTINGS} with ALTER SYSTEM (kept in the cluster's
 * `postgresql.auto.conf`); true when the server must restart for them.
 */
export async function applyBenchSettings(admin: PgPool): Promise<boolean> {
  let restart = false;
  for (const [name, value] of Object.entries(BENCH_SETTINGS)) {
    // The server prints these settings in the units they are written in here ("3GB", "1.1").
    const [row] = await admin.query<{ setting: string }>('SELECT current_setting($1) AS setting', [name]);
    if (row?.setting === value) continue;
    // ALTER SYSTEM takes no parameters: names and values are this file's constants, never input.
    await admin.query(`ALTER SYSTEM SET ${name} = '${value}'`);
    if (RESTART.has(name)) restart = true;
  }
  await admin.query('SELECT pg_reload_conf()');
  return restart;
}

/** The settings a measure ran under, as the server reports them. */
export async function currentSettings(pool: PgPool): Promise<Record<string, string>> {
  const rows = await pool.query<{ name: string; setting: string }>(
    `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1::text[]) ORDER BY name`,
    [[...Object.keys(BENCH_SETTINGS), 'max_parallel_workers_per_gather', 'jit', 'statement_timeout']],
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
}
