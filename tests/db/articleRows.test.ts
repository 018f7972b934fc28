/**
 * An article's record as the PostgreSQL store keeps it (JSON in
 * `articles.record`) and reads it back: the engine's sentences are compact
 * objects whose source positions are getters, and an extraction worker sends
 * them as a structured clone (fields kept, getters lost). Stored either way,
 * the record read back must cite as the in-memory one does (each sentence's
 * `from` / `to`). Runs without PostgreSQL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCorpusFile, toArticleRecord, type ArticleRecord } from '../../server/src/engine/api';
import { plainSentence, recordFromRow, toArticleRows } from '../../server/src/host/pg/articleRows';

const MARKDOWN = '# A title\n\nThe minister said on Monday that "we will act soon".\nShe left.\n\nA second paragraph, on line five.\n';

function record(): ArticleRecord {
  const parsed = parseCorpusFile('/corpus/a.md', new TextEncoder().encode(MARKDOWN));
  return toArticleRecord(parsed.articles[0]);
}

/** What the store writes and reads: the JSON of the stored record, parsed again. */
function roundTrip(r: ArticleRecord): ArticleRecord {
  const rows = toArticleRows(r, 0);
  return recordFromRow(rows.article.text, JSON.parse(JSON.stringify(rows.article.record)));
}

test('a record read back has each sentence with its source positions', () => {
  const r = record();
  assert.ok(r.sentences.length >= 3);
  const back = roundTrip(r);
  assert.deepEqual(
    back.sentences.map((s) => ({ start: s.start, end: s.end, from: s.from, to: s.to })),
    r.sentences.map((s) => ({ start: s.start, end: s.end, from: s.from, to: s.to })),
  );
  assert.ok(back.sentences.some((s) => s.from.line > 0), 'positions are real lines, not a default');
});

test('a record that crossed a thread (a structured clone of its sentences) is stored with their positions', () => {
  const r = record();
  // What postMessage does to a class instance: own fields kept, prototype (and its getters) lost.
  const cloned = structuredClone(r) as ArticleRecord;
  assert.equal(cloned.sentences[0].from, undefined, 'the clone has no positions of its own');
  const back = roundTrip(cloned);
  assert.deepEqual(
    back.sentences.map((s) => [s.from, s.to]),
    r.sentences.map((s) => [s.from, s.to]),
  );
});

test('a record stored by a store without the fix (coordinates only) is read back with positions', () => {
  const r = record();
  const rows = toArticleRows(r, 0);
  const stored = JSON.parse(JSON.stringify(rows.article.record));
  stored.sentences = r.sentences.map((s) => ({ start: s.start, end: s.end, fromLine: s.from.line, fromCharacter: s.from.character, toLine: s.to.line, toCharacter: s.to.character }));
  const back = recordFromRow(rows.article.text, stored);
  assert.deepEqual(
    back.sentences.map((s) => [s.from, s.to]),
    r.sentences.map((s) => [s.from, s.to]),
  );
  assert.deepEqual(plainSentence(back.sentences[0]), back.sentences[0]);
});
