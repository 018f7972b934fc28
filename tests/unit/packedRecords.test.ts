/**
 * Issue 13 (peak memory ≤ 500 MB at 100,000 articles), session 8: loaded and
 * worker-built records keep their sentences and mentions packed (the
 * section's integers, read into objects on demand), and the date table
 * keeps places, not mention objects. What a caller reads must be exactly
 * what the records held as objects: the same lists, fields, shapes and
 * plain JSON, and the same dates by event.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildCorpusIndex, type ArticleRecord, type CorpusIndex, type DatedMention } from '../../server/src/engine/api';
import { decodeRecordChunk, encodeRecordChunk } from '../../server/src/engine/cache/binaryRecords';
import { PackedRecord } from '../../server/src/engine/cache/packedRecords';
import { IndexCacheError } from '../../server/src/engine/cache/indexCacheError';
import { buildDateTable, datesByEvent } from '../../server/src/engine/index/dateTable';
import { eventMatchKeys } from '../../server/src/engine/extract/eventWords';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { fixturesDir, sampleCorpusDir, seededRandom } from '../helpers';

let index: CorpusIndex;
let records: ArticleRecord[];
let packed: ArticleRecord[];

before(async () => {
  ({ index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir, path.join(fixturesDir, 'transcripts'), path.join(fixturesDir, 'corpus')])));
  records = [...index.articles];
  // A section holds one file's records (the path is the file's, not stored).
  const paths = [...new Set(records.map((r) => r.path))];
  packed = paths.flatMap((p) => decodeRecordChunk(encodeRecordChunk(records.filter((r) => r.path === p)), p));
  records = paths.flatMap((p) => records.filter((r) => r.path === p));
});

test('packed records hold no sentence or mention objects, and read them back exactly as extracted', () => {
  assert.ok(records.some((r) => r.transcript) && records.some((r) => r.quotes.some((q) => q.speaker?.span)), 'the corpus exercises transcripts and speakers');
  assert.equal(packed.length, records.length);
  packed.forEach((r, i) => {
    const original = records[i];
    assert.ok(r instanceof PackedRecord, 'a decoded record is packed');
    // The lists are not held by the record: made when read.
    for (const list of ['sentences', 'quotes', 'people', 'dates']) assert.ok(!Object.prototype.hasOwnProperty.call(r, list), `${r.id}: ${list} held as objects`);
    assert.deepEqual([r.sentences, r.quotes, r.people, r.dates], [original.sentences, original.quotes, original.people, original.dates], r.id);
    // The same fields in the same order (what crosses a worker); a quotation's cue comes before its speaker and a date value's
    // fields come year, month, day, as loading always gave them. The plain form (JSON) holds the same record.
    assert.equal(JSON.stringify([r.sentences, r.people]), JSON.stringify([original.sentences, original.people]), r.id);
    assert.deepEqual(JSON.parse(JSON.stringify(r)), JSON.parse(JSON.stringify(original)), r.id);
    assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(r))), Object.keys(original), r.id);
  });
});

test('one article read in turn decodes each list once; another article in between gives equal new lists', () => {
  const [a, b] = packed.filter((r) => r.dates.length > 0 && r.people.length > 0);
  const sentences = a.sentences;
  const dates = a.dates;
  assert.equal(a.sentences, sentences, 'the last article read is remembered');
  assert.equal(a.dates, dates);
  void b.dates;
  assert.notEqual(a.dates, dates);
  assert.deepEqual(a.dates, dates);
  assert.deepEqual(a.sentences, sentences);
});

test('the date table keeps places and hands out the dates the object table held', () => {
  for (const articles of [records, packed]) {
    const table = buildDateTable(articles);
    assert.ok(!Array.isArray(table.entries), 'no mention objects held');
    // The table as it was: every date with an event word, in corpus order.
    const expected: DatedMention[] = articles.flatMap((art) => art.dates.filter((d) => d.eventWords.length > 0).map((mention) => ({ ref: { articleId: art.id, span: mention.span }, mention })));
    assert.ok(expected.length >= 10, `the corpus dates events (${expected.length})`);
    assert.equal(table.entries.length, expected.length);
    for (let i = 0; i < expected.length; i++) {
      const got = table.entries.at(i);
      assert.deepEqual(got, expected[i]);
      assert.equal(got.ref.span, got.mention.span, 'the reference shares the mention\'s span');
    }
    for (const d of expected.slice(0, 40)) {
      const keys = eventMatchKeys(d.mention.eventWords);
      assert.deepEqual(datesByEvent(table, keys, 25), datesByEvent(buildDateTable(records), keys, 25));
    }
  }
});

test('a damaged section that decodes reads every list without a failure (the load checked them all)', () => {
  const section = encodeRecordChunk(records);
  const words = section.length >> 2;
  const random = seededRandom(29);
  let decoded = 0;
  for (let n = 0; n < 300; n++) {
    const bad = section.slice();
    const view = new Uint32Array(bad.buffer, 0, words);
    const at = 1 + Math.floor(random() * (words - 1));
    view[at] = [0, 1, view[at] + 1, view[at] - 1, Math.floor(random() * 2 ** 16)][n % 5];
    let back: ArticleRecord[];
    try {
      back = decodeRecordChunk(bad, 'f');
    } catch (e) {
      assert.ok(e instanceof IndexCacheError, String(e));
      continue;
    }
    decoded++;
    for (const r of back) {
      for (const s of r.sentences) assert.ok(s.start <= s.end && s.end <= r.text.length);
      for (const q of r.quotes) assert.ok(q.span.end <= r.text.length && q.outerSpan.end <= r.text.length);
      for (const p of r.people) assert.ok(p.span.end <= r.text.length && (!p.role || p.role.span.end <= r.text.length));
      for (const d of r.dates) assert.ok(d.span.end <= r.text.length && Array.isArray(d.eventWords));
    }
  }
  assert.ok(decoded > 10, `some damaged sections still decode (${decoded})`);
});
