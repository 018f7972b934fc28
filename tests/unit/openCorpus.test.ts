/**
 * The one way to open a corpus (engine `openCorpus` / `updateCorpus`), with
 * an in-memory corpus source and cache store: no disk, no clock.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  buildCorpusIndex,
  checkDraft,
  IndexCacheError,
  openCorpus,
  updateCorpus,
  type CorpusSource,
  type DecodedIndexCache,
  type IndexCacheStore,
  type OpenCorpusOptions,
  decodeIndexCache,
} from '../../server/src/engine/api';

const enc = new TextEncoder();

const ARTICLES: Record<string, string> = {
  '/c/a.txt': 'Harbour news\n\nZebulon Quartermaine, a harbour master, said, "The tide waits for no committee at all."\n',
  '/c/b.txt': 'Port report\n\nMarguerite Ostrowska, a port engineer, said, "The new crane lifts forty tonnes without strain."\n',
  '/c/c.md': '---\ntitle: Quay works\n---\nTobias Fenwright said, "The quay will reopen in the spring after the repairs."\n',
};

/** A corpus held in memory; counts reads so a test can tell reuse from re-reading. */
class MemorySource implements CorpusSource {
  readonly files = new Map<string, Uint8Array>();
  reads = 0;
  constructor(texts: Record<string, string>) {
    for (const [p, t] of Object.entries(texts)) this.files.set(p, enc.encode(t));
  }
  /** A source over some of the files only (what an update lists). */
  only(paths: readonly string[]): CorpusSource {
    return {
      listFiles: async () => paths.filter((p) => this.files.has(p)).map((p) => ({ path: p, size: this.files.get(p)!.length })),
      readFile: (p) => this.readFile(p),
    };
  }
  async listFiles() {
    return [...this.files.keys()].sort().map((p) => ({ path: p, size: this.files.get(p)!.length }));
  }
  async readFile(p: string): Promise<Uint8Array> {
    this.reads++;
    const bytes = this.files.get(p);
    if (!bytes) throw new Error('ENOENT');
    return bytes;
  }
}

/** A cache store in memory; `corrupt` makes the next load fail as a damaged file would. */
class MemoryStore implements IndexCacheStore {
  readonly name = 'memory';
  body?: Uint8Array;
  saves = 0;
  failSave = false;
  corrupt = false;
  async load(): Promise<DecodedIndexCache | undefined> {
    if (this.corrupt) throw new IndexCacheError('checksum mismatch');
    return this.body ? decodeIndexCache(this.body) : undefined;
  }
  async save(parts: Iterable<Uint8Array>): Promise<void> {
    if (this.failSave) throw new Error('disk full');
    const chunks = [...parts];
    const body = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      body.set(c, at);
      at += c.length;
    }
    this.body = body;
    this.saves++;
  }
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function options(extra: Partial<OpenCorpusOptions> = {}): OpenCorpusOptions {
  return { buildId: 'test-build', hash: sha256, now: () => 'then', ...extra };
}

const QUOTE_B = 'Marguerite Ostrowska said, "The new crane lifts forty tonnes without strain."';

test('with a store: a miss saves, a hit reads nothing it can reuse, a change re-extracts that file alone, a deletion is dropped', async () => {
  const source = new MemorySource(ARTICLES);
  const store = new MemoryStore();
  const first = await openCorpus(source, options({ store }));
  assert.deepEqual(first.cache, { status: 'miss', reusedFiles: 0, extractedFiles: 3, saved: true });

  const second = await openCorpus(source, options({ store }));
  assert.deepEqual(second.cache, { status: 'hit', reusedFiles: 3, extractedFiles: 0, saved: false });
  assert.deepEqual(second.index.stats, first.index.stats);
  assert.deepEqual(await checkDraft(QUOTE_B, second.index), await checkDraft(QUOTE_B, first.index));

  source.files.set('/c/a.txt', enc.encode(`${ARTICLES['/c/a.txt']}\nHe added, "Boats come and go as they please here."\n`));
  const third = await openCorpus(source, options({ store }));
  assert.deepEqual(third.cache, { status: 'partial', reusedFiles: 2, extractedFiles: 1, saved: true });

  source.files.delete('/c/b.txt');
  const fourth = await openCorpus(source, options({ store }));
  assert.equal(fourth.index.stats.files, 2);
  assert.deepEqual(fourth.builder.paths(), ['/c/a.txt', '/c/c.md']);
  assert.equal(fourth.cache.saved, true, 'a deletion changes the cache');
  assert.ok(!(await checkDraft(QUOTE_B, fourth.index)).some((f) => f.code === 'quote-verified'), 'the deleted article no longer verifies its quote');
  const fifth = await openCorpus(source, options({ store }));
  assert.equal(fifth.cache.status, 'hit');
  assert.deepEqual(fifth.builder.paths(), ['/c/a.txt', '/c/c.md'], 'the saved cache no longer holds the deleted file');
});

test('without a store: a reopening reuses the unchanged files of the previous one and drops deleted ones', async () => {
  const source = new MemorySource(ARTICLES);
  const first = await openCorpus(source, options());
  assert.equal(first.cache.saved, false);
  source.files.delete('/c/b.txt');
  source.files.set('/c/d.txt', enc.encode('Dock notes\n\nIrma Veldhuis said, "Every ship is unloaded before dusk."\n'));
  const again = await openCorpus(source, options({ previous: first.builder }));
  assert.deepEqual(again.cache, { status: 'partial', reusedFiles: 2, extractedFiles: 1, saved: false });
  assert.deepEqual(again.builder.paths(), ['/c/a.txt', '/c/c.md', '/c/d.txt']);
  assert.deepEqual(first.builder.paths(), ['/c/a.txt', '/c/b.txt', '/c/c.md'], 'the previous opening is left as it was');
  const fresh = await buildCorpusIndex(source);
  assert.deepEqual(again.index.stats, fresh.index.stats);
});

test('an oversized file gets the same warning in a full opening and in an update', async () => {
  const limit = { maxFileBytes: 1024 };
  const big = `Long article\n\n${'The harbour was quiet all week. '.repeat(200)}\n`;
  const source = new MemorySource({ ...ARTICLES, '/c/big.txt': big });
  const opened = await openCorpus(source, options(limit));
  const full = opened.warnings.filter((w) => w.path === '/c/big.txt');
  assert.equal(full.length, 1);
  assert.match(full[0].message, /^skipped: file is 7 KB, over the 1 KB limit$/);

  // Grown past the limit later: the update says the same, and the file leaves the index.
  const small = new MemorySource({ ...ARTICLES, '/c/big.txt': 'Short\n\nA short note about the quay.\n' });
  const reopened = await openCorpus(small, options(limit));
  assert.ok(reopened.builder.hasFile('/c/big.txt'));
  small.files.set('/c/big.txt', enc.encode(big));
  const update = await updateCorpus(reopened.builder, small.only(['/c/big.txt']), (p) => p === '/c/big.txt', { hash: sha256 });
  assert.deepEqual(update.warnings, full);
  assert.ok(update.index, 'the held files changed');
  assert.ok(!reopened.builder.hasFile('/c/big.txt'));
  assert.deepEqual(reopened.builder.warnings().filter((w) => w.path === '/c/big.txt'), full);
});

test('an update removes deleted files, re-reads changed ones, and leaves the index alone when nothing changed', async () => {
  const source = new MemorySource(ARTICLES);
  const { builder } = await openCorpus(source, options());
  source.files.delete('/c/b.txt');
  const gone = await updateCorpus(builder, source.only(['/c/b.txt']), (p) => p === '/c/b.txt', { hash: sha256 });
  assert.ok(gone.index);
  assert.equal(gone.index.stats.files, 2);
  assert.deepEqual(builder.paths(), ['/c/a.txt', '/c/c.md']);

  // A folder removed: everything under it goes, whatever the source lists.
  const folder = await updateCorpus(builder, source.only([]), (p) => p.startsWith('/c/'), { hash: sha256 });
  assert.equal(folder.index?.stats.files, 0);

  const again = await openCorpus(source, options());
  const reads = source.reads;
  const touched = await updateCorpus(again.builder, source.only(['/c/a.txt']), (p) => p === '/c/a.txt', { hash: sha256 });
  assert.equal(source.reads, reads + 1);
  assert.deepEqual({ reused: touched.reusedFiles, extracted: touched.extractedFiles, index: touched.index }, { reused: 1, extracted: 0, index: undefined });
});

test('a damaged, other-build or unwritable cache is reported and never fatal', async () => {
  const source = new MemorySource(ARTICLES);
  const store = new MemoryStore();
  await openCorpus(source, options({ store }));
  const messages: string[] = [];
  const onMessage = (m: string) => messages.push(m);

  const otherBuild = await openCorpus(source, options({ store, buildId: 'next-build', onMessage }));
  assert.equal(otherBuild.cache.status, 'miss');
  assert.deepEqual(messages, ['index cache memory was written by factcheck test-build; rebuilding for next-build']);

  messages.length = 0;
  store.corrupt = true;
  const damaged = await openCorpus(source, options({ store, buildId: 'next-build', onMessage }));
  assert.equal(damaged.cache.status, 'miss');
  assert.deepEqual(messages, ['index cache memory is corrupt (checksum mismatch); rebuilding']);

  messages.length = 0;
  store.corrupt = false;
  store.failSave = true;
  const unsaved = await openCorpus(source, options({ store, buildId: 'third-build', onMessage }));
  assert.equal(unsaved.cache.saved, false);
  assert.equal(unsaved.index.stats.files, 3);
  assert.match(messages.join('\n'), /could not write the index cache memory: disk full/);
});

test('unreadable files are warnings, and the pause runs between files', async () => {
  const source = new MemorySource(ARTICLES);
  const flaky: CorpusSource = {
    listFiles: async () => [...(await source.listFiles()), { path: '/c/missing.txt' }],
    readFile: (p) => source.readFile(p),
  };
  let pauses = 0;
  const opened = await openCorpus(flaky, options({ pause: async () => void pauses++ }));
  assert.equal(pauses, 4);
  assert.deepEqual(opened.warnings, [{ path: '/c/missing.txt', message: 'could not read file: ENOENT' }]);
  assert.equal(opened.index.stats.files, 3);
});

test('the pause also runs between the articles of one file (a large JSONL never extracts in one piece)', async () => {
  const lines = Array.from({ length: 5 }, (_, i) => JSON.stringify({ id: `r${i}`, title: `Note ${i}`, text: `Irma Veldhuis said, "Ship ${i} is unloaded before dusk."` }));
  const source = new MemorySource({ '/c/many.jsonl': `${lines.join('\n')}\n` });
  const events: string[] = [];
  const opened = await openCorpus(source, options({ pause: async () => void events.push('pause'), onProgress: () => void events.push('file') }));
  assert.equal(opened.index.stats.articles, 5);
  // Four pauses between the five articles, then the file is done, then the pause between files.
  assert.deepEqual(events, ['pause', 'pause', 'pause', 'pause', 'file', 'pause']);
});

test('rebuild: neither the previous opening nor the cache is reused, and the new cache is saved', async () => {
  const source = new MemorySource(ARTICLES);
  const store = new MemoryStore();
  const first = await openCorpus(source, options({ store }));
  const reads = source.reads;
  const again = await openCorpus(source, options({ store, previous: first.builder, rebuild: true }));
  assert.deepEqual(again.cache, { status: 'miss', reusedFiles: 0, extractedFiles: 3, saved: true });
  assert.equal(source.reads, reads + 3);
  assert.equal(store.saves, 2);
  assert.deepEqual(await checkDraft(QUOTE_B, again.index), await checkDraft(QUOTE_B, first.index));
});

test('the pause runs between the sections of one huge article too', async () => {
  const paragraph = 'Irma Veldhuis, a dock officer, said, "Every ship is unloaded before dusk." The quay was busy all week.\n\n';
  const huge = `Dock log\n\n${paragraph.repeat(Math.ceil((600 * 1024) / paragraph.length))}`;
  const source = new MemorySource({ '/c/huge.txt': huge });
  let pauses = 0;
  const opened = await openCorpus(source, options({ pause: async () => void pauses++ }));
  assert.equal(opened.index.stats.articles, 1);
  assert.ok(pauses > 10, `${pauses} pauses for one file of one 600 KB article`);
});
