/**
 * The people summary (schema v5, `host/pg/personSummary.ts`) is kept by
 * ingestion: after an article is added, changed (its date, then its role
 * mention) and removed, the kept tables equal the same tables recomputed
 * from every mention, and the title look-up answers as an in-memory index
 * of the files as they are then. The steps move a role's first place into a
 * new file and out of it again, and its earliest and latest dates.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, type PostQuery } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { createPgPool, ingest, PgCorpusStore, type PgPool } from '../../server/src/host/pg';
import { RECOMPUTED_PERSON_DATES_SQL, RECOMPUTED_PERSON_ROLE_DATES_SQL, RECOMPUTED_PERSON_ROLES_SQL } from '../../server/src/host/pg/personSummary';
import { makeCorpusFolder } from './corpusFixture';
import { createTestDatabase, HOW_TO_RUN, type TestDatabase } from './pgTestDatabase';

let db: TestDatabase | undefined;
let pool: PgPool;
let dir: string;

before(async () => {
  db = await createTestDatabase('person_summary');
  if (!db) return;
  dir = makeCorpusFolder({ polnear: false }).dir;
  pool = createPgPool(db.url, { statementTimeoutMs: 60_000 });
});

after(async () => {
  await pool?.end();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The kept summary and the recomputed one, each in one order. */
async function summaries(): Promise<{ kept: unknown; recomputed: unknown }> {
  const read = async (roles: string, roleDates: string, dates: string): Promise<unknown> => ({
    roles: await pool.query(`SELECT key, role, mentions::int, first_path, first_pos, first_idx, article_id, role_start, role_end FROM (${roles}) x ORDER BY key, role`),
    roleDates: await pool.query(`SELECT key, role, date, mentions::int FROM (${roleDates}) x ORDER BY key, role, date`),
    dates: await pool.query(`SELECT key, date, mentions::int FROM (${dates}) x ORDER BY key, date`),
  });
  return {
    kept: await read('SELECT * FROM person_roles', 'SELECT * FROM person_role_dates', 'SELECT * FROM person_dates'),
    recomputed: await read(RECOMPUTED_PERSON_ROLES_SQL, RECOMPUTED_PERSON_ROLE_DATES_SQL, RECOMPUTED_PERSON_DATES_SQL),
  };
}

/** Ingests the folder as it is; the summary must equal its recomputation and answer titles as the in-memory index does. */
async function ingestAndCompare(step: string): Promise<void> {
  await ingest(pool, createFsCorpusSource([dir]), { prune: true });
  const { kept, recomputed } = await summaries();
  assert.deepEqual(kept, recomputed, `${step}: the kept summary equals a recomputation`);
  const { index } = await buildCorpusIndex(createFsCorpusSource([dir]));
  const people = index.articles.flatMap((a) => a.people.filter((p) => p.role).map((p) => ({ role: p.role!.text, person: p.fullName })));
  const seen = new Set<string>();
  const queries: PostQuery[] = people.filter((q) => !seen.has(q.role) && seen.add(q.role));
  const asked = [...queries, ...queries.map((q) => ({ role: q.role })), { role: 'Foreign Minister', person: 'Cho Tae-yul' }];
  const store = await PgCorpusStore.open(pool);
  const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
  assert.deepEqual(plain(await store.findPostHolders(asked, { maxHolders: 8 })), plain(await index.findPostHolders(asked, { maxHolders: 8 })), `${step}: titles answer alike`);
}

/** Cho Tae-yul's "Foreign Minister" row and its date range, as kept. */
async function foreignMinister(): Promise<{ path?: string; mentions?: number; first?: string; last?: string }> {
  const [r] = await pool.query<{ first_path: string; mentions: string }>(`SELECT first_path, mentions FROM person_roles WHERE role = 'Foreign Minister'`);
  const [d] = await pool.query<{ first: string | null; last: string | null }>(`SELECT min(date) AS first, max(date) AS last FROM person_role_dates WHERE role = 'Foreign Minister'`);
  return { path: r ? path.basename(r.first_path) : undefined, mentions: r ? Number(r.mentions) : undefined, first: d?.first ?? undefined, last: d?.last ?? undefined };
}

const EARLY = (date: string, body: string): string => `---\ntitle: "Talks"\ndate: ${date}\n---\n# Talks\n\n${body}\n`;

test('ingestion keeps the people summary equal to a recomputation through add, change and removal', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  await ingestAndCompare('first ingestion');
  const start = await foreignMinister();
  assert.equal(start.path, 'fixture-article.md', 'the fixture gives Cho Tae-yul his title');

  // Added: a file sorting first, dated earlier, takes the role's first place and earliest date.
  const early = path.join(dir, '0-early.md');
  writeFileSync(early, EARLY('2001-01-01', 'Foreign Minister Cho Tae-yul said on Monday that the talks would resume.'));
  await ingestAndCompare('added');
  const added = await foreignMinister();
  assert.equal(added.path, '0-early.md');
  assert.equal(added.mentions, start.mentions! + 1);
  assert.ok(added.first! < start.first!, 'the earliest date moved');

  // Changed: the same mention, dated later: the 2001 date goes, the latest date moves.
  writeFileSync(early, EARLY('2030-01-01', 'Foreign Minister Cho Tae-yul said on Monday that the talks would resume.'));
  await ingestAndCompare('changed date');
  const redated = await foreignMinister();
  assert.equal(redated.path, '0-early.md');
  assert.equal(redated.first, start.first);
  assert.ok(redated.last! > start.last!, 'the latest date moved');

  // Changed again: the mention loses its title, so the first place goes back to the fixture.
  writeFileSync(early, EARLY('2030-01-01', 'Cho Tae-yul said on Monday that the talks would resume.'));
  await ingestAndCompare('changed role');
  assert.deepEqual(await foreignMinister(), start);

  // Removed (pruned): the fixture's roles and dates go with it.
  rmSync(path.join(dir, 'fixture-article.md'));
  await ingestAndCompare('removed');
  assert.equal((await foreignMinister()).mentions, undefined, 'no mention gives the title any more');
});
