/**
 * The title look-up ranks a post's holders once and answers every asker
 * from that ranking (issue 13: a first check asking about "chairman" summed
 * hundreds of filed roles per person asked about). An answer is the ranking
 * without the person asked about, cut to the holder limit: the same answer
 * as summing the post's roles without theirs. Our own articles in
 * tests/fixtures/titles/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CorpusIndexBuilder, type CorpusIndex } from '../../server/src/engine/api';
import { repoRoot } from '../helpers';

const FIXTURES = path.join(repoRoot, 'tests', 'fixtures', 'titles');

function corpus(): CorpusIndex {
  const builder = new CorpusIndexBuilder();
  for (const f of ['politics-2015.md', 'politics-2016.md', 'sport-2004.md', 'wire-1987.md']) builder.setFile(path.join(FIXTURES, f), fs.readFileSync(path.join(FIXTURES, f)));
  return builder.build();
}

test('everyone asked about one post is answered from one ranking, without the person asked about', async () => {
  const index = corpus();
  const role = 'Senate Minority Leader';
  const [stranger, dana, harold, haroldOne] = [
    ...(await index.findPostHolders([{ role }, { role, person: 'Dana Whitcombe' }, { role, person: 'Harold Bexley' }], { maxHolders: 8 })),
    ...(await index.findPostHolders([{ role, person: 'Harold Bexley' }], { maxHolders: 1 })),
  ];
  assert.deepEqual(stranger.holders.map((h) => h.name), ['Harold Bexley', 'Arthur Quill']);
  assert.deepEqual(dana.holders.map((h) => h.name), ['Harold Bexley', 'Arthur Quill']);
  // Harold's own roles are not a holder's: the ranking without him, then the limit.
  assert.deepEqual(harold.holders.map((h) => h.name), ['Arthur Quill']);
  assert.deepEqual(haroldOne.holders.map((h) => h.name), ['Arthur Quill']);
  // One ranking: the same (frozen) holder in every answer, not one summed per asker.
  const quill = (a: typeof dana) => a.holders.find((h) => h.name === 'Arthur Quill');
  assert.ok(quill(dana) && quill(dana) === quill(harold) && quill(harold) === quill(stranger), 'the holders are shared between askers');
  assert.ok(Object.isFrozen(quill(dana)));
});

test('a post spelled another way with the same keys shares its ranking; another post has its own', async () => {
  const index = corpus();
  const [upper, lower, other] = await index.findPostHolders(
    [{ role: 'Senate Minority Leader', person: 'Dana Whitcombe' }, { role: 'the Senate minority leader', person: 'Lena Ostrow' }, { role: 'former CIA director', person: 'Dana Whitcombe' }],
    { maxHolders: 8 },
  );
  assert.deepEqual(lower.holders.map((h) => h.name), upper.holders.map((h) => h.name));
  assert.equal(lower.holders[0], upper.holders[0]);
  assert.deepEqual(other.holders.map((h) => h.name), ['Martin Calloway']);
  assert.ok(!other.holders.some((h) => upper.holders.includes(h)), 'another post is ranked apart');
});

test('a holder limit that is not a positive number keeps no holder, as before', async () => {
  const index = corpus();
  for (const maxHolders of [0, -3, Number.NaN]) {
    const [a] = await index.findPostHolders([{ role: 'Senate Minority Leader', person: 'Dana Whitcombe' }], { maxHolders });
    assert.deepEqual(a.holders, [], String(maxHolders));
  }
});
