/**
 * Candidate articles: what SQL finds, and what the engine then decides on.
 * A lookup's SQL returns the articles that may hold the answer; their stored
 * `ArticleRecord`s are put in corpus order into a small in-memory
 * `CorpusIndex`, and the engine's own code (passage search, speakers,
 * dates in context, citations) answers on it. So the database store gives the
 * in-memory store's answers whenever the candidates hold every article that
 * can contribute.
 *
 * Records are kept in a bounded cache by `aid`: an article's `aid` changes
 * whenever its file is re-ingested (delete + insert), so a cached record is
 * never stale, and statements send the record of articles the store lacks
 * only. Texts are stored once per distinct text (schema v9, `texts.tid`) and
 * sent once per statement, only when the store holds no article of that text:
 * the copies of a text (wire stories; ~50 of each at the bench's 1M) share one
 * string, hence one tokenisation.
 */
import { CorpusIndex, tokenize, withPostings, type ArticleRecord, type TokenIndex } from '../../engine/api';
import type { WordStats } from './wordStats';
import { recordFromRow, type StoredRecord } from './articleRows';
import type { PgPool } from './pool';

/** An article loaded from the database: its row id, corpus place and record. */
export interface LoadedArticle {
  aid: number;
  /** The article's text row (`texts.tid`): copies of a text share it. */
  tid: number;
  filePath: string;
  filePos: number;
  record: ArticleRecord;
  /** The article's words (the engine's tokens), made once when first needed: most of building a candidate index is tokenising. */
  tokens?: ArticleTokens;
}

/** One article's tokens: normalised words and offsets. */
interface ArticleTokens {
  norms: string[];
  starts: Uint32Array;
  ends: Uint32Array;
}

/** A candidate row as statements return it: the record only when the store did not hold it, the text once per text and statement. */
export interface CandidateRow {
  aid: string | number;
  tid: string | number;
  file_path: string;
  file_pos: number;
  text: string | null;
  record: StoredRecord | null;
}

/**
 * The end of a candidates statement: from the CTE `c(i, aid, file_path, file_pos, tid)`,
 * each row with the article's record when the store lacks it (`held`: the
 * parameter holding the cache's `aid`s), once per article, and the text once
 * per text among those, when the store holds none of its copies
 * (`heldTexts`: the parameter holding its `tid`s). One index probe per
 * candidate (LATERAL, OFFSET 0): a join planned on json_to_recordset's
 * estimate of 100 rows per query read every article (a merge join over the
 * primary key, 250–290 ms at 20k articles).
 */
export const FETCH_CANDIDATES = (held: string, heldTexts: string): string => `
  , f0 AS (SELECT c.*, (c.aid = ANY(${held}::bigint[]) OR row_number() OVER (PARTITION BY c.aid ORDER BY c.i) > 1) AS skip FROM c),
  f AS (SELECT f0.*, (f0.skip OR f0.tid = ANY(${heldTexts}::bigint[]) OR row_number() OVER (PARTITION BY f0.tid ORDER BY f0.skip, f0.i, f0.aid) > 1) AS skip_text FROM f0)
  SELECT f.i, f.aid, f.tid, f.file_path, f.file_pos, x.record, y.text
  FROM f LEFT JOIN LATERAL (SELECT a.record FROM articles a WHERE a.aid = f.aid AND NOT f.skip OFFSET 0) x ON true
  LEFT JOIN LATERAL (SELECT t.text FROM texts t WHERE t.tid = f.tid AND NOT f.skip_text OFFSET 0) y ON true`;

/** Most articles kept in memory (a draft's candidates and citations, re-used while the writer types). */
const DEFAULT_CACHE_ARTICLES = 4_000;
/** Most texts kept in memory (by `tid`; a text outlives its articles in the cache, its copies come back in other look-ups). */
const DEFAULT_CACHE_TEXTS = 2_000;

/** The articles a store holds in memory, least recently used dropped first. */
export class ArticleCache {
  private readonly byAid = new Map<number, LoadedArticle>();
  /** Candidate indexes by their articles' `aid`s (see {@link candidateIndex}). */
  readonly indexes = new Map<string, CorpusIndex>();
  /** The token index of each candidate index (to lend it the corpus's word statistics: {@link withCorpusWords}). */
  readonly tokenIndexes = new WeakMap<CorpusIndex, TokenIndex>();

  /** Texts by `tid`, least recently used first. */
  private readonly textByTid = new Map<number, string>();

  constructor(
    private readonly capacity = DEFAULT_CACHE_ARTICLES,
    private readonly textCapacity = DEFAULT_CACHE_TEXTS,
  ) {}

  /** {@link heldAids}' answer, kept until an article comes or goes. */
  private heldLiteral: string | undefined;
  /** {@link heldTids}' answer, kept until a text comes or goes. */
  private heldTextsLiteral: string | undefined;

  /** The `tid`s of the texts held, as {@link heldAids} (a statement sends no text the store holds). */
  heldTids(): string {
    return (this.heldTextsLiteral ??= `{${[...this.textByTid.keys()].join(',')}}`);
  }

  /** A held text, by its `tid`. */
  text(tid: number): string | undefined {
    const t = this.textByTid.get(tid);
    if (t !== undefined) {
      this.textByTid.delete(tid);
      this.textByTid.set(tid, t);
    }
    return t;
  }

  /** Holds a text (one string for every copy: their tokens are made once, `sharedTokens`). */
  putText(tid: number, text: string): void {
    if (!this.textByTid.delete(tid)) this.heldTextsLiteral = undefined;
    this.textByTid.set(tid, text);
    while (this.textByTid.size > this.textCapacity) this.textByTid.delete(this.textByTid.keys().next().value as number);
  }

  /**
   * The `aid`s held, to tell a statement which texts not to send: a PostgreSQL
   * array literal (`{1,2,…}`, cast to `bigint[]` by the statement), made once
   * while the held set stays the same. Every look-up statement sends it, and
   * the driver's own serialisation of a 4,000-number array cost ~0.9 ms of
   * client CPU per statement, about a quarter of an exact quotation's at 1M.
   */
  heldAids(): string {
    return (this.heldLiteral ??= `{${[...this.byAid.keys()].join(',')}}`);
  }

  get(aid: number): LoadedArticle | undefined {
    const a = this.byAid.get(aid);
    if (a) {
      // Re-insert: Map order is the recency order.
      this.byAid.delete(aid);
      this.byAid.set(aid, a);
    }
    return a;
  }

  put(article: LoadedArticle): void {
    this.putText(article.tid, article.record.text);
    if (!this.byAid.delete(article.aid)) this.heldLiteral = undefined;
    this.byAid.set(article.aid, article);
    while (this.byAid.size > this.capacity) this.byAid.delete(this.byAid.keys().next().value as number);
  }

  clear(): void {
    this.heldLiteral = undefined;
    this.heldTextsLiteral = undefined;
    this.byAid.clear();
    this.textByTid.clear();
    this.indexes.clear();
  }
}

/**
 * Resolves candidate rows to loaded articles: from the row when it carries
 * the record (its text from the row, another row of the same text, or the
 * cache), else from the cache, else (evicted meanwhile by a concurrent
 * lookup) read again in one statement.
 */
export async function resolveCandidates(pool: PgPool, cache: ArticleCache, rows: readonly CandidateRow[]): Promise<Map<number, LoadedArticle>> {
  const out = new Map<number, LoadedArticle>();
  // A statement sends each text once: on one of its rows, not necessarily the first.
  const sentTexts = new Map<number, string>();
  for (const r of rows) if (r.text !== null) sentTexts.set(Number(r.tid), r.text);
  const missing: number[] = [];
  for (const r of rows) {
    const aid = Number(r.aid);
    if (out.has(aid)) continue;
    const tid = Number(r.tid);
    const text = r.record ? (sentTexts.get(tid) ?? cache.text(tid)) : undefined;
    if (r.record && text !== undefined) {
      const a: LoadedArticle = { aid, tid, filePath: r.file_path, filePos: r.file_pos, record: recordFromRow(text, r.record) };
      cache.put(a);
      out.set(aid, a);
      continue;
    }
    const held = cache.get(aid);
    if (held) out.set(aid, held);
    else missing.push(aid);
  }
  // A second pass: a row without a record may come before the row that carries it.
  const stillMissing = missing.filter((aid) => !out.has(aid));
  if (stillMissing.length > 0) {
    const again = await pool.query<CandidateRow>(
      'SELECT a.aid, a.tid, a.file_path, a.file_pos, t.text, a.record FROM articles a JOIN texts t ON t.tid = a.tid WHERE a.aid = ANY($1)',
      [stillMissing],
    );
    for (const r of again) {
      const tid = Number(r.tid);
      const a: LoadedArticle = { aid: Number(r.aid), tid, filePath: r.file_path, filePos: r.file_pos, record: recordFromRow(cache.text(tid) ?? r.text!, r.record!) };
      cache.put(a);
      out.set(a.aid, a);
    }
  }
  return out;
}

/** Corpus order: files by path (as JavaScript sorts strings, like the in-memory builder), then position in the file. */
export function compareCorpusOrder(a: LoadedArticle, b: LoadedArticle): number {
  if (a.filePath !== b.filePath) return a.filePath < b.filePath ? -1 : 1;
  return a.filePos - b.filePos;
}

/** Most candidate indexes remembered (a quotation's candidates are often one article, asked again on every check). */
const MAX_REMEMBERED_INDEXES = 512;

/**
 * A small in-memory index over some articles, in corpus order, for the engine
 * to decide on. Remembered by the set of articles: an `aid` names one version
 * of an article, so a remembered index never goes stale, and tokenising the
 * same candidates again for every quotation of a draft was most of a check's time.
 */
export function candidateIndex(cache: ArticleCache, articles: Iterable<LoadedArticle>): CorpusIndex {
  const remembered = cache.indexes;
  const sorted = [...new Map([...articles].map((a) => [a.aid, a])).values()].sort(compareCorpusOrder);
  const key = sorted.map((a) => a.aid).join(',');
  let index = remembered.get(key);
  if (index) {
    remembered.delete(key);
  } else {
    const tokens = tokenIndexOf(sorted);
    index = new CorpusIndex(
      sorted.map((a) => a.record),
      0,
      tokens,
    );
    cache.tokenIndexes.set(index, tokens);
    if (remembered.size >= MAX_REMEMBERED_INDEXES) remembered.delete(remembered.keys().next().value as string);
  }
  remembered.set(key, index);
  return index;
}

/** The engine's token index over these articles (in this order), from each article's tokens made once: equal to `buildTokenIndex` of their texts. */
export function tokenIndexOf(articles: readonly LoadedArticle[]): TokenIndex {
  const vocabulary = new Map<string, number>();
  const words: string[] = [];
  let total = 0;
  for (const a of articles) total += (a.tokens ??= sharedTokens(a.record.text)).norms.length;
  const tokenWord = new Uint32Array(total);
  const tokenStart = new Uint32Array(total);
  const tokenEnd = new Uint32Array(total);
  const articleFirstToken = new Uint32Array(articles.length + 1);
  // Where each distinct token list was first laid down. Copies of one text share their list (sharedTokens), and
  // the first copy gave every word of it an id, so a later copy's ids are the first's: copied, not looked up
  // again (a quotation's candidates at 1M are ~25 copies of one text: 0.37 → 0.27 ms a cold quotation).
  const firstAt = new Map<ArticleTokens, number>();
  let p = 0;
  articles.forEach((a, i) => {
    articleFirstToken[i] = p;
    const list = a.tokens!;
    const { norms, starts, ends } = list;
    tokenStart.set(starts, p);
    tokenEnd.set(ends, p);
    const first = firstAt.get(list);
    if (first !== undefined) {
      tokenWord.copyWithin(p, first, first + norms.length);
      p += norms.length;
      return;
    }
    firstAt.set(list, p);
    for (const norm of norms) {
      // Ids in first-seen order, as `buildTokenIndex` numbers them.
      let id = vocabulary.get(norm);
      if (id === undefined) {
        id = words.length;
        vocabulary.set(norm, id);
        words.push(norm);
      }
      tokenWord[p++] = id;
    }
  });
  articleFirstToken[articles.length] = p;
  return withPostings({ words, tokenWord, tokenStart, tokenEnd, articleFirstToken }, vocabulary);
}

/** Tokens by text, most recent last: copies of one text (wire copy; the bench's ×50 corpus) are tokenised once. */
const tokensByText = new Map<string, ArticleTokens>();
/** Texts whose tokens are kept (about a draft's candidates). */
const MAX_SHARED_TOKENS = 2_000;

/** An article text's tokens, shared by every article with that text (they are read, never changed). */
function sharedTokens(text: string): ArticleTokens {
  let tokens = tokensByText.get(text);
  if (tokens) tokensByText.delete(text);
  else {
    tokens = tokensOf(text);
    if (tokensByText.size >= MAX_SHARED_TOKENS) tokensByText.delete(tokensByText.keys().next().value as string);
  }
  tokensByText.set(text, tokens);
  return tokens;
}

function tokensOf(text: string): ArticleTokens {
  const toks = tokenize(text);
  const starts = new Uint32Array(toks.length);
  const ends = new Uint32Array(toks.length);
  toks.forEach((t, i) => {
    starts[i] = t.start;
    ends[i] = t.end;
  });
  return { norms: toks.map((t) => t.norm), starts, ends };
}

/**
 * Runs a look-up on a candidate index that weighs words by the whole
 * corpus's counts (`stats`, read for the look-up's words) instead of the
 * candidates' own. Candidate indexes are shared between look-ups, so the
 * statistics are lent for the call only: `CorpusIndex` answers synchronously
 * (its promise is settled when the call returns), and the contract test fails
 * should that ever change.
 */
export async function withCorpusWords<T>(cache: ArticleCache, index: CorpusIndex, stats: WordStats, lookUp: () => Promise<T>): Promise<T> {
  const tokens = cache.tokenIndexes.get(index);
  if (!tokens) return lookUp();
  tokens.corpusWords = { occurrences: (w) => stats.occurrences.get(w) ?? 0, totalWords: stats.totalWords };
  let answer: Promise<T>;
  try {
    answer = lookUp();
  } finally {
    tokens.corpusWords = undefined;
  }
  return answer;
}
