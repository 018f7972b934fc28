import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, DraftChecker, type CorpusIndex } from '../../server/src/engine/api';
import { BoundedMemo, RecentMemo } from '../../server/src/engine/text/recentMemo';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { repoRoot, sampleCorpusDir } from '../helpers';

let index: CorpusIndex;
let draft: string;

before(async () => {
  ({ index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir])));
  draft = readFileSync(path.join(repoRoot, 'examples', 'draft.md'), 'utf8');
});

test('RecentMemo forgets what a generation did not use, and keeps what it did', () => {
  const memo = new RecentMemo<number>();
  memo.set('a', 1);
  memo.set('b', 2);
  memo.nextGeneration();
  assert.equal(memo.get('a'), 1, 'carried from the previous generation');
  memo.nextGeneration();
  assert.equal(memo.get('a'), 1, 'used in the last one: still there');
  assert.equal(memo.get('b'), undefined, 'unused for a generation: forgotten');
  assert.equal(memo.size, 1);
});

test('BoundedMemo holds at most two generations of writes, and keeps what is still being read', () => {
  const memo = new BoundedMemo<number>(10);
  for (let i = 0; i < 1000; i++) {
    memo.set(`k${i}`, i);
    assert.equal(memo.get('kept') ?? (memo.set('kept', -1), -1), -1);
    assert.ok(memo.size <= 2 * 10 + 1, `size ${memo.size} after ${i + 1} writes`);
  }
  assert.equal(memo.get('k999'), 999, 'the latest write is held');
  assert.equal(memo.get('k0'), undefined, 'an old write nobody read is gone');
  assert.equal(memo.get('kept'), -1, 'read every write: never dropped');
});

test('a checker edited many times remembers about what the document holds, not its history', async () => {
  const checker = new DraftChecker(index);
  await checker.check(draft);
  await checker.check(draft + ' ');
  const settled = checker.memoSize();
  // 300 edits, each a new quotation and a new name: the history grows, the document does not.
  for (let i = 0; i < 300; i++) {
    await checker.check(`${draft}\n\nJohn Smith${i} said, "We expect the number ${i} to hold through the winter months."\n`);
  }
  assert.ok(checker.memoSize() <= settled + 20, `memo ${checker.memoSize()} entries after 300 edits (${settled} at the start)`);
});
