/**
 * A {@link CorpusStore} on PostgreSQL: the corpus lives in a database (see
 * `schema.ts`, filled by `ingest.ts`), shared by every writer, and a draft's
 * look-ups are a few statements per kind, each answering the whole batch.
 *
 * The principle: SQL finds candidates, the engine decides. Each look-up's
 * statement returns the rows that may hold its answer (articles holding a
 * quotation's rarest words, people near a name, dates under an event key);
 * the engine's own code then answers on them (passage search, speakers,
 * citations on a small in-memory index of the candidate articles; the person
 * look-up on a small people table). So verdicts equal the in-memory index's
 * wherever the candidates are complete; where they rest on corpus-wide
 * statistics (the closest passage's votes, the fuzzy name search's ranking),
 * the candidate indexes are given the corpus's (`withCorpusWords` in
 * `candidateArticles.ts`, `nameSearchStats.ts`); the contract test holds the
 * answers equal.
 *
 * Statements are parameterised only: draft text reaches SQL as bound values.
 * The pool's sessions carry a `statement_timeout`.
 */
import {
  type AlignedSource,
  type AlignmentQuery,
  segmentTokens,
  tokenize,
  type Citation,
  type CitationRef,
  type CorpusStats,
  type CorpusStore,
  type DateContextQuery,
  type DatedMention,
  type PeopleQueryOptions,
  type PersonMatch,
  type PostHolders,
  type PostQuery,
  type PostQueryOptions,
  type QuotationHits,
  type QuotationQuery,
  type QuoteSegment,
  type SearchHit,
  type SearchOptions,
  type SourcePosition,
} from '../../engine/api';
import { ArticleCache, candidateIndex, FETCH_CANDIDATES, resolveCandidates, withCorpusWords, type CandidateRow } from './candidateArticles';
import { closestIndexes } from './closestLookup';
import { findAlignedSentences } from './alignedSentences';
import { findDatesByEvent } from './eventDates';
import { PeopleAnswers, type PeopleSource } from './peopleAnswers';
import { PostHolderAnswers } from './postHolders';
import type { NameSearchStats } from './nameSearchStats';
import { readNameWords, type NearNameWords } from './nameWords';
import type { PgPool } from './pool';
import { schemaVersion, SCHEMA_VERSION } from './schema';
import { anyOfQuery, isLexeme, sqlSafe } from './sqlText';
import { storedSource, type StoredSource } from './storedSource';
import { verbatimIndexes } from './verbatimLookup';
import { readWordStats } from './wordStats';

/** Passages the in-memory index collects: for a quotation, for a date's context, for a phrase. */
const QUOTE_PASSAGES = 25;
const CONTEXT_PASSAGES = 10;
/** Articles a search ranks in SQL before the engine ranks their sentences. */
const SEARCH_ARTICLES = 200;

/** Options of {@link PgCorpusStore.open}. */
export interface PgCorpusStoreOptions {
  /** Articles kept in memory between look-ups (default 4,000). */
  cacheArticles?: number;
}

/** The corpus store on PostgreSQL. Open with {@link PgCorpusStore.open}. */
export class PgCorpusStore implements CorpusStore {
  private currentStats: CorpusStats;
  private version: number;
  /** Title answers remembered by corpus version. */
  private readonly postHolderAnswers = new PostHolderAnswers();
  /** Person look-ups remembered by corpus version (see `peopleAnswers.ts`). */
  private readonly peopleAnswers = new PeopleAnswers();
  /** What the fuzzy name search's scores read of the whole corpus (see `nameSearchStats.ts`). */
  private nameStats: NameSearchStats;
  private readonly cache: ArticleCache;
  /** The corpus's name words (near spellings of names): a trie, or the server's table past `NAME_WORDS_HELD_MAX`; read on first use for this corpus version. */
  private nameWords?: Promise<NearNameWords>;

  private constructor(
    private readonly pool: PgPool,
    read: { stats: CorpusStats; version: number; names: NameSearchStats },
    options: PgCorpusStoreOptions,
  ) {
    this.currentStats = read.stats;
    this.version = read.version;
    this.nameStats = read.names;
    this.cache = new ArticleCache(options.cacheArticles);
  }

  /**
   * Opens the store on a database ingested with `ingest`; fails with a
   * message saying what to do when the schema is missing or newer.
   */
  static async open(pool: PgPool, options: PgCorpusStoreOptions = {}): Promise<PgCorpusStore> {
    const v = await schemaVersion(pool);
    if (v === 0) throw new Error('the database has no factcheck corpus: run `factcheck ingest --db URL PATH…` first');
    if (v < SCHEMA_VERSION) throw new Error(`the database has factcheck schema version ${v}; this factcheck reads version ${SCHEMA_VERSION}: run \`factcheck db init --db URL\` to migrate it`);
    if (v > SCHEMA_VERSION) throw new Error(`the database has factcheck schema version ${v}; this factcheck reads version ${SCHEMA_VERSION}: upgrade factcheck`);
    return new PgCorpusStore(pool, await readStats(pool), options);
  }

  get stats(): CorpusStats {
    return this.currentStats;
  }

  /** The corpus version the statistics were read at (ingestion bumps it): caches of answers key on it. */
  get corpusVersion(): number {
    return this.version;
  }

  /** Reads the statistics and version again (after an ingestion); true when the corpus changed. */
  async refresh(): Promise<boolean> {
    // The version alone first: the statistics are sums over every article (a scan of a million rows).
    const [row] = await this.pool.query<{ v: string }>('SELECT corpus_version AS v FROM factcheck_corpus');
    if (Number(row?.v) === this.version) return false;
    const { stats, version, names } = await readStats(this.pool);
    const changed = version !== this.version;
    this.currentStats = stats;
    this.version = version;
    this.nameStats = names;
    if (changed) this.nameWords = undefined;
    return changed;
  }

  async findQuotations(queries: readonly QuotationQuery[]): Promise<QuotationHits[]> {
    if (queries.length === 0) return [];
    const stats = await readWordStats(this.pool, queries.flatMap((q) => q.segments.flatMap((s) => s.tokens.map((t) => t.norm))));
    const exactIndexes = await verbatimIndexes(
      this.pool,
      this.cache,
      stats,
      queries.map((q) => ({ segments: q.segments, limit: QUOTE_PASSAGES })),
      this.currentStats.articles,
    );
    const out: QuotationHits[] = [];
    const needClosest: number[] = [];
    for (let i = 0; i < queries.length; i++) {
      const index = exactIndexes[i];
      const hits = index ? (await index.findQuotations([{ segments: queries[i].segments, closest: false }]))[0] : { exact: [] };
      out.push(hits);
      if (hits.exact.length === 0 && queries[i].closest) needClosest.push(i);
    }
    if (needClosest.length > 0) {
      const closest = await closestIndexes(this.pool, this.cache, stats, needClosest.map((i) => segmentTokens(queries[i].segments)));
      for (let k = 0; k < needClosest.length; k++) {
        const index = closest[k];
        if (index) out[needClosest[k]] = (await withCorpusWords(this.cache, index, stats, () => index.findQuotations([queries[needClosest[k]]])))[0];
      }
    }
    return out;
  }

  async hasPhrases(phrases: readonly string[]): Promise<boolean[]> {
    if (phrases.length === 0) return [];
    const segments = phrases.map((p): QuoteSegment[] => [{ tokens: tokenize(p) }]);
    const stats = await readWordStats(this.pool, segments.flatMap((s) => s[0].tokens.map((t) => t.norm)));
    const indexes = await verbatimIndexes(this.pool, this.cache, stats, segments.map((s) => ({ segments: s, limit: 1 })), this.currentStats.articles);
    return Promise.all(phrases.map(async (p, i) => (indexes[i] ? (await indexes[i]!.hasPhrases([p]))[0] : false)));
  }

  async findDatesInContext(queries: readonly DateContextQuery[]): Promise<DatedMention[][]> {
    if (queries.length === 0) return [];
    // The segments the in-memory index looks up (`datesInContext`).
    const segments = queries.map(({ before, after }): QuoteSegment[] => {
      const s: QuoteSegment[] = before.length > 0 ? [{ tokens: [...before] }] : [];
      if (after.length > 0) s.push(s.length > 0 ? { tokens: [...after], gapBefore: 'insertion' } : { tokens: [...after] });
      return s;
    });
    const stats = await readWordStats(this.pool, segments.flatMap((s) => s.flatMap((seg) => seg.tokens.map((t) => t.norm))));
    const indexes = await verbatimIndexes(this.pool, this.cache, stats, segments.map((s) => ({ segments: s, limit: CONTEXT_PASSAGES })), this.currentStats.articles);
    return Promise.all(queries.map(async (q, i) => (indexes[i] ? (await indexes[i]!.findDatesInContext([q]))[0] : [])));
  }

  async findPeople(fullNames: readonly string[], options: PeopleQueryOptions): Promise<Array<PersonMatch | undefined>> {
    if (fullNames.length === 0) return [];
    return this.peopleAnswers.findPeople(this.peopleSource(), this.version, fullNames, options);
  }

  async knowsPeople(candidates: readonly string[]): Promise<boolean[]> {
    if (candidates.length === 0) return [];
    return this.peopleAnswers.knowsPeople(this.peopleSource(), this.version, candidates);
  }

  /** What the person look-ups read of the store now. */
  private peopleSource(): PeopleSource {
    return { pool: this.pool, nameWords: () => this.nearNameWords(), nameStats: this.nameStats };
  }

  async findDatesByEvent(eventKeys: ReadonlyArray<readonly string[]>): Promise<DatedMention[][]> {
    return findDatesByEvent(this.pool, eventKeys);
  }

  async findAlignedSentences(queries: readonly AlignmentQuery[]): Promise<AlignedSource[][]> {
    return findAlignedSentences(this.pool, this.cache, queries);
  }

  async cite(refs: readonly CitationRef[]): Promise<Citation[]> {
    if (refs.length === 0) return [];
    const ids = [...new Set(refs.map((r) => r.articleId))];
    const rows = await this.pool.query<CandidateRow>(
      `WITH c AS (SELECT 0 AS i, a.aid, a.file_path, a.file_pos, a.tid FROM articles a WHERE a.id = ANY($1))
       ${FETCH_CANDIDATES('$2', '$3')}`,
      [ids.map(sqlSafe), this.cache.heldAids(), this.cache.heldTids()],
    );
    const loaded = await resolveCandidates(this.pool, this.cache, rows);
    // Every article with a cited id, in corpus order: the last of one id is cited, as in memory.
    return candidateIndex(this.cache, loaded.values()).cite(refs);
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const q = query.trim().slice(0, 500);
    const words = [...new Set(tokenize(q).map((t) => t.norm))].filter(isLexeme);
    if (words.length === 0) return [];
    // Prefix lexemes, all words first, then any: the in-memory search's AND-then-OR, on whole articles.
    const prefixed = words.map((w) => `${anyOfQuery([w])}:*`);
    // Ranked per text (schema v9: a text's copies share its vector, hence its rank), then its copies by aid.
    const rows = await this.pool.query<CandidateRow>(
      `WITH qs AS (SELECT $1::tsquery AS q_and, $2::tsquery AS q_or),
       hits AS (
         SELECT t.tid, ts_rank(t.tsv, qs.q_and) AS rank, 0 AS pass FROM texts t, qs WHERE t.tsv @@ qs.q_and
         UNION ALL
         SELECT t.tid, ts_rank(t.tsv, qs.q_or), 1 FROM texts t, qs WHERE t.tsv @@ qs.q_or AND NOT EXISTS (SELECT 1 FROM texts b, qs WHERE b.tsv @@ qs.q_and)),
       c AS (
         SELECT 0 AS i, a.aid, a.file_path, a.file_pos, a.tid
         FROM hits CROSS JOIN LATERAL (SELECT a.aid, a.file_path, a.file_pos, a.tid FROM articles a WHERE a.tid = hits.tid ORDER BY a.aid LIMIT $3) a
         ORDER BY hits.pass, hits.rank DESC, a.aid LIMIT $3)
       ${FETCH_CANDIDATES('$4', '$5')}`,
      [prefixed.join(' & '), prefixed.join(' | '), SEARCH_ARTICLES, this.cache.heldAids(), this.cache.heldTids()],
    );
    if (rows.length === 0) return [];
    const loaded = await resolveCandidates(this.pool, this.cache, rows);
    return candidateIndex(this.cache, loaded.values()).search(query, options);
  }

  async findPostHolders(queries: readonly PostQuery[], options: PostQueryOptions): Promise<PostHolders[]> {
    return this.postHolderAnswers.find(this.pool, this.version, queries, options);
  }

  /** The stored text of the article of corpus file `path` at `range` (file coordinates): "open source" without the file. */
  async storedSource(path: string, range: { start: SourcePosition; end: SourcePosition }): Promise<StoredSource | undefined> {
    return storedSource(this.pool, path, range);
  }

  /** The name words' trie, read once per corpus version (a failed read is tried again by the next look-up). */
  private nearNameWords(): Promise<NearNameWords> {
    const pending = (this.nameWords ??= readNameWords(this.pool));
    pending.catch(() => {
      if (this.nameWords === pending) this.nameWords = undefined;
    });
    return pending;
  }
}

/** Statement timeout of reading the statistics (a constant, never input). */
const STATS_TIMEOUT = '5min';

/** The corpus statistics and version (sums of per-article counts, not counts of rows: fast at a million articles). */
async function readStats(pool: PgPool): Promise<{ stats: CorpusStats; version: number; names: NameSearchStats }> {
  // Once per corpus version, and a scan of every article: not under the typing path's statement timeout
  // (at a million articles it took longer than the language server's 3 s, and the corpus never opened).
  const r = await pool.transaction(async (client) => {
    await client.query(`SET LOCAL statement_timeout = '${STATS_TIMEOUT}'`);
    return (await client.query<{ files: string; articles: string; sentences: string | null; quotes: string | null; dates: string | null; people: string; version: string; first_date: string | null; last_date: string | null; name_field_length: string | null }>(
    // Totals kept by ingestion (schema v5), the date range from its index: summing a million articles took 6.5 s.
    `SELECT (SELECT count(*) FROM files WHERE indexed) AS files,
            c.article_count AS articles, c.sentence_count AS sentences, c.quote_count AS quotes, c.event_date_count AS dates,
            (SELECT min(date COLLATE "C") FROM articles) AS first_date, (SELECT max(date COLLATE "C") FROM articles) AS last_date,
            (SELECT count(*) FROM people) AS people, (SELECT sum(field_length) FROM people) AS name_field_length,
            c.corpus_version AS version
     FROM factcheck_corpus c`,
    )).rows[0];
  });
  return {
    stats: {
      files: Number(r.files),
      articles: Number(r.articles),
      sentences: Number(r.sentences ?? 0),
      quotes: Number(r.quotes ?? 0),
      people: Number(r.people),
      dates: Number(r.dates ?? 0),
      // The memo's corpus date range (as the in-memory index gives it: ISO dates compare as text).
      ...(r.first_date !== null && r.last_date !== null ? { firstDate: r.first_date, lastDate: r.last_date } : {}),
    },
    version: Number(r.version),
    names: { people: Number(r.people), fieldLengthSum: Number(r.name_field_length ?? 0) },
  };
}
