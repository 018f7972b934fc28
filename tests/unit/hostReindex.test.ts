/**
 * "Reindex" in the language server rebuilds from disk (issue 10, item 7):
 * neither the index in memory nor the cache is reused, so a reindex clears
 * whatever either held; the new cache is saved.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusManager } from '../../server/src/lsp/corpusManager';
import { cacheFileFor } from '../../server/src/host/fsIndexCache';
import { sampleCorpusCopy } from '../helpers';

/** The corpus worker saves a new cache a moment after handing the index out (issue 13): waits until `ok`. */
async function eventually(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  for (const until = Date.now() + ms; !ok(); await new Promise((r) => setTimeout(r, 25))) if (Date.now() > until) assert.fail(`timed out waiting: ${what}`);
}

test('reindexAll reads every file again, reusing neither memory nor the cache, and saves the cache', async () => {
  const { root, corpus: dir, names, done } = sampleCorpusCopy('factcheck-reindex-test-');
  try {
    const cache = path.join(root, 'cache');
    const logs: string[] = [];
    const corpus = new CorpusManager({
      log: (m) => logs.push(m),
      beginProgress: async () => ({ report: () => undefined, done: () => undefined }),
      onDidChange: () => undefined,
      cacheDir: () => cache,
      engineVersion: 'test',
    });
    const first = await corpus.indexFor([dir]);
    assert.equal(first?.stats.files, names.length);
    await eventually('the cache saved after the hand-out', () => existsSync(cacheFileFor(cache, [dir])));
    const savedAt = statSync(cacheFileFor(cache, [dir])).mtimeMs;
    logs.length = 0;
    await new Promise((r) => setTimeout(r, 20));

    await corpus.reindexAll();
    const entry = corpus.peek([dir])!;
    assert.equal(entry.state, 'ready');
    assert.equal(entry.index?.stats.files, names.length);
    assert.ok(entry.index !== first, 'a new index');
    assert.ok(logs.some((l) => l === `factcheck: index cache miss (0 files reused, ${names.length} read)`), logs.join('\n'));
    await eventually('the cache is saved again', () => statSync(cacheFileFor(cache, [dir])).mtimeMs > savedAt);
  } finally {
    done();
  }
});
