/**
 * The server prepares a draft for its check while the draft's corpus opens
 * (`lsp/extractionWarmUp.ts`, `DraftPreparation`): the document's checker is
 * made from that preparation once the corpus is ready, and publishes what a
 * checker made afresh publishes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { DidOpenTextDocumentParams, PublishDiagnosticsParams } from 'vscode-languageserver';
import { buildCorpusIndex, DraftChecker, DraftPreparation, type CorpusIndex, type CorpusStore } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { Checking } from '../../server/src/lsp/checking';
import { OpenDocuments, type DocumentSyncConnection } from '../../server/src/lsp/documents';
import { createGuard } from '../../server/src/lsp/guard';
import { checkConfigFor, parseSettings } from '../../server/src/lsp/settings';
import type { ResolvedSettings } from '../../server/src/lsp/workspace';
import { repoRoot, sampleCorpusDir } from '../helpers';

const turn = () => new Promise((r) => setImmediate(r));

test('a draft waiting for its corpus is prepared meanwhile; its checker starts from that, with the same diagnostics', async () => {
  const draft = readFileSync(path.join(repoRoot, 'examples', 'draft.md'), 'utf8');
  // Watch the preparation finish and the checker made from it (the server's own code runs unchanged).
  let prepared = 0;
  const preparing = DraftPreparation.prototype.preparing;
  DraftPreparation.prototype.preparing = function* (text: string) {
    yield* preparing.call(this, text);
    prepared++;
  };
  const fromPreparation = DraftChecker.fromPreparation;
  const madeFrom: DraftPreparation[] = [];
  DraftChecker.fromPreparation = (preparation: DraftPreparation, store: CorpusStore) => (madeFrom.push(preparation), fromPreparation.call(DraftChecker, preparation, store));

  let openCorpus!: (index: CorpusIndex) => void;
  const corpus = new Promise<CorpusIndex>((r) => (openCorpus = r));
  const parsed = parseSettings({}).settings;
  const resolved: ResolvedSettings = { folder: undefined, settings: parsed, corpusRoots: [sampleCorpusDir], skippedPaths: [], checkConfig: checkConfigFor(parsed) };
  const publishes: PublishDiagnosticsParams[] = [];
  let open!: (p: DidOpenTextDocumentParams) => void;
  const none = { dispose: () => undefined };
  const connection = {
    onDidOpenTextDocument: (h: typeof open) => ((open = h), none),
    onDidChangeTextDocument: () => none,
    onDidCloseTextDocument: () => none,
    onWillSaveTextDocument: () => none,
    onWillSaveTextDocumentWaitUntil: () => none,
    onDidSaveTextDocument: () => none,
  } as unknown as DocumentSyncConnection;
  const documents = new OpenDocuments();
  const checking = new Checking(
    {
      documents,
      resolve: async () => resolved,
      settingsGeneration: () => 0,
      indexFor: () => corpus,
      withoutSuppressed: async (findings) => findings,
      publish: (p) => publishes.push(p),
      log: () => undefined,
      guard: createGuard((m) => assert.fail(m)),
    },
    { debounceMs: 0, typingPauseMs: 0, maxDocumentChars: 2_000_000 },
  );
  documents.listen(connection, { opened: (r) => checking.checkSoon(r), edited: () => undefined, closed: (r) => checking.closed(r) });
  const published = async (uri: string): Promise<PublishDiagnosticsParams> => {
    for (let i = 0; i < 2_000 && !publishes.some((p) => p.uri === uri); i++) await new Promise((r) => setTimeout(r, 5));
    return publishes.find((p) => p.uri === uri)!;
  };

  try {
    open({ textDocument: { uri: 'file:///w/first.md', languageId: 'markdown', version: 1, text: draft } });
    for (let i = 0; i < 4_000 && prepared === 0; i++) await turn();
    assert.equal(prepared, 1, 'the waiting draft is prepared');
    assert.ok(documents.get('file:///w/first.md')?.preparation, 'kept for its checker');
    openCorpus((await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]))).index);
    const first = await published('file:///w/first.md');
    assert.equal(madeFrom.length, 1, 'the checker is made from the preparation');
    assert.equal(documents.get('file:///w/first.md')?.preparation, undefined, 'handed over once');
    // Its corpus ready, a document opened now is checked by a checker made afresh: the same diagnostics.
    open({ textDocument: { uri: 'file:///w/second.md', languageId: 'markdown', version: 1, text: draft } });
    const second = await published('file:///w/second.md');
    assert.equal(madeFrom.length, 1, 'nothing prepared once the corpus is ready');
    assert.ok(first.diagnostics.length > 0);
    assert.deepEqual(first.diagnostics, second.diagnostics);
  } finally {
    DraftPreparation.prototype.preparing = preparing;
    DraftChecker.fromPreparation = fromPreparation;
  }
});
