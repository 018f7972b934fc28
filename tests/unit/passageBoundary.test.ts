/**
 * The corpus's token stream runs on from one article into the next, so a
 * run of words can start at the end of one article and end at the start of
 * the next. Such a run is in no article: a quotation or a phrase matched
 * there would cite a passage whose end lies before its start, in another
 * article (found by the PostgreSQL walk tests, which never match it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTokenIndex } from '../../server/src/engine/index/tokenIndex';
import { findExactPassages } from '../../server/src/engine/index/passages';
import { tokenize } from '../../server/src/engine/text/tokens';

const texts = ['The minister said she wanted it', 'The plan failed in March, officials said.', 'She wanted it. The plan was hers.'];

test('a run across two articles is not a passage', () => {
  const index = buildTokenIndex(texts.slice(0, 2));
  assert.deepEqual(findExactPassages(index, [{ tokens: tokenize('wanted it the plan') }]), []);
  // Each article's own words still match.
  assert.equal(findExactPassages(index, [{ tokens: tokenize('she wanted it') }]).length, 1);
  assert.equal(findExactPassages(index, [{ tokens: tokenize('the plan failed') }]).length, 1);
});

test('the same words inside one article are found, and only there', () => {
  const index = buildTokenIndex(texts);
  const hits = findExactPassages(index, [{ tokens: tokenize('wanted it the plan') }]);
  assert.equal(hits.length, 1);
  assert.equal(hits[0].article, 2);
  assert.ok(hits[0].firstToken < hits[0].endToken);
  assert.ok(hits[0].firstToken >= index.articleFirstToken[2] && hits[0].endToken <= index.articleFirstToken[3]);
});
