/**
 * A PostgreSQL database for one test file: a fresh database on the server of
 * `FACTCHECK_TEST_DATABASE_URL` when set, else on a private cluster started
 * with `scripts/pg-cluster.sh` (and stopped again if this file started it).
 * When neither works the tests are skipped with one line saying how to run
 * them.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Client } from 'pg';
import { repoRoot } from '../helpers';

/** How to run the database tests, printed when they are skipped. */
export const HOW_TO_RUN =
  'database tests skipped: PostgreSQL is not available. Run `bash scripts/pg-cluster.sh start` (needs postgresql 15: initdb, pg_ctl) or set FACTCHECK_TEST_DATABASE_URL=postgres://…, then `npm run test:db`.';

/** A database made for one test file. */
export interface TestDatabase {
  url: string;
  /** Drops the database (and stops the cluster if this file started it). */
  drop(): Promise<void>;
}

// Whether this process started the private cluster, and how many of its
// databases are still in use: a file may make several databases, and the
// cluster must outlive all of them, not the first one dropped.
let clusterStartedHere = false;
let liveDatabases = 0;

/** The server URL: the environment's, or a private cluster's (started now if need be). */
function serverUrl(): { url: string; startedHere: boolean } | undefined {
  const fromEnv = process.env.FACTCHECK_TEST_DATABASE_URL;
  if (fromEnv) return { url: fromEnv, startedHere: false };
  const script = path.join(repoRoot, 'scripts', 'pg-cluster.sh');
  const status = spawnSync('bash', [script, 'status'], { encoding: 'utf8' });
  const wasRunning = status.status === 0;
  let started = spawnSync('bash', [script, 'start'], { encoding: 'utf8', timeout: 180_000 });
  // Once more after a failure: on a loaded machine a status check inside the script can time out.
  if (started.status !== 0) started = spawnSync('bash', [script, 'start'], { encoding: 'utf8', timeout: 180_000 });
  if (started.status !== 0) return undefined;
  const url = started.stdout.trim().split('\n').pop();
  if (url && !wasRunning) clusterStartedHere = true;
  return url ? { url, startedHere: clusterStartedHere } : undefined;
}

/** The same server URL naming another database. */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Creates a fresh database named after `label` (and the process), or
 * returns undefined (after printing {@link HOW_TO_RUN}) when PostgreSQL
 * cannot be reached.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase | undefined> {
  const server = serverUrl();
  if (!server) {
    console.log(HOW_TO_RUN);
    return undefined;
  }
  const name = `factcheck_test_${label}_${process.pid}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = new Client({ connectionString: server.url });
  try {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (e) {
    console.log(`${HOW_TO_RUN} (${e instanceof Error ? e.message : String(e)})`);
    await admin.end().catch(() => undefined);
    return undefined;
  }
  await admin.end();
  liveDatabases++;
  return {
    url: withDatabase(server.url, name),
    async drop(): Promise<void> {
      const c = new Client({ connectionString: server.url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      liveDatabases--;
      if (server.startedHere && liveDatabases === 0 && process.env.FACTCHECK_TEST_KEEP_CLUSTER !== '1') {
        spawnSync('bash', [path.join(repoRoot, 'scripts', 'pg-cluster.sh'), 'stop'], { encoding: 'utf8' });
      }
    },
  };
}
