/**
 * Who the sources give a title, on PostgreSQL ({@link CorpusStore.findPostHolders}).
 * SQL finds the candidates, the engine decides: one statement per batch
 * returns, for each title, every distinct (person, role) whose role holds a
 * word of the title's post (`postSurfaceWords`: "chancellor"; "prime",
 * "minister", "premier", "pm"), with its count, first place and date range,
 * and the queried person's own roles and mention dates; the engine's
 * `summarisePostHolders` files them by post key and answers as the
 * in-memory index does. Ties in count fall to the person the corpus names
 * first, as in the in-memory people table.
 */
import { nameKey, postSurfaceWords, summarisePostHolders, type FiledRole, type PostHolders, type PostQuery, type PostQueryOptions } from '../../engine/api';
import type { PgPool } from './pool';
import { sqlSafe } from './sqlText';

interface RoleRow {
  i: number;
  own: boolean;
  key: string;
  name: string;
  role: string;
  id: string;
  s: number;
  e: number;
  n: string;
  first_date: string | null;
  last_date: string | null;
}

interface DateRow {
  i: number;
  first_date: string | null;
  last_date: string | null;
}

/** Roles holding a post word (case-insensitive, whole words), and the queried people's roles, grouped by (person, role). */
const ROLES_SQL = `
  WITH q AS (SELECT * FROM json_to_recordset($1::json) AS q(i int, pattern text, words text, person text)),
  hits AS (
    -- The role-words index finds the roles holding a post word; the expression decides whole words as before.
    SELECT q.i, false AS own, pm.* FROM q JOIN person_mentions pm ON q.pattern IS NOT NULL AND pm.role IS NOT NULL
      AND to_tsvector('simple', pm.role) @@ q.words::tsquery AND pm.role ~* q.pattern
    UNION ALL
    SELECT q.i, true, pm.* FROM q JOIN person_mentions pm ON pm.key = q.person AND pm.role IS NOT NULL),
  firsts AS (
    SELECT DISTINCT ON (h.i, h.own, h.key, h.role) h.i, h.own, h.key, h.role, h.aid, h.file_path, h.file_pos, h.idx,
      coalesce(h.role_start, h.start_offset) AS s, coalesce(h.role_end, h.end_offset) AS e
    FROM hits h ORDER BY h.i, h.own, h.key, h.role, h.file_path, h.file_pos, h.idx),
  counts AS (
    SELECT h.i, h.own, h.key, h.role, count(*) AS n, min(a.date) AS first_date, max(a.date) AS last_date
    FROM hits h JOIN articles a ON a.aid = h.aid GROUP BY h.i, h.own, h.key, h.role)
  SELECT f.i, f.own, f.key, p.name, f.role, a.id, f.s, f.e, c.n, c.first_date, c.last_date
  FROM firsts f JOIN counts c USING (i, own, key, role) JOIN articles a ON a.aid = f.aid JOIN people p ON p.key = f.key
  ORDER BY f.i, p.first_path, p.first_pos, p.first_idx, f.file_path, f.file_pos, f.idx`;

/** The dates of the queried people's mentions. */
const DATES_SQL = `
  WITH q AS (SELECT * FROM json_to_recordset($1::json) AS q(i int, person text))
  SELECT q.i, min(a.date) AS first_date, max(a.date) AS last_date
  FROM q JOIN person_mentions pm ON pm.key = q.person JOIN articles a ON a.aid = pm.aid GROUP BY q.i`;

/** A post's words reduced to letters and digits (nothing else reaches SQL), lower-cased, the empty ones dropped. */
function cleanWords(words: readonly string[]): string[] {
  return words.map((w) => w.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase()).filter((w) => w.length > 0);
}

/**
 * For a title's post words: a regular expression matching any of them as a
 * whole word (PostgreSQL's `\m` / `\M`, applied case-insensitively), which
 * decides, and the same words as a text-search query of any of them, which
 * selects candidates from the role-words index (a superset of the pattern's
 * matches: the parser also files a hyphenated role's parts). Null for a post
 * with no usable word.
 */
function postWordQueries(words: readonly string[]): { pattern: string; words: string } | { pattern: null; words: null } {
  const clean = cleanWords(words);
  if (clean.length === 0) return { pattern: null, words: null };
  return { pattern: `\\m(${clean.join('|')})\\M`, words: clean.map((w) => `'${w}'`).join(' | ') };
}

/** The title look-up for a batch of queries. */
export async function findPostHolders(pool: PgPool, queries: readonly PostQuery[], options: PostQueryOptions): Promise<PostHolders[]> {
  if (queries.length === 0) return [];
  const requests = queries.map((q, i) => ({
    i,
    ...postWordQueries(postSurfaceWords(q.role)),
    person: q.person !== undefined ? sqlSafe(nameKey(q.person)) : null,
  }));
  const asked = requests.filter((r) => r.pattern !== null || r.person !== null);
  const [rows, dates] = asked.length === 0
    ? [[], []]
    : await Promise.all([
        pool.query<RoleRow>(ROLES_SQL, [JSON.stringify(asked)]),
        pool.query<DateRow>(DATES_SQL, [JSON.stringify(asked.filter((r) => r.person !== null).map((r) => ({ i: r.i, person: r.person })))]),
      ]);
  const filed: FiledRole[][] = queries.map(() => []);
  const own: FiledRole[][] = queries.map(() => []);
  for (const r of rows) {
    const role: FiledRole = {
      personKey: r.key,
      name: r.name,
      role: r.role,
      ref: { articleId: r.id, span: { start: r.s, end: r.e } },
      count: Number(r.n),
      ...(r.first_date !== null ? { firstDate: r.first_date } : {}),
      ...(r.last_date !== null ? { lastDate: r.last_date } : {}),
    };
    (r.own ? own : filed)[r.i].push(role);
  }
  const personDates = queries.map(() => ({}) as { first?: string; last?: string });
  for (const d of dates) {
    if (d.first_date !== null) personDates[d.i].first = d.first_date;
    if (d.last_date !== null) personDates[d.i].last = d.last_date;
  }
  return queries.map((q, i) => summarisePostHolders(q, filed[i], own[i], personDates[i], options));
}
