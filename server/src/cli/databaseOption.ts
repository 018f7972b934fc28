/**
 * Where a PostgreSQL corpus lives, for the CLI: `--db URL`, else the
 * `FACTCHECK_DATABASE_URL` environment variable. Passwords are never required
 * in either (libpq's `PGPASSWORD` and `~/.pgpass` supply them, as for `psql`),
 * and never printed: every message names the database by {@link maskDatabaseUrl}.
 */

/** The environment variable naming the corpus database when `--db` is not given. */
export const DATABASE_URL_ENV = 'FACTCHECK_DATABASE_URL';

/** The database URL of a command: the flag's, else the environment's, else none. */
export function resolveDatabaseUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = flag ?? env[DATABASE_URL_ENV];
  return url && url.trim() !== '' ? url.trim() : undefined;
}

export { describeDatabaseError, isDatabaseUrl, maskDatabaseUrl } from '../host/pg/connectionText';
