/**
 * The fuzzy index of every spelling the corpus uses is made on the first
 * name look-up, not with the index (issue 13, warm load): it was a fifth of
 * loading a cached corpus, and the corpus worker's warm-up asks a look-up
 * right after handing the index out. The answers are those of an index
 * whose fuzzy index was made first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCorpusIndex, type CorpusIndex } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { sampleCorpusDir } from '../helpers';

/** Whether the people table's fuzzy index is still to be made (a getter, not yet a value). */
const fuzzyPending = (index: CorpusIndex): boolean => Object.getOwnPropertyDescriptor(index.people, 'fuzzy')?.get !== undefined;

test('the fuzzy name index is made on the first look-up, with the same answers', async () => {
  const lazy = (await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]))).index;
  const eager = (await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]))).index;
  assert.ok(fuzzyPending(lazy), 'not made with the index');
  void eager.people.fuzzy;
  assert.ok(!fuzzyPending(eager), 'made once asked, and kept');
  const names = [...new Set(lazy.articles.flatMap((a) => a.people.map((p) => p.fullName)))].slice(0, 12);
  assert.ok(names.length >= 4, `${names.length} names in the sample corpus`);
  // Near spellings (last letter doubled, a letter dropped) take the fuzzy path.
  const asked = [...names, ...names.map((n) => `${n}${n.slice(-1)}`), ...names.map((n) => n.slice(0, -2) + n.slice(-1)), 'Nobody Atall'];
  assert.ok(fuzzyPending(lazy), 'still not made before a look-up');
  assert.deepEqual(await lazy.knowsPeople(asked), await eager.knowsPeople(asked));
  assert.ok(!fuzzyPending(lazy), 'made by the first look-up');
  assert.deepEqual(JSON.stringify(await lazy.findPeople(asked, { maxCitations: 3 })), JSON.stringify(await eager.findPeople(asked, { maxCitations: 3 })));
});
