/**
 * Candidates for aligning draft sentences (`CorpusStore.findAlignedSentences`):
 * SQL finds the articles that can hold a window with two of a sentence's
 * anchors (its rarest words by the corpus-wide statistics, as the engine picks
 * them: a tsquery of every pair of anchors, on the stored article vectors),
 * and the engine aligns the sentence on a small index of those articles with
 * the same corpus-wide frequencies. A window needs two anchors, so an article
 * holding fewer can hold none: the candidates are complete, and the answers
 * are the in-memory index's.
 */
import { alignmentAnchors, type AlignedSource, type AlignmentQuery } from '../../engine/api';
import { candidateIndex, resolveCandidates, type ArticleCache, type CandidateRow } from './candidateArticles';
import type { PgPool } from './pool';
import { allOfQuery, isLexeme } from './sqlText';
import { readWordStats } from './wordStats';

const CANDIDATES_SQL = `
  WITH q AS (SELECT * FROM json_to_recordset($1::json) AS q(i int, tsq text)),
  c AS (
    SELECT q.i, a.aid FROM q CROSS JOIN LATERAL (
      SELECT a.aid FROM articles a WHERE a.tsv @@ q.tsq::tsquery OR a.tsv IS NULL) a)
  SELECT c.i, c.aid, a.file_path, a.file_pos,
         CASE WHEN c.aid = ANY($2::bigint[]) OR row_number() OVER (PARTITION BY c.aid ORDER BY c.i) > 1 THEN NULL ELSE a.text END AS text,
         CASE WHEN c.aid = ANY($2::bigint[]) OR row_number() OVER (PARTITION BY c.aid ORDER BY c.i) > 1 THEN NULL ELSE a.record END AS record
  FROM c JOIN articles a ON a.aid = c.aid`;

/** A tsquery matching articles that hold at least two of the anchors: `(a & b) | (a & c) | (b & c)`. */
export function twoOfQuery(anchors: readonly string[]): string {
  const pairs: string[] = [];
  for (let i = 0; i < anchors.length; i++) for (let j = i + 1; j < anchors.length; j++) pairs.push(`(${allOfQuery([anchors[i], anchors[j]])})`);
  return pairs.join(' | ');
}

/** The aligned windows of each query (one statement for the statistics, one for the candidates). */
export async function findAlignedSentences(pool: PgPool, cache: ArticleCache, queries: readonly AlignmentQuery[]): Promise<AlignedSource[][]> {
  const out: AlignedSource[][] = queries.map(() => []);
  if (queries.length === 0) return out;
  const stats = await readWordStats(pool, queries.flatMap((q) => q.words));
  const frequency = (w: string): number | undefined => stats.occurrences.get(w);
  const requests: Array<{ i: number; tsq: string }> = [];
  queries.forEach((q, i) => {
    const anchors = alignmentAnchors(q.words, frequency);
    if (anchors.length >= 2 && anchors.every(isLexeme)) requests.push({ i, tsq: twoOfQuery(anchors) });
  });
  if (requests.length === 0) return out;
  const rows = await pool.query<CandidateRow & { i: number }>(CANDIDATES_SQL, [JSON.stringify(requests), cache.heldAids()]);
  const loaded = await resolveCandidates(pool, cache, rows);
  for (const { i } of requests) {
    const mine = rows.filter((r) => r.i === i).map((r) => loaded.get(Number(r.aid))!);
    if (mine.length === 0) continue;
    out[i] = candidateIndex(cache, mine).alignedSentences(queries[i], frequency);
  }
  return out;
}
