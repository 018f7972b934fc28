/**
 * The PostgreSQL schema of a factcheck corpus, versioned: {@link initSchema}
 * applies the migrations a database lacks, in order, each in a transaction,
 * under an advisory lock (two ingesters starting at once do not race).
 *
 * What the tables hold mirrors the in-memory index (`CorpusIndex`): every
 * article's `ArticleRecord` as the engine extracted it (`articles.record`,
 * the exact copy the store decides with, without its text), and beside it the
 * rows SQL finds candidates with. What is a function of the text alone is
 * stored once per distinct text (schema v9: `texts`, keyed by content hash;
 * copies — wire stories, re-publications — name it by `tid`), with the
 * text's sentence vectors (`sentences`, by `tid`); an article's corpus place,
 * meta and record stay per article, and `articles_text_order` lists a text's
 * copies in corpus order from the index alone:
 * - `texts.tsv` / `sentences.tsv`: the ENGINE's normalised words
 *   (`tokenize`) as lexemes, without positions (`array_to_tsvector`), GIN
 *   indexed. PostgreSQL's own text parser splits "don't" and "155,221"
 *   differently from ours; using our words as lexemes makes a tsquery of a
 *   quotation's rarest words an exact pre-filter, and the vector is stored,
 *   not an expression index (which would recompute it for each candidate);
 * - `word_freq`: corpus occurrences of each word (what the in-memory postings
 *   count), to pick a quotation's rarest words and weigh near-quote votes;
 * - `people`: one row per name key (btree), with its spellings and name words
 *   (GIN) and a trigram index on the name; `name_words` (the words of every
 *   name as the in-memory fuzzy name search tokenises them, by length) for
 *   near spellings;
 * - `person_mentions`, `quotations`, `date_mentions`, `date_events`: the
 *   extracted facts, with the article's corpus order copied in so a person's
 *   or an event's rows come out in corpus order from one index.
 *
 * Corpus order is the in-memory index's: files by path (byte order, hence
 * `COLLATE "C"`), then articles in file order (`file_pos`).
 */
import type { PoolClient } from 'pg';
import { nameFieldLength } from './nameSearchStats';
import { FINISH_BATCH_FUNCTION, REPLACE_FILES_FUNCTION } from './batchFunctions';
import { backfillPersonSummary, PERSON_SUMMARY_DDL } from './personSummary';
import type { PgPool } from './pool';

/** The schema version this code reads and writes. */
export const SCHEMA_VERSION = 9;

/** Advisory lock key held while migrating or ingesting ("fact" in ASCII). */
export const SCHEMA_LOCK_KEY = 0x66616374;

/** Migration `i` brings a database from version `i` to `i + 1`. */
const MIGRATIONS: readonly string[] = [
  /* 0 → 1 */ `
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

  CREATE TABLE factcheck_corpus (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    schema_version integer NOT NULL,
    -- Bumped by every ingestion that changes anything: caches of answers key on it.
    corpus_version bigint NOT NULL DEFAULT 0,
    token_count bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  INSERT INTO factcheck_corpus (schema_version) VALUES (1);

  CREATE TABLE files (
    path text COLLATE "C" PRIMARY KEY,
    size bigint NOT NULL,
    hash text NOT NULL,
    -- False for a file the engine skipped (too large, unreadable): listed, not indexed.
    indexed boolean NOT NULL,
    warnings json NOT NULL DEFAULT '[]'
  );

  CREATE TABLE articles (
    aid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text NOT NULL,
    file_path text COLLATE "C" NOT NULL REFERENCES files (path) ON DELETE CASCADE,
    file_pos integer NOT NULL,
    path text NOT NULL,
    title text,
    publisher text,
    date text,
    url text,
    content_hash text NOT NULL,
    text text NOT NULL,
    -- The engine's normalised words, space-separated, with a space at each end: a LIKE '% w1 w2 %'
    -- on it rechecks a word run exactly (runs may cross sentences), after the tsquery cut the candidates.
    norm text NOT NULL,
    -- The ArticleRecord without its text (json, not jsonb: kept as written).
    record json NOT NULL,
    words text[] NOT NULL,
    word_counts integer[] NOT NULL,
    token_count integer NOT NULL,
    -- Sizes for the corpus statistics (summed, not counted, at open).
    sentence_count integer NOT NULL,
    quote_count integer NOT NULL,
    -- Dates tied to an event word: those the store can find (what CorpusStats.dates counts).
    event_date_count integer NOT NULL,
    -- NULL when the article has too many distinct words for one tsvector: then always a candidate.
    tsv tsvector,
    UNIQUE (file_path, file_pos)
  );
  CREATE INDEX articles_id ON articles (id);
  CREATE INDEX articles_tsv ON articles USING gin (tsv);
  CREATE INDEX articles_tsv_missing ON articles (aid) WHERE tsv IS NULL;

  CREATE TABLE sentences (
    aid bigint NOT NULL REFERENCES articles ON DELETE CASCADE,
    idx integer NOT NULL,
    start_offset integer NOT NULL,
    end_offset integer NOT NULL,
    from_line integer NOT NULL,
    from_character integer NOT NULL,
    to_line integer NOT NULL,
    to_character integer NOT NULL,
    text text NOT NULL,
    norm text NOT NULL,
    tsv tsvector NOT NULL,
    PRIMARY KEY (aid, idx)
  );
  CREATE INDEX sentences_tsv ON sentences USING gin (tsv);

  CREATE TABLE word_freq (
    word text COLLATE "C" PRIMARY KEY,
    occurrences bigint NOT NULL,
    articles bigint NOT NULL
  );

  CREATE TABLE people (
    key text COLLATE "C" PRIMARY KEY,
    name text NOT NULL,
    spellings text[] NOT NULL,
    name_words text[] NOT NULL,
    search_words text[] NOT NULL,
    occurrences integer NOT NULL,
    first_path text COLLATE "C" NOT NULL,
    first_pos integer NOT NULL,
    first_idx integer NOT NULL
  );
  CREATE INDEX people_name_words ON people USING gin (name_words);
  CREATE INDEX people_search_words ON people USING gin (search_words);
  -- GIN, not GiST: a GiST trigram index beside the btree made the planner use it for '=' (issue 14).
  CREATE INDEX people_name_trgm ON people USING gin (name gin_trgm_ops);

  CREATE TABLE name_words (
    word text COLLATE "C" PRIMARY KEY,
    len integer NOT NULL
  );
  CREATE INDEX name_words_len ON name_words (len);
  CREATE INDEX name_words_trgm ON name_words USING gin (word gin_trgm_ops);

  CREATE TABLE person_mentions (
    aid bigint NOT NULL REFERENCES articles ON DELETE CASCADE,
    idx integer NOT NULL,
    key text COLLATE "C" NOT NULL,
    full_name text NOT NULL,
    start_offset integer NOT NULL,
    end_offset integer NOT NULL,
    role text,
    role_start integer,
    role_end integer,
    file_path text COLLATE "C" NOT NULL,
    file_pos integer NOT NULL,
    PRIMARY KEY (aid, idx)
  );
  CREATE INDEX person_mentions_key ON person_mentions (key, file_path, file_pos, idx);

  CREATE TABLE quotations (
    aid bigint NOT NULL REFERENCES articles ON DELETE CASCADE,
    idx integer NOT NULL,
    start_offset integer NOT NULL,
    end_offset integer NOT NULL,
    text text NOT NULL,
    speaker text,
    speaker_resolved text,
    speaker_is_organisation boolean,
    cue text,
    PRIMARY KEY (aid, idx)
  );
  CREATE INDEX quotations_speaker ON quotations (speaker_resolved);

  CREATE TABLE date_mentions (
    aid bigint NOT NULL REFERENCES articles ON DELETE CASCADE,
    idx integer NOT NULL,
    start_offset integer NOT NULL,
    end_offset integer NOT NULL,
    text text NOT NULL,
    mention json NOT NULL,
    PRIMARY KEY (aid, idx)
  );

  CREATE TABLE date_events (
    key text COLLATE "C" NOT NULL,
    aid bigint NOT NULL,
    idx integer NOT NULL,
    file_path text COLLATE "C" NOT NULL,
    file_pos integer NOT NULL,
    FOREIGN KEY (aid, idx) REFERENCES date_mentions ON DELETE CASCADE
  );
  CREATE INDEX date_events_key ON date_events (key, file_path, file_pos, idx);
  CREATE INDEX date_events_aid ON date_events (aid);
  `,
  /* 1 → 2: the length of each person's name field as the fuzzy name search counts it (filled below), so
     near spellings are ranked with the corpus's average (see nameSearchStats.ts). */ `
  ALTER TABLE people ADD COLUMN field_length integer NOT NULL DEFAULT 0;
  `,
  /* 2 → 3: the text stored once (issue 14: ~9.8 KB per article, the text three times). Sentences keep only
     their words as a vector (what aligning a draft sentence searches; offsets and text are in the article's
     record); an article's word counts are recomputed from its text when it is replaced, not stored. */ `
  ALTER TABLE articles DROP COLUMN words, DROP COLUMN word_counts;
  ALTER TABLE sentences DROP COLUMN start_offset, DROP COLUMN end_offset, DROP COLUMN from_line, DROP COLUMN from_character,
    DROP COLUMN to_line, DROP COLUMN to_character, DROP COLUMN text, DROP COLUMN norm;
  `,
  /* 3 → 4: which extraction wrote each file (a new factcheck may read people, roles and quotations
     differently: its ingest re-extracts files written by another, or verdicts would differ from the
     embedded index's); and the words of people's roles indexed, so the title look-up
     (postHolders.ts) no longer reads every role of the corpus with a regular expression (25–50 s
     per draft at 1M articles). */ `
  ALTER TABLE files ADD COLUMN extracted_by text;
  CREATE INDEX person_mentions_role_words ON person_mentions USING gin (to_tsvector('simple', role)) WHERE role IS NOT NULL;
  `,
  /* 4 → 5: the people summary (personSummary.ts): role counts, first places and dates kept by ingestion, so the
     title look-up reads ~5,000 summary rows instead of every role mention and its article (10.2 s for
     "president" at 1M articles); the v4 role-words index on the mentions goes (nothing reads it). */ `
  DROP INDEX IF EXISTS person_mentions_role_words;
  ${PERSON_SUMMARY_DDL}
  `,
  /* 5 → 6: the corpus totals kept by ingestion, the date range read from an index: opening a store summed
     every article (6.5 s at 1M, each time the language server opened the corpus). */ `
  ALTER TABLE factcheck_corpus ADD COLUMN article_count bigint NOT NULL DEFAULT 0, ADD COLUMN sentence_count bigint NOT NULL DEFAULT 0,
    ADD COLUMN quote_count bigint NOT NULL DEFAULT 0, ADD COLUMN event_date_count bigint NOT NULL DEFAULT 0;
  UPDATE factcheck_corpus SET (article_count, sentence_count, quote_count, event_date_count) =
    (SELECT count(*), coalesce(sum(sentence_count), 0), coalesce(sum(quote_count), 0), coalesce(sum(event_date_count), 0) FROM articles);
  CREATE INDEX articles_date ON articles (date COLLATE "C");
  `,
  /* 6 → 7: an ingestion batch written by two server-side functions (batchFunctions.ts) instead of ~30 statements,
     one round trip each (a one-article replace: 10–11 ms at 1M articles, most of it between statements). */ `
  ${REPLACE_FILES_FUNCTION}
  ${FINISH_BATCH_FUNCTION}
  `,
  /* 7 → 8: sentences stored once per text, under the text's lowest aid (its first copy), not once per article:
     copies of a text (wire stories, the bench's ×50 corpus) held the same rows each (1.8 GB of 6.8 at 1M). The
     aligned look-up already scored each text once, through that same lowest aid. A hash index finds a text's
     copies (whether one is left when an article goes); the batch function is re-created with the new writes. */ `
  CREATE INDEX articles_content_hash ON articles USING hash (content_hash);
  -- Citations find articles by id with '=' only: a hash index is a third of the btree (97 → ~32 MB at 1M).
  DROP INDEX articles_id;
  CREATE INDEX articles_id ON articles USING hash (id);
  CREATE TABLE owned_sentences (
    aid bigint NOT NULL REFERENCES articles ON DELETE CASCADE,
    idx integer NOT NULL,
    tsv tsvector NOT NULL
  );
  INSERT INTO owned_sentences (aid, idx, tsv)
    SELECT s.aid, s.idx, s.tsv FROM (SELECT min(aid) AS aid FROM articles GROUP BY content_hash) o JOIN sentences s ON s.aid = o.aid;
  DROP TABLE sentences;
  ALTER TABLE owned_sentences RENAME TO sentences;
  ALTER TABLE sentences RENAME CONSTRAINT owned_sentences_aid_fkey TO sentences_aid_fkey;
  ALTER TABLE sentences ADD PRIMARY KEY (aid, idx);
  CREATE INDEX sentences_tsv ON sentences USING gin (tsv);
  ${REPLACE_FILES_FUNCTION}
  `,
  /* 8 → 9: each distinct text stored once (issue 14: text, normalised words and vector were 2 KB of every article
     row, 50 times over at 1M): \`texts\` holds them by content hash, articles name theirs by \`tid\`, sentences are
     keyed by the text; a btree (tid, file_path, file_pos) INCLUDE (aid) gives a text's copies in corpus order from
     the index alone (a heap fetch of a wide article row per match before). One rewrite of \`articles\`: the column
     type change rebuilds every row without the dropped columns. */ `
  DROP INDEX articles_tsv;
  DROP INDEX articles_content_hash;
  CREATE TABLE texts (
    tid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    content_hash text COLLATE "C" NOT NULL UNIQUE,
    text text NOT NULL,
    norm text NOT NULL,
    -- NULL when the text has too many distinct words for one tsvector: then always a candidate.
    tsv tsvector,
    -- The extraction that wrote norm, tsv and the sentences (as files.extracted_by; NULL: migrated from v8).
    extracted_by text
  );
  INSERT INTO texts (content_hash, text, norm, tsv)
    SELECT a.content_hash, a.text, a.norm, a.tsv FROM articles a
    WHERE a.aid IN (SELECT min(b.aid) FROM articles b GROUP BY b.content_hash) ORDER BY a.aid;
  CREATE INDEX texts_tsv ON texts USING gin (tsv);
  CREATE INDEX texts_tsv_missing ON texts (tid) WHERE tsv IS NULL;
  CREATE TABLE text_sentences (
    tid bigint NOT NULL REFERENCES texts ON DELETE CASCADE,
    idx integer NOT NULL,
    tsv tsvector NOT NULL
  );
  INSERT INTO text_sentences (tid, idx, tsv)
    SELECT t.tid, s.idx, s.tsv FROM sentences s JOIN articles a ON a.aid = s.aid JOIN texts t ON t.content_hash = a.content_hash;
  DROP TABLE sentences;
  ALTER TABLE text_sentences RENAME TO sentences;
  ALTER TABLE sentences RENAME CONSTRAINT text_sentences_tid_fkey TO sentences_tid_fkey;
  ALTER TABLE sentences ADD PRIMARY KEY (tid, idx);
  CREATE INDEX sentences_tsv ON sentences USING gin (tsv);
  CREATE FUNCTION pg_temp.factcheck_text_id(h text) RETURNS bigint LANGUAGE sql STABLE AS 'SELECT tid FROM texts WHERE content_hash = h';
  ALTER TABLE articles DROP COLUMN text, DROP COLUMN norm, DROP COLUMN tsv,
    ALTER COLUMN content_hash TYPE bigint USING pg_temp.factcheck_text_id(content_hash);
  DROP FUNCTION pg_temp.factcheck_text_id(text);
  ALTER TABLE articles RENAME COLUMN content_hash TO tid;
  ALTER TABLE articles ADD CONSTRAINT articles_tid_fkey FOREIGN KEY (tid) REFERENCES texts;
  CREATE INDEX articles_text_order ON articles (tid, file_path, file_pos) INCLUDE (aid);
  ${REPLACE_FILES_FUNCTION}
  `,
];

/** Tables whose space a migration frees only when rewritten (VACUUM FULL, outside the migration's transaction), by the version that dropped columns. */
const REWRITTEN: Record<number, readonly string[]> = { 3: ['articles', 'sentences'] };

/**
 * Tables a migration rewrote in its transaction, to vacuum after it: a rewritten heap has no page marked
 * all-visible, and index-only scans (a text's copies in corpus order, v9) fetch every row from it until then.
 */
const VACUUMED: Record<number, readonly string[]> = { 9: ['articles', 'texts', 'sentences'] };

/** Work a migration needs beyond its SQL (computed by our code), by the version it brings the database to. */
const BACKFILLS: Record<number, (client: PoolClient) => Promise<void>> = {
  5: backfillPersonSummary,
  2: async (client) => {
    const rows = await client.query<{ key: string; spellings: string[] }>('SELECT key, spellings FROM people');
    for (let i = 0; i < rows.rows.length; i += 10_000) {
      const chunk = rows.rows.slice(i, i + 10_000);
      await client.query('UPDATE people SET field_length = x.len FROM unnest($1::text[], $2::int[]) AS x(key, len) WHERE people.key = x.key', [
        chunk.map((r) => r.key),
        chunk.map((r) => nameFieldLength(r.spellings)),
      ]);
    }
  },
};

/** What {@link initSchema} found and did. */
export interface SchemaReport {
  from: number;
  to: number;
}

/** The schema version of a database (0: no factcheck schema). */
export async function schemaVersion(pool: PgPool): Promise<number> {
  const [exists] = await pool.query<{ t: string | null }>(`SELECT to_regclass('factcheck_corpus')::text AS t`);
  if (!exists?.t) return 0;
  const [row] = await pool.query<{ schema_version: number }>('SELECT schema_version FROM factcheck_corpus');
  return row?.schema_version ?? 0;
}

/**
 * Creates or migrates the schema to {@link SCHEMA_VERSION}. Refuses a
 * database made by a newer version (its tables may mean something else).
 */
export async function initSchema(pool: PgPool): Promise<SchemaReport> {
  // Up to date (every ingestion, the editor's one-file updates): no transaction, no lock.
  const current = await schemaVersion(pool);
  if (current === SCHEMA_VERSION) return { from: current, to: current };
  const report = await pool.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('factcheck_corpus')::text AS t`);
    const from = exists.rows[0]?.t ? (await client.query<{ v: number }>('SELECT schema_version AS v FROM factcheck_corpus')).rows[0].v : 0;
    if (from > SCHEMA_VERSION) throw new Error(`the database has factcheck schema version ${from}; this factcheck reads version ${SCHEMA_VERSION}: upgrade factcheck`);
    // A migration rewrites tables (a minute at 1M articles): the pool's look-up timeout must not cut it short.
    if (from < SCHEMA_VERSION) await client.query('SET LOCAL statement_timeout = 0');
    // Committed to disk before the VACUUM below (under asynchronous commit, rows not yet hinted keep pages from all-visible).
    await client.query('SET LOCAL synchronous_commit = on');
    for (let v = from; v < SCHEMA_VERSION; v++) {
      await client.query(MIGRATIONS[v]);
      await BACKFILLS[v + 1]?.(client);
      await client.query('UPDATE factcheck_corpus SET schema_version = $1', [v + 1]);
    }
    return { from, to: SCHEMA_VERSION };
  });
  // Dropped columns keep their bytes until the table is rewritten: a migrated database gets its space back now.
  if (report.from > 0) {
    const tables = new Set<string>();
    for (let v = report.from + 1; v <= report.to; v++) for (const t of REWRITTEN[v] ?? []) tables.add(t);
    if (tables.size > 0) await pool.query(`VACUUM (FULL, ANALYZE) ${[...tables].join(', ')}`);
    const vacuumed = new Set<string>();
    for (let v = report.from + 1; v <= report.to; v++) for (const t of VACUUMED[v] ?? []) if (!tables.has(t)) vacuumed.add(t);
    if (vacuumed.size > 0) await pool.query(`VACUUM (ANALYZE) ${[...vacuumed].join(', ')}`);
  }
  return report;
}
