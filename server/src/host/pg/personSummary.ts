/**
 * The people summary (schema v5): what the title look-up (`postHolders.ts`)
 * and a person's mention dates read, kept by ingestion instead of summed from
 * every mention at each look-up. At 1M articles "president" is 79,850 role
 * mentions: counting them, fetching each one's article for its date and
 * sorting took 10.2 s a query, past the editor's statement timeout; the
 * summary holds ~5,000 (person, role) rows.
 *
 * - `person_roles`: one row per (person key, role words): how many mentions
 *   give the person those words, and where they first stand (corpus order:
 *   file path, position in file, mention index), as the article id and the
 *   role's offsets the answer cites;
 * - `person_role_dates`: the same mentions counted by article date (dated
 *   articles only), so the earliest and latest date survive a removal
 *   without re-reading every mention;
 * - `person_dates`: every mention of a person (with or without a role)
 *   counted by article date.
 *
 * Ingestion keeps them exact (`factcheck_replace_files`, batchFunctions.ts):
 * the counts of the replaced files' mentions come off, the new ones go on, and
 * a role's first place is searched again only when it stood in a replaced
 * file (otherwise the first new mention can only move it earlier). The v4 → v5 migration
 * fills them from the mentions ({@link RECOMPUTED_PERSON_ROLES_SQL} and its
 * siblings, which the tests also compare the kept tables with).
 */
import type { PoolClient } from 'pg';

/** Tables and indexes of the summary (migration 4 → 5). */
export const PERSON_SUMMARY_DDL = `
  CREATE TABLE person_roles (
    key text COLLATE "C" NOT NULL,
    role text NOT NULL,
    mentions bigint NOT NULL,
    first_path text COLLATE "C" NOT NULL,
    first_pos integer NOT NULL,
    first_idx integer NOT NULL,
    article_id text NOT NULL,
    role_start integer NOT NULL,
    role_end integer NOT NULL,
    PRIMARY KEY (key, role)
  );
  -- The title look-up's candidates: roles holding one of a post's words.
  CREATE INDEX person_roles_words ON person_roles USING gin (to_tsvector('simple', role));
  CREATE TABLE person_role_dates (
    key text COLLATE "C" NOT NULL,
    role text NOT NULL,
    date text NOT NULL,
    mentions bigint NOT NULL,
    PRIMARY KEY (key, role, date)
  );
  CREATE TABLE person_dates (
    key text COLLATE "C" NOT NULL,
    date text NOT NULL,
    mentions bigint NOT NULL,
    PRIMARY KEY (key, date)
  );
`;

/** `person_roles` as computed from every mention (the backfill, and what the tests compare the kept table with). */
export const RECOMPUTED_PERSON_ROLES_SQL = `
  WITH c AS (SELECT key, role, count(*) AS n FROM person_mentions WHERE role IS NOT NULL GROUP BY key, role),
  f AS (
    SELECT DISTINCT ON (key, role) key, role, aid, file_path, file_pos, idx,
      coalesce(role_start, start_offset) AS s, coalesce(role_end, end_offset) AS e
    FROM person_mentions WHERE role IS NOT NULL ORDER BY key, role, file_path, file_pos, idx)
  SELECT f.key, f.role, c.n AS mentions, f.file_path AS first_path, f.file_pos AS first_pos, f.idx AS first_idx,
    a.id AS article_id, f.s AS role_start, f.e AS role_end
  FROM f JOIN c USING (key, role) JOIN articles a ON a.aid = f.aid`;

/** `person_role_dates` from every mention. */
export const RECOMPUTED_PERSON_ROLE_DATES_SQL = `
  SELECT pm.key, pm.role, a.date, count(*) AS mentions FROM person_mentions pm JOIN articles a ON a.aid = pm.aid
  WHERE pm.role IS NOT NULL AND a.date IS NOT NULL GROUP BY pm.key, pm.role, a.date`;

/** `person_dates` from every mention. */
export const RECOMPUTED_PERSON_DATES_SQL = `
  SELECT pm.key, a.date, count(*) AS mentions FROM person_mentions pm JOIN articles a ON a.aid = pm.aid
  WHERE a.date IS NOT NULL GROUP BY pm.key, a.date`;

/** Fills the summary from the mentions (the v4 → v5 backfill). */
export async function backfillPersonSummary(client: PoolClient): Promise<void> {
  await client.query(`INSERT INTO person_roles (key, role, mentions, first_path, first_pos, first_idx, article_id, role_start, role_end) ${RECOMPUTED_PERSON_ROLES_SQL}`);
  await client.query(`INSERT INTO person_role_dates (key, role, date, mentions) ${RECOMPUTED_PERSON_ROLE_DATES_SQL}`);
  await client.query(`INSERT INTO person_dates (key, date, mentions) ${RECOMPUTED_PERSON_DATES_SQL}`);
  await client.query('ANALYZE person_roles, person_role_dates, person_dates');
}
