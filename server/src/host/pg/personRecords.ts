/**
 * What a person look-up cites of each person found (`PersonRecord`'s
 * mentions and roles), on PostgreSQL, as `CorpusIndex.personRecord` picks
 * them: mentions one per article, in corpus order, those with a role first,
 * at most `maxCitations`; the distinct roles where each first stands, at most
 * `MAX_ROLES_LISTED`. One statement for a batch of people.
 */
import { MAX_ROLES_LISTED, type CitationRef, type PersonRecord } from '../../engine/api';
import type { PgPool } from './pool';
import { sqlSafe } from './sqlText';

/** A person's mentions to cite and distinct roles. */
export type PersonCitations = Pick<PersonRecord, 'mentions' | 'roles'>;

interface RecordRow {
  key: string;
  kind: 'role' | 'plain' | 'distinct';
  aid: string;
  id: string;
  s: number;
  e: number;
  role: string | null;
  file_path: string;
  file_pos: number;
  idx: number;
}

/**
 * Per person: the first mention of each article with a role (at most `max` articles), the first without one
 * (at most `max`: of those, only articles with no role mention are cited, and at most as many as the role rows
 * are skipped, so `max` rows always hold the `max − roles` needed), and the distinct roles from the summary.
 */
const RECORDS_SQL = `
  WITH q AS (SELECT DISTINCT unnest($1::text[]) AS key)
  SELECT q.key, m.kind, m.aid, coalesce(m.id, a.id) AS id, m.s, m.e, m.role, m.file_path, m.file_pos, m.idx
  FROM q CROSS JOIN LATERAL (
    -- First mention with a role in each article, articles in corpus order.
    (SELECT 'role' AS kind, x.aid, x.start_offset AS s, x.end_offset AS e, x.role, x.file_path, x.file_pos, x.idx, NULL::text AS id FROM (
       SELECT DISTINCT ON (pm.file_path, pm.file_pos) pm.* FROM person_mentions pm
       WHERE pm.key = q.key AND pm.role IS NOT NULL
         -- Only people with a role at all (the summary knows): the mentions index holds no role, so finding none
         -- read every mention of the person ("Texaco", 10,100 at 1M: 3 ms).
         AND EXISTS (SELECT 1 FROM person_roles r WHERE r.key = q.key)
       ORDER BY pm.file_path, pm.file_pos, pm.idx) x
     ORDER BY x.file_path, x.file_pos LIMIT $2)
    UNION ALL
    -- First mention without one in each article.
    (SELECT 'plain', x.aid, x.start_offset, x.end_offset, x.role, x.file_path, x.file_pos, x.idx, NULL::text FROM (
       SELECT DISTINCT ON (pm.file_path, pm.file_pos) pm.* FROM person_mentions pm
       WHERE pm.key = q.key AND pm.role IS NULL ORDER BY pm.file_path, pm.file_pos, pm.idx) x
     ORDER BY x.file_path, x.file_pos LIMIT $2)
    UNION ALL
    -- Each distinct role where it first stands, in corpus order: the people summary holds it (reading
    -- every role mention of a person named 42,450 times at 1M took seconds).
    (SELECT 'distinct', NULL::bigint, r.role_start, r.role_end, r.role, r.first_path, r.first_pos, r.first_idx, r.article_id
     FROM person_roles r WHERE r.key = q.key ORDER BY r.first_path, r.first_pos, r.first_idx LIMIT $3)
  ) m LEFT JOIN articles a ON a.aid = m.aid`;

function byPlace(a: RecordRow, b: RecordRow): number {
  return a.file_path !== b.file_path ? (a.file_path < b.file_path ? -1 : 1) : a.file_pos - b.file_pos || a.idx - b.idx;
}

/** Mentions to cite and distinct roles of some people (by name key), one statement for all. */
export async function personRecords(pool: PgPool, keys: readonly string[], maxCitations: number): Promise<Map<string, PersonCitations>> {
  const out = new Map<string, PersonCitations>();
  if (keys.length === 0) return out;
  const max = Math.max(0, Math.floor(maxCitations));
  const rows = await pool.query<RecordRow>(RECORDS_SQL, [keys.map(sqlSafe), max, MAX_ROLES_LISTED]);
  // Rows by person, once (a story look-up returns ~3,000 rows for 20 people).
  const byKey = new Map<string, RecordRow[]>();
  for (const r of rows) {
    const list = byKey.get(r.key);
    if (list) list.push(r);
    else byKey.set(r.key, [r]);
  }
  for (const key of keys) {
    const mine = (byKey.get(sqlSafe(key)) ?? []).sort(byPlace);
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
