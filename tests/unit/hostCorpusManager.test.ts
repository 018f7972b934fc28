/**
 * The language server's corpus manager reads the disk only through
 * `host/openFsCorpus`: a full build and a watcher update word an oversized
 * file alike, deletions are dropped, and caching follows the cache folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusManager } from '../../server/src/lsp/corpusManager';
import { cacheFileFor } from '../../server/src/host/fsIndexCache';
import { repoRoot, sampleCorpusCopy, sampleCorpusDir } from '../helpers';

function manager(cacheDir?: string): { corpus: CorpusManager; logs: string[] } {
  const logs: string[] = [];
  const corpus = new CorpusManager(
    {
      log: (m) => logs.push(m),
      beginProgress: async () => ({ report: () => undefined, done: () => undefined }),
      onDidChange: () => undefined,
      cacheDir: () => cacheDir,
      engineVersion: 'test',
    },
    1024 * 8,
  );
  return { corpus, logs };
}

test('corpus manager: updates from the watcher go through the same loop as the build', async () => {
  const { root, corpus: dir, names, done } = sampleCorpusCopy('factcheck-manager-test-');
  try {
    const big = path.join(dir, 'big.txt');
    const bigText = `Big\n\n${'The quay is long. '.repeat(1000)}\n`;
    writeFileSync(big, bigText);
    const cache = path.join(root, 'cache');
    const { corpus } = manager(cache);
    const index = await corpus.indexFor([dir]);
    assert.equal(index?.stats.files, names.length);
    const entry = corpus.peek([dir])!;
    const buildWarning = entry.warnings.filter((w) => w.path === big);
    assert.match(buildWarning[0].message, /^skipped: file is 18 KB, over the 8 KB limit$/);
    // Saved a moment after the index is handed out (issue 13).
    for (const until = Date.now() + 20_000; !existsSync(cacheFileFor(cache, [dir])) && Date.now() < until; ) await new Promise((r) => setTimeout(r, 25));
    assert.ok(existsSync(cacheFileFor(cache, [dir])), 'the server caches when given a folder');

    // Shrunk: indexed. Grown again: the same warning as the build's.
    writeFileSync(big, 'Small\n\nThe quay is short.\n');
    assert.ok(corpus.fileChanged(big, false));
    await corpus.settled();
    assert.ok(entry.files.has(big));
    assert.deepEqual(entry.warnings.filter((w) => w.path === big), []);
    writeFileSync(big, bigText);
    corpus.fileChanged(big, false);
    await corpus.settled();
    assert.deepEqual(entry.warnings.filter((w) => w.path === big), buildWarning);
    assert.ok(!entry.files.has(big));

    // Deleted: gone from the files and the index.
    const gone = path.join(dir, names[0]);
    rmSync(gone);
    corpus.fileChanged(gone, true);
    await corpus.settled();
    assert.ok(!entry.files.has(gone));
    assert.equal(entry.index?.stats.files, names.length - 1);

    // A path outside every corpus is not the manager's business.
    assert.equal(corpus.fileChanged(path.join(repoRoot, 'README.md'), false), false);

    // Reindex: unchanged files come from memory; the result is the same corpus.
    await corpus.reindexAll();
    assert.equal(entry.index?.stats.files, names.length - 1);
    assert.equal(entry.state, 'ready');
    assert.ok(readFileSync(cacheFileFor(cache, [dir])).length > 0);
  } finally {
    done();
  }
});

test('corpus manager: without a cache folder nothing is cached', async () => {
  const { corpus, logs } = manager(undefined);
  const index = await corpus.indexFor([sampleCorpusDir]);
  assert.ok(index && index.stats.articles > 0);
  assert.ok(logs.some((m) => /indexed .* files/.test(m)), logs.join('\n'));
  assert.deepEqual(logs.filter((m) => /index cache/.test(m)), []);
});
