/**
 * Candidates for the closest passage of a quotation no source holds
 * verbatim. The in-memory index lets the quotation's rarest content words
 * vote (weight `log(1 + corpus words / occurrences)`) for where it would
 * start, and aligns the best few places. Here the same voters, chosen with
 * the corpus-wide frequencies kept in `word_freq`, score sentences in SQL (the
 * sum of the weights of the voters each holds, one statement per batch); the
 * articles of the best few go to the engine, which votes and aligns among them.
 *
 * Not always identical: the engine's votes inside the candidates are weighed
 * with the candidates' own frequencies (and its 16-word windows fall at other
 * offsets in a small index), and SQL scores sentences, not windows. The
 * contract test measures agreement.
 */
import { STOPWORDS, type CorpusIndex, type WordToken } from '../../engine/api';
import { candidateIndex, resolveCandidates, type ArticleCache, type CandidateRow, type LoadedArticle } from './candidateArticles';
import type { PgPool } from './pool';
import { anyOfQuery, allOfQuery, isLexeme } from './sqlText';
import type { WordStats } from './wordStats';

/** Articles handed to the engine per quotation (it aligns its 8 best places among them). */
const CLOSEST_ARTICLES = 16;
/** The engine's limits (`findClosestPassage`): words aligned, voters. */
const MAX_ALIGNED_WORDS = 300;
const MAX_VOTERS = 8;

/** The voters of a quotation as the in-memory index picks them, with their weights; empty when it would not look. */
export function closestVoters(tokens: readonly WordToken[], stats: WordStats): Array<{ word: string; weight: number }> {
  const n = Math.min(tokens.length, MAX_ALIGNED_WORDS);
  if (n < 3) return [];
  const total = Math.max(1, stats.totalWords);
  const content: Array<{ i: number; word: string; freq: number }> = [];
  for (let i = 0; i < n; i++) {
    const word = tokens[i].norm;
    const freq = stats.occurrences.get(word);
    if (freq === undefined || STOPWORDS.has(word)) continue;
    content.push({ i, word, freq });
  }
  content.sort((a, b) => a.freq - b.freq);
  const common = Math.min(3_000, Math.max(1_000, total / 2_000));
  const voters = content.filter((c, i) => i < 3 || c.freq <= common).slice(0, MAX_VOTERS);
  const seen = new Set<string>();
  const out: Array<{ word: string; weight: number }> = [];
  for (const v of voters) {
    if (seen.has(v.word) || !isLexeme(v.word)) continue;
    seen.add(v.word);
    out.push({ word: v.word, weight: Math.log(1 + total / v.freq) });
  }
  return out;
}

// Scored by sentence, the best sentence standing for its article: the engine's votes fall in
// 16-word windows, and a whole article holding the words far apart is no candidate.
const CLOSEST_SQL = `
  WITH q AS (SELECT * FROM json_to_recordset($1::json) AS q(i int, anyq text, voters json)),
  c AS (
    SELECT q.i, best.aid
    FROM q CROSS JOIN LATERAL (
      SELECT s.aid,
             max((SELECT sum(v.weight) FROM json_to_recordset(q.voters) AS v(tsq text, weight float8) WHERE s.tsv @@ v.tsq::tsquery)) AS score
      FROM sentences s
      WHERE s.tsv @@ q.anyq::tsquery
      GROUP BY s.aid
      ORDER BY score DESC, s.aid
      LIMIT $2) best)
  SELECT c.i, c.aid, a.file_path, a.file_pos,
         CASE WHEN c.aid = ANY($3::bigint[]) OR row_number() OVER (PARTITION BY c.aid ORDER BY c.i) > 1 THEN NULL ELSE a.text END AS text,
         CASE WHEN c.aid = ANY($3::bigint[]) OR row_number() OVER (PARTITION BY c.aid ORDER BY c.i) > 1 THEN NULL ELSE a.record END AS record
  FROM c JOIN articles a ON a.aid = c.aid`;

/** For each quotation, an index over its closest-passage candidates, or undefined when the engine would find none. */
export async function closestIndexes(pool: PgPool, cache: ArticleCache, stats: WordStats, quotes: ReadonlyArray<readonly WordToken[]>): Promise<Array<CorpusIndex | undefined>> {
  const out: Array<CorpusIndex | undefined> = quotes.map(() => undefined);
  const requests: Array<{ i: number; anyq: string; voters: Array<{ tsq: string; weight: number }> }> = [];
  quotes.forEach((tokens, i) => {
    const voters = closestVoters(tokens, stats);
    if (voters.length > 0) requests.push({ i, anyq: anyOfQuery(voters.map((v) => v.word)), voters: voters.map((v) => ({ tsq: allOfQuery([v.word]), weight: v.weight })) });
  });
  if (requests.length === 0) return out;
  const rows = await pool.query<CandidateRow & { i: number }>(CLOSEST_SQL, [JSON.stringify(requests), CLOSEST_ARTICLES, cache.heldAids()]);
  const loaded = await resolveCandidates(pool, cache, rows);
  const byQuery = new Map<number, LoadedArticle[]>();
  for (const r of rows) {
    const list = byQuery.get(r.i) ?? [];
    list.push(loaded.get(Number(r.aid))!);
    byQuery.set(r.i, list);
  }
  // One index per quotation: an answer must not depend on which other quotations share the batch.
  for (const [i, articles] of byQuery) out[i] = candidateIndex(cache, articles);
  return out;
}
