/**
 * A statement's plan as the server runs it (`EXPLAIN (ANALYZE, FORMAT JSON)`),
 * walked node by node: what the plan tests assert on (rows read, loops, which
 * relation a node reads).
 */
import type { PgPool } from '../../server/src/host/pg';

/** A plan node of `EXPLAIN (FORMAT JSON)`: the fields the tests read. */
export interface PlanNode {
  'Relation Name'?: string;
  Alias?: string;
  'Index Cond'?: string;
  'Node Type'?: string;
  'Index Name'?: string;
  'Recheck Cond'?: string;
  'Heap Fetches'?: number;
  Filter?: string;
  'Actual Loops'?: number;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

/**
 * Runs `sql` with `params` under `EXPLAIN (ANALYZE, FORMAT JSON)` and returns its plan's every node, the root first.
 * `settings` (planner settings such as `enable_seqscan = off`, constants of the test) apply to this statement only.
 */
export async function explainNodes(pool: PgPool, sql: string, params: readonly unknown[], settings: readonly string[] = []): Promise<PlanNode[]> {
  const row =
    settings.length === 0
      ? (await pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, [...params]))[0]
      : await pool.transaction(async (client) => {
          for (const s of settings) await client.query(`SET LOCAL ${s}`);
          return (await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, [...params])).rows[0];
        });
  const out: PlanNode[] = [];
  const walk = (n: PlanNode): void => {
    out.push(n);
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(row['QUERY PLAN'][0].Plan);
  return out;
}

/** A statement a store sent: its text and parameters, to run again under EXPLAIN. */
export interface SentStatement {
  sql: string;
  params: readonly unknown[];
}

/** A pool that sends everything to `pool` and records the statements `matches` picks (in `sent`). */
export function statementSpy(pool: PgPool, matches: (sql: string) => boolean): { spy: PgPool; sent: SentStatement[] } {
  const sent: SentStatement[] = [];
  const spy = {
    ...pool,
    async query(sql: string, params?: readonly unknown[]) {
      if (matches(sql)) sent.push({ sql, params: params ?? [] });
      return pool.query(sql, params as unknown[]);
    },
  } as PgPool;
  return { spy, sent };
}
