/**
 * The language server's corpus in a worker thread (issue 10, item 6): the
 * proxy store answers as the in-process index does, and a worker that dies
 * costs its pending calls and sets the corpus to `error`, never the server;
 * the next opening starts a new worker.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { checkDraft } from '../../server/src/engine/api';
import { openFsCorpus } from '../../server/src/host/openFsCorpus';
import { DEFAULT_WORKER_SCRIPT, WorkerCorpus } from '../../server/src/host/workerCorpusStore';
import { CorpusManager, restartDelayMs } from '../../server/src/lsp/corpusManager';
import { repoRoot, sampleCorpusDir } from '../helpers';

const exampleDraft = path.join(repoRoot, 'examples', 'draft.md');

/**
 * A worker script that is the real worker, except that a search for `crash`
 * throws (an uncaught exception) and one for `exit` ends the thread.
 */
function crashingWorkerScript(dir: string): string {
  const script = path.join(dir, 'crashingWorker.js');
  writeFileSync(
    script,
    `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.kind === 'lookup' && m.method === 'search' && m.args[0] === 'crash') throw new Error('boom in the worker');
  if (m.kind === 'lookup' && m.method === 'search' && m.args[0] === 'exit') process.exit(3);
});
require(${JSON.stringify(DEFAULT_WORKER_SCRIPT)});
`,
  );
  return script;
}

describe('corpus worker', () => {
  test('the worker script sits beside the proxy (out/ in tests, dist/ in the bundle)', () => {
    assert.ok(existsSync(DEFAULT_WORKER_SCRIPT), DEFAULT_WORKER_SCRIPT);
    assert.ok(existsSync(path.join(repoRoot, 'dist', 'corpusWorker.js')), 'dist/corpusWorker.js is built beside dist/server.js');
  });

  for (const [what, script] of [
    ['compiled (out/)', undefined],
    ['bundled (dist/)', path.join(repoRoot, 'dist', 'corpusWorker.js')],
  ] as const) {
    test(`findings through the proxy equal the in-process index's on examples/draft.md: ${what}`, async () => {
      const draft = readFileSync(exampleDraft, 'utf8');
      const local = await openFsCorpus([sampleCorpusDir], { buildId: 'test' });
      const corpus = new WorkerCorpus({ script });
      try {
        const progress: number[] = [];
        const opened = await corpus.open([sampleCorpusDir], { buildId: 'test' }, (done) => progress.push(done));
        const store = corpus.store!;
        assert.deepEqual(store.stats, local.index.stats);
        assert.deepEqual(opened.snapshot.files, local.builder.paths());
        assert.ok(progress.length > 0, 'progress is reported');
        const config = { includeVerified: true };
        const viaWorker = await checkDraft(draft, store, config);
        assert.ok(viaWorker.length > 5, `${viaWorker.length} findings`);
        assert.deepEqual(viaWorker, await checkDraft(draft, local.index, config));
        assert.deepEqual(await store.search('said the minister', { limit: 5 }), await local.index.search('said the minister', { limit: 5 }));
      } finally {
        corpus.dispose();
      }
    });
  }

  test('an update gives a new store (checkers are made again); unchanged, the same', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'factcheck-worker-update-'));
    const corpus = new WorkerCorpus();
    try {
      for (const f of readdirSync(sampleCorpusDir)) copyFileSync(path.join(sampleCorpusDir, f), path.join(root, f));
      await corpus.open([root], { buildId: 'test' });
      const before = corpus.store!;
      const added = path.join(root, 'added.txt');
      writeFileSync(added, 'Added\n\n"The quay is long," said Ada Quayle, the harbour master.\n');
      const update = await corpus.update([added], []);
      assert.ok(update.snapshot.files.includes(added));
      assert.notEqual(corpus.store, before);
      assert.equal(corpus.store!.stats.files, before.stats.files + 1);
      // A check begun before the update finishes on the index it began with; the new store sees the new file.
      assert.deepEqual(await before.search('quay', { limit: 3 }), []);
      assert.ok((await corpus.store!.search('quay', { limit: 3 })).some((h) => h.path === added));
      const same = corpus.store;
      await corpus.update([path.join(root, 'missing.txt')], []);
      assert.equal(corpus.store, same, 'nothing changed: the same store');
    } finally {
      corpus.dispose();
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a worker that throws or exits rejects the pending calls with the reason; the next open starts a new one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'factcheck-worker-crash-'));
    const failures: string[] = [];
    const corpus = new WorkerCorpus({ script: crashingWorkerScript(dir), onFailure: (r) => failures.push(r) });
    try {
      await corpus.open([sampleCorpusDir], { buildId: 'test' });
      const store = corpus.store!;
      const calls = await Promise.allSettled([store.search('crash'), store.knowsPeople(['Andrei Lankoff']), store.search('minister')]);
      for (const c of calls) {
        assert.equal(c.status, 'rejected');
        assert.match((c as PromiseRejectedResult).reason.message, /corpus worker crashed: boom in the worker/);
      }
      assert.equal(failures.length, 1, failures.join('\n'));
      assert.equal(corpus.store, undefined);
      await assert.rejects(store.hasPhrases(['the minister']), /not available: the corpus worker crashed/);

      // A new worker: the corpus answers again.
      await corpus.open([sampleCorpusDir], { buildId: 'test' });
      assert.ok((await corpus.store!.search('said', { limit: 3 })).length > 0);
      await assert.rejects(corpus.store!.search('exit'), /corpus worker exited \(code 3\)/);
      assert.equal(failures.length, 2);
    } finally {
      corpus.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the manager: a crash sets the corpus to error with the reason; the next ensure indexes it again', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'factcheck-worker-manager-'));
    const logs: string[] = [];
    let changes = 0;
    const manager = new CorpusManager({
      log: (m) => logs.push(m),
      beginProgress: async () => ({ report: () => undefined, done: () => undefined }),
      onDidChange: () => changes++,
      engineVersion: 'test',
      workerScript: crashingWorkerScript(dir),
    });
    try {
      const store = await manager.indexFor([sampleCorpusDir]);
      assert.ok(store && store.stats.articles > 0);
      const entry = manager.peek([sampleCorpusDir])!;
      const before = changes;
      await assert.rejects(store.search('crash'), /boom in the worker/);
      assert.equal(entry.state, 'error');
      assert.match(entry.error ?? '', /corpus worker crashed: boom in the worker/);
      assert.equal(entry.index, undefined);
      assert.ok(changes > before, 'the status is pushed');
      assert.ok(logs.some((l) => /corpus worker crashed/.test(l)), logs.join('\n'));

      // A file event meanwhile must not be lost either: the next ensure opens the corpus whole.
      const again = manager.ensure([sampleCorpusDir]);
      assert.equal(again, entry);
      assert.equal(entry.state, 'indexing');
      await entry.ready;
      assert.equal(entry.state, 'ready');
      assert.equal(entry.error, undefined);
      assert.ok((await entry.index!.search('said', { limit: 3 })).length > 0);

      // Reindex after a crash works too.
      await assert.rejects(entry.index!.search('exit'), /exited/);
      await manager.reindexAll();
      assert.equal(entry.state, 'ready');
      assert.equal(entry.index!.stats.articles, store.stats.articles);
    } finally {
      manager.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a corpus that kills its worker at every opening is restarted with a growing delay, not on every check', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'factcheck-worker-backoff-'));
    const script = path.join(dir, 'dyingWorker.js');
    // Dies as soon as it is asked to open a corpus (as a worker out of memory would).
    writeFileSync(script, `require('node:worker_threads').parentPort.on('message', (m) => { if (m.kind === 'open') process.exit(7); });\n`);
    let clock = 1_000_000;
    const manager = new CorpusManager({
      log: () => undefined,
      beginProgress: async () => ({ report: () => undefined, done: () => undefined }),
      onDidChange: () => undefined,
      engineVersion: 'test',
      workerScript: script,
      now: () => clock,
    });
    try {
      const entry = manager.ensure([sampleCorpusDir]);
      await entry.ready;
      assert.equal(entry.state, 'error');
      manager.ensure([sampleCorpusDir]); // first crash: retried at once
      assert.equal(entry.state, 'indexing');
      await entry.ready;
      assert.equal(entry.state, 'error', 'second crash');
      manager.ensure([sampleCorpusDir]);
      assert.equal(entry.state, 'error', 'within the delay: not restarted');
      assert.equal(restartDelayMs(2), 2000);
      clock += restartDelayMs(2);
      manager.ensure([sampleCorpusDir]);
      assert.equal(entry.state, 'indexing', 'after the delay: restarted');
      await entry.ready;
      assert.equal(restartDelayMs(20), 60_000, 'capped at a minute');
    } finally {
      manager.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('retain stops the workers of corpora no longer used, rejecting their calls', async () => {
    const manager = new CorpusManager({
      log: () => undefined,
      beginProgress: async () => ({ report: () => undefined, done: () => undefined }),
      onDidChange: () => undefined,
      engineVersion: 'test',
    });
    const store = (await manager.indexFor([sampleCorpusDir]))!;
    manager.retain(new Set());
    assert.equal(manager.all().length, 0);
    await assert.rejects(store.knowsPeople(['Andrei Lankoff']), /not available/);
  });
});

test('a corpus folder given to the worker is read like the in-process one, warnings included', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'factcheck-worker-warn-'));
  const corpus = new WorkerCorpus();
  try {
    mkdirSync(path.join(root, 'c'));
    writeFileSync(path.join(root, 'c', 'big.txt'), `Big\n\n${'The quay is long. '.repeat(1000)}\n`);
    writeFileSync(path.join(root, 'c', 'ok.txt'), 'Ok\n\nThe quay is short.\n');
    const local = await openFsCorpus([path.join(root, 'c')], { buildId: 'test', maxFileBytes: 8 * 1024 });
    const opened = await corpus.open([path.join(root, 'c')], { buildId: 'test', maxFileBytes: 8 * 1024 });
    assert.deepEqual(opened.snapshot.warnings, [...local.listingProblems, ...local.builder.warnings()]);
    assert.equal(opened.snapshot.warnings.length, 1);
  } finally {
    corpus.dispose();
    rmSync(root, { recursive: true, force: true });
  }
});
