/**
 * The people look-ups on PostgreSQL (`host/pg/peopleAnswers.ts`,
 * `peopleLookup.ts`, `personRecords.ts`): each name asked alone (its people
 * table then holds only its own candidates) answers as the in-memory index;
 * a batch shares one table; answers are remembered until the corpus version
 * changes, and then asked again.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, DEFAULT_MAX_EVIDENCE, type CorpusIndex } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { createPgPool, ingest, PgCorpusStore, type PgPool } from '../../server/src/host/pg';
import { corpusWideNameSearch, nameFieldLength, serialisedNameSearch } from '../../server/src/host/pg/nameSearchStats';
import { readNameWords } from '../../server/src/host/pg/nameWords';
import { CandidateMemo, candidatePeopleTable, lookUpCandidate } from '../../server/src/host/pg/peopleLookup';
import { makeCorpusFolder } from './corpusFixture';
import { createTestDatabase, HOW_TO_RUN, type TestDatabase } from './pgTestDatabase';

let db: TestDatabase | undefined;
let pool: PgPool;
let corpusDir: string;
let index: CorpusIndex;

before(async () => {
  db = await createTestDatabase('people');
  if (!db) return;
  // The sample corpus, fixtures and PolNeAR articles when present (people named in many articles); the last test
  // adds an article and ingests again.
  corpusDir = makeCorpusFolder().dir;
  pool = createPgPool(db.url, { statementTimeoutMs: 60_000 });
  const source = createFsCorpusSource([corpusDir]);
  await ingest(pool, source);
  index = (await buildCorpusIndex(source)).index;
});

after(async () => {
  await pool?.end();
  await db?.drop();
  if (corpusDir) rmSync(corpusDir, { recursive: true, force: true });
});

/** A pool that counts its statements (and keeps their text). */
function countingPool(inner: PgPool): PgPool & { statements: number; texts: string[] } {
  const counted = {
    ...inner,
    pool: inner.pool,
    statements: 0,
    texts: [] as string[],
    async query(sql: string, params?: readonly unknown[]) {
      counted.statements++;
      counted.texts.push(sql);
      return inner.query(sql, params);
    },
  };
  return counted as PgPool & { statements: number; texts: string[] };
}

test("the fuzzy name search scores with the corpus's statistics, set on the index as its serialised form sets them", () => {
  const people = ['Donald Trump', 'Donald Tusk', 'Melania Trump', 'Ivanka Trump', 'Don Trumpet', 'Bernie Sanders', 'Sarah Sanders'].map((name) => ({ key: name.toLowerCase(), spellings: [name] }));
  // A corpus of 9,000 people whose names average 2.4 pieces: other scores than the 7 people's own.
  const stats = { people: 9_000, fieldLengthSum: 21_600 };
  const direct = corpusWideNameSearch(people, stats);
  const serialised = serialisedNameSearch(corpusWideNameSearch(people, undefined), stats);
  const local = corpusWideNameSearch(people, undefined);
  for (const query of ['Donald Trmp', 'Trump', 'Sanders', 'Tusk Donald']) {
    const options = { fuzzy: 0.34, combineWith: 'OR' as const };
    assert.deepEqual(direct.search(query, options), serialised.search(query, options), query);
    assert.notDeepEqual(direct.search(query, options).map((h) => h.score), local.search(query, options).map((h) => h.score), `${query}: the corpus's statistics change the scores`);
  }
  assert.equal(nameFieldLength(['Donald J. Trump', 'Donald Trump']), 3);
});

/** The corpus's names, and a misspelling of each (two letters of the surname swapped). */
function namesAndMisspellings(count: number): string[] {
  const names = [...new Set(index.articles.flatMap((a) => a.people.map((p) => p.fullName)))].slice(0, count);
  return [...names, ...names.filter((n) => n.length > 5).map((n) => n.slice(0, -3) + n[n.length - 2] + n[n.length - 3] + n[n.length - 1])];
}

test('each name asked alone answers as the in-memory index (a table of its own candidates only)', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  const names = namesAndMisspellings(120);
  let found = 0;
  for (const name of names) {
    // A store per name: nothing remembered from another name's look-up.
    const store = await PgCorpusStore.open(pool);
    const theirs = await store.findPeople([name], { maxCitations: DEFAULT_MAX_EVIDENCE });
    const mine = await index.findPeople([name], { maxCitations: DEFAULT_MAX_EVIDENCE });
    assert.deepEqual(JSON.parse(JSON.stringify(theirs)), JSON.parse(JSON.stringify(mine)), name);
    assert.deepEqual(await store.knowsPeople([name]), await index.knowsPeople([name]), `knows ${name}`);
    if (mine[0]) found++;
  }
  assert.ok(found > names.length / 2, `most names are found (${found} of ${names.length})`);
});

test('one table answers a batch; its fuzzy index is built only when a name needs a near spelling', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  const names = namesAndMisspellings(40).slice(0, 40);
  const table = await candidatePeopleTable(pool, names, await readNameWords(pool));
  const built = (): boolean => Object.getOwnPropertyDescriptor(table, 'fuzzy')?.get === undefined;
  // Names as the corpus writes them are found by key: no fuzzy index (MiniSearch over every candidate) is made.
  for (const name of names) {
    const mine = (await index.findPeople([name], { maxCitations: 1 }))[0];
    assert.equal(lookUpCandidate(table, name)?.entry.name, mine?.person.name, name);
  }
  assert.equal(built(), false, 'names found as written build no fuzzy index');
  const misspelt = namesAndMisspellings(40).slice(-10);
  const more = await candidatePeopleTable(pool, misspelt, await readNameWords(pool));
  for (const name of misspelt) lookUpCandidate(more, name);
  assert.equal(Object.getOwnPropertyDescriptor(more, 'fuzzy')?.get, undefined, 'a misspelt name builds it');
});

test('candidates learned for one batch are not asked again for the next (same corpus version)', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  const counted = countingPool(pool);
  const memo = new CandidateMemo();
  const words = await readNameWords(pool);
  const names = namesAndMisspellings(60);
  const first = await candidatePeopleTable(counted, names, words, undefined, memo);
  assert.ok(counted.statements >= 2, 'who the names reach, then the people');
  const before = counted.statements;
  // The same names again, and half of them: everything is known.
  const again = await candidatePeopleTable(counted, [...names.slice(0, 30), ...names], words, undefined, memo);
  assert.equal(counted.statements, before, 'nothing asked again');
  assert.deepEqual([...again.byKey.keys()].sort(), [...first.byKey.keys()].sort());
  assert.deepEqual([...again.byToken.keys()].sort(), [...first.byToken.keys()].sort());
  // A fresh memo asks again and finds the same table.
  const fresh = await candidatePeopleTable(counted, names, words);
  assert.ok(counted.statements > before);
  assert.deepEqual([...fresh.byKey.keys()], [...first.byKey.keys()], 'the same people, in corpus order');
});

test('a person cited with many mentions: roles first, one per article, as in memory (the story look-up)', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  const store = await PgCorpusStore.open(pool);
  const names = namesAndMisspellings(400);
  for (const max of [1, 2, 200]) {
    const theirs = await store.findPeople(names, { maxCitations: max });
    const mine = await index.findPeople(names, { maxCitations: max });
    assert.deepEqual(JSON.parse(JSON.stringify(theirs)), JSON.parse(JSON.stringify(mine)), `maxCitations ${max}`);
  }
  const cited = (await index.findPeople(names, { maxCitations: 200 })).map((m) => m?.person.mentions.length ?? 0);
  assert.ok(Math.max(...cited) > 2, `some person is cited in several articles (${Math.max(...cited)})`);
});

test('title look-ups: a post asked before is not searched again for another person; answers stay the in-memory index\'s', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  const counted = countingPool(pool);
  const store = await PgCorpusStore.open(counted);
  const titled = index.articles.flatMap((a) => a.people.filter((p) => p.role).map((p) => ({ role: p.role!.text, person: p.fullName })));
  const roles = [...new Set(titled.map((q) => q.role))].slice(0, 20);
  const people = [...new Set(titled.map((q) => q.person))].slice(0, 40);
  assert.ok(roles.length === 20 && people.length === 40, 'the corpus gives titles');
  const options = { maxHolders: 3 };
  const first = roles.map((role, i) => ({ role, person: people[i] }));
  // The same posts for other people (and for nobody).
  const second = roles.map((role, i) => (i % 4 === 3 ? { role } : { role, person: people[20 + i] }));
  for (const queries of [first, second]) {
    counted.texts.length = 0;
    const theirs = await store.findPostHolders(queries, options);
    assert.deepEqual(JSON.parse(JSON.stringify(theirs)), JSON.parse(JSON.stringify(await index.findPostHolders(queries, options))));
  }
  // The second batch: the people's own roles by key, no search of the role words.
  assert.ok(counted.texts.length > 0, 'new people are looked up');
  assert.ok(counted.texts.every((sql) => !sql.includes("to_tsvector('simple', r.role)")), 'no post is searched again');
});

test('answers are remembered per corpus version: asked again, no statement; after an ingestion, asked anew', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  const counted = countingPool(pool);
  const store = await PgCorpusStore.open(counted);
  const names = [...namesAndMisspellings(30), 'Zebulon Quaxworth'];
  const first = await store.findPeople(names, { maxCitations: DEFAULT_MAX_EVIDENCE });
  const knows = await store.knowsPeople(names);
  assert.ok(counted.statements > 0);
  assert.equal(first[first.length - 1], undefined, 'nobody of that name yet');
  const before = counted.statements;
  const again = await store.findPeople([...names].reverse(), { maxCitations: DEFAULT_MAX_EVIDENCE });
  assert.deepEqual(again, [...first].reverse());
  assert.equal(again[again.length - 1], first[0], 'the same answer, handed out again');
  assert.ok(first.every((m) => m === undefined || Object.isFrozen(m.person.mentions)), 'remembered answers are frozen');
  assert.deepEqual(await store.knowsPeople(names), knows);
  assert.equal(counted.statements, before, 'asked again: answered from memory');
  // Another citation count is another answer.
  const one = await store.findPeople(names, { maxCitations: 1 });
  assert.ok(counted.statements > before, 'another citation count is looked up');
  assert.ok(one.every((m) => m === undefined || m.person.mentions.length <= 1));
  // An ingestion bumps the corpus version: the store's next look-ups ask the database again.
  writeFileSync(path.join(corpusDir, 'zz-new-person.md'), '# Port talks\n\nThe port reopened on Monday, said Zebulon Quaxworth, a spokesman for the harbour board.\n');
  await ingest(pool, createFsCorpusSource([corpusDir]));
  assert.equal(await store.refresh(), true, 'the corpus changed');
  const after = await store.findPeople(names, { maxCitations: DEFAULT_MAX_EVIDENCE });
  assert.equal(after[after.length - 1]?.person.name, 'Zebulon Quaxworth', 'the new person is found after the ingestion');
  assert.equal((await store.knowsPeople(['Zebulon Quaxworth']))[0], true);
  const fresh = (await buildCorpusIndex(createFsCorpusSource([corpusDir]))).index;
  assert.deepEqual(JSON.parse(JSON.stringify(after)), JSON.parse(JSON.stringify(await fresh.findPeople(names, { maxCitations: DEFAULT_MAX_EVIDENCE }))));
});
