/**
 * Who the sources give a title, on PostgreSQL ({@link CorpusStore.findPostHolders}).
 * SQL finds the candidates, the engine decides: one statement per batch
 * returns, for each title, every distinct (person, role) of the people
 * summary (`person_roles`, kept by ingestion) whose role holds a
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

/**
 * Roles holding a post word (case-insensitive, whole words), and the queried people's roles, from the
 * people summary (personSummary.ts): one row per (person, role) with its count, first place and date range.
 */
const ROLES_SQL = `
  WITH q AS (SELECT * FROM json_to_recordset($1::json) AS q(i int, pattern text, words text, person text)),
  hits AS (
    -- The role-words index finds the roles holding a post word; the expression decides whole words.
    SELECT q.i, false AS own, r.* FROM q JOIN person_roles r ON q.pattern IS NOT NULL
      AND to_tsvector('simple', r.role) @@ q.words::tsquery AND r.role ~* q.pattern
    UNION ALL
    SELECT q.i, true, r.* FROM q JOIN person_roles r ON r.key = q.person)
  SELECT h.i, h.own, h.key, p.name, h.role, h.article_id AS id, h.role_start AS s, h.role_end AS e, h.mentions AS n,
    d.first_date, d.last_date
  FROM hits h JOIN people p ON p.key = h.key
  LEFT JOIN LATERAL (SELECT min(rd.date) AS first_date, max(rd.date) AS last_date FROM person_role_dates rd
    WHERE rd.key = h.key AND rd.role = h.role) d ON true
  ORDER BY h.i, p.first_path, p.first_pos, p.first_idx, h.first_path, h.first_pos, h.first_idx`;

/** The dates of the queried people's mentions. */
const DATES_SQL = `
  WITH q AS (SELECT * FROM json_to_recordset($1::json) AS q(i int, person text))
  SELECT q.i, min(d.date) AS first_date, max(d.date) AS last_date
  FROM q JOIN person_dates d ON d.key = q.person GROUP BY q.i`;

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

/** Answers kept per store (a few drafts' titles): the same posts are asked draft after draft. */
const MAX_REMEMBERED_ANSWERS = 2_000;

/**
 * Title answers by (corpus version, query), most recent last: summing a bare post's roles ("president":
 * ~850 summary rows at 1M) costs the client more than the statement. Answers are frozen, since they are
 * handed out again, as the in-memory index's memo does.
 */
export class PostHolderAnswers {
  private readonly answers = new Map<string, PostHolders>();

  /** The answers, from memory where asked before at this corpus version, the rest in one look-up. */
  async find(pool: PgPool, version: number, queries: readonly PostQuery[], options: PostQueryOptions): Promise<PostHolders[]> {
    const keys = queries.map((q) => `${version}\u0000${options.maxHolders}\u0000${q.role}\u0000${q.person ?? ''}`);
    const out = keys.map((k) => this.answers.get(k));
    const missing = queries.filter((_, i) => out[i] === undefined);
    if (missing.length > 0) {
      const found = await findPostHolders(pool, missing, options);
      let k = 0;
      out.forEach((known, i) => {
        if (known !== undefined) return;
        const answer = deepFreeze(found[k++]);
        out[i] = answer;
        if (this.answers.size >= MAX_REMEMBERED_ANSWERS) this.answers.delete(this.answers.keys().next().value as string);
        this.answers.set(keys[i], answer);
      });
    }
    return out as PostHolders[];
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
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
