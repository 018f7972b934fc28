/**
 * Candidates for the closest passage of a quotation no source holds
 * verbatim. The in-memory index lets the quotation's rarest content words
 * vote (weight `log(1 + corpus words / occurrences)`) for where it would
 * start, and aligns the best few places. Here the same voters, chosen with
 * the corpus-wide frequencies kept in `word_freq`, score articles in SQL (the
 * sum of the weights of the voters each holds; a statement per round, rounds
 * of falling least scores until one finds enough: {@link SCORE_SHARES}); the
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
import { allOfQuery, isLexeme, sqlSafe } from './sqlText';
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

/**
 * Shares of a quotation's whole voter weight tried in turn as the least score an article must have:
 * articles scoring at least a share are exactly those holding a minimal set of voters that weighs
 * that much (a tsquery OR of ANDs, answered by the GIN index alone); when {@link CLOSEST_ARTICLES}
 * of them score that much, the best {@link CLOSEST_ARTICLES} of the whole corpus are among them (any
 * other scores less), so the cut is the one every voter's articles would give. Reading every article
 * holding any voter (thousands each at 1M) is left to quotations nothing near matches.
 */
const SCORE_SHARES = [0.75, 0.4, 0];
/** Voters occurring at most this often in all are read whole, in one round. */
const FEW_OCCURRENCES = 2_000;

/** Float sums of the same weights may differ in the last bits: scores compare within this. */
const SCORE_EPSILON = 1e-9;

/**
 * The tsquery of the articles whose voters weigh at least `least`: an OR of the minimal sets of voters
 * that weigh that much (each an AND). Voters are at most 8, so at most 70 sets.
 */
export function atLeastQuery(voters: ReadonlyArray<{ word: string; weight: number }>, least: number): string {
  const n = voters.length;
  const sets: string[] = [];
  for (let mask = 1; mask < 1 << n; mask++) {
    let sum = 0;
    for (let k = 0; k < n; k++) if (mask & (1 << k)) sum += voters[k].weight;
    if (sum < least - SCORE_EPSILON) continue;
    let minimal = true;
    for (let k = 0; k < n && minimal; k++) if (mask & (1 << k) && sum - voters[k].weight >= least - SCORE_EPSILON) minimal = false;
    if (!minimal) continue;
    const words = voters.filter((_, k) => mask & (1 << k)).map((v) => v.word);
    sets.push(words.length > 1 ? `(${allOfQuery(words)})` : allOfQuery(words));
  }
  return sets.join(' | ');
}

// The articles scoring at least the round's least score (one GIN probe per quotation), each scored by
// the weights of the voters it holds anywhere (the most any of its places can get), best first: the
// engine then votes by place among them, with the corpus's weights (`corpusWords`). A quotation's
// articles are sent only when enough of them score that much, or in the last round.
//
// A round before the last finds few texts (those holding most of the voter weight) and scores each on its
// stored vector. The last round's texts are every voter's (hundreds to thousands): each is scored by summing
// the weights of the voters whose GIN postings hold it, one probe per voter, so no vector is read (reading
// and unpacking one per article was most of the statement at Reuters ×1: EXPLAIN 99 → 28 ms, the same rows).
// Texts are scored once (schema v9: an article's words are its text's); each text's copies come in corpus
// order from the copies' btree (index only), at most $2 of them: the copies of a text score alike and rank by
// place, so no later copy can be among the best $2. Only texts ranked (by score, ties sharing a rank) within
// the best $2 get their copies read: a text scoring less has $2 texts above it, each with a copy ranked before
// any of its own (the last round at ×1 holds ~4,000 texts, and a probe for each was half the statement).
// "At least $2 articles" is counted alike: the texts kept are all of them or at least $2.
const CLOSEST_SQL = `
  WITH v AS (SELECT * FROM json_to_recordset($1::json) AS v(i int, tsq text, words text[], weights float8[], voters text[], final boolean)),
  m0 AS (
    SELECT v.i, x.tid,
      (SELECT sum(w.weight) FROM unnest(v.words, v.weights) AS w(word, weight) WHERE w.word = ANY(tsvector_to_array(x.tsv))) AS score
    FROM v CROSS JOIN LATERAL (SELECT t.tid, t.tsv FROM texts t WHERE NOT v.final AND t.tsv @@ v.tsq::tsquery OFFSET 0) x),
  mf AS (
    SELECT v.i, x.tid, sum(w.weight) AS score
    FROM v CROSS JOIN LATERAL unnest(v.voters, v.weights) AS w(tsq, weight)
    CROSS JOIN LATERAL (SELECT t.tid FROM texts t WHERE v.final AND t.tsv @@ w.tsq::tsquery OFFSET 0) x
    GROUP BY v.i, x.tid),
  mt AS (
    SELECT m0.i, false AS final, m0.tid, m0.score FROM m0
    UNION ALL
    SELECT mf.i, true, mf.tid, mf.score FROM mf),
  mk AS (SELECT mt.*, rank() OVER (PARTITION BY mt.i ORDER BY round(mt.score::numeric, 9) DESC) AS trk FROM mt),
  m AS (
    SELECT mk.i, mk.final, a.aid, a.file_path, a.file_pos, a.tid, mk.score
    FROM mk CROSS JOIN LATERAL (SELECT a.aid, a.file_path, a.file_pos, a.tid FROM articles a WHERE a.tid = mk.tid ORDER BY a.file_path, a.file_pos LIMIT $2) a
    WHERE mk.trk <= $2),
  -- Ties in corpus order, as the engine ranks places of equal votes (scores rounded: float sums differ in the last bit).
  r AS (
    SELECT m.*, row_number() OVER (PARTITION BY m.i ORDER BY round(m.score::numeric, 9) DESC, m.file_path, m.file_pos) AS rk,
           count(*) OVER (PARTITION BY m.i) AS n
    FROM m),
  c AS (SELECT i, aid, file_path, file_pos, tid FROM r WHERE rk <= $2 AND (n >= $2 OR final))
  ${FETCH_CANDIDATES('$3', '$4')}`;

/** For each quotation, an index over its closest-passage candidates, or undefined when the engine would find none. */
export async function closestIndexes(pool: PgPool, cache: ArticleCache, stats: WordStats, quotes: ReadonlyArray<readonly WordToken[]>): Promise<Array<CorpusIndex | undefined>> {
  const out: Array<CorpusIndex | undefined> = quotes.map(() => undefined);
  const voters = quotes.map((tokens) => closestVoters(tokens, stats));
  // Each quotation's rounds: the distinct queries of its least scores, the last one any voter's articles.
  const rounds = voters.map((vs) => {
    if (vs.length === 0) return [];
    const total = vs.reduce((n, v) => n + v.weight, 0);
    // The last round: any voter (the least score an article holding one can have).
    const least = Math.min(...vs.map((v) => v.weight));
    // Voters this rare are held by few articles: reading them all costs less than a round more.
    const occurrences = vs.reduce((n, v) => n + (stats.occurrences.get(v.word) ?? 0), 0);
    const shares = occurrences <= FEW_OCCURRENCES ? [0] : SCORE_SHARES;
    const queries = [...new Set(shares.map((share) => atLeastQuery(vs, Math.max(least, share * total))))];
    return queries.map((tsq, k) => ({ tsq, final: k === queries.length - 1 }));
  });
  const byQuery = new Map<number, LoadedArticle[]>();
  let pending = quotes.map((_, i) => i).filter((i) => rounds[i].length > 0);
  for (let round = 0; pending.length > 0; round++) {
    const requests = pending.map((i) => ({
      i,
      tsq: rounds[i][round].tsq,
      words: voters[i].map((v) => sqlSafe(v.word)),
      weights: voters[i].map((v) => v.weight),
      // Each voter's own tsquery (the last round's probes).
      voters: voters[i].map((v) => allOfQuery([v.word])),
      final: rounds[i][round].final,
    }));
    const rows = await pool.query<CandidateRow & { i: number }>(CLOSEST_SQL, [JSON.stringify(requests), CLOSEST_ARTICLES, cache.heldAids(), cache.heldTids()]);
    const loaded = await resolveCandidates(pool, cache, rows);
    for (const r of rows) {
      const list = byQuery.get(r.i) ?? [];
      list.push(loaded.get(Number(r.aid))!);
      byQuery.set(r.i, list);
    }
    pending = requests.filter((r) => !r.final && !byQuery.has(r.i)).map((r) => r.i);
  }
  // One index per quotation: an answer must not depend on which other quotations share the batch.
  for (const [i, articles] of byQuery) out[i] = candidateIndex(cache, articles);
  return out;
}
