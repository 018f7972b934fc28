import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildCorpusIndex, type CorpusIndex } from '../../server/src/engine/api';
import { buildTokenIndex, withPostings } from '../../server/src/engine/index/tokenIndex';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { sampleCorpusDir } from '../helpers';

let index: CorpusIndex;

before(async () => {
  ({ index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir])));
});

test('search finds the sentence with every query word, cited at its line in the file', async () => {
  const hits = (await index.search('Lankov Kookmin'));
  assert.ok(hits.length >= 2);
  for (const h of hits.slice(0, 2)) {
    assert.match(h.text, /^Andrei Lankov, a professor at Kookmin University/);
    const line = readFileSync(h.path, 'utf8').split('\n')[h.range.start.line];
    assert.equal(line.slice(h.range.start.character, h.range.start.character + h.text.length), h.text);
    assert.ok(h.terms.includes('lankov') && h.terms.includes('kookmin'), h.terms.join());
    assert.ok(h.score > 0);
  }
  assert.ok(hits.every((h, i) => i === 0 || hits[i - 1].score >= h.score), 'best first');
});

test('search allows a near spelling and a word prefix', async () => {
  const fuzzy = (await index.search('Lankow Kookmin'));
  assert.match(fuzzy[0]?.text ?? '', /Andrei Lankov/);
  const prefix = (await index.search('Kookm'));
  assert.ok(prefix.length >= 2);
  assert.ok(prefix.every((h) => /Kookmin/.test(h.text)));
});

test('search falls back to any word when no sentence has them all; empty and limited queries', async () => {
  const hits = (await index.search('Lankov xylophonist'));
  assert.ok(hits.length > 0 && hits.every((h) => /Lankov/.test(h.text)));
  assert.deepEqual((await index.search('   ')), []);
  assert.deepEqual((await index.search('qqqzzzvvv')), []);
  assert.equal((await index.search('Trump', { limit: 3 })).length, 3);
});

test('the token index: postings ascending, each position holds its word, and a stream rebuilds the same postings', async () => {
  const texts = ['The talks stalled. The talks resumed!', '', 'Kim Jong-un met the U.S. envoy; talks.'];
  const t = buildTokenIndex(texts);
  assert.deepEqual([...t.articleFirstToken], [0, 6, 6, 13]);
  for (let w = 0; w < t.words.length; w++) {
    const list = t.postings.subarray(t.postingStart[w], t.postingStart[w + 1]);
    for (let k = 0; k < list.length; k++) {
      assert.equal(t.tokenWord[list[k]], w);
      if (k > 0) assert.ok(list[k - 1] < list[k]);
    }
  }
  const talks = t.vocabulary.get('talks')!;
  assert.deepEqual([...t.postings.subarray(t.postingStart[talks], t.postingStart[talks + 1])], [1, 4, 12]);
  assert.equal(texts[2].slice(t.tokenStart[10], t.tokenEnd[10]), 'U.S');
  const again = withPostings({ words: t.words, tokenWord: t.tokenWord, tokenStart: t.tokenStart, tokenEnd: t.tokenEnd, articleFirstToken: t.articleFirstToken });
  assert.deepEqual(again.postings, t.postings);
  assert.deepEqual(again.postingStart, t.postingStart);
  assert.deepEqual(again.vocabulary, t.vocabulary);
});
