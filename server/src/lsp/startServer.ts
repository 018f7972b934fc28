/**
 * The factcheck language server: capabilities, and the wiring of the
 * connection to the parts that do the work (workspace resolution, open
 * documents, checking, the corpora and their watchers, the features).
 * Transport-agnostic: `main.ts` creates the connection (stdio, IPC or socket)
 * and calls {@link startServer}.
 */
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import type { Connection, InitializeParams, InitializeResult, ServerCapabilities } from 'vscode-languageserver';
import { runningBuildId } from '../host/buildId';
import { packageVersion } from '../host/packageInfo';
import { Checking } from './checking';
import { CorpusManager } from './corpusManager';
import { coalesced, CorpusWatch, FAILED_STATUS } from './corpusWatch';
import { OpenDocuments } from './documents';
import { codeActionsAt } from './features/codeActions';
import { hoverAt } from './features/hover';
import { ignoreClaim, IgnoreStore, listIgnored, unignoreClaim, userNameFor, withoutSuppressed } from './features/ignore';
import { uriToPath } from './conversions';
import { memoryReport } from './features/memory';
import { reindex, searchCorpus } from './features/search';
import { storedSourceRequest } from './features/storedSource';
import { exportMemo } from './features/memo';
import { corpusNotices } from './corpusNotices';
import { createGuard } from './guard';
import { beginProgress } from './progress';
import {
  ExportMemoRequest,
  IGNORE_CLAIM_COMMAND,
  ListIgnoredRequest,
  UNIGNORE_CLAIM_COMMAND,
  MemoryRequest,
  ReindexRequest,
  SearchRequest,
  StoredSourceRequest,
  SetTrustedNotification,
  StatusChangedNotification,
  StatusRequest,
} from './protocol';
import type { FactcheckInitializationOptions } from './protocol';
import { Workspace } from './workspace';
import type { SettingsPull } from './workspace';

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** The corpus used when `factcheck.corpus.paths` is empty (the sample corpus beside the bundle). */
  bundledCorpusDir: string;
  /**
   * Delay after the last change before checking (default 60 ms: the rest of
   * the document's findings follow an edit at once, as a spell checker's do;
   * only the sentence being typed waits for `typingPauseMs`).
   */
  debounceMs?: number;
  /** How long after the last edit the sentence being typed is held back (default 1200 ms). */
  typingPauseMs?: number;
  /** Documents longer than this many characters are not checked (default 2,000,000). */
  maxDocumentChars?: number;
  /** URL documenting the finding codes, for `codeDescription` (the README beside the bundle). */
  docsUrl?: string;
}

const CAPABILITIES: ServerCapabilities = {
  // Saves too: `factcheck.run: "onSave"` checks then.
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: ['quickfix'], resolveProvider: false },
  executeCommandProvider: { commands: [IGNORE_CLAIM_COMMAND, UNIGNORE_CLAIM_COMMAND] },
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};

/** Bursts of corpus changes (each file of a rebuild) make one status notification per this many ms. */
const STATUS_COALESCE_MS = 50;

/** Starts serving on `connection` (which must not be listening yet) and starts listening. */
export function startServer(connection: Connection, options: ServerOptions): void {
  const log = (m: string) => connection.console.log(m);
  const guard = createGuard((m) => connection.console.error(m));
  // A plain notification: showWarningMessage would send a request and wait for a button.
  const showMessage = (type: MessageType, message: string) => void connection.sendNotification(ShowMessageNotification.type, { type, message });
  /** What the client told `initialize`. */
  const session = { configPull: false, progress: false, cacheDir: process.env.FACTCHECK_CACHE || undefined, clientShowsCorpusProblems: false };
  /** Corpus notices already shown (each once while the problem lasts). */
  const shownNotices = new Set<string>();
  /** Sends the status to the client and, unless it shows them itself, each new corpus problem as one notification. */
  const publishStatus = coalesced(STATUS_COALESCE_MS, () => {
    void guard('statusChanged', async () => {
      const status = await watch.status();
      void connection.sendNotification(StatusChangedNotification.type, status);
      const notices = corpusNotices(status);
      const current = new Set(notices.map((n) => n.key));
      for (const key of [...shownNotices]) if (!current.has(key)) shownNotices.delete(key); // fixed: may be told again if it comes back
      for (const n of notices) {
        if (shownNotices.has(n.key)) continue;
        shownNotices.add(n.key);
        log(`factcheck: ${n.message}`);
        if (!session.clientShowsCorpusProblems) showMessage(MessageType.Warning, n.message);
      }
    }, undefined);
  });

  const workspace = new Workspace({ log, warn: (m) => showMessage(MessageType.Warning, m) }, { bundledCorpusDir: options.bundledCorpusDir });
  const documents = new OpenDocuments();
  const ignores = new IgnoreStore(log);
  const corpus = new CorpusManager({
    log,
    cacheDir: () => session.cacheDir,
    engineVersion: runningBuildId(__filename, packageVersion()),
    beginProgress: (title) => beginProgress(connection, session.progress, title),
    // `watch` is declared below: the manager reports changes only once a build has started, after wiring.
    onDidChange: publishStatus,
    // A corpus database reconnected or was ingested into: check the drafts against it (again).
    onStoreChanged: () => checking.recheck(),
  });
  const watch = new CorpusWatch({
    corpus,
    resolveAll: () => workspace.resolveAll(),
    registerWatchers: (watchers) => connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }),
    ignoreFileChanged: (folderPath) => ignores.invalidate(folderPath),
    teamConfigChanged: () => workspace.teamConfigChanged(),
    log,
  });
  const checking = new Checking(
    {
      documents,
      resolve: (uri) => workspace.resolve(uri),
      settingsGeneration: () => workspace.generation,
      indexFor: (roots, confineTo) => corpus.indexFor(roots, confineTo),
      isCorpusFile: (filePath) => workspace.isCorpusFile(filePath),
      withoutSuppressed: async (findings, text, uri, folderPath) => (await withoutSuppressed(findings, text, ignores, folderPath, uriToPath(uri))).kept,
      publish: (params) => void connection.sendDiagnostics(params),
      log,
      guard,
    },
    {
      debounceMs: options.debounceMs ?? 60,
      typingPauseMs: options.typingPauseMs ?? 1200,
      maxDocumentChars: options.maxDocumentChars ?? 2_000_000,
      docsUrl: options.docsUrl,
    },
  );

  /** Folders, settings or trust change: apply it, index what is now in use, and check every document again. */
  const changeWorkspace = (why: string, apply: () => void) =>
    void guard(why, async () => {
      apply();
      await watch.refresh();
      checking.recheck();
      publishStatus(); // enable, or a corpus path already indexed, changes no corpus: the status is sent anyway
    }, undefined);

  // ---------------------------------------------------------------- lifecycle

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const init = (params.initializationOptions ?? {}) as FactcheckInitializationOptions;
    const pull: SettingsPull | undefined = caps.workspace?.configuration
      ? (scopeUri) => connection.workspace.getConfiguration({ scopeUri, section: 'factcheck' })
      : undefined;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    workspace.initialize(folders, init.trusted !== false, pull);
    watch.setClientSupport({
      dynamicRegistration: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      relativePatterns: !!caps.workspace?.didChangeWatchedFiles?.relativePatternSupport,
    });
    session.configPull = pull !== undefined;
    session.progress = !!caps.window?.workDoneProgress;
    if (typeof init.cacheDir === 'string' && init.cacheDir.trim()) session.cacheDir = init.cacheDir;
    session.clientShowsCorpusProblems = init.clientShowsCorpusProblems === true;
    return { capabilities: CAPABILITIES, serverInfo: { name: 'factcheck-ls', version: packageVersion() } };
  });

  connection.onInitialized(() => {
    void guard('initialized', async () => {
      if (session.configPull) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'factcheck' });
      try {
        connection.workspace.onDidChangeWorkspaceFolders((e) => changeWorkspace('folders', () => workspace.changeFolders(e.added, e.removed)));
      } catch {
        // The client does not send folder changes.
      }
      await watch.refresh();
    }, undefined);
  });

  connection.onDidChangeConfiguration((change) =>
    changeWorkspace('configuration', () => workspace.settingsChanged((change.settings as { factcheck?: unknown } | undefined)?.factcheck)),
  );

  connection.onNotification(SetTrustedNotification.type, (p) => changeWorkspace('setTrusted', () => workspace.setTrusted(p?.trusted !== false)));

  connection.onDidChangeWatchedFiles((params) => {
    void guard('watchedFiles', async () => {
      if (await watch.filesChanged(params.changes)) {
        checking.recheck();
        publishStatus();
      }
    }, undefined);
  });

  documents.listen(connection, {
    opened: (record) => checking.checkSoon(record),
    edited: (record) => checking.afterEdit(record),
    closed: (record) => checking.closed(record),
    saved: (record) => checking.saved(record),
  });

  // ---------------------------------------------------------------- features

  connection.onHover((params) => guard('hover', () => hoverAt(documents, params), null));

  connection.onCodeAction((params) => guard('codeAction', () => codeActionsAt(documents, params), []));

  connection.onExecuteCommand((params) =>
    guard('executeCommand', async () => {
      const ignoreDeps = {
        store: ignores,
        folderFor: (uri: string) => workspace.folderFor(uri),
        documentText: (uri: string) => {
          const doc = documents.get(uri)?.document;
          return doc && { text: doc.getText(), offsetAt: (p: { line: number; character: number }) => doc.offsetAt(p) };
        },
        userName: userNameFor(() => workspace.isTrusted),
        showWarning: (m: string) => showMessage(MessageType.Warning, m),
        showError: (m: string) => showMessage(MessageType.Error, m),
        recheckFolder: (folder: unknown) => checking.recheck((record) => workspace.folderFor(record.uri) === folder),
      };
      if (params.command === UNIGNORE_CLAIM_COMMAND) return unignoreClaim(params.arguments?.[0], ignoreDeps);
      if (params.command !== IGNORE_CLAIM_COMMAND) return null;
      return ignoreClaim(params.arguments?.[0], ignoreDeps);
    }, null),
  );

  connection.onRequest(SearchRequest.type, (params) =>
    guard('search', () => searchCorpus(params, { workspace, ensureCorpus: (roots, confineTo) => corpus.ensure(roots, confineTo) }), { hits: [], state: 'error' as const }),
  );

  connection.onRequest(StoredSourceRequest.type, (params) =>
    guard('storedSource', () => storedSourceRequest(params, { workspace, ensureCorpus: (roots, confineTo) => corpus.ensure(roots, confineTo) }), null),
  );

  connection.onRequest(ExportMemoRequest.type, (params) =>
    guard('exportMemo', () =>
      exportMemo(params, {
        documentText: (uri) => documents.get(uri)?.document.getText(),
        resolve: async (uri) => {
          const r = await workspace.resolve(uri);
          return { folderPath: r.folder?.path, corpusRoots: r.corpusRoots, confineTo: r.corpusConfinement, checkConfig: r.checkConfig };
        },
        storeFor: (roots, confineTo) => corpus.indexFor(roots, confineTo),
        ignoreRules: (folderPath, draft) => ignores.rulesFor(folderPath, draft),
        tool: `factcheck ${packageVersion()}`,
      }), { error: 'The memo could not be made; see the Fact Check output.' }),
  );

  connection.onRequest(ListIgnoredRequest.type, () => guard('ignored', () => listIgnored(workspace.folders, ignores), { folders: [] }));

  connection.onRequest(StatusRequest.type, () => guard('status', () => watch.status(), FAILED_STATUS));

  connection.onRequest(MemoryRequest.type, () => guard('memory', () => memoryReport(documents.all().length), null));

  connection.onRequest(ReindexRequest.type, () =>
    guard('reindex', () =>
      reindex({
        forgetIgnoreFiles: () => ignores.invalidate(),
        refreshCorpora: () => watch.refresh(),
        reindexAll: () => corpus.reindexAll(),
        recheckAll: () => checking.recheck(),
        status: () => watch.status(),
      }), FAILED_STATUS),
  );

  // Corpus workers are stopped with the server (an idle one never holds the process; one indexing would).
  connection.onShutdown(() => corpus.dispose());

  connection.listen();
}
