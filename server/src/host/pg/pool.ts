/**
 * The connection pool a PostgreSQL corpus store and its ingestion share: a
 * small `pg.Pool` whose every connection has a statement timeout, so a
 * lookup on the typing path can never hang an editor on a slow database.
 */
import { createHash } from 'node:crypto';
import { Pool, type PoolClient, type QueryResultRow } from 'pg';

/** Options of {@link createPgPool}. */
export interface PgPoolOptions {
  /** Most connections (default 4: one draft's lookups run one statement per kind). */
  max?: number;
  /** `statement_timeout` of every session, in ms (default 5,000; ingestion passes a larger one). */
  statementTimeoutMs?: number;
  /** `application_name` shown in `pg_stat_activity`. */
  applicationName?: string;
}

/** A small pool, and the one place that sets per-session settings. */
export interface PgPool {
  readonly pool: Pool;
  /** One parameterised statement on any connection. */
  query<R extends QueryResultRow = QueryResultRow>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs `work` inside one transaction on one connection (rolled back when it throws). */
  transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T>;
  end(): Promise<void>;
}

/**
 * Opens a pool on `url` (`postgres://user@host:port/db`, or `?host=/socket/dir`
 * for a unix socket; passwords come from `PGPASSWORD` or `~/.pgpass` as libpq
 * users expect, never from a committed file).
 */
export function createPgPool(url: string, options: PgPoolOptions = {}): PgPool {
  const timeout = Math.max(1, Math.floor(options.statementTimeoutMs ?? 5_000));
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? 4,
    application_name: options.applicationName ?? 'factcheck',
    // Set at connection start-up: no extra round trip per checkout. JIT off: batched look-ups over
    // json_to_recordset are estimated at thousands of rows, and compiling them cost ~500 ms a statement.
    options: `-c statement_timeout=${timeout} -c jit=off`,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server must not crash the host: the next query reconnects.
  pool.on('error', () => undefined);
  return {
    pool,
    async query<R extends QueryResultRow>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      const name = preparedName(sql, params);
      const res = await pool.query<R>(name ? { name, text: sql, values: params as unknown[] } : { text: sql, values: params as unknown[] });
      return res.rows;
    },
    async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await work(client);
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    end: () => pool.end(),
  };
}

/** A statement is prepared (parsed and planned once per connection) only when it reads with parameters: look-ups repeat, utility and DDL statements cannot be prepared. */
const PREPARABLE = /^\s*(WITH|SELECT)\b/i;

/**
 * The name a look-up is prepared under on each connection, or undefined to
 * send it unnamed. Planning the batched look-ups (CTEs over
 * `json_to_recordset`, LATERAL subqueries) took 3–8 ms a statement at 1M
 * articles, as long as an exact quotation's whole execution; a named
 * statement is planned for its first executions and then, when PostgreSQL
 * finds the generic plan no dearer (`plan_cache_mode` auto), never again.
 * Named by a hash of the text, so a name never meets a different text.
 */
export function preparedName(sql: string, params: readonly unknown[]): string | undefined {
  if (params.length === 0 || !PREPARABLE.test(sql)) return undefined;
  return `fc_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
}
