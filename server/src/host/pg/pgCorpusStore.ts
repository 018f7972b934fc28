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
  MAX_ROLES_LISTED,
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
  type PersonRecord,
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
import { ArticleCache, candidateIndex, resolveCandidates, withCorpusWords, type CandidateRow } from './candidateArticles';
import { closestIndexes } from './closestLookup';
import { findAlignedSentences } from './alignedSentences';
import { findDatesByEvent } from './eventDates';
import { candidatePeopleTables, knowsCandidate, lookUpCandidate } from './peopleLookup';
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
    const tables = await candidatePeopleTables(this.pool, fullNames, await this.nearNameWords(), this.nameStats);
    const matches = fullNames.map((name, i) => lookUpCandidate(tables[i], name));
    const keys = [...new Set(matches.flatMap((m) => (m ? [m.entry.key] : [])))];
    const records = await this.personRecords(keys, options.maxCitations);
    return matches.map((m) => {
      if (!m) return undefined;
      const r = records.get(m.entry.key) ?? { mentions: [], roles: [] };
      const person: PersonRecord = { name: m.entry.name, spellings: m.entry.spellings, mentions: r.mentions, roles: r.roles };
      return { kind: m.kind, ...(m.wide ? { wide: true } : {}), ...(m.others ? { others: m.others } : {}), person };
    });
  }

  async knowsPeople(candidates: readonly string[]): Promise<boolean[]> {
    if (candidates.length === 0) return [];
    const tables = await candidatePeopleTables(this.pool, candidates, await this.nearNameWords(), this.nameStats);
    return candidates.map((c, i) => knowsCandidate(tables[i], c));
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
      `SELECT aid, file_path, file_pos,
              CASE WHEN aid = ANY($2::bigint[]) THEN NULL ELSE text END AS text,
              CASE WHEN aid = ANY($2::bigint[]) THEN NULL ELSE record END AS record
       FROM articles WHERE id = ANY($1)`,
      [ids.map(sqlSafe), this.cache.heldAids()],
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
    const rows = await this.pool.query<CandidateRow>(
      `WITH qs AS (SELECT $1::tsquery AS q_and, $2::tsquery AS q_or),
       hits AS (
         SELECT a.aid, ts_rank(a.tsv, qs.q_and) AS rank, 0 AS pass FROM articles a, qs WHERE a.tsv @@ qs.q_and
         UNION ALL
         SELECT a.aid, ts_rank(a.tsv, qs.q_or), 1 FROM articles a, qs WHERE a.tsv @@ qs.q_or AND NOT EXISTS (SELECT 1 FROM articles b, qs WHERE b.tsv @@ qs.q_and)),
       top AS (SELECT aid FROM hits ORDER BY pass, rank DESC, aid LIMIT $3)
       SELECT a.aid, a.file_path, a.file_pos,
              CASE WHEN a.aid = ANY($4::bigint[]) THEN NULL ELSE a.text END AS text,
              CASE WHEN a.aid = ANY($4::bigint[]) THEN NULL ELSE a.record END AS record
       FROM top JOIN articles a ON a.aid = top.aid`,
      [prefixed.join(' & '), prefixed.join(' | '), SEARCH_ARTICLES, this.cache.heldAids()],
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

  /** Mentions to cite and distinct roles of some people (one statement), as `CorpusIndex.personRecord` picks them. */
  private async personRecords(keys: readonly string[], maxCitations: number): Promise<Map<string, Pick<PersonRecord, 'mentions' | 'roles'>>> {
    const out = new Map<string, Pick<PersonRecord, 'mentions' | 'roles'>>();
    if (keys.length === 0) return out;
    const max = Math.max(0, Math.floor(maxCitations));
    const rows = await this.pool.query<{ key: string; kind: 'role' | 'plain' | 'distinct'; aid: string; id: string; s: number; e: number; role: string | null; file_path: string; file_pos: number; idx: number }>(
      `WITH q AS (SELECT DISTINCT unnest($1::text[]) AS key)
       SELECT q.key, m.kind, m.aid, coalesce(m.id, a.id) AS id, m.s, m.e, m.role, m.file_path, m.file_pos, m.idx
       FROM q CROSS JOIN LATERAL (
         -- First mention with a role in each article, articles in corpus order.
         (SELECT 'role' AS kind, x.aid, x.start_offset AS s, x.end_offset AS e, x.role, x.file_path, x.file_pos, x.idx, NULL::text AS id FROM (
            SELECT DISTINCT ON (pm.file_path, pm.file_pos) pm.* FROM person_mentions pm
            WHERE pm.key = q.key AND pm.role IS NOT NULL ORDER BY pm.file_path, pm.file_pos, pm.idx) x
          ORDER BY x.file_path, x.file_pos LIMIT $2)
         UNION ALL
         -- First mention without one in each article: twice as many, as articles with a role mention are skipped.
         (SELECT 'plain', x.aid, x.start_offset, x.end_offset, x.role, x.file_path, x.file_pos, x.idx, NULL::text FROM (
            SELECT DISTINCT ON (pm.file_path, pm.file_pos) pm.* FROM person_mentions pm
            WHERE pm.key = q.key AND pm.role IS NULL ORDER BY pm.file_path, pm.file_pos, pm.idx) x
          ORDER BY x.file_path, x.file_pos LIMIT 2 * $2)
         UNION ALL
         -- Each distinct role where it first stands, in corpus order: the people summary holds it (reading
         -- every role mention of a person named 42,450 times at 1M took seconds).
         (SELECT 'distinct', NULL::bigint, r.role_start, r.role_end, r.role, r.first_path, r.first_pos, r.first_idx, r.article_id
          FROM person_roles r WHERE r.key = q.key ORDER BY r.first_path, r.first_pos, r.first_idx LIMIT $3)
       ) m LEFT JOIN articles a ON a.aid = m.aid`,
      [keys.map(sqlSafe), max, MAX_ROLES_LISTED],
    );
    const order = (a: (typeof rows)[number], b: (typeof rows)[number]): number =>
      a.file_path !== b.file_path ? (a.file_path < b.file_path ? -1 : 1) : a.file_pos - b.file_pos || a.idx - b.idx;
    for (const key of keys) {
      const mine = rows.filter((r) => r.key === key).sort(order);
      const mentions: CitationRef[] = [];
      const seen = new Set<string>();
      for (const kind of ['role', 'plain'] as const) {
        for (const r of mine) {
          if (mentions.length >= max) break;
          if (r.kind !== kind || seen.has(r.aid)) continue;
          seen.add(r.aid);
          mentions.push({ articleId: r.id, span: { start: r.s, end: r.e } });
        }
      }
      const roles = mine.filter((r) => r.kind === 'distinct').map((r) => ({ role: r.role!, ref: { articleId: r.id, span: { start: r.s, end: r.e } } }));
      out.set(key, { mentions, roles });
    }
    return out;
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
