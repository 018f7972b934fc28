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
 * Ingestion keeps them exact ({@link updatePersonSummary}): the counts of the
 * replaced files' mentions come off, the new ones go on, and a role's first
 * place is searched again only when it stood in a replaced file (otherwise
 * the first new mention can only move it earlier). The v4 → v5 migration
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

/** Mentions of some files, counted by (person, role or null, article date or null). */
interface MentionCount {
  key: string;
  role: string | null;
  date: string | null;
  n: string;
}

/**
 * Counts the mentions in these files. Called on the files a batch replaces or
 * removes before their rows go, and on the same files after the new rows are
 * in: the difference is what the batch changes.
 */
export async function countMentions(client: PoolClient, paths: readonly string[]): Promise<MentionCount[]> {
  if (paths.length === 0) return [];
  // Through the articles (indexed by file): person_mentions has no index by file.
  const res = await client.query<MentionCount>(
    `SELECT pm.key, pm.role, a.date, count(*) AS n FROM articles a JOIN person_mentions pm ON pm.aid = a.aid
     WHERE a.file_path = ANY($1) GROUP BY pm.key, pm.role, a.date`,
    [paths],
  );
  return res.rows;
}

/** Adds `sign × n` to the count under `k`. */
function add(map: Map<string, number>, k: string, n: number): void {
  map.set(k, (map.get(k) ?? 0) + n);
}

const SEP = '\u0000';

/** What is stored of a role's first place. */
interface StoredRole {
  key: string;
  role: string;
  mentions: string;
  first_path: string;
  first_pos: number;
  first_idx: number;
  article_id: string;
  role_start: number;
  role_end: number;
}

/** Corpus order as PostgreSQL's `COLLATE "C"` sorts it: UTF-8 bytes of the path, then position, then index. */
function placeOrder(a: StoredRole, b: StoredRole): number {
  return Buffer.compare(Buffer.from(a.first_path, 'utf8'), Buffer.from(b.first_path, 'utf8')) || a.first_pos - b.first_pos || a.first_idx - b.first_idx;
}

/**
 * Brings the summary up to date after a batch replaced (or removed) the
 * files `paths`: `before` and `after` are {@link countMentions} of those
 * files before their old rows went and after the new rows came.
 */
export async function updatePersonSummary(client: PoolClient, paths: readonly string[], before: readonly MentionCount[], after: readonly MentionCount[]): Promise<void> {
  const roleDelta = new Map<string, number>();
  const roleDateDelta = new Map<string, number>();
  const dateDelta = new Map<string, number>();
  const newRoles = new Set<string>();
  for (const [rows, sign] of [[before, -1], [after, 1]] as const) {
    for (const r of rows) {
      const n = sign * Number(r.n);
      if (r.date !== null) add(dateDelta, r.key + SEP + r.date, n);
      if (r.role === null) continue;
      add(roleDelta, r.key + SEP + r.role, n);
      if (r.date !== null) add(roleDateDelta, r.key + SEP + r.role + SEP + r.date, n);
      if (sign > 0) newRoles.add(r.key + SEP + r.role);
    }
  }
  await applyDateDeltas(client, 'person_dates', ['key', 'date'], dateDelta);
  await applyDateDeltas(client, 'person_role_dates', ['key', 'role', 'date'], roleDateDelta);

  // A pair only its old mentions held whose count stays is unchanged apart from its count, unless its first place went.
  const pairs = [...new Set([...roleDelta.keys(), ...newRoles])].map((k) => k.split(SEP) as [string, string]);
  if (pairs.length === 0) return;
  const stored = await client.query<StoredRole>(
    `SELECT r.* FROM unnest($1::text[], $2::text[]) AS t(key, role) JOIN person_roles r ON r.key = t.key AND r.role = t.role`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
  const storedBy = new Map(stored.rows.map((r) => [r.key + SEP + r.role, r]));
  const replaced = new Set(paths);
  const final: StoredRole[] = [];
  const search: Array<{ key: string; role: string; whole: boolean }> = [];
  for (const [key, role] of pairs) {
    const id = key + SEP + role;
    const old = storedBy.get(id);
    const mentions = Number(old?.mentions ?? 0) + (roleDelta.get(id) ?? 0);
    if (mentions <= 0) continue;
    const firstGone = !old || replaced.has(old.first_path);
    if (!firstGone && !newRoles.has(id)) final.push({ ...old, mentions: String(mentions) });
    // The first place went with a replaced file: searched among all mentions; else only the new ones can come before it.
    else search.push({ key, role, whole: firstGone });
  }
  if (search.length > 0) {
    const found = await client.query<StoredRole>(
      `SELECT t.key, t.role, f.file_path AS first_path, f.file_pos AS first_pos, f.idx AS first_idx, a.id AS article_id, f.s AS role_start, f.e AS role_end
       FROM json_to_recordset($1::json) AS t(key text, role text, whole boolean)
       CROSS JOIN LATERAL (
         SELECT pm.aid, pm.file_path, pm.file_pos, pm.idx, coalesce(pm.role_start, pm.start_offset) AS s, coalesce(pm.role_end, pm.end_offset) AS e
         FROM person_mentions pm WHERE pm.key = t.key AND pm.role = t.role AND (t.whole OR pm.file_path = ANY($2))
         ORDER BY pm.file_path, pm.file_pos, pm.idx LIMIT 1) f
       JOIN articles a ON a.aid = f.aid`,
      [JSON.stringify(search), paths],
    );
    const foundBy = new Map(found.rows.map((r) => [r.key + SEP + r.role, r]));
    for (const { key, role, whole } of search) {
      const id = key + SEP + role;
      const mentions = String(Number(storedBy.get(id)?.mentions ?? 0) + (roleDelta.get(id) ?? 0));
      const old = storedBy.get(id);
      const candidate = foundBy.get(id);
      const kept = !whole && old ? old : undefined;
      const first = candidate && (!kept || placeOrder(candidate, kept) < 0) ? candidate : kept;
      // Counted but not found would mean the counts and the mentions disagree: fail the batch rather than store a guess.
      if (!first) throw new Error(`person summary: no mention found for a counted role (${key})`);
      final.push({ ...first, key, role, mentions });
    }
  }
  await client.query(`DELETE FROM person_roles r USING unnest($1::text[], $2::text[]) AS t(key, role) WHERE r.key = t.key AND r.role = t.role`, [
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  ]);
  if (final.length === 0) return;
  await client.query(
    `INSERT INTO person_roles (key, role, mentions, first_path, first_pos, first_idx, article_id, role_start, role_end)
     SELECT r.key, r.role, r.mentions, r.first_path, r.first_pos, r.first_idx, r.article_id, r.role_start, r.role_end
     FROM json_to_recordset($1::json) AS r(key text, role text, mentions bigint, first_path text, first_pos int, first_idx int, article_id text, role_start int, role_end int)`,
    [JSON.stringify(final)],
  );
}

/** Adds count deltas to one of the date tables, dropping rows no mention holds any more. */
async function applyDateDeltas(client: PoolClient, table: 'person_dates' | 'person_role_dates', columns: readonly string[], delta: ReadonlyMap<string, number>): Promise<void> {
  const changed = [...delta].filter(([, n]) => n !== 0);
  if (changed.length === 0) return;
  const parts = changed.map(([k]) => k.split(SEP));
  const arrays = columns.map((_, i) => parts.map((p) => p[i]));
  const cols = columns.join(', ');
  const unnest = columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const n = `$${columns.length + 1}::bigint[]`;
  const match = columns.map((c) => `t.${c} = x.${c}`).join(' AND ');
  // Table and column names are constants of this file, never input.
  await client.query(
    `INSERT INTO ${table} AS t (${cols}, mentions) SELECT * FROM unnest(${unnest}, ${n})
     ON CONFLICT (${cols}) DO UPDATE SET mentions = t.mentions + excluded.mentions`,
    [...arrays, changed.map(([, d]) => d)],
  );
  await client.query(`DELETE FROM ${table} t USING unnest(${unnest}) AS x(${cols}) WHERE ${match} AND t.mentions <= 0`, arrays);
}
