/**
 * The date-event look-up (`CorpusStore.findDatesByEvent`) in one statement:
 * the in-memory walk (`datesByEvent` in engine/index/dateTable.ts) repeated
 * in SQL, capped as it is.
 *
 * Why it is shaped so: a common event's keys ("meet", "talk", "summit"… are
 * synonyms, each tied to the same ~140,000 dates at 1M articles) made the
 * uncapped join read a million rows and fetch the wide `articles` row for
 * each (29 s). Here each key reads at most `cap` rows from the
 * (key, file_path, file_pos, idx) btree, in corpus order; a date reached
 * by several keys keeps its first key; the first `cap` of the walk order
 * survive, and only they are joined to their mention and article — one
 * probe each (LATERAL, OFFSET 0): a plain join was planned on an estimate of
 * 231,300 kept dates as a merge join reading all of `date_mentions`' primary
 * key (766,000 rows at 1M, 0.4–1.1 s for "agreement" and "announcement";
 * probes: 0.1 s, the same 10,000 rows).
 */
import { MAX_EVENT_DATES, type DatedMention, type DateMention } from '../../engine/api';
import type { PgPool } from './pool';
import { sqlSafe } from './sqlText';

/** For each set of event keys, the dates the in-memory index gives for it (its cap included). */
export async function findDatesByEvent(pool: PgPool, eventKeys: ReadonlyArray<readonly string[]>, cap = MAX_EVENT_DATES): Promise<DatedMention[][]> {
  const requests = eventKeys.flatMap((keys, i) => keys.map((key, k) => ({ i, k, key: sqlSafe(key) })));
  const out: DatedMention[][] = eventKeys.map(() => []);
  if (requests.length === 0 || cap <= 0) return out;
  // MATERIALIZED: a function scan is estimated at 100 rows whatever it holds; the plan is per key anyway.
  const rows = await pool.query<{ i: number; id: string; mention: DateMention }>(
    `WITH q AS MATERIALIZED (
       SELECT * FROM json_to_recordset($1::json) AS q(i int, k int, key text)
     ), firsts AS (
       SELECT DISTINCT ON (q.i, e.aid, e.idx) q.i, q.k, e.aid, e.idx, e.file_path, e.file_pos
       FROM q CROSS JOIN LATERAL (
         SELECT aid, idx, file_path, file_pos FROM date_events e
         WHERE e.key = q.key ORDER BY e.file_path, e.file_pos, e.idx LIMIT $2
       ) e
       ORDER BY q.i, e.aid, e.idx, q.k
     ), kept AS (
       SELECT * FROM (
         SELECT f.*, row_number() OVER (PARTITION BY f.i ORDER BY f.k, f.file_path, f.file_pos, f.idx) AS n FROM firsts f
       ) r WHERE n <= $2
     )
     SELECT k.i, x.id, x.mention
     FROM kept k CROSS JOIN LATERAL (
       SELECT a.id, d.mention FROM date_mentions d JOIN articles a ON a.aid = d.aid WHERE d.aid = k.aid AND d.idx = k.idx OFFSET 0) x
     ORDER BY k.i, k.n`,
    [JSON.stringify(requests), cap],
  );
  for (const r of rows) out[r.i].push({ ref: { articleId: r.id, span: r.mention.span }, mention: r.mention });
  return out;
}
