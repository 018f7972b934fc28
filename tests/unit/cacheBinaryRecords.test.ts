/**
 * The binary records of the index cache (format 5, issue 13): a real index
 * survives save → load exactly, every field kind round-trips, and a section
 * cut short or damaged anywhere is refused with an IndexCacheError (and the
 * corpus rebuilt), never a crash.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, decodeIndexCache, encodeIndexCache, IndexCacheError, INDEX_FORMAT_VERSION, type ArticleRecord } from '../../server/src/engine/api';
import { decodeRecordChunk, encodeRecordChunk } from '../../server/src/engine/cache/binaryRecords';
import { decodeStringList, encodeStringList } from '../../server/src/engine/cache/binaryStrings';
import { Sentence } from '../../server/src/engine/index/articleRecord';
import { plainRecord } from '../../server/src/engine/cache/packedRecords';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { cacheFileFor, writeIndexCacheFile } from '../../server/src/host/fsIndexCache';
import { openFsCorpus } from '../../server/src/host/openFsCorpus';
import { fixturesDir, repoRoot, sampleCorpusCopy, sampleCorpusDir, seededRandom } from '../helpers';

/** A record as plain data (a loaded record keeps its lists packed until read). */
const plain = (records: readonly ArticleRecord[] | undefined) => records?.map(plainRecord);

const roots = [sampleCorpusDir, path.join(fixturesDir, 'transcripts'), path.join(fixturesDir, 'corpus')];

async function realIndex() {
  const { index, builder } = await buildCorpusIndex(createFsCorpusSource(roots));
  const paths = builder.paths();
  const manifest = { formatVersion: INDEX_FORMAT_VERSION, engineVersion: 't', files: paths.map((p) => ({ path: p, size: 1, hash: 'h', warnings: [] })), createdAt: 'now' };
  return { index, builder, paths, manifest, bytes: encodeIndexCache(manifest, (p) => builder.recordsOf(p), index.tokens) };
}

test('a real index (bundled corpus, transcripts, fixture corpus) is the same after save and load', async () => {
  const { index, builder, paths, bytes } = await realIndex();
  const decoded = decodeIndexCache(bytes);
  let transcripts = 0;
  let speakers = 0;
  for (const p of paths) {
    assert.deepEqual(plain(decoded.records.get(p)), builder.recordsOf(p), p);
    for (const r of builder.recordsOf(p) ?? []) {
      if (r.transcript) transcripts++;
      speakers += r.quotes.filter((q) => q.speaker).length;
    }
  }
  assert.ok(transcripts >= 2 && speakers > 10, 'the index exercises transcripts and speakers');
  for (const p of paths) builder.setRecords(p, decoded.records.get(p)!);
  const restored = builder.buildWithTokens(decoded.tokens!);
  const draft = readFileSync(path.join(repoRoot, 'examples', 'draft.md'), 'utf8');
  assert.deepEqual(await checkDraft(draft, restored), await checkDraft(draft, index));
});

/** A record using every optional field the format knows, with text that UTF-8 cannot carry as is. */
function everyField(text: string): ArticleRecord {
  return {
    id: 'x#1',
    path: 'x.jsonl',
    meta: { title: 'T', date: '2020-01-02', publisher: 'P', author: 'A', url: 'https://e.x/' },
    text,
    sentences: [
      { start: 0, end: 5, from: { line: 0, character: 0 }, to: { line: 0, character: 5 } },
      { start: 6, end: text.length, from: { line: 1, character: 0 }, to: { line: 2, character: 3 } },
    ],
    quotes: [
      { span: { start: 1, end: 4 }, outerSpan: { start: 0, end: 5 }, text: text.slice(1, 4), cue: 'said', speaker: { text: 'Ann', span: { start: 6, end: 9 }, resolved: 'Ann Lee', affiliation: 'UN', isOrganisation: false } },
      { span: { start: 1, end: 2 }, outerSpan: { start: 0, end: 3 }, text: text.slice(1, 2), speaker: { text: 'the ministry', isOrganisation: true } },
      { span: { start: 2, end: 2 }, outerSpan: { start: 2, end: 2 }, text: '' },
    ],
    people: [
      { text: 'Ann', span: { start: 6, end: 9 }, fullName: 'Ann Lee', cue: 'given-name', role: { text: 'envoy', span: { start: 9, end: 10 } } },
      { text: 'Lee', span: { start: 6, end: 9 }, fullName: 'Ann Lee', cue: 'repeat' },
    ],
    dates: [
      { text: 'in 44 BC', span: { start: 0, end: 3 }, value: { year: -44 }, eventWords: ['ides', 'march'] },
      { text: 'May 5', span: { start: 0, end: 3 }, value: { month: 5, day: 5 }, eventWords: [] },
      { text: 'later', span: { start: 0, end: 3 }, value: {}, relative: { amount: 1.5, unit: 'week', direction: 'before', anchor: 'the vote' }, eventWords: ['vote'] },
    ],
    transcript: { format: 'webvtt', interviewee: 'Ann', turns: [{ span: { start: 0, end: 5 }, speaker: 'Ann', label: { start: 0, end: 1 }, cues: [{ start: 0, time: '00:00:01' }] }] },
  };
}

test('every optional field round-trips, and so does text that is not well-formed Unicode', () => {
  for (const text of ['"Hi," Ann Lee said. Ok — 😀 done.', `"H\uD800," Ann Lee said. lone \uDC00 halves`]) {
    const records = [everyField(text), { ...everyField(text), id: 'x#2', meta: {}, transcript: undefined }];
    delete records[1].transcript;
    // Sentences come back in the compact form the index holds, with the same fields.
    const compact = records.map((r) => ({ ...r, sentences: r.sentences.map((x) => Sentence.of(x)) }));
    assert.deepEqual(plain(decodeRecordChunk(encodeRecordChunk(records), 'x.jsonl')), compact);
  }
  assert.deepEqual(decodeRecordChunk(encodeRecordChunk([]), 'x.jsonl'), []);
});

/** Where the parts of a records section meet: header, integers, string ends, string bytes. */
function innerBoundaries(section: Uint8Array): number[] {
  const head = new Uint32Array(section.slice(0, 24).buffer);
  const ints = 24 + head[2] * 4;
  const ends = ints + head[3] * 4;
  return [0, 4, 23, 24, ints, ends, section.length - 1];
}

test('a records section cut at any boundary, or anywhere, is refused with a clear error', async () => {
  const { builder, paths } = await realIndex();
  const section = encodeRecordChunk(paths.flatMap((p) => builder.recordsOf(p) ?? []));
  const random = seededRandom(13);
  const cuts = [...innerBoundaries(section), ...Array.from({ length: 200 }, () => Math.floor(random() * section.length))];
  for (const cut of cuts) {
    assert.throws(() => decodeRecordChunk(section.slice(0, cut), 'f'), (e: unknown) => e instanceof IndexCacheError && /^records of f: /.test(e.message), `cut at ${cut}`);
  }
});

test('a records section with damaged integers is refused or read in bounds, never a crash', async () => {
  const { builder, paths } = await realIndex();
  const section = encodeRecordChunk(paths.flatMap((p) => builder.recordsOf(p) ?? []));
  const words = section.length >> 2;
  const random = seededRandom(7);
  let refused = 0;
  for (let n = 0; n < 400; n++) {
    const bad = section.slice();
    const view = new Uint32Array(bad.buffer, 0, words);
    const at = 1 + Math.floor(random() * (words - 1));
    view[at] = [0, 1, 0xffff_ffff, view[at] + 1, Math.floor(random() * 2 ** 32)][n % 5];
    try {
      for (const r of decodeRecordChunk(bad, 'f')) {
        for (const q of r.quotes) assert.ok(q.span.end <= r.text.length);
        for (const s of r.sentences) assert.ok(s.start <= s.end && s.end <= r.text.length);
      }
    } catch (e) {
      assert.ok(e instanceof IndexCacheError, `word ${at}: ${String(e)}`);
      refused++;
    }
  }
  assert.ok(refused > 100, `${refused} of 400 refused`);
});

test('a cache file cut at every section boundary is refused with a message and rebuilt', async () => {
  const s = sampleCorpusCopy('factcheck-binary-cache-');
  try {
    const opts = { cacheDir: path.join(s.root, 'cache'), buildId: 'b1' };
    assert.equal((await openFsCorpus([s.corpus], opts)).cache.saved, true);
    const file = cacheFileFor(opts.cacheDir, [s.corpus]);
    const body = readFileSync(file).subarray(32);
    const header = JSON.parse(new TextDecoder().decode(body.subarray(new DataView(body.buffer, body.byteOffset).getUint32(body.length - 16, true), body.length - 16))) as { sections: Array<{ name: string; offset: number; length: number }> };
    const boundaries = new Set<number>();
    for (const x of header.sections) for (const at of [x.offset, x.offset + x.length, x.offset + 24]) if (at < body.length) boundaries.add(at);
    assert.ok(header.sections.some((x) => x.name.startsWith('records/')) && boundaries.size > 8);
    for (const at of boundaries) {
      // Written with the key: only the decoding can tell that it is short.
      await writeIndexCacheFile(file, body.subarray(0, at));
      const messages: string[] = [];
      const opened = await openFsCorpus([s.corpus], { ...opts, onMessage: (m) => messages.push(m) });
      assert.match(messages.join('\n'), /corrupt \(.+\); rebuilding/, `cut at ${at}`);
      assert.equal(opened.cache.status, 'miss');
      assert.equal(opened.cache.saved, true, 'rebuilt and saved');
    }
    assert.equal((await openFsCorpus([s.corpus], opts)).cache.status, 'hit');
    // A section shortened in place, the header still pointing past it, is refused the same way.
    const records = header.sections.find((x) => x.name === 'records/0/0')!;
    const damaged = Buffer.from(readFileSync(file).subarray(32));
    damaged.writeUInt32LE(damaged.readUInt32LE(records.offset + 8) + 1, records.offset + 8); // one more integer than there is
    await writeIndexCacheFile(file, damaged);
    const messages: string[] = [];
    assert.equal((await openFsCorpus([s.corpus], { ...opts, onMessage: (m) => messages.push(m) })).cache.status, 'miss');
    assert.match(messages.join('\n'), /records of .*: section length does not match its header/);
  } finally {
    s.done();
  }
});

test('the vocabulary string list round-trips, and a cut or disordered one is refused', () => {
  const words = ['', 'kim', 'jong-un', 'seoul’s', '😀', 'half\uD800', '\uDC00other', ''];
  for (const list of [words.slice(0, 5), words, []]) assert.deepEqual(decodeStringList(encodeStringList(list), 'v'), list);
  const bytes = encodeStringList(words.slice(0, 5));
  for (let cut = 0; cut < bytes.length; cut++) assert.throws(() => decodeStringList(bytes.slice(0, cut), 'v'), /^IndexCacheError: v: |v: /, `cut at ${cut}`);
  const disordered = bytes.slice();
  new DataView(disordered.buffer).setUint32(16 + 4 * 2, 0, true); // the third word ends before the second
  assert.throws(() => decodeStringList(disordered, 'v'), IndexCacheError);
});
