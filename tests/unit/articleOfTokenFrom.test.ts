/**
 * The forward search a postings walk uses to find a token's article
 * (engine/index/tokenIndex.ts, issue 13): it must give what the plain binary
 * search gives, from any article at or before the token, empty articles
 * included (they share their first token with the next one).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleOfToken, articleOfTokenFrom, buildTokenIndex } from '../../server/src/engine/index/tokenIndex';

test('articleOfTokenFrom agrees with articleOfToken from every article at or before the token', () => {
  const texts = ['One two three.', '', 'Four.', '', '', 'Five six seven eight nine.', 'Ten', '', 'Eleven twelve.'];
  const index = buildTokenIndex(texts);
  const total = index.tokenWord.length;
  assert.equal(total, 12);
  for (let pos = 0; pos < total; pos++) {
    const expected = articleOfToken(index, pos);
    assert.ok(texts[expected].length > 0, `token ${pos} lies in a non-empty article`);
    for (let from = 0; from < texts.length && index.articleFirstToken[from] <= pos; from++) {
      assert.equal(articleOfTokenFrom(index, pos, from), expected, `token ${pos} from article ${from}`);
    }
  }
});
