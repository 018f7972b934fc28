/**
 * The near-spelling name search (issue 13): `NearTermTable` finds the same
 * terms, distances and order as MiniSearch's radix-tree walk, so the fuzzy
 * name searches of a look-up rank the same people and every answer stays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, type CorpusIndex } from '../../server/src/engine/api';
import { NearTermTable, useNearTermTable } from '../../server/src/engine/index/nearTerms';
import { buildPeopleTable } from '../../server/src/engine/index/peopleTable';
import { lookUpPerson, NAME_FUZZY, SURNAME_FUZZY_EDITS } from '../../server/src/engine/index/personLookup';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { scratchDir, seededRandom, sharedDataDir } from '../helpers';

interface Walked {
  _tree: Map<string, unknown>;
  keys(): IterableIterator<string>;
  fuzzyGet(term: string, d: number): Map<string, [unknown, number]>;
}

/** The radix tree's own walk, whatever is installed on the instance. */
function walk(index: Walked, term: string, d: number): Map<string, [unknown, number]> {
  return (Object.getPrototypeOf(index) as Walked).fuzzyGet.call(index, term, d);
}

/** Misspellings of a word: a letter dropped, doubled, changed, two swapped, one added at the end. */
function misspellings(word: string, rand: () => number): string[] {
  const at = Math.floor(rand() * word.length);
  const other = String.fromCharCode(97 + Math.floor(rand() * 26));
  return [
    word.slice(0, at) + word.slice(at + 1),
    word.slice(0, at) + word[at] + word.slice(at),
    word.slice(0, at) + other + word.slice(at + 1),
    at + 1 < word.length ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word + other,
    word + other + other,
  ].filter((w) => w.length > 0);
}

async function indexOf(lines: string[]): Promise<CorpusIndex> {
  const file = path.join(scratchDir('factcheck-near-'), 'people.jsonl');
  writeFileSync(file, lines.join('\n'));
  return (await buildCorpusIndex(createFsCorpusSource([file]))).index;
}

/** A corpus naming many people (some alike: Jon/John, Smyth/Smith), each with a title. */
function generatedPeople(): string[] {
  const first = ['John', 'Jon', 'Joan', 'Paul', 'Pauline', 'Maria', 'Mario', 'Hyun-woo', 'Zoë', 'Aleksander', 'Alexander', 'Kim'];
  const last = ['Smith', 'Smyth', 'Ryan', 'Rayne', 'Quartermaine', 'Ostrowska', 'Ostrowski', 'Lee', 'Li', 'Schwarzenegger', 'Netanyahu', "O'Neill"];
  const lines: string[] = [];
  let n = 0;
  for (const f of first) for (const l of last) lines.push(JSON.stringify({ id: `p${n++}`, text: `${f} ${l}, the minister of finance, said the budget would pass. ${f} ${l} told reporters so on Monday.` }));
  return lines;
}

async function assertSameAsWalk(index: CorpusIndex, names: string[], step = 1): Promise<number> {
  const fuzzy = index.people.fuzzy as unknown as { _index: Walked };
  const table = new NearTermTable(fuzzy._index._tree);
  const rand = seededRandom(5);
  let compared = 0;
  const terms = [...fuzzy._index.keys()].filter((_, i) => i % step === 0);
  for (const term of terms) {
    for (const query of [term, ...misspellings(term, rand)]) {
      for (const d of [1, 2, 3, 4]) {
        const expected = [...walk(fuzzy._index, query, d)].map(([t, [data, dist]]) => [t, data, dist]);
        const got = [...table.fuzzyGet(query, d)].map(([t, [data, dist]]) => [t, data, dist]);
        assert.deepEqual(got, expected, `"${query}" within ${d}`);
        compared++;
      }
    }
  }
  // The searches a look-up makes, and the look-ups themselves, before and after the table is used.
  const search = (q: string) => [
    index.people.fuzzy.search(q, { fuzzy: NAME_FUZZY, combineWith: 'OR' }),
    index.people.fuzzy.search(q, { fuzzy: SURNAME_FUZZY_EDITS }),
    index.people.fuzzy.search(q, { fuzzy: (t) => (t.length >= 4 ? SURNAME_FUZZY_EDITS : false), combineWith: 'AND' }),
  ];
  const walking = walkingLookUp(index);
  const before = names.map((n) => ({ hits: search(n.toLowerCase()), match: walking(n) }));
  useNearTermTable(index.people.fuzzy);
  const after = names.map((n) => ({ hits: search(n.toLowerCase()), match: lookUpPerson(index.people, n) }));
  assert.deepEqual(after, before, 'the same hits, scores and answers');
  return compared;
}

/** Look-ups on a fresh people table of the same articles whose MiniSearch keeps walking its own tree. */
function walkingLookUp(index: CorpusIndex): (name: string) => unknown {
  const fresh = buildPeopleTable(index.articles);
  const walkOnly = fresh.fuzzy as unknown as { _index: Walked };
  // Pinned on the instance, so lookUpPerson cannot install the table on it.
  const own = (term: string, d: number) => walk(walkOnly._index, term, d);
  Object.defineProperty(walkOnly._index, 'fuzzyGet', { value: own, writable: false });
  return (name) => lookUpPerson(fresh, name);
}

test('near terms: the same terms, distances and order as the radix walk; the same look-up answers', async () => {
  const index = await indexOf(generatedPeople());
  const rand = seededRandom(11);
  const names = ['John Smith', 'Jon Smyth', 'Jhon Smiht', 'Paul Rayn', 'Pual Ryan', 'Maria Ostrowski', 'Aleksandr Schwarzeneger', 'Kim Lee', 'Hyunwoo Li', 'Zoe Netanyahoo', "Joan O'Neil", 'Mario Quartermain'];
  for (const n of [...names]) names.push(...misspellings(n, rand));
  const compared = await assertSameAsWalk(index, names);
  assert.ok(compared > 500, `${compared} queries compared`);
});

test('near terms on Reuters-21578 people (first 1 MB)', { skip: !existsSync(path.join(sharedDataDir, 'reuters21578')) && 'shared data absent' }, async () => {
  const all = readFileSync(path.join(sharedDataDir, 'reuters21578', 'reuters21578.jsonl'));
  const index = await indexOf([all.subarray(0, all.indexOf(10, 1024 * 1024)).toString('utf8')]);
  const rand = seededRandom(3);
  const names = index.people.fuzzy.documentCount > 0 ? [...new Set(index.articles.flatMap((a) => a.people.map((p) => p.fullName)))].slice(0, 150) : [];
  assert.ok(names.length > 50, 'Reuters names people');
  const asked = names.flatMap((n) => [n, ...misspellings(n, rand).slice(0, 2)]);
  // Every 20th term of the index with its misspellings (the walk at 4 edits is slow), and 450 names.
  await assertSameAsWalk(index, asked, 20);
});

test('near terms: the table hands its count to the map (no second walk to size it); a changed map is walked again', async () => {
  const index = await indexOf(generatedPeople());
  const fuzzy = index.people.fuzzy as unknown as { _index: Walked & { _size?: number; size: number } };
  const terms = [...fuzzy._index.keys()].length;
  assert.equal(fuzzy._index._size, undefined, 'not counted yet');
  useNearTermTable(index.people.fuzzy);
  assert.equal(fuzzy._index._size, terms, 'the count the walk would make');
  assert.equal(fuzzy._index.size, terms);
  // A term added afterwards clears the count: the map's own walk answers, and finds it.
  index.people.fuzzy.add({ id: 'zzyzx', name: 'Zzyzx Qwertyuiop' });
  assert.equal(fuzzy._index._size, undefined);
  assert.deepEqual([...fuzzy._index.fuzzyGet('zzyzy', 1).keys()], ['zzyzx']);
  assert.equal(fuzzy._index.size, terms + 2);
});
