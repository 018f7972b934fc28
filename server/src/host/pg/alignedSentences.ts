/**
 * Aligning draft sentences with the corpus (`CorpusStore.findAlignedSentences`),
 * the facts check's look-up for every sentence of a draft. The engine's rule
 * (`alignSentences`): a sentence's rarest words (by the corpus-wide
 * statistics) anchor it; a window — a corpus sentence and the next — holding
 * two anchors is a candidate, scored by how many of the sentence's words it
 * holds (the sentence, the next, or both when the pair adds enough); the
 * best few windows are returned.
 *
 * SQL applies the same rule on stored sentence vectors, for the whole batch in
 * one statement: texts holding two anchors (GIN on `texts.tsv`), their
 * sentences holding the first or second anchor (the engine walks those
 * postings), each such window's anchors and matched words counted on
 * `sentences.tsv`, the windows ranked as the engine ranks them, and only the
 * articles of the best {@link RANKED_WINDOWS} of each sentence are returned.
 * Windows are scored once per text (`tid`, schema v9): an article's sentences
 * are a function of its text, so its copies (wire copy, a corpus of copies:
 * 1,650 articles and 5,500 windows for 23 sentences at 1M, ~50 per text)
 * hold the same windows, and each copy is then ranked in its own place: at
 * most the first {@link RANKED_WINDOWS} copies of a text (the copies' btree,
 * index only), as a later copy's windows rank after the same windows of those.
 * The engine then aligns on one index over those articles (with the
 * corpus-wide frequencies), so the verdict is its own; the articles sent are
 * a handful per sentence instead of every article holding two anchors, and
 * sentences nothing follows closely enough send none.
 *
 * The engine also requires an anchor within 120 words of another (a window of
 * two long sentences may hold two anchors further apart): SQL does not, so its
 * windows include the engine's, ranked alike; the margin of ranked windows
 * beyond the three the engine keeps covers windows it rejects.
 */
import { alignmentAnchors, MIN_ALIGN_COVERAGE, MIN_ALIGN_MATCHED, type AlignedSource, type AlignmentQuery } from '../../engine/api';
import { candidateIndex, FETCH_CANDIDATES, resolveCandidates, type ArticleCache, type CandidateRow } from './candidateArticles';
import type { PgPool } from './pool';
import { allOfQuery, anyOfQuery, isLexeme, sqlSafe } from './sqlText';
import { readWordStats } from './wordStats';

/** Windows ranked per sentence whose articles go to the engine (it keeps at most 3). */
const RANKED_WINDOWS = 8;
/** The engine's rule for a two-sentence window (`PAIR_GAIN` in `alignSentences`). */
const PAIR_GAIN = 0.1;

// Counting a vector's words among the sentence's: its lexemes less those left when the words are deleted
// (ts_delete, in C: the per-window unnest and compare it replaced was most of the statement's time at 1M). Windows as the engine forms them:
// start s is the anchor's sentence or the one before; the window is s and s + 1 (s alone at the article's end).
const CANDIDATES_SQL = `
  WITH q AS (SELECT * FROM json_to_recordset($1::json) AS q(i int, pair text, early text, words text[], total int, need int)),
  art AS (
    SELECT q.i, t.tid FROM q CROSS JOIN LATERAL (
      SELECT t.tid FROM texts t WHERE t.tsv @@ q.pair::tsquery OR t.tsv IS NULL OFFSET 0) t),
  hit AS (
    SELECT DISTINCT art.i, art.tid, v.s
    FROM art JOIN q ON q.i = art.i
    CROSS JOIN LATERAL (SELECT s.idx FROM sentences s WHERE s.tid = art.tid AND s.tsv @@ q.early::tsquery OFFSET 0) h
    CROSS JOIN LATERAL (VALUES (h.idx - 1), (h.idx)) v(s) WHERE v.s >= 0),
  -- Each window's anchors first (most windows hold one), then its words counted once per vector.
  win0 AS (
    SELECT hit.*, q.need, q.total, q.words, s1.tsv AS t1, s2.tsv AS t2
    FROM hit JOIN q ON q.i = hit.i
    CROSS JOIN LATERAL (SELECT tsv FROM sentences WHERE tid = hit.tid AND idx = hit.s OFFSET 0) s1
    LEFT JOIN LATERAL (SELECT tsv FROM sentences WHERE tid = hit.tid AND idx = hit.s + 1 OFFSET 0) s2 ON true
    -- Two anchors in the window: it holds one of the anchor pairs (one tsquery, not a count per anchor).
    WHERE (s1.tsv || coalesce(s2.tsv, ''::tsvector)) @@ q.pair::tsquery),
  win AS (
    SELECT w.i, w.tid, w.s, w.need, w.total,
      length(w.t1) - length(ts_delete(w.t1, w.words)) AS one,
      CASE WHEN w.t2 IS NULL THEN -1 ELSE length(w.t2) - length(ts_delete(w.t2, w.words)) END AS next,
      CASE WHEN w.t2 IS NULL THEN -1 ELSE length(w.t1 || w.t2) - length(ts_delete(w.t1 || w.t2, w.words)) END AS pair
    FROM win0 w),
  best_text AS (
    SELECT DISTINCT w.i, w.tid, b.first, b.last, b.matched
    FROM win w CROSS JOIN LATERAL (
      SELECT CASE WHEN w.pair > 0 AND (w.pair - greatest(w.one, w.next))::float8 / w.total >= $4 THEN w.s WHEN w.one >= w.next THEN w.s ELSE w.s + 1 END AS first,
             CASE WHEN w.pair > 0 AND (w.pair - greatest(w.one, w.next))::float8 / w.total >= $4 THEN w.s + 1 WHEN w.one >= w.next THEN w.s ELSE w.s + 1 END AS last,
             CASE WHEN w.pair > 0 AND (w.pair - greatest(w.one, w.next))::float8 / w.total >= $4 THEN w.pair ELSE greatest(w.one, w.next) END AS matched) b
    WHERE b.matched >= w.need),
  -- Each text's windows are every copy's, ranked in each copy's own corpus place (its first $5 copies can rank).
  best AS (
    SELECT b.i, a.aid, a.file_path, a.file_pos, a.tid, b.first, b.last, b.matched
    FROM best_text b CROSS JOIN LATERAL (
      SELECT a.aid, a.file_path, a.file_pos, a.tid FROM articles a WHERE a.tid = b.tid ORDER BY a.file_path, a.file_pos LIMIT $5) a),
  c AS (
    SELECT DISTINCT i, aid, file_path, file_pos, tid FROM (
      SELECT best.*, row_number() OVER (PARTITION BY best.i ORDER BY best.matched DESC, best.last - best.first, best.file_path, best.file_pos, best.first) AS rk
      FROM best) r WHERE rk <= $5)
  ${FETCH_CANDIDATES('$2', '$3')}`;

/** The aligned windows of each query (one statement for the statistics, one for the candidates). */
export async function findAlignedSentences(pool: PgPool, cache: ArticleCache, queries: readonly AlignmentQuery[]): Promise<AlignedSource[][]> {
  const out: AlignedSource[][] = queries.map(() => []);
  if (queries.length === 0) return out;
  const stats = await readWordStats(pool, queries.flatMap((q) => q.words));
  const frequency = (w: string): number | undefined => stats.occurrences.get(w);
  const requests: Array<{ i: number; pair: string; early: string; words: string[]; total: number; need: number }> = [];
  queries.forEach((q, i) => {
    const anchors = alignmentAnchors(q.words, frequency);
    if (anchors.length < 2 || !anchors.every(isLexeme) || q.words.length < MIN_ALIGN_MATCHED) return;
    // The words the engine counts in a window: the sentence's words the corpus has.
    const words = [...new Set(q.words)].filter((w) => stats.occurrences.has(w) && isLexeme(w)).map(sqlSafe);
    // A window must hold MIN_ALIGN_MATCHED words and MIN_ALIGN_COVERAGE of the sentence's (as a count of words).
    const need = Math.max(MIN_ALIGN_MATCHED, Math.ceil(MIN_ALIGN_COVERAGE * q.words.length - 1e-9));
    if (words.length < need) return;
    requests.push({ i, pair: twoOfQuery(anchors), early: anyOfQuery(anchors.slice(0, 2)), words, total: Math.max(1, words.length), need });
  });
  if (requests.length === 0) return out;
  const rows = await pool.query<CandidateRow & { i: number }>(CANDIDATES_SQL, [JSON.stringify(requests), cache.heldAids(), cache.heldTids(), PAIR_GAIN, RANKED_WINDOWS]);
  if (rows.length === 0) return out;
  const loaded = await resolveCandidates(pool, cache, rows);
  // One index over every sentence's articles: each holds windows of its own sentence only if SQL ranked them,
  // and an article's windows for another sentence rank there as in the whole corpus.
  const index = candidateIndex(cache, loaded.values());
  const asked = new Set(rows.map((r) => r.i));
  for (const i of asked) out[i] = index.alignedSentences(queries[i], frequency);
  return out;
}

/** A tsquery matching articles that hold at least two of the anchors: `(a & b) | (a & c) | (b & c)`. */
export function twoOfQuery(anchors: readonly string[]): string {
  const pairs: string[] = [];
  for (let i = 0; i < anchors.length; i++) for (let j = i + 1; j < anchors.length; j++) pairs.push(`(${allOfQuery([anchors[i], anchors[j]])})`);
  return pairs.join(' | ');
}
