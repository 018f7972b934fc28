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
import { nameKey, postSurfaceWords, rankPostHolders, summarisePostHolders, type FiledRole, type PostHolders, type PostQuery, type PostQueryOptions, type RankedPostHolders } from '../../engine/api';
import type { PgPool } from './pool';
import { sqlSafe } from './sqlText';
import { WeightedMemo } from './weightedMemo';

interface RoleRow {
  i: number;
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

/** A role row's count, place and date range, with the person's name (the select list of both role statements). */
const ROLE_COLUMNS = `h.i, h.key, p.name, h.role, h.article_id AS id, h.role_start AS s, h.role_end AS e, h.mentions AS n, d.first_date, d.last_date
  FROM hits h JOIN people p ON p.key = h.key
  LEFT JOIN LATERAL (SELECT min(rd.date) AS first_date, max(rd.date) AS last_date FROM person_role_dates rd
    WHERE rd.key = h.key AND rd.role = h.role) d ON true
  ORDER BY h.i, p.first_path, p.first_pos, p.first_idx, h.first_path, h.first_pos, h.first_idx`;

/**
 * Roles holding a post word (case-insensitive, whole words), from the people summary (personSummary.ts): one
 * row per (person, role) with its count, first place and date range.
 */
const FILED_SQL = `
  WITH q AS (SELECT * FROM json_to_recordset($1::json) AS q(i int, pattern text, words text)),
  -- The role-words index finds the roles holding a post word; the expression decides whole words.
  hits AS (SELECT q.i, r.* FROM q JOIN person_roles r ON to_tsvector('simple', r.role) @@ q.words::tsquery AND r.role ~* q.pattern)
  SELECT ${ROLE_COLUMNS}`;

/** The queried people's own roles, as {@link FILED_SQL} gives roles. */
const OWN_SQL = `
  WITH q AS (SELECT * FROM json_to_recordset($1::json) AS q(i int, person text)),
  hits AS (SELECT q.i, r.* FROM q JOIN person_roles r ON r.key = q.person)
  SELECT ${ROLE_COLUMNS}`;

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
 * matches: the parser also files a hyphenated role's parts). Undefined for a
 * post with no usable word.
 */
function postWordQueries(words: readonly string[]): PostWords | undefined {
  const clean = cleanWords(words);
  if (clean.length === 0) return undefined;
  return { pattern: `\\m(${clean.join('|')})\\M`, words: clean.map((w) => `'${w}'`).join(' | ') };
}

/** Answers kept per store (a few drafts' titles): the same posts are asked draft after draft. */
const MAX_REMEMBERED_ANSWERS = 2_000;
/** Most remembered filed roles (rows) and rankings: a bare post's roles are ~850 rows at 1M. */
const MAX_REMEMBERED_ROLES = 100_000;

/** A query's post words as the statement takes them, and its key among remembered roles. */
interface PostWords {
  pattern: string;
  words: string;
}

/**
 * Title answers and what they are made of, per corpus version (cleared when
 * it changes). Summing a bare post's roles ("president": ~850 summary rows
 * at 1M) costs the client more than the statement, and every draft asks
 * about the same few posts for other people: so besides each answer (by
 * title, person and holder count), the roles holding a post's words are
 * kept by those words, the ranking of their holders by title (it does not
 * depend on who asks: `rankPostHolders`), and each person's own roles and
 * dates by person — a new person asking about a known post costs one
 * statement by key. Answers are frozen, since they are handed out again, as
 * the in-memory index's memo does.
 */
export class PostHolderAnswers {
  private version: number | undefined;
  private readonly answers = new WeightedMemo<PostHolders>(MAX_REMEMBERED_ANSWERS);
  private readonly filed = new WeightedMemo<FiledRole[]>(MAX_REMEMBERED_ROLES);
  private readonly rankings = new WeightedMemo<RankedPostHolders>(MAX_REMEMBERED_ROLES);
  private readonly own = new WeightedMemo<OwnRoles>(MAX_REMEMBERED_ROLES);

  /** The answers, from memory where asked before at this corpus version, the rest from what is remembered and one look-up of what is not. */
  async find(pool: PgPool, version: number, queries: readonly PostQuery[], options: PostQueryOptions): Promise<PostHolders[]> {
    if (this.version !== version) {
      this.version = version;
      for (const memo of [this.answers, this.filed, this.rankings, this.own]) memo.clear();
    }
    const keys = queries.map((q) => `${options.maxHolders}\u0000${q.role}\u0000${q.person ?? ''}`);
    const out = keys.map((k) => this.answers.get(k)?.value);
    const missing = queries.filter((_, i) => out[i] === undefined);
    if (missing.length === 0) return out as PostHolders[];
    const asked = missing.map((q) => ({ query: q, post: postWordQueries(postSurfaceWords(q.role)), person: q.person !== undefined ? sqlSafe(nameKey(q.person)) : undefined }));
    const posts = new Map<string, PostWords>();
    for (const a of asked) if (a.post && !this.filed.get(a.post.pattern)) posts.set(a.post.pattern, a.post);
    const people = [...new Set(asked.flatMap((a) => (a.person !== undefined && !this.own.get(a.person) ? [a.person] : [])))];
    const [filed, own] = await Promise.all([filedRoles(pool, [...posts.values()]), ownRoles(pool, people)]);
    // Kept only if the corpus did not change meanwhile.
    const keep = this.version === version;
    const filedOf = (post: PostWords | undefined): FiledRole[] => (post ? (filed.get(post.pattern) ?? this.filed.get(post.pattern)?.value ?? []) : []);
    if (keep) for (const [pattern, roles] of filed) this.filed.set(pattern, roles, 1 + roles.length);
    if (keep) for (const [person, o] of own) this.own.set(person, o, 1 + o.roles.length);
    let k = 0;
    out.forEach((known, i) => {
      if (known !== undefined) return;
      const { query, post, person } = asked[k++];
      const roles = filedOf(post);
      let ranked = this.rankings.get(query.role)?.value;
      if (!ranked) {
        ranked = rankPostHolders(query.role, roles);
        if (keep) this.rankings.set(query.role, ranked, 1 + ranked.holders.length);
      }
      const mine = person !== undefined ? (own.get(person) ?? this.own.get(person)?.value ?? NO_ROLES) : NO_ROLES;
      const answer = deepFreeze(summarisePostHolders(query, roles, mine.roles, mine.dates, options, ranked));
      out[i] = answer;
      if (keep) this.answers.set(keys[i], answer, 1);
    });
    return out as PostHolders[];
  }
}

/** A person's own roles and mention dates. */
interface OwnRoles {
  roles: FiledRole[];
  dates: { first?: string; last?: string };
}

const NO_ROLES: OwnRoles = { roles: [], dates: {} };

/** Freezes an answer and everything in it (answers remembered per corpus version are handed out again). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

function filedRole(r: RoleRow): FiledRole {
  return {
    personKey: r.key,
    name: r.name,
    role: r.role,
    ref: { articleId: r.id, span: { start: r.s, end: r.e } },
    count: Number(r.n),
    ...(r.first_date !== null ? { firstDate: r.first_date } : {}),
    ...(r.last_date !== null ? { lastDate: r.last_date } : {}),
  };
}

/** The roles holding each post's words (one statement), by the post's pattern. */
async function filedRoles(pool: PgPool, posts: readonly PostWords[]): Promise<Map<string, FiledRole[]>> {
  const out = new Map<string, FiledRole[]>(posts.map((p) => [p.pattern, []]));
  if (posts.length === 0) return out;
  const rows = await pool.query<RoleRow>(FILED_SQL, [JSON.stringify(posts.map((p, i) => ({ i, pattern: p.pattern, words: p.words })))]);
  for (const r of rows) out.get(posts[r.i].pattern)!.push(filedRole(r));
  return out;
}

/** Each person's own roles and mention dates (two statements), by name key. */
async function ownRoles(pool: PgPool, people: readonly string[]): Promise<Map<string, OwnRoles>> {
  const out = new Map<string, OwnRoles>(people.map((p) => [p, { roles: [], dates: {} }]));
  if (people.length === 0) return out;
  const request = JSON.stringify(people.map((person, i) => ({ i, person })));
  const [rows, dates] = await Promise.all([pool.query<RoleRow>(OWN_SQL, [request]), pool.query<DateRow>(DATES_SQL, [request])]);
  for (const r of rows) out.get(people[r.i])!.roles.push(filedRole(r));
  for (const d of dates) {
    const o = out.get(people[d.i])!;
    if (d.first_date !== null) o.dates.first = d.first_date;
    if (d.last_date !== null) o.dates.last = d.last_date;
  }
  return out;
}
