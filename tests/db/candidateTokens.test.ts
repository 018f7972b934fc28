/**
 * A candidate index's tokens are laid down from each text's tokens made
 * once, and copies of a text (wire copy; the bench's ×50 corpus) take the
 * first copy's word ids instead of looking each word up again. The result
 * must be exactly the engine's own token index of the same texts, in the
 * same order: ids, positions, postings. Runs without PostgreSQL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCorpusFile, toArticleRecord } from '../../server/src/engine/api';
import { buildTokenIndex } from '../../server/src/engine/index/tokenIndex';
import { tokenIndexOf, type LoadedArticle } from '../../server/src/host/pg/candidateArticles';

const TEXTS = [
  '# Rates\n\nThe central bank said on Tuesday it would "keep rates on hold" until prices settle.\n',
  '# Harvest\n\nFarmers expect a smaller wheat harvest, the ministry said.\n',
  '# Rates again\n\nPrices settle slowly, the bank said; rates stay on hold.\n',
];

function article(aid: number, text: string): LoadedArticle {
  const record = toArticleRecord(parseCorpusFile(`/corpus/${aid}.md`, new TextEncoder().encode(text)).articles[0]);
  return { aid, tid: aid, filePath: `/corpus/${aid}.md`, filePos: 0, record };
}

/** The parts of a token index the engine reads. */
function plain(t: ReturnType<typeof buildTokenIndex>): unknown {
  return {
    words: t.words,
    tokenWord: [...t.tokenWord],
    tokenStart: [...t.tokenStart],
    tokenEnd: [...t.tokenEnd],
    articleFirstToken: [...t.articleFirstToken],
    postingStart: [...t.postingStart],
    postings: [...t.postings],
    vocabulary: [...t.vocabulary],
  };
}

test('copies interleaved with other texts give the engine token index of the same texts', () => {
  // Copies of text 0 before, between and after the others; text 2 shares words with text 0.
  const order = [0, 1, 0, 2, 0, 1, 2, 0];
  const articles = order.map((k, i) => article(i + 1, TEXTS[k]));
  const built = tokenIndexOf(articles);
  const expected = buildTokenIndex(articles.map((a) => a.record.text));
  assert.deepEqual(plain(built), plain(expected));
  assert.ok(built.tokenWord.length > 8 * 8, 'the texts have words');
});
