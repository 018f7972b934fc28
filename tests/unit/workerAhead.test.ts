/**
 * A corpus worker started ahead (issue 13, the warm start): the language
 * server starts its corpus worker thread as it starts, and the first corpus
 * opened takes that thread instead of starting one (its boot then overlaps
 * the server's own); a worker for another script, or one not taken in time,
 * is not used.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_WORKER_SCRIPT, startCorpusWorkerAhead, WorkerCorpus } from '../../server/src/host/workerCorpusStore';
import { sampleCorpusDir, scratchDir } from '../helpers';

/** The real worker, which also notes in `log` the thread it runs in as it loads and each time it is asked to open. */
function notingWorkerScript(dir: string, log: string): string {
  const script = path.join(dir, 'notingWorker.js');
  writeFileSync(
    script,
    `const { parentPort, threadId } = require('node:worker_threads');
const { appendFileSync } = require('node:fs');
appendFileSync(${JSON.stringify(log)}, 'loaded ' + threadId + '\\n');
parentPort.on('message', (m) => { if (m.kind === 'open') appendFileSync(${JSON.stringify(log)}, 'open ' + threadId + '\\n'); });
require(${JSON.stringify(DEFAULT_WORKER_SCRIPT)});
`,
  );
  return script;
}

const lines = (log: string): string[] => readFileSync(log, 'utf8').trim().split('\n');

async function waitFor(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(ok(), what);
}

test('the first corpus takes the worker started ahead, with the same answers; the next one starts its own', async () => {
  const dir = scratchDir('factcheck-ahead-');
  const log = path.join(dir, 'log.txt');
  writeFileSync(log, '');
  const script = notingWorkerScript(dir, log);
  startCorpusWorkerAhead(script);
  await waitFor('the worker started ahead loads', () => lines(log)[0]?.startsWith('loaded') ?? false);
  const ahead = lines(log)[0].split(' ')[1];
  const first = new WorkerCorpus({ script });
  const second = new WorkerCorpus({ script });
  try {
    const opened = await first.open([sampleCorpusDir], { buildId: 'test' });
    assert.ok(opened.snapshot.stats.articles > 0);
    assert.ok(((await first.store?.search('Lankov', { limit: 3 })) ?? []).length > 0, 'its store answers');
    await second.open([sampleCorpusDir], { buildId: 'test' });
    const opens = lines(log).filter((l) => l.startsWith('open')).map((l) => l.split(' ')[1]);
    assert.equal(opens.length, 2);
    assert.equal(opens[0], ahead, 'the first opening ran in the thread started ahead');
    assert.notEqual(opens[1], ahead, 'the second in a thread of its own');
    assert.equal(lines(log).filter((l) => l.startsWith('loaded')).length, 2, 'two threads in all');
  } finally {
    first.dispose();
    second.dispose();
  }
});

test('a worker started ahead is not taken for another script, and is stopped when not taken in time', async () => {
  const dir = scratchDir('factcheck-ahead-');
  const log = path.join(dir, 'log.txt');
  writeFileSync(log, '');
  const script = notingWorkerScript(dir, log);
  const idleMs = 3_000;
  const started = Date.now();
  startCorpusWorkerAhead(script, idleMs);
  await waitFor('the worker started ahead loads', () => lines(log).length === 1 && lines(log)[0].startsWith('loaded'));
  const ahead = lines(log)[0].split(' ')[1];
  const other = new WorkerCorpus({ script: DEFAULT_WORKER_SCRIPT });
  try {
    await other.open([sampleCorpusDir], { buildId: 'test' });
    assert.deepEqual(lines(log), [`loaded ${ahead}`], 'the worker of another script was not used');
  } finally {
    other.dispose();
  }
  // Past its wait, it is gone: the next corpus of its script starts a thread of its own.
  await new Promise((r) => setTimeout(r, Math.max(0, started + idleMs + 500 - Date.now())));
  const late = new WorkerCorpus({ script });
  try {
    await late.open([sampleCorpusDir], { buildId: 'test' });
    const opens = lines(log).filter((l) => l.startsWith('open')).map((l) => l.split(' ')[1]);
    assert.equal(opens.length, 1);
    assert.notEqual(opens[0], ahead, 'a new thread, not the one left waiting');
  } finally {
    late.dispose();
  }
});
