/**
 * The server answers while it indexes a large corpus (issue 10, item 6): the
 * corpus is read and indexed in a worker thread, so `factcheck/status` and
 * hovers are answered throughout. A functional check (answers arrive while
 * the state is still `indexing`); the wall-clock figure (the longest gap) is
 * `bench/indexingStall.ts`'s.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { traceIndexing, writeLargeCorpus } from '../../bench/indexingStall';
import { serverPath, startHarness, uriOf, waitFor } from './lspHarness';

test('status and hovers are answered while a large corpus is indexed, and the corpus is then checked', { skip: !existsSync(serverPath) && 'dist/server.js missing: run npm run build' }, async () => {
  const folder = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'factcheck-lsp-indexing-')));
  // The server caches where FACTCHECK_CACHE says: none here, so it indexes from the files.
  const savedCache = process.env.FACTCHECK_CACHE;
  delete process.env.FACTCHECK_CACHE;
  try {
    writeLargeCorpus(path.join(folder, 'corpus'));
    const draft = path.join(folder, 'draft.md');
    writeFileSync(draft, '');
    const h = await startHarness({ folders: [folder], settings: { corpus: { paths: ['corpus'] } } });
    try {
      const trace = await traceIndexing(h, draft, 20, 300_000);
      assert.ok(trace.readyAt > 0, `the corpus was indexed\n${h.logs.join('\n')}`);
      const whileIndexing = trace.answers.filter((a) => a.state === 'indexing').length;
      assert.ok(whileIndexing >= 5, `${whileIndexing} status answers while indexing`);
      assert.ok(trace.hoversAnswered >= 5, `${trace.hoversAnswered} hovers answered while indexing`);
      const status = await h.conn.sendRequest<{ state: string; files: number; articles: number }>('factcheck/status');
      assert.equal(status.state, 'ready');
      assert.equal(status.files, 2);
      assert.ok(status.articles > 20_000, `${status.articles} articles`);
      // The draft is checked against the corpus held by the worker: the misspelt name is found.
      await waitFor('a name-misspelled diagnostic on the draft', () => h.publishes.find((p) => p.uri === uriOf(draft) && p.diagnostics.some((d) => d.code === 'name-misspelled')), 60_000);
    } finally {
      await h.close();
    }
  } finally {
    if (savedCache !== undefined) process.env.FACTCHECK_CACHE = savedCache;
    rmSync(folder, { recursive: true, force: true });
  }
});
