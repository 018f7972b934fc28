/**
 * Candidates for verbatim look-ups (exact quotations, phrases, the words
 * around a date): the articles holding all of a query's three rarest words,
 * found by a tsquery AND on the stored article vectors (GIN), in corpus
 * order. One statement answers a whole batch (`json_to_recordset` +
 * `LATERAL`); the engine then finds the passages in those articles.
 *
 * A LIKE on the article's normalised words then keeps only the articles
 * where each segment's words stand in a row (issue 14: rare words AND, then
 * recheck), so common-word quotations do not bring hundreds of candidates.
 *
 * The in-memory index stops after a few passages (25 for a quotation, 10 for
 * a date's context, 1 for a phrase), taken in corpus order. A page holds as
 * many articles as passages are asked for (each article passing the recheck
 * holds one), and the recheck runs in corpus order only until the page is
 * full. When a query's candidates fill a page, later pages are read (in
 * corpus order) until that many passages are found, and only the articles
 * holding them are kept: the engine, run on those, stops at the same passage.
 * Words common enough that the index would hand over tens of thousands of
 * articles walk the corpus in order instead ({@link orderedScanCap}).
 */
import type { CorpusIndex, QuoteSegment } from '../../engine/api';
import { candidateIndex, compareCorpusOrder, FETCH_CANDIDATES, resolveCandidates, type ArticleCache, type CandidateRow, type LoadedArticle } from './candidateArticles';
import type { PgPool } from './pool';
import { allOfQuery, isLexeme, sqlSafe } from './sqlText';
import type { WordStats } from './wordStats';

/** A verbatim query: the word runs to find, and how many passages the engine looks for. */
export interface VerbatimQuery {
  segments: readonly QuoteSegment[];
  limit: number;
}

/** Most candidate articles read per query and page (a query asks for its passage limit, at most this). */
const PAGE_ARTICLES = 200;
/** Rare words ANDed: three cut a 1M-article corpus to a handful of candidates (issue 14's measurements). */
const RARE_WORDS = 3;
/** An article walked in corpus order costs about this many read through the index (its vector is read too). */
const ORDERED_SCAN_COST = 4;
/** A walk in corpus order reads at most this many times the articles its estimate needs, and at least {@link MIN_ORDERED_SCAN}. */
const ORDERED_SCAN_MARGIN = 8;
const MIN_ORDERED_SCAN = 2_000;

/**
 * The tsquery of a query's rarest words, or undefined when no article can
 * hold it: a word the corpus never uses, or no words at all (the engine finds
 * nothing then either).
 */
export function rareWordsQuery(segments: readonly QuoteSegment[], stats: WordStats): string | undefined {
  const rare = rareWords(segments, stats);
  return rare ? allOfQuery(rare) : undefined;
}

/** A query's {@link RARE_WORDS} rarest words (lexemes), rarest first; undefined when no article can hold it. */
function rareWords(segments: readonly QuoteSegment[], stats: WordStats): string[] | undefined {
  const words = [...new Set(segments.flatMap((s) => s.tokens.map((t) => t.norm)))];
  if (words.length === 0 || segments.some((s) => s.tokens.length === 0)) return undefined;
  if (words.some((w) => !stats.occurrences.has(w))) return undefined;
  const rare = words
    .filter(isLexeme)
    .sort((a, b) => stats.occurrences.get(a)! - stats.occurrences.get(b)!)
    .slice(0, RARE_WORDS);
  return rare.length > 0 ? rare : undefined;
}

/**
 * Articles to walk in corpus order for a query whose rare words are common ("today", "will offer"),
 * or null to read its rare words' articles from the index. Walking stops at a page of matches, so it
 * reads about `(page + 1) × articles / matches` articles where the index reads every match (90,000 for
 * "today" at 1M); the matches are estimated from the words' counts as if independent, and the walk is
 * capped at a few times what the estimate needs (past the cap the walk goes on or the index reads
 * the rest, {@link continuedWalkCap}: a wrong estimate costs little).
 */
export function orderedScanCap(rare: readonly string[], stats: WordStats, corpusArticles: number, page: number, tuning: WalkTuning = WALK): number | null {
  if (corpusArticles <= 0) return null;
  const matches = estimatedMatches(rare, stats, corpusArticles);
  const walk = ((page + 1) * corpusArticles) / Math.max(1, matches);
  if (walk * ORDERED_SCAN_COST > matches) return null;
  return Math.max(tuning.minScan, Math.ceil(walk * tuning.margin));
}

/** How long a first walk is: at least `minScan` articles, `margin` times what the estimate needs. */
export interface WalkTuning {
  minScan: number;
  margin: number;
}

/** The walks the store makes (tests shorten them to make every walk fall short and go on). */
const WALK: WalkTuning = { minScan: MIN_ORDERED_SCAN, margin: ORDERED_SCAN_MARGIN };

/** Articles holding all of `rare`, estimated from the words' counts as if independent (what the index would read). */
function estimatedMatches(rare: readonly string[], stats: WordStats, corpusArticles: number): number {
  let matches = corpusArticles;
  for (const w of rare) matches *= Math.min(1, (stats.occurrences.get(w) ?? 0) / corpusArticles);
  return matches;
}

/**
 * How far to walk on after a capped walk read `walked` articles and found
 * `found` (fewer than `page + 1`) holding the query, or null to read the rest
 * from the index. The walk goes on when walking to the page, at the density
 * seen so far (at least twice as far as before), costs less than the index
 * would read: as many articles as the words' estimate, or as the density seen
 * implies over the corpus, whichever is more.
 *
 * Without this, a walk that fell short of a page by one article read every
 * match of the index (30,000 articles for "will offer" at 1M, ~1 s), though
 * a second walk as long as the first would have found it.
 */
export function continuedWalkCap(walked: number, found: number, page: number, indexMatches: number, corpusArticles: number): number | null {
  if (walked <= 0) return null;
  const need = page + 1 - found;
  const next = Math.max(2 * walked, Math.ceil((need * walked) / Math.max(1, found)) * 2);
  const indexCost = Math.max(indexMatches, (found * corpusArticles) / walked);
  return next * ORDERED_SCAN_COST <= indexCost ? next : null;
}

/** A LIKE pattern matching the words in a row in `texts.norm` (`%`, `_` and `\\` in words escaped). */
export function runPattern(words: readonly string[]): string {
  return `% ${words.map((w) => sqlSafe(w).replace(/[\\%_]/g, (c) => `\\${c}`)).join(' ')} %`;
}

/**
 * The SQL of a page of candidates for many queries; texts are sent only for articles the store lacks, once each.
 * The LIKE recheck (a read of the article's normalised words, often out of line) runs lazily, in corpus
 * order, only until the page is full: a passage many articles repeat (wire copy, a corpus holding copies)
 * matched thousands of articles at 1M, and rechecking every one of them was most of a draft's time.
 *
 * From the index, the recheck runs **once per text** (`texts.norm`: the normalised words are a function
 * of the text, so a text's copies pass or fail alike): the matching texts (GIN on `texts.tsv`) are taken
 * in the order of their first article after the page's start (the copies' btree, read index-only), rechecked
 * until `page + 1` texts pass, and the first `page + 1` articles of the passing texts, in corpus order, are
 * the page. They are the corpus's first `page + 1` passing articles: the last passing text's first article
 * comes at or after `page + 1` passing articles (each passing text's first), and every article up to it
 * belongs to a text whose first article comes before, which was rechecked. (At ×50, 2,522 rechecks for 37
 * quotations became 147: EXPLAIN 77 → 49 ms; schema v9 then read the copies from an index instead of the
 * heap of every matching article.)
 */
const CANDIDATES_SQL = `
  WITH q AS (
    SELECT q.*, coalesce(q.after_path, '') COLLATE "C" AS from_path, coalesce(q.after_pos, -1) AS from_pos
    FROM json_to_recordset($1::json) AS q(i int, tsq text, runs text[], after_path text, after_pos int, page int, scan int)),
  c AS (
    SELECT q.i, a.aid, a.file_path, a.file_pos, a.tid
    FROM q CROSS JOIN LATERAL (
      -- The rare words' texts from the index, each with its first article after the start; rechecked in that order.
      (WITH m AS (
        SELECT t.tid, f.file_path, f.file_pos FROM texts t
        CROSS JOIN LATERAL (
          SELECT a.file_path, a.file_pos FROM articles a WHERE a.tid = t.tid AND (a.file_path, a.file_pos) > (q.from_path, q.from_pos)
          ORDER BY a.file_path, a.file_pos LIMIT 1) f
        WHERE q.scan IS NULL AND (t.tsv @@ q.tsq::tsquery OR t.tsv IS NULL)),
      passing AS (
        SELECT m.tid FROM (SELECT * FROM m ORDER BY m.file_path, m.file_pos OFFSET 0) m
        WHERE NOT EXISTS (SELECT 1 FROM texts b CROSS JOIN unnest(q.runs) AS run WHERE b.tid = m.tid AND b.norm NOT LIKE run)
        LIMIT q.page + 1)
      SELECT x.aid, x.file_path, x.file_pos, x.tid FROM passing CROSS JOIN LATERAL (
        SELECT a.aid, a.file_path, a.file_pos, a.tid FROM articles a WHERE a.tid = passing.tid AND (a.file_path, a.file_pos) > (q.from_path, q.from_pos)
        ORDER BY a.file_path, a.file_pos LIMIT q.page + 1) x
      ORDER BY x.file_path, x.file_pos LIMIT q.page + 1)
      UNION ALL
      -- Common words: the corpus walked in order (its btree), at most q.scan articles, each text's words read per article.
      (SELECT m.aid, m.file_path, m.file_pos, m.tid FROM (
        SELECT a.aid, a.file_path, a.file_pos, a.tid FROM articles a
        WHERE q.scan IS NOT NULL AND (a.file_path, a.file_pos) > (q.from_path, q.from_pos)
        ORDER BY a.file_path, a.file_pos LIMIT q.scan) m
      CROSS JOIN LATERAL (SELECT t.tsv, t.norm FROM texts t WHERE t.tid = m.tid OFFSET 0) t
      WHERE (t.tsv @@ q.tsq::tsquery OR t.tsv IS NULL)
        AND NOT EXISTS (SELECT 1 FROM unnest(q.runs) AS run WHERE t.norm NOT LIKE run)
      LIMIT q.page + 1)) a)
  ${FETCH_CANDIDATES('$2', '$3')}`;

/** Where each capped walk stopped: the corpus place of its last article (none when the corpus ended first). */
const WALK_END_SQL = `
  SELECT q.i, e.file_path, e.file_pos
  FROM json_to_recordset($1::json) AS q(i int, after_path text, after_pos int, scan int)
  CROSS JOIN LATERAL (
    SELECT a.file_path, a.file_pos FROM articles a
    WHERE (a.file_path, a.file_pos) > (coalesce(q.after_path, '') COLLATE "C", coalesce(q.after_pos, -1))
    ORDER BY a.file_path, a.file_pos OFFSET q.scan - 1 LIMIT 1) e`;

interface PageRequest {
  i: number;
  tsq: string;
  /** LIKE patterns, one per segment: each segment's words must stand in a row in the article. */
  runs: string[];
  after_path: string | null;
  after_pos: number | null;
  /** Articles read per page: each recheck-passing article holds a passage, so the passages asked for, at most {@link PAGE_ARTICLES}. */
  page: number;
  /** Articles to walk in corpus order ({@link orderedScanCap}), or null to read the rare words' articles from the index. */
  scan: number | null;
  /** Articles the index would read ({@link estimatedMatches}): a short walk goes on while walking costs less (not sent). */
  matches: number;
}

/** The part of a request the statements read. */
function sent(requests: readonly PageRequest[]): string {
  return JSON.stringify(requests.map(({ matches: _, ...r }) => r));
}

/** One page of candidates per request (one statement): the articles in corpus order, and whether more may follow. */
async function readPages(pool: PgPool, cache: ArticleCache, requests: readonly PageRequest[], corpusArticles: number): Promise<Map<number, { articles: LoadedArticle[]; more: boolean }>> {
  const rows = await pool.query<CandidateRow & { i: number }>(CANDIDATES_SQL, [sent(requests), cache.heldAids(), cache.heldTids()]);
  const loaded = await resolveCandidates(pool, cache, rows);
  const out = new Map<number, { articles: LoadedArticle[]; more: boolean }>();
  for (const r of requests) out.set(r.i, { articles: [], more: false });
  for (const r of rows) out.get(r.i)!.articles.push(loaded.get(Number(r.aid))!);
  for (const r of requests) {
    const page = out.get(r.i)!;
    page.articles.sort(compareCorpusOrder);
    if (page.articles.length > r.page) {
      page.articles.length = r.page;
      page.more = true;
    }
  }
  // Walks that reached their cap short of a page: the rest of the corpus after where they stopped, walked on
  // further or read from the index (continuedWalkCap).
  const short = requests.filter((r) => r.scan !== null && !out.get(r.i)!.more);
  if (short.length === 0) return out;
  const ends = await pool.query<{ i: number; file_path: string; file_pos: number }>(WALK_END_SQL, [JSON.stringify(short.map(({ i, after_path, after_pos, scan }) => ({ i, after_path, after_pos, scan })))]);
  if (ends.length === 0) return out;
  const rest = await readPages(
    pool,
    cache,
    ends.map((e) => {
      const r = short.find((s) => s.i === e.i)!;
      const found = out.get(r.i)!.articles.length;
      const page = r.page - found;
      return { ...r, after_path: e.file_path, after_pos: e.file_pos, scan: continuedWalkCap(r.scan!, found, r.page, r.matches, corpusArticles), page };
    }),
    corpusArticles,
  );
  for (const [i, more] of rest) {
    const page = out.get(i)!;
    page.articles.push(...more.articles);
    page.more = more.more;
  }
  return out;
}

/**
 * For each query, an index over the articles that hold its passages (the
 * engine's answer on it equals the whole corpus's), or undefined when no
 * article can hold it.
 */
export async function verbatimIndexes(
  pool: PgPool,
  cache: ArticleCache,
  stats: WordStats,
  queries: readonly VerbatimQuery[],
  corpusArticles: number,
  tuning: WalkTuning = WALK,
): Promise<Array<CorpusIndex | undefined>> {
  const out: Array<CorpusIndex | undefined> = queries.map(() => undefined);
  const requests: PageRequest[] = [];
  queries.forEach((q, i) => {
    const rare = rareWords(q.segments, stats);
    if (!rare) return;
    const page = Math.max(1, Math.min(PAGE_ARTICLES, q.limit));
    const runs = q.segments.map((s) => runPattern(s.tokens.map((t) => t.norm)));
    const scan = orderedScanCap(rare, stats, corpusArticles, page, tuning);
    requests.push({ i, tsq: allOfQuery(rare), runs, after_path: null, after_pos: null, page, scan, matches: estimatedMatches(rare, stats, corpusArticles) });
  });
  if (requests.length === 0) return out;
  const first = await readPages(pool, cache, requests, corpusArticles);
  for (const req of requests) {
    const page = first.get(req.i)!;
    if (page.articles.length === 0) continue;
    out[req.i] = page.more ? await pagedIndex(pool, cache, req, queries[req.i], page, corpusArticles) : candidateIndex(cache, page.articles);
  }
  return out;
}

/**
 * A query whose candidates fill pages: pages are read in corpus order until
 * the engine has found `limit` passages in them; the index holds only the
 * articles with passages, so it stops at the same passage as the whole corpus.
 */
async function pagedIndex(
  pool: PgPool,
  cache: ArticleCache,
  req: PageRequest,
  query: VerbatimQuery,
  firstPage: { articles: LoadedArticle[]; more: boolean },
  corpusArticles: number,
): Promise<CorpusIndex> {
  const kept: LoadedArticle[] = [];
  let found = 0;
  let page = firstPage;
  for (;;) {
    const index = candidateIndex(cache, page.articles);
    // The quotation search finds up to 25 passages, at least any limit asked here.
    const [hits] = await index.findQuotations([{ segments: query.segments, closest: false }]);
    const withPassages = new Set(hits.exact.map((h) => h.ref.articleId));
    for (const a of page.articles) if (withPassages.has(a.record.id)) kept.push(a);
    found += hits.exact.length;
    if (found >= query.limit || !page.more) break;
    const last = page.articles[page.articles.length - 1];
    page = (await readPages(pool, cache, [{ ...req, after_path: last.filePath, after_pos: last.filePos }], corpusArticles)).get(req.i)!;
    if (page.articles.length === 0) break;
  }
  return candidateIndex(cache, kept);
}
