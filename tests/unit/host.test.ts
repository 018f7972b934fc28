/** The node adapters of `server/src/host/`: corpus key, cache file, build id, pause, opening and updating a corpus on disk. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { encodeIndexCache, IndexCacheError, INDEX_FORMAT_VERSION } from '../../server/src/engine/api';
import { runningBuildId } from '../../server/src/host/buildId';
import { corpusKey } from '../../server/src/host/corpusKey';
import { createEventLoopPause } from '../../server/src/host/eventLoopPause';
import { cacheFileFor, createFsIndexCacheStore } from '../../server/src/host/fsIndexCache';
import { openFsCorpus, updateFsCorpus } from '../../server/src/host/openFsCorpus';
import { packageVersion } from '../../server/src/host/packageInfo';
import { repoRoot, sampleCorpusCopy, sampleCorpusDir } from '../helpers';

const scratch = (): ReturnType<typeof sampleCorpusCopy> => sampleCorpusCopy('factcheck-host-test-');

test('corpusKey: one key whatever the order, duplicates or trailing separator of the roots', () => {
  const a = path.join(repoRoot, 'corpus');
  const b = path.join(repoRoot, 'examples');
  assert.equal(corpusKey([a, b]), corpusKey([b, a]));
  assert.equal(corpusKey([a, b, a]), corpusKey([a, b]));
  assert.equal(corpusKey([`${a}${path.sep}`]), corpusKey([a]));
  assert.notEqual(corpusKey([a]), corpusKey([a, b]));
  assert.equal(cacheFileFor('/cache', [b, a]), cacheFileFor('/cache', [a, b]));
  assert.match(path.basename(cacheFileFor('/cache', [a])), /^index-[0-9a-f]{20}\.fcidx$/);
});

test('runningBuildId: the package version and the hash of the running file', () => {
  assert.match(runningBuildId(__filename), new RegExp(`^${packageVersion().replace(/\./g, '\\.')}\\+[0-9a-f]{16}$`));
  assert.equal(runningBuildId(path.join(repoRoot, 'no', 'such', 'file.js'), '9.9.9'), '9.9.9');
});

test('createEventLoopPause: yields once the time is up, resolves at once before', async () => {
  let ran = false;
  setImmediate(() => (ran = true));
  await createEventLoopPause(60_000)();
  assert.equal(ran, false, 'no yield before the time is up');
  await new Promise((r) => setTimeout(r, 2));
  await createEventLoopPause(0)();
  assert.equal(ran, true, 'a real yield lets pending callbacks run');
});

test('the fs cache store: saves atomically, loads back, refuses a damaged file, is undefined when absent', async () => {
  const s = scratch();
  try {
    const file = path.join(s.root, 'cache', 'x.fcidx');
    const store = createFsIndexCacheStore(file);
    assert.equal(await store.load(), undefined);
    const manifest = { formatVersion: INDEX_FORMAT_VERSION, engineVersion: 'b', files: [], createdAt: 'now' };
    await store.save([encodeIndexCache(manifest, () => undefined)]);
    assert.deepEqual(readdirSync(path.dirname(file)), ['x.fcidx'], 'no temporary file left');
    assert.deepEqual((await store.load())?.manifest, manifest);
    const bytes = readFileSync(file);
    bytes[bytes.length - 20] ^= 0xff;
    writeFileSync(file, bytes);
    await assert.rejects(store.load(), IndexCacheError);
  } finally {
    s.done();
  }
});

test('updateFsCorpus: a deleted file, a folder moved in, and an oversized file, with the wording of a full opening', async () => {
  const s = scratch();
  try {
    const big = path.join(s.corpus, 'big.txt');
    writeFileSync(big, `Big\n\n${'The quay is long. '.repeat(5000)}\n`);
    const opened = await openFsCorpus([s.corpus], { buildId: 't', maxFileBytes: 64 * 1024 });
    const fullWarning = opened.warnings.filter((w) => w.path === big);
    assert.equal(fullWarning.length, 1);
    assert.match(fullWarning[0].message, /^skipped: file is 88 KB, over the 64 KB limit$/);
    const { builder } = opened;
    const [first, second] = builder.paths();

    // The oversized file shrinks (indexed), then grows again (same warning as the full opening).
    writeFileSync(big, 'Small\n\nThe quay is short.\n');
    await updateFsCorpus(builder, [s.corpus], { changed: [big], removed: [] });
    assert.ok(builder.hasFile(big));
    writeFileSync(big, `Big\n\n${'The quay is long. '.repeat(5000)}\n`);
    const grown = await updateFsCorpus(builder, [s.corpus], { changed: [big], removed: [] });
    assert.deepEqual(grown.warnings, fullWarning);
    assert.ok(!builder.hasFile(big));

    // A deleted file leaves the index.
    rmSync(first);
    const deleted = await updateFsCorpus(builder, [s.corpus], { changed: [], removed: [first] });
    assert.deepEqual(builder.paths(), [second]);
    assert.equal(deleted.index?.stats.files, 1);

    // A folder moved in: its corpus files are read, other files ignored.
    const outside = path.join(s.root, 'incoming');
    mkdirSync(outside);
    copyFileSync(first.replace(s.corpus, sampleCorpusDir), path.join(outside, 'moved.txt'));
    writeFileSync(path.join(outside, 'notes.csv'), 'a,b\n');
    renameSync(outside, path.join(s.corpus, 'incoming'));
    const moved = await updateFsCorpus(builder, [s.corpus], { changed: [path.join(s.corpus, 'incoming')], removed: [] });
    assert.deepEqual(builder.paths(), [second, path.join(s.corpus, 'incoming', 'moved.txt')].sort());
    assert.equal(moved.index?.stats.files, 2);

    // The folder deleted again: everything under it goes.
    rmSync(path.join(s.corpus, 'incoming'), { recursive: true });
    await updateFsCorpus(builder, [s.corpus], { changed: [], removed: [path.join(s.corpus, 'incoming')] });
    assert.deepEqual(builder.paths(), [second]);
  } finally {
    s.done();
  }
});
