/**
 * Checking without a connection: a check that began before its document was
 * closed (and reopened, at version 1 again), or before the settings changed,
 * never publishes; the check that follows does.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import type { DidCloseTextDocumentParams, DidOpenTextDocumentParams, PublishDiagnosticsParams } from 'vscode-languageserver';
import { buildCorpusIndex } from '../../server/src/engine/api';
import type { CorpusIndex } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { Checking } from '../../server/src/lsp/checking';
import { OpenDocuments } from '../../server/src/lsp/documents';
import type { DocumentSyncConnection } from '../../server/src/lsp/documents';
import { createGuard } from '../../server/src/lsp/guard';
import { checkConfigFor, parseSettings } from '../../server/src/lsp/settings';
import type { ResolvedSettings } from '../../server/src/lsp/workspace';
import { fixturesDir, sampleCorpusDir } from '../helpers';

const uri = 'file:///w/draft.md';
const longDraft = readFileSync(path.join(fixturesDir, 'lsp', 'draft.md'), 'utf8');
const shortDraft = 'A short note.\n';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

function resolvedWith(settings: unknown): ResolvedSettings {
  const parsed = parseSettings(settings).settings;
  return { folder: undefined, settings: parsed, corpusRoots: [sampleCorpusDir], skippedPaths: [], checkConfig: checkConfigFor(parsed) };
}

/** Open documents synced from a fake connection, and a Checking whose corpus arrives when the test says. */
function harness() {
  const handlers: { open?: (p: DidOpenTextDocumentParams) => void; close?: (p: DidCloseTextDocumentParams) => void } = {};
  const none = { dispose: () => undefined };
  const connection = {
    onDidOpenTextDocument: (h: typeof handlers.open) => ((handlers.open = h), none),
    onDidChangeTextDocument: () => none,
    onDidCloseTextDocument: (h: typeof handlers.close) => ((handlers.close = h), none),
    onWillSaveTextDocument: () => none,
    onWillSaveTextDocumentWaitUntil: () => none,
    onDidSaveTextDocument: () => none,
  } as unknown as DocumentSyncConnection;
  const documents = new OpenDocuments();
  const publishes: PublishDiagnosticsParams[] = [];
  const state = { generation: 0, resolved: resolvedWith({}), corpus: deferred<CorpusIndex>() };
  const checking = new Checking(
    {
      documents,
      resolve: async () => state.resolved,
      settingsGeneration: () => state.generation,
      indexFor: () => state.corpus.promise,
      withoutSuppressed: async (findings) => findings,
      publish: (p) => publishes.push(p),
      log: () => undefined,
      guard: createGuard((m) => assert.fail(m)),
    },
    { debounceMs: 0, typingPauseMs: 0, maxDocumentChars: 2_000_000 },
  );
  documents.listen(connection, { opened: (r) => checking.checkSoon(r), edited: (r) => checking.afterEdit(r), closed: (r) => checking.closed(r) });
  return {
    documents,
    publishes,
    state,
    checking,
    open: (text: string) => handlers.open!({ textDocument: { uri, languageId: 'markdown', version: 1, text } }),
    close: () => handlers.close!({ textDocument: { uri } }),
  };
}

describe('Checking: stale runs are dropped', () => {
  let index: CorpusIndex;
  before(async () => {
    index = (await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]))).index;
  });

  test('a check begun before close + reopen (version 1 again) never publishes on the reopened document', async () => {
    const h = harness();
    h.open(longDraft);
    await tick(); // the long draft's check has begun: it waits for the corpus
    h.close();
    h.open(shortDraft);
    await tick();
    h.state.corpus.resolve(index);
    // Both runs wait on the same corpus: give both time to finish (checking the fixture takes milliseconds).
    for (let i = 0; i < 60; i++) await tick();
    const published = h.publishes.filter((p) => p.diagnostics.length > 0);
    assert.deepEqual(
      published.map((p) => p.diagnostics.map((d) => d.code)),
      [],
      'nothing from the old text lands on the short one',
    );
    assert.ok(h.publishes.some((p) => p.version === 1), 'the reopened document itself is checked and published');
    assert.equal(h.documents.get(uri)?.result?.text, shortDraft);
  });

  test('a check begun before the settings changed never publishes; the check after the change does', async () => {
    const h = harness();
    h.state.resolved = resolvedWith({ severity: { 'quote-altered': 'error' } });
    h.open(longDraft);
    await tick(); // begun with quote-altered as an error
    h.state.generation++;
    h.state.resolved = resolvedWith({ severity: { 'quote-altered': 'off' } });
    h.state.corpus.resolve(index);
    await tick();
    h.checking.recheck(); // what the server does after every settings change
    for (let i = 0; i < 40 && h.publishes.length === 0; i++) await tick();
    await tick();
    assert.ok(h.publishes.length > 0, 'the new settings are published');
    for (const p of h.publishes) assert.ok(!p.diagnostics.some((d) => d.code === 'quote-altered'), 'nothing published with the old settings');
  });
});
