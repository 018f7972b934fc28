/**
 * The store's article cache tells every look-up statement which articles it
 * holds (their texts are not sent again) as one array literal, made once
 * while the held set stays the same. A literal that missed an article would
 * only cost a resend, but one naming an evicted article would make a
 * statement withhold a text the store no longer has: the literal must follow
 * every arrival, eviction and clear. Runs without PostgreSQL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCorpusFile, toArticleRecord } from '../../server/src/engine/api';
import { ArticleCache, type LoadedArticle } from '../../server/src/host/pg/candidateArticles';

const record = toArticleRecord(parseCorpusFile('/corpus/a.md', new TextEncoder().encode('# A\n\nSome text.\n')).articles[0]);

function article(aid: number, tid = aid): LoadedArticle {
  return { aid, tid, filePath: '/corpus/a.md', filePos: aid, record };
}

/** The aids a literal names, sorted. */
function named(literal: string): number[] {
  assert.match(literal, /^\{(\d+(,\d+)*)?\}$/);
  const inner = literal.slice(1, -1);
  return inner === '' ? [] : inner.split(',').map(Number).sort((a, b) => a - b);
}

test('the held literal names exactly the articles held, through arrivals, evictions and a clear', () => {
  const cache = new ArticleCache(3);
  assert.deepEqual(named(cache.heldAids()), []);
  cache.put(article(1));
  cache.put(article(2));
  assert.deepEqual(named(cache.heldAids()), [1, 2]);
  // Read again and re-put: the set is the same.
  cache.get(1);
  cache.put(article(2));
  assert.deepEqual(named(cache.heldAids()), [1, 2]);
  cache.put(article(3));
  assert.deepEqual(named(cache.heldAids()), [1, 2, 3]);
  // Over capacity: the least recently used goes (recency 1, 2, 3: 2 was put again after 1 was read).
  cache.put(article(4));
  assert.deepEqual(named(cache.heldAids()), [2, 3, 4]);
  assert.equal(cache.get(1), undefined);
  cache.clear();
  assert.deepEqual(named(cache.heldAids()), []);
  cache.put(article(5));
  assert.deepEqual(named(cache.heldAids()), [5]);
});

test('the held texts literal names exactly the texts held (by tid), through copies, evictions and a clear', () => {
  const cache = new ArticleCache(10, 2);
  assert.deepEqual(named(cache.heldTids()), []);
  // Two copies of text 7 and one of text 8: each text held once.
  cache.put(article(1, 7));
  cache.put(article(2, 7));
  cache.put(article(3, 8));
  assert.deepEqual(named(cache.heldTids()), [7, 8]);
  assert.equal(cache.text(7), record.text);
  // Over the texts' capacity: the least recently used text goes (7 was read last, so 8).
  cache.put(article(4, 9));
  assert.deepEqual(named(cache.heldTids()), [7, 9]);
  assert.equal(cache.text(8), undefined);
  cache.clear();
  assert.deepEqual(named(cache.heldTids()), []);
  assert.equal(cache.text(7), undefined);
});
