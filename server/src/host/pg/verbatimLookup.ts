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
 * a date's context, 1 for a phrase), taken in corpus order. When a query's
 * candidates fill a page, later pages are read (in corpus order) until that
 * many passages are found, and only the articles holding them are kept: the
 * engine, run on those, stops at the same passage.
 */
import type { CorpusIndex, QuoteSegment } from '../../engine/api';
import { candidateIndex, FETCH_CANDIDATES, resolveCandidates, type ArticleCache, type CandidateRow, type LoadedArticle } from './candidateArticles';
import type { PgPool } from './pool';
import { allOfQuery, isLexeme, sqlSafe } from './sqlText';
import type { WordStats } from './wordStats';

/** A verbatim query: the word runs to find, and how many passages the engine looks for. */
export interface VerbatimQuery {
  segments: readonly QuoteSegment[];
  limit: number;
}

/** Candidate articles read per query in the batched statement (and per later page). */
const PAGE_ARTICLES = 200;
/** Rare words ANDed: three cut a 1M-article corpus to a handful of candidates (issue 14's measurements). */
const RARE_WORDS = 3;

/**
 * The tsquery of a query's rarest words, or undefined when no article can
 * hold it: a word the corpus never uses, or no words at all (the engine finds
 * nothing then either).
 */
export function rareWordsQuery(segments: readonly QuoteSegment[], stats: WordStats): string | undefined {
  const words = [...new Set(segments.flatMap((s) => s.tokens.map((t) => t.norm)))];
  if (words.length === 0 || segments.some((s) => s.tokens.length === 0)) return undefined;
  if (words.some((w) => !stats.occurrences.has(w))) return undefined;
  const rare = words
    .filter(isLexeme)
    .sort((a, b) => stats.occurrences.get(a)! - stats.occurrences.get(b)!)
    .slice(0, RARE_WORDS);
  return rare.length > 0 ? allOfQuery(rare) : undefined;
}

/** A LIKE pattern matching the words in a row in `articles.norm` (`%`, `_` and `\\` in words escaped). */
export function runPattern(words: readonly string[]): string {
  return `% ${words.map((w) => sqlSafe(w).replace(/[\\%_]/g, (c) => `\\${c}`)).join(' ')} %`;
}

/** The SQL of a page of candidates for many queries; texts are sent only for articles the store lacks, once each. */
const CANDIDATES_SQL = `
  WITH q AS (SELECT * FROM json_to_recordset($1::json) AS q(i int, tsq text, runs text[], after_path text, after_pos int)),
  c AS (
    SELECT q.i, a.aid, a.file_path, a.file_pos
    FROM q CROSS JOIN LATERAL (
      SELECT a.aid, a.file_path, a.file_pos FROM articles a
      WHERE (a.tsv @@ q.tsq::tsquery OR a.tsv IS NULL)
        AND NOT EXISTS (SELECT 1 FROM unnest(q.runs) AS run WHERE a.norm NOT LIKE run)
        AND (q.after_path IS NULL OR (a.file_path, a.file_pos) > (q.after_path COLLATE "C", q.after_pos))
      ORDER BY a.file_path, a.file_pos
      LIMIT $2) a)
  ${FETCH_CANDIDATES('$3')}`;

interface PageRequest {
  i: number;
  tsq: string;
  /** LIKE patterns, one per segment: each segment's words must stand in a row in the article. */
  runs: string[];
  after_path: string | null;
  after_pos: number | null;
}

/** One page of candidates per request (one statement): the articles in corpus order, and whether more may follow. */
async function readPages(pool: PgPool, cache: ArticleCache, requests: readonly PageRequest[]): Promise<Map<number, { articles: LoadedArticle[]; more: boolean }>> {
  const rows = await pool.query<CandidateRow & { i: number }>(CANDIDATES_SQL, [JSON.stringify(requests), PAGE_ARTICLES + 1, cache.heldAids()]);
  const loaded = await resolveCandidates(pool, cache, rows);
  const out = new Map<number, { articles: LoadedArticle[]; more: boolean }>();
  for (const r of requests) out.set(r.i, { articles: [], more: false });
  for (const r of rows) out.get(r.i)!.articles.push(loaded.get(Number(r.aid))!);
  for (const page of out.values()) {
    page.articles.sort((a, b) => (a.filePath !== b.filePath ? (a.filePath < b.filePath ? -1 : 1) : a.filePos - b.filePos));
    if (page.articles.length > PAGE_ARTICLES) {
      page.articles.length = PAGE_ARTICLES;
      page.more = true;
    }
  }
  return out;
}

/**
 * For each query, an index over the articles that hold its passages (the
 * engine's answer on it equals the whole corpus's), or undefined when no
 * article can hold it.
 */
export async function verbatimIndexes(pool: PgPool, cache: ArticleCache, stats: WordStats, queries: readonly VerbatimQuery[]): Promise<Array<CorpusIndex | undefined>> {
  const out: Array<CorpusIndex | undefined> = queries.map(() => undefined);
  const requests: PageRequest[] = [];
  queries.forEach((q, i) => {
    const tsq = rareWordsQuery(q.segments, stats);
    if (tsq) requests.push({ i, tsq, runs: q.segments.map((s) => runPattern(s.tokens.map((t) => t.norm))), after_path: null, after_pos: null });
  });
  if (requests.length === 0) return out;
  const first = await readPages(pool, cache, requests);
  for (const req of requests) {
    const page = first.get(req.i)!;
    if (page.articles.length === 0) continue;
    out[req.i] = page.more ? await pagedIndex(pool, cache, req, queries[req.i], page) : candidateIndex(cache, page.articles);
  }
  return out;
}

/**
 * A query whose candidates fill pages: pages are read in corpus order until
 * the engine has found `limit` passages in them; the index holds only the
 * articles with passages, so it stops at the same passage as the whole corpus.
 */
async function pagedIndex(pool: PgPool, cache: ArticleCache, req: PageRequest, query: VerbatimQuery, firstPage: { articles: LoadedArticle[]; more: boolean }): Promise<CorpusIndex> {
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
    page = (await readPages(pool, cache, [{ ...req, after_path: last.filePath, after_pos: last.filePos }])).get(req.i)!;
    if (page.articles.length === 0) break;
  }
  return candidateIndex(cache, kept);
}
