/**
 * JSON Lines read as a stream (issue 13): record by record, with a limit per
 * record and none per file, giving exactly what the whole-file parser gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCorpusIndex, openCorpus, parseCorpusFile, type CorpusSource, type ParsedArticle } from '../../server/src/engine/api';
import { streamJsonLines } from '../../server/src/engine/corpus/streamJsonLines';
import { contentHasher } from '../../server/src/host/contentHash';
import { openFsCorpus } from '../../server/src/host/openFsCorpus';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';

const enc = new TextEncoder();

const rec = (o: Record<string, unknown>): string => JSON.stringify(o);
/** Every case the line reader must agree with the whole-file parser on. */
const JSONL = [
  '\ufeff' + rec({ id: 'a1', title: 'Harbour', date: '2024-03-01', text: 'Zebulon Quartermaine, a harbour master, said, "The tide waits for no committee at all."' }),
  '',
  '   ',
  rec({ id: 'a2', text: 'Line one.\nMarguerite Ostrowska said, "The crane lifts forty tonnes," with \u00e9l\u00e9gance \ud83d\ude00 and a "quoted" word.' }) + '\r',
  '{"id": "broken", "text": ',
  rec({ id: 'a1', text: 'A second record with the same id keeps a distinct id: Tobias Fenwright said the quay reopens in spring.' }),
  rec({ title: 'no id', text: 'Record without an id is named by its line: Petronella Vashti announced the port budget on Monday.' }) + '\r' + rec({ id: 'after-cr', text: 'A lone carriage return ends a line too, and Ingmar Sorvino agreed with the plan.' }),
  rec({ id: 'notext', title: 'nothing here' }),
  '[1, 2]',
  '  ' + rec({ id: 'indented', body: 'Indented records keep their column: Henrietta Marlowe said, "We open at nine."' }),
].join('\n');

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function streamed(text: string, chunk: number, maxRecordBytes?: number): Promise<{ articles: ParsedArticle[]; warnings: string[]; whole: boolean }> {
  const articles: ParsedArticle[] = [];
  const warnings: string[] = [];
  const it = streamJsonLines('/c/x.jsonl', chunksOf(enc.encode(text), chunk), { maxRecordBytes });
  for (;;) {
    const r = await it.next();
    if (r.done) return { articles, warnings, whole: r.value.whole };
    if ('article' in r.value) articles.push(r.value.article);
    else warnings.push(r.value.warning.message);
  }
}

function view(a: ParsedArticle): unknown {
  const at = [0, 1, 7, Math.floor(a.text.length / 2), a.text.length - 1, a.text.length];
  return { id: a.id, meta: a.meta, text: a.text, positions: at.map((o) => a.locate(o)) };
}

test('streamed JSON Lines give the whole-file parser’s articles, positions and warnings, whatever the chunk size', async () => {
  const whole = parseCorpusFile('/c/x.jsonl', enc.encode(JSONL));
  assert.ok(whole.articles.length >= 5, 'the fixture has articles');
  for (const chunk of [1, 3, 7, 64, 1 << 20]) {
    const s = await streamed(JSONL, chunk);
    assert.equal(s.whole, false);
    assert.deepEqual(s.articles.map(view), whole.articles.map(view), `chunk ${chunk}`);
    assert.deepEqual(s.warnings, whole.warnings.map((w) => w.message), `chunk ${chunk}`);
  }
});

test('a record over the per-record limit is skipped by line number; the records around it are read', async () => {
  const big = rec({ id: 'big', text: `Gigantic ${'word '.repeat(400)}` });
  const text = [rec({ id: 'x', text: 'Before the big one, Ottoline Brash said the port would open.' }), big, rec({ id: 'y', text: 'After the big one, Ottoline Brash said it again on Friday.' })].join('\n');
  const s = await streamed(text, 100, 1000);
  assert.deepEqual(s.articles.map((a) => a.id), ['/c/x.jsonl#x', '/c/x.jsonl#y']);
  assert.equal(s.warnings.length, 1);
  assert.match(s.warnings[0], /^line 2: record is 2\.\d KB, over the 1000 bytes per-record limit, skipped$/);
  assert.deepEqual(s.articles[1].locate(0), { line: 2, character: s.articles[1].locate(0).character });
});

test('UTF-16 JSON Lines are read whole; a file opening with NUL is binary; an empty one is empty', async () => {
  const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'{"text":"x"}'].map((c) => c.charCodeAt(0))).buffer)]);
  const it = streamJsonLines('/c/u.jsonl', chunksOf(utf16, 5));
  const first = await it.next();
  assert.deepEqual(first, { done: true, value: { whole: true } });
  assert.deepEqual((await streamed('\0\0{"text": "x"}', 4)).warnings, ['binary file (contains NUL bytes), skipped']);
  assert.deepEqual((await streamed('\n  \n', 4)).warnings, ['empty file']);
});

/** A source whose JSON Lines can only be streamed: reading one whole fails the test. */
function streamingSource(files: Record<string, string>): CorpusSource & { wholeReads: string[]; streams: number } {
  const bytes = new Map(Object.entries(files).map(([p, t]) => [p, enc.encode(t)]));
  const src = {
    wholeReads: [] as string[],
    streams: 0,
    async listFiles() {
      return [...bytes.keys()].sort().map((p) => ({ path: p, size: bytes.get(p)!.length }));
    },
    async readFile(p: string) {
      src.wholeReads.push(p);
      return bytes.get(p)!;
    },
    readChunks(p: string) {
      src.streams++;
      return chunksOf(bytes.get(p)!, 256);
    },
  };
  return src;
}

test('a JSON Lines file over the per-file limit is read, never whole; reused from a cache when unchanged', async () => {
  const lines = Array.from({ length: 60 }, (_, i) => rec({ id: `r${i}`, text: `Report ${i}: Wilhelmina Starcross, a port official, said, "Berth ${i} reopens on Monday after repairs."` }));
  const files = { '/c/big.jsonl': lines.join('\n'), '/c/small.txt': 'Quay news\n\nTobias Fenwright said the quay reopens in spring.\n' };
  const src = streamingSource(files);
  const built = await buildCorpusIndex(src, { maxFileBytes: 1024 });
  assert.deepEqual(src.wholeReads, ['/c/small.txt'], 'the JSON Lines file is streamed, never read whole');
  assert.equal(built.index.stats.articles, 61);
  assert.deepEqual(built.warnings, []);

  // Reuse: the same fingerprint as the whole file's hash, from a hash fed chunk by chunk.
  const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
  const memory: { body?: Uint8Array } = {};
  const store = {
    name: 'memory',
    load: async () => (memory.body ? (await import('../../server/src/engine/api')).decodeIndexCache(memory.body) : undefined),
    save: async (parts: Iterable<Uint8Array>) => {
      const all = [...parts];
      const body = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of all) body.set(c, (at += c.length) - c.length);
      memory.body = body;
    },
  };
  const opts = { buildId: 't', hash: sha256, hasher: contentHasher, store, maxFileBytes: 1024 };
  const first = await openCorpus(streamingSource(files), opts);
  assert.equal(first.cache.status, 'miss');
  assert.equal(first.builder.entryOf('/c/big.jsonl')?.hash, sha256(enc.encode(files['/c/big.jsonl'])));
  const again = await openCorpus(streamingSource(files), opts);
  assert.equal(again.cache.status, 'hit');
  assert.equal(again.index.stats.articles, 61);
  const changed = { ...files, '/c/big.jsonl': `${files['/c/big.jsonl']}\n${rec({ id: 'new', text: 'A new record: Wilhelmina Starcross said berth 99 opens.' })}` };
  const third = await openCorpus(streamingSource(changed), opts);
  assert.equal(third.cache.status, 'partial');
  assert.equal(third.index.stats.articles, 62);
});

test('on disk: a JSON Lines file larger than maxFileBytes opens, and its cache is reused', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'factcheck-jsonl-stream-'));
  try {
    const file = path.join(root, 'big.jsonl');
    writeFileSync(file, Array.from({ length: 200 }, (_, i) => rec({ id: `r${i}`, text: `Story ${i}: Benedikta Holloway said, "Pier ${i} is closed for the winter season."` })).join('\n'));
    const opts = { buildId: 'b', cacheDir: path.join(root, 'cache'), maxFileBytes: 4096 };
    const first = await openFsCorpus([file], opts);
    assert.deepEqual(first.warnings, []);
    assert.equal(first.index.stats.articles, 200);
    const second = await openFsCorpus([file], opts);
    assert.equal(second.cache.status, 'hit');
    assert.equal(second.index.stats.articles, 200);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('on disk: a hash pass reads a file in chunks of one reused buffer, the same bytes as the stream; a changed file is seen', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'factcheck-jsonl-scratch-'));
  try {
    const file = path.join(root, 'big.jsonl');
    // Over two 1 MiB chunks, the last one short.
    writeFileSync(file, Array.from({ length: 30_000 }, (_, i) => rec({ id: `r${i}`, text: `Story ${i}: Benedikta Holloway said the pier reopens in spring ${i}.` })).join('\n'));
    const source = createFsCorpusSource([file]);
    const streamed = createHash('sha256');
    for await (const chunk of source.readChunks!(file)) streamed.update(chunk);
    const scratched = createHash('sha256');
    const buffers = new Set<ArrayBufferLike>();
    let chunks = 0;
    for await (const chunk of source.readChunks!(file, { scratch: true })) {
      scratched.update(chunk);
      buffers.add(chunk.buffer);
      chunks++;
    }
    assert.ok(chunks >= 3, `several chunks (${chunks})`);
    assert.equal(buffers.size, 1, 'every chunk in one buffer');
    assert.equal(scratched.digest('hex'), streamed.digest('hex'));
    // The warm start that hashes this way still notices an edit of the same size.
    const opts = { buildId: 'b', cacheDir: path.join(root, 'cache'), maxFileBytes: 4096 };
    assert.equal((await openFsCorpus([file], opts)).cache.status, 'miss');
    assert.equal((await openFsCorpus([file], opts)).cache.status, 'hit');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('Story 29999: Benedikta', 'Story 29999: Benedikte'));
    const after = await openFsCorpus([file], opts);
    assert.notEqual(after.cache.status, 'hit');
    assert.ok(after.index.articles.some((a) => a.text.includes('Benedikte')));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
