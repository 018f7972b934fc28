/**
 * The sentence search is made on the first search (issue 13, the warm
 * start): only the search command asks it, so opening an index (where every
 * derived table is on the path to the first diagnostics) and checking a
 * draft do not make it; a search then answers as before.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { buildCorpusIndex, checkDraft } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { repoRoot, sampleCorpusDir } from '../helpers';

test('the sentence search is made by the first search, not by building the index or checking a draft', async () => {
  const { index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]));
  const made = () => (index as unknown as { sentenceSearchMade?: unknown }).sentenceSearchMade !== undefined;
  assert.equal(made(), false, 'not made with the index');
  await checkDraft(readFileSync(path.join(repoRoot, 'examples', 'draft.md'), 'utf8'), index);
  assert.equal(made(), false, 'a check does not make it');
  const hits = await index.search('Lankov Kookmin', { limit: 5 });
  assert.equal(made(), true, 'the first search makes it');
  assert.ok(hits.length > 0 && hits.every((h) => h.terms.length > 0), 'and it answers');
  // The same answers from an index whose search was made at once (another build of the same files).
  const { index: other } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]));
  await other.search('x', { limit: 1 });
  assert.deepEqual(await other.search('Lankov Kookmin', { limit: 5 }), hits);
});
