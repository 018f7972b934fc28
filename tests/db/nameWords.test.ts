/**
 * The store's table of name words (`host/pg/nameWords.ts`) finds exactly the
 * words within an edit distance of a term: against a brute-force Levenshtein
 * distance over code points (no database needed), and against the SQL it
 * replaced (`levenshtein_less_equal` on `name_words`) on an ingested corpus.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { createPgPool, ingest, type PgPool } from '../../server/src/host/pg';
import { HeldNameWords, NameWordTable, readNameWords, ServerNameWords } from '../../server/src/host/pg/nameWords';
import { candidatePeopleTable, lookUpCandidate } from '../../server/src/host/pg/peopleLookup';
import { seededRandom } from '../helpers';
import { makeCorpusFolder } from './corpusFixture';
import { createTestDatabase, HOW_TO_RUN, type TestDatabase } from './pgTestDatabase';

/** Levenshtein distance over code points, the plain way. */
function distance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let row = Array.from({ length: y.length + 1 }, (_, k) => k);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let k = 1; k <= y.length; k++) next[k] = Math.min(next[k - 1] + 1, row[k] + 1, row[k - 1] + (x[i - 1] === y[k - 1] ? 0 : 1));
    row = next;
  }
  return row[y.length];
}

/** A word with a few random edits (letters from `alphabet`). */
function edited(word: string, edits: number, alphabet: readonly string[], random: () => number): string {
  const w = Array.from(word);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (w.length + 1));
    const ch = alphabet[Math.floor(random() * alphabet.length)];
    const kind = Math.floor(random() * 3);
    if (kind === 0) w.splice(at, 0, ch);
    else if (kind === 1 && w.length > 0) w.splice(Math.min(at, w.length - 1), 1);
    else if (w.length > 0) w[Math.min(at, w.length - 1)] = ch;
  }
  return w.join('');
}

test('the name-word table finds exactly the words within the distance (code points, not UTF-16 units)', () => {
  const random = seededRandom(7);
  // Letters beyond ASCII, one outside the BMP (two UTF-16 units, one code point), and words that are prefixes of others;
  // letters whose code points share their low 5 bits (the table's letter masks: 'a'/'A', 'b'/'ł').
  const alphabet = ['a', 'A', 'b', 'c', 'd', 'e', 'é', 'ö', 'ł', '𝒜'];
  const words = new Set<string>(['', 'a', 'ab', 'abc', 'abcd']);
  while (words.size < 400) words.add(Array.from({ length: 1 + Math.floor(random() * 9) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
  const table = new NameWordTable(words);
  assert.equal(table.size, words.size);
  const list = [...words];
  for (let n = 0; n < 300; n++) {
    const term = edited(list[Math.floor(random() * list.length)], Math.floor(random() * 4), alphabet, random);
    const d = Math.floor(random() * 5);
    const want = list.filter((w) => distance(w, term) <= d).sort();
    assert.deepEqual(table.near(term, d).sort(), want, `${term} within ${d}`);
  }
  assert.deepEqual(table.near('𝒜', 0), words.has('𝒜') ? ['𝒜'] : []);
  assert.deepEqual(table.near('abc', -1), []);
});

test('a term asked again is answered from memory, per distance', async () => {
  const held = new HeldNameWords(new NameWordTable(['smith', 'smyth', 'smithe', 'jones']));
  const [first, wider] = await held.nearAll([{ term: 'smith', d: 1 }, { term: 'smith', d: 2 }]);
  assert.deepEqual([...first].sort(), ['smith', 'smithe', 'smyth']);
  assert.deepEqual([...wider].sort(), ['smith', 'smithe', 'smyth']);
  const [again, other] = await held.nearAll([{ term: 'smith', d: 1 }, { term: 'jone', d: 1 }]);
  // The same list, not a new search (an editor re-checks the same names at every edit); frozen, as it is handed out again.
  assert.equal(again, first);
  assert.ok(Object.isFrozen(again));
  assert.deepEqual(other, ['jones']);
});

let db: TestDatabase | undefined;
let pool: PgPool;
let dir: string;

before(async () => {
  db = await createTestDatabase('namewords');
  if (!db) return;
  dir = makeCorpusFolder().dir;
  pool = createPgPool(db.url, { statementTimeoutMs: 60_000 });
  await ingest(pool, createFsCorpusSource([dir]));
});

after(async () => {
  await pool?.end();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the table of a corpus's name words, and the server past the held limit, answer as levenshtein_less_equal on the table", async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  const held = await readNameWords(pool);
  const words = (await pool.query<{ word: string }>('SELECT word FROM name_words ORDER BY word')).map((r) => r.word);
  assert.ok(words.length > 200, `the corpus names people (${words.length} words)`);
  assert.ok(held instanceof HeldNameWords, 'a small corpus\'s name words are held');
  assert.equal(held.table.size, words.length);
  // Past the limit, the words stay on the server.
  const server = await readNameWords(pool, words.length - 1);
  assert.ok(server instanceof ServerNameWords, 'more words than the limit are searched on the server');
  assert.ok((await readNameWords(pool, words.length)) instanceof HeldNameWords, 'exactly the limit is held');
  const random = seededRandom(14);
  const alphabet = [...new Set(words.join(''))];
  const terms: Array<{ term: string; d: number }> = [];
  for (let n = 0; n < 150; n++) {
    const w = words[Math.floor(random() * words.length)];
    terms.push({ term: edited(w, Math.floor(random() * 4), alphabet, random), d: 1 + Math.floor(random() * 3) });
  }
  const rows = await pool.query<{ i: number; words: string[] | null }>(
    `SELECT t.i, (SELECT array_agg(nw.word ORDER BY nw.word) FROM name_words nw WHERE levenshtein_less_equal(nw.word, t.term, t.d) <= t.d) AS words
     FROM json_to_recordset($1::json) AS t(i int, term text, d int) ORDER BY t.i`,
    [JSON.stringify(terms.map((x, i) => ({ i, ...x })))],
  );
  // Sorted as the database sorts the column (COLLATE "C": by bytes, which is code point order in UTF-8).
  const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
  const fromHeld = await held.nearAll(terms);
  const fromServer = await server.nearAll(terms);
  let found = 0;
  for (const r of rows) {
    const { term, d } = terms[r.i];
    const want = r.words ?? [];
    found += want.length;
    assert.deepEqual([...fromHeld[r.i]].sort(byBytes), want, `held: ${term} within ${d}`);
    assert.deepEqual([...fromServer[r.i]].sort(byBytes), want, `server: ${term} within ${d}`);
  }
  assert.ok(found > terms.length, `near words are found (${found})`);
});

test('people look-ups answer the same with the name words held or left on the server', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  const held = await readNameWords(pool);
  const server = new ServerNameWords(pool);
  const people = (await pool.query<{ name: string }>('SELECT name FROM people ORDER BY key')).map((r) => r.name);
  assert.ok(people.length > 50, `the corpus names people (${people.length})`);
  const random = seededRandom(21);
  const alphabet = [...new Set(people.join('').replace(/\s/g, ''))];
  // Each person's name, and a misspelling of it (one or two edits in its last word).
  const names = people.flatMap((name) => {
    const words = name.split(' ');
    words[words.length - 1] = edited(words[words.length - 1], 1 + Math.floor(random() * 2), alphabet, random);
    return [name, words.join(' ')];
  });
  const a = await candidatePeopleTable(pool, names, held);
  const b = await candidatePeopleTable(pool, names, server);
  let matched = 0;
  names.forEach((name) => {
    const x = lookUpCandidate(a, name);
    const y = lookUpCandidate(b, name);
    assert.deepEqual(y?.entry.key, x?.entry.key, name);
    assert.equal(y?.kind, x?.kind, name);
    assert.equal(y?.wide, x?.wide, name);
    if (x) matched++;
  });
  assert.ok(matched > people.length, `most names are found (${matched} of ${names.length})`);
});
