/**
 * The index's compact in-memory forms (issue 13, memory): sentences as one
 * `Sentence` object each, token offsets in 16 bits when every article is
 * shorter than 65,536 characters (32 bits otherwise, cache format 6), and
 * cached dates sharing their calendar values. Each keeps the answers, the
 * citations and the JSON of the plain forms.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, decodeIndexCache, decodeIndexCacheSections, encodeIndexCache, IndexCacheError, INDEX_FORMAT_VERSION, parseIndexCacheHeader, readIndexCacheFooter, type ArticleRecord } from '../../server/src/engine/api';
import { decodeRecordChunk, encodeRecordChunk } from '../../server/src/engine/cache/binaryRecords';
import { plainRecord } from '../../server/src/engine/cache/packedRecords';
import { Sentence } from '../../server/src/engine/index/articleRecord';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { sampleCorpusDir, scratchDir } from '../helpers';

async function indexOf(roots: string[]) {
  const { index, builder } = await buildCorpusIndex(createFsCorpusSource(roots));
  const paths = builder.paths();
  const manifest = { formatVersion: INDEX_FORMAT_VERSION, engineVersion: 't', files: paths.map((p) => ({ path: p, size: 1, hash: 'h', warnings: [] })), createdAt: 'now' };
  return { index, builder, paths, bytes: encodeIndexCache(manifest, (p) => builder.recordsOf(p), index.tokens) };
}

test('sentences are compact Sentence objects, with the same positions and JSON as the plain form, built or cached', async () => {
  const { index, paths, bytes } = await indexOf([sampleCorpusDir]);
  const decoded = decodeIndexCache(bytes);
  let n = 0;
  for (const records of [index.articles, paths.flatMap((p) => decoded.records.get(p)!)]) {
    for (const a of records) {
      for (const s of a.sentences) {
        assert.ok(s instanceof Sentence);
        assert.deepEqual(s.from, { line: s.fromLine, character: s.fromCharacter });
        assert.deepEqual(s.to, { line: s.toLine, character: s.toCharacter });
        assert.deepEqual(JSON.parse(JSON.stringify(s)), { start: s.start, end: s.end, from: s.from, to: s.to });
        n++;
      }
    }
  }
  assert.ok(n > 50, `${n} sentences`);
  // A citation carries the sentence's place in the file, as before.
  const a = index.articles.findIndex((r) => r.sentences.length > 1);
  const s = index.articles[a].sentences[1];
  assert.deepEqual(index.evidenceForSentence(a, 1).range, { start: s.from, end: s.to });
});

/** A JSON Lines corpus of `articles` in a folder of its own. */
function jsonlCorpus(articles: Array<{ id: string; text: string }>): string {
  const dir = scratchDir('factcheck-compact-');
  const file = path.join(dir, 'articles.jsonl');
  writeFileSync(file, articles.map((a) => JSON.stringify(a)).join('\n'));
  return file;
}

const QUOTE = 'the harbour will stay open to every ship that asks for shelter this winter';

function longText(chars: number): string {
  const filler = 'Officials reviewed the shipping figures for the quarter and found them steady. ';
  let text = '';
  while (text.length < chars) text += filler;
  // The quotation lies beyond offset 65,536: found only if its offsets are kept whole.
  return `${text}The mayor said: "${QUOTE}," before leaving.`;
}

test('token offsets are 16-bit under 65,536 characters an article, 32-bit beyond, and both round-trip through the cache', async () => {
  const short = await indexOf([jsonlCorpus([{ id: 'a', text: `The mayor said: "${QUOTE}," before leaving.` }])]);
  assert.ok(short.index.tokens.tokenStart instanceof Uint16Array && short.index.tokens.tokenEnd instanceof Uint16Array);
  const long = await indexOf([jsonlCorpus([{ id: 'a', text: 'A short one.' }, { id: 'b', text: longText(70_000) }])]);
  assert.ok(long.index.tokens.tokenStart instanceof Uint32Array && long.index.tokens.tokenEnd instanceof Uint32Array);
  assert.ok(Math.max(...long.index.tokens.tokenEnd) > 0xffff);
  const draft = `The mayor said "${QUOTE}".`;
  for (const { index, builder, paths, bytes } of [short, long]) {
    const decoded = decodeIndexCache(bytes);
    assert.equal(decoded.tokens!.tokenStart.constructor, index.tokens.tokenStart.constructor);
    assert.deepEqual(decoded.tokens!.tokenStart, index.tokens.tokenStart);
    assert.deepEqual(decoded.tokens!.tokenEnd, index.tokens.tokenEnd);
    for (const p of paths) builder.setRecords(p, decoded.records.get(p)!);
    const restored = builder.buildWithTokens(decoded.tokens!);
    const found = await checkDraft(draft, restored, { includeVerified: true });
    assert.ok(found.some((f) => f.code === 'quote-verified'), 'the quotation is found verbatim');
    assert.deepEqual(found, await checkDraft(draft, index, { includeVerified: true }));
  }
});

test('a token offset section that matches neither width is refused', async () => {
  const { bytes } = await indexOf([sampleCorpusDir]);
  const where = readIndexCacheFooter(bytes.subarray(bytes.length - 16), bytes.length);
  const header = parseIndexCacheHeader(bytes.subarray(where.offset, where.offset + where.length), bytes.length);
  for (const name of ['tokenStart', 'tokenEnd']) {
    const read = (x: { name: string; offset: number; length: number }) => bytes.slice(x.offset, x.offset + x.length - (x.name === name ? 2 : 0));
    assert.throws(() => decodeIndexCacheSections(header, read), (e: unknown) => e instanceof IndexCacheError && /does not match the token count/.test(e.message), name);
  }
});

test('cached dates share one frozen calendar value per value, and dates without event words one frozen empty list', () => {
  const text = 'On 5 May 2020 and again on 5 May 2020, then in 2021.';
  const record: ArticleRecord = {
    id: 'd',
    path: 'x.jsonl',
    meta: {},
    text,
    sentences: [new Sentence(0, text.length, 0, 0, 0, text.length)],
    quotes: [],
    people: [],
    dates: [
      { text: '5 May 2020', span: { start: 3, end: 13 }, value: { year: 2020, month: 5, day: 5 }, eventWords: [] },
      { text: '5 May 2020', span: { start: 27, end: 37 }, value: { year: 2020, month: 5, day: 5 }, eventWords: ['vote'] },
      { text: '2021', span: { start: 47, end: 51 }, value: { year: 2021 }, eventWords: [] },
    ],
  };
  const [back] = decodeRecordChunk(encodeRecordChunk([record]), 'x.jsonl');
  assert.deepEqual(plainRecord(back), record);
  const [d0, d1, d2] = back.dates;
  assert.equal(d0.value, d1.value, 'one object for one value');
  assert.notEqual(d0.value, d2.value);
  assert.ok(Object.isFrozen(d0.value) && Object.isFrozen(d0.eventWords));
  assert.equal(d0.eventWords, d2.eventWords);
  assert.deepEqual(d1.eventWords, ['vote']);
});
