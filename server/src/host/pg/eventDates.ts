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
 * survive, and only they are joined to their mention and article.
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
     SELECT k.i, a.id, d.mention
     FROM kept k
     JOIN date_mentions d ON d.aid = k.aid AND d.idx = k.idx
     JOIN articles a ON a.aid = k.aid
     ORDER BY k.i, k.n`,
    [JSON.stringify(requests), cap],
  );
  for (const r of rows) out[r.i].push({ ref: { articleId: r.id, span: r.mention.span }, mention: r.mention });
  return out;
}
