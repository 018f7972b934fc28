/**
 * The warm open's cache load (issue 13, session 7): the file store reads
 * what it decodes into scratch buffers it reuses, the cache holds the token
 * postings (format 7) so a load does not sort the corpus's tokens again, and
 * the corpus is hashed while the cache loads. Each must give exactly what a
 * cold build gives, and a cache that fails authentication or does not fit
 * must still be refused with a message and rebuilt.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  buildCorpusIndex,
  checkDraft,
  CorpusIndexBuilder,
  decodeIndexCache,
  encodeIndexCacheParts,
  INDEX_FORMAT_VERSION,
  withPostings,
  type DecodedIndexCache,
} from '../../server/src/engine/api';
import { postingsFit, type TokenStream } from '../../server/src/engine/index/tokenIndex';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { cacheFileFor, readIndexCacheFile, writeIndexCacheFile } from '../../server/src/host/fsIndexCache';
import { openFsCorpus, type OpenFsCorpusOptions } from '../../server/src/host/openFsCorpus';
import { sampleCorpusCopy, sampleCorpusDir, scratchDir } from '../helpers';

/** The token stream of a token index (what a cache stores without postings). */
function streamOf(t: TokenStream): TokenStream {
  return { words: t.words, tokenWord: t.tokenWord, tokenStart: t.tokenStart, tokenEnd: t.tokenEnd, articleFirstToken: t.articleFirstToken };
}

test('the file store gives back exactly what was saved, through scratch buffers reused section after section, at any read size', async () => {
  // The sample articles twice over, under other names: four files, four records sections (the two scratch buffers take turns).
  const dir = scratchDir('factcheck-warmload-');
  const corpus = path.join(dir, 'corpus');
  mkdirSync(corpus);
  for (const name of readdirSync(sampleCorpusDir)) for (const copy of ['a', 'b']) copyFileSync(path.join(sampleCorpusDir, name), path.join(corpus, `${copy}-${name}`));
  const { index, builder } = await buildCorpusIndex(createFsCorpusSource([corpus]));
  const files = builder.paths().map((p) => ({ path: p, size: 1, hash: 'h', warnings: [] }));
  assert.ok(files.length >= 4);
  const manifest = { formatVersion: INDEX_FORMAT_VERSION, engineVersion: 'b', files, createdAt: 'now' };
  const file = path.join(dir, 'cache', 'x.fcidx');
  await writeIndexCacheFile(file, encodeIndexCacheParts(manifest, (p) => builder.recordsOf(p), index.tokens));
  const whole: DecodedIndexCache = decodeIndexCache(readFileSync(file).subarray(32));
  assert.ok(whole.postings, 'the postings are saved with the tokens');
  // 64 bytes: every section is read in many pieces and the scratch buffers are read into over and over; a
  // decoder that kept a view of its bytes would see them overwritten by a later section.
  for (const chunkBytes of [undefined, 64, 4099]) {
    const loaded = await readIndexCacheFile(file, 'b', chunkBytes);
    assert.deepEqual(loaded, whole, `read ${chunkBytes ?? 'default'} bytes at a time`);
  }
  // What is kept (the token arrays, the postings) has a buffer of its own: nothing else rides along.
  const loaded = (await readIndexCacheFile(file, 'b', 64))!;
  for (const arr of [loaded.tokens!.tokenWord, loaded.tokens!.tokenStart, loaded.postings!.postings]) assert.equal(arr.byteLength, arr.buffer.byteLength);
});

test('saved postings are the ones a cold build sorts, and a warm open uses them as they are', async () => {
  const s = sampleCorpusCopy('factcheck-warmload-');
  try {
    const opts: OpenFsCorpusOptions = { cacheDir: path.join(s.root, 'cache'), buildId: 'b' };
    const cold = await openFsCorpus([s.corpus], opts);
    const warm = await openFsCorpus([s.corpus], opts);
    assert.equal(warm.cache.status, 'hit');
    const computed = withPostings(streamOf(warm.index.tokens));
    assert.deepEqual(warm.index.tokens.postings, computed.postings);
    assert.deepEqual(warm.index.tokens.postingStart, computed.postingStart);
    assert.deepEqual(warm.index.tokens.postings, cold.index.tokens.postings);
    const cached = (await readIndexCacheFile(cacheFileFor(opts.cacheDir!, [s.corpus]), 'b'))!;
    const builder = new CorpusIndexBuilder();
    for (const [p, records] of cached.records) builder.setRecords(p, records);
    const index = builder.buildIfTokensFit(cached.tokens!, cached.postings)!;
    assert.equal(index.tokens.postings, cached.postings!.postings, 'used, not sorted again');
  } finally {
    s.done();
  }
});

test('postings are checked against their stream: out of range, out of order or miscounted, they do not fit', async () => {
  const { index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]));
  const stream = streamOf(index.tokens);
  const good = { postingStart: index.tokens.postingStart, postings: index.tokens.postings };
  assert.equal(postingsFit(stream, good), true);
  // The first word with two postings: its list swapped is out of order.
  const w = [...Array(stream.words.length).keys()].find((i) => good.postingStart[i + 1] - good.postingStart[i] >= 2)!;
  const swapped = good.postings.slice();
  const j = good.postingStart[w];
  [swapped[j], swapped[j + 1]] = [swapped[j + 1], swapped[j]];
  const outside = good.postings.slice();
  outside[j] = stream.tokenWord.length;
  const starts = good.postingStart.slice();
  starts[starts.length - 1]--;
  for (const [what, p] of [
    ['out of order', { ...good, postings: swapped }],
    ['outside the stream', { ...good, postings: outside }],
    ['miscounted', { ...good, postingStart: starts }],
    ['too short', { ...good, postings: good.postings.subarray(1) }],
  ] as const) {
    assert.equal(postingsFit(stream, p), false, what);
  }
});

test('a cache whose postings do not fit is reported, not used, and saved again', async () => {
  const s = sampleCorpusCopy('factcheck-warmload-');
  try {
    const opts: OpenFsCorpusOptions = { cacheDir: path.join(s.root, 'cache'), buildId: 'b' };
    const cold = await openFsCorpus([s.corpus], opts);
    const cacheFile = cacheFileFor(opts.cacheDir!, [s.corpus]);
    const cache = decodeIndexCache(readFileSync(cacheFile).subarray(32));
    // Written with the installation's key (what a bug in the writer could do): authenticated, yet wrong.
    const postings = cache.postings!.postings.slice().reverse();
    await writeIndexCacheFile(cacheFile, encodeIndexCacheParts(cache.manifest, (p) => cache.records.get(p), { ...cache.tokens!, postingStart: cache.postings!.postingStart, postings }));
    const messages: string[] = [];
    const r = await openFsCorpus([s.corpus], { ...opts, onMessage: (m) => messages.push(m) });
    assert.match(messages.join('\n'), /do not fit the texts; tokenising again/);
    assert.deepEqual(r.index.tokens.postings, cold.index.tokens.postings);
    assert.equal(r.cache.saved, true);
    const again: string[] = [];
    assert.equal((await openFsCorpus([s.corpus], { ...opts, onMessage: (m) => again.push(m) })).cache.status, 'hit');
    assert.deepEqual(again, []);
  } finally {
    s.done();
  }
});

test('a JSON Lines corpus hashed while its cache loads: a hit when unchanged; refused with a message and rebuilt when the cache is damaged', async () => {
  const dir = scratchDir('factcheck-warmload-jsonl-');
  const corpus = path.join(dir, 'wire.jsonl');
  const lines = [
    { id: 'a1', title: 'Talks resume', date: '2024-03-02', text: 'Finance minister Maria Lopez said on Monday, "We will not raise taxes this year." The talks resume in April.' },
    { id: 'a2', title: 'Harbour sale', date: '2024-03-05', text: 'Port director John Smith said the harbour would not be sold. "The harbour belongs to the city," Smith said.' },
  ];
  writeFileSync(corpus, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const opts: OpenFsCorpusOptions = { cacheDir: path.join(dir, 'cache'), buildId: 'b' };
  const draft = 'Maria Lopez said, "We will not raise taxes this year."';
  const cold = await openFsCorpus([corpus], opts);
  assert.equal(cold.cache.saved, true);
  const warm = await openFsCorpus([corpus], opts);
  assert.deepEqual(warm.cache, { status: 'hit', reusedFiles: 1, extractedFiles: 0, saved: false });
  assert.deepEqual(await checkDraft(draft, warm.index, { includeVerified: true }), await checkDraft(draft, cold.index, { includeVerified: true }));
  const cacheFile = cacheFileFor(opts.cacheDir!, [corpus]);
  const bytes = readFileSync(cacheFile);
  bytes[bytes.length >> 1] ^= 0x01;
  writeFileSync(cacheFile, bytes);
  const messages: string[] = [];
  const damaged = await openFsCorpus([corpus], { ...opts, onMessage: (m) => messages.push(m) });
  assert.match(messages.join('\n'), /corrupt \(authentication failed: not written by this installation, or changed since\); rebuilding/);
  assert.equal(damaged.cache.status, 'miss');
  assert.equal(damaged.cache.saved, true);
  assert.deepEqual(await checkDraft(draft, damaged.index, { includeVerified: true }), await checkDraft(draft, cold.index, { includeVerified: true }));
  assert.equal((await openFsCorpus([corpus], opts)).cache.status, 'hit');
});
