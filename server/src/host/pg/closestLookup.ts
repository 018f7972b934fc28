/**
 * Candidates for the closest passage of a quotation no source holds
 * verbatim. The in-memory index lets the quotation's rarest content words
 * vote (weight `log(1 + corpus words / occurrences)`) for where it would
 * start, and aligns the best few places. Here the same voters, chosen with
 * the corpus-wide frequencies kept in `word_freq`, score sentences in SQL (the
 * sum of the weights of the voters each holds, one statement per batch); the
 * articles of the best few go to the engine, which votes and aligns among them.
 *
 * The engine's votes inside the candidates are weighed with the corpus-wide
 * frequencies (the candidate index carries them: `corpusWords`), and its
 * places are counted from each article's start, so every candidate article
 * gets the votes it gets in the whole corpus. Identical whenever the places
 * the whole corpus would align lie in the candidates: SQL ranks articles by
 * the voters they hold anywhere, an upper bound of any of their places'
 * votes; an article outside the cut could in theory hold a weakly voted
 * place that aligns better. The contract test measures agreement.
 */
import { STOPWORDS, type CorpusIndex, type WordToken } from '../../engine/api';
import { candidateIndex, FETCH_CANDIDATES, resolveCandidates, type ArticleCache, type CandidateRow, type LoadedArticle } from './candidateArticles';
import type { PgPool } from './pool';
import { allOfQuery, isLexeme } from './sqlText';
import type { WordStats } from './wordStats';

/** Articles handed to the engine per quotation (it aligns its 8 best places among them). */
const CLOSEST_ARTICLES = 24;
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

// Articles scored by the voters they hold anywhere (the most any of their places can get), best first:
// the engine then votes by place among them, with the corpus's weights (`corpusWords`). Each voter's
// articles come from the GIN index on their own, summed per article (no per-row JSON or tsquery parsing).
const CLOSEST_SQL = `
  WITH v AS (SELECT * FROM json_to_recordset($1::json) AS v(i int, tsq text, weight float8)),
  m AS (
    SELECT v.i, x.aid, x.file_path, x.file_pos, sum(v.weight) AS score
    FROM v CROSS JOIN LATERAL (SELECT a.aid, a.file_path, a.file_pos FROM articles a WHERE a.tsv @@ v.tsq::tsquery OFFSET 0) x
    GROUP BY v.i, x.aid, x.file_path, x.file_pos),
  -- Ties in corpus order, as the engine ranks places of equal votes (scores rounded: float sums differ in the last bit).
  c AS (SELECT i, aid, file_path, file_pos, score FROM (
    SELECT m.*, row_number() OVER (PARTITION BY m.i ORDER BY round(m.score::numeric, 9) DESC, m.file_path, m.file_pos) AS rk
    FROM m) r WHERE rk <= $2)
  ${FETCH_CANDIDATES('$3')}`;

/** For each quotation, an index over its closest-passage candidates, or undefined when the engine would find none. */
export async function closestIndexes(pool: PgPool, cache: ArticleCache, stats: WordStats, quotes: ReadonlyArray<readonly WordToken[]>): Promise<Array<CorpusIndex | undefined>> {
  const out: Array<CorpusIndex | undefined> = quotes.map(() => undefined);
  const requests: Array<{ i: number; tsq: string; weight: number }> = [];
  quotes.forEach((tokens, i) => {
    for (const v of closestVoters(tokens, stats)) requests.push({ i, tsq: allOfQuery([v.word]), weight: v.weight });
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
