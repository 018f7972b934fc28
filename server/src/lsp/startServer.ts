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
import { ignoreClaim, IgnoreStore } from './features/ignore';
import { memoryReport } from './features/memory';
import { reindex, searchCorpus } from './features/search';
import { createGuard } from './guard';
import { beginProgress } from './progress';
import {
  IGNORE_CLAIM_COMMAND,
  MemoryRequest,
  ReindexRequest,
  SearchRequest,
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
  /** Delay after the last change before checking (default 250 ms). */
  debounceMs?: number;
  /** How long after the last edit the sentence being typed is held back (default 1200 ms). */
  typingPauseMs?: number;
  /** Documents longer than this many characters are not checked (default 2,000,000). */
  maxDocumentChars?: number;
  /** URL documenting the finding codes, for `codeDescription` (the README beside the bundle). */
  docsUrl?: string;
}

const CAPABILITIES: ServerCapabilities = {
  textDocumentSync: TextDocumentSyncKind.Incremental,
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: ['quickfix'], resolveProvider: false },
  executeCommandProvider: { commands: [IGNORE_CLAIM_COMMAND] },
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
  const session = { configPull: false, progress: false, cacheDir: process.env.FACTCHECK_CACHE || undefined };

  const workspace = new Workspace({ log, warn: (m) => showMessage(MessageType.Warning, m) }, { bundledCorpusDir: options.bundledCorpusDir });
  const documents = new OpenDocuments();
  const ignores = new IgnoreStore(log);
  const corpus = new CorpusManager({
    log,
    cacheDir: () => session.cacheDir,
    engineVersion: runningBuildId(__filename, packageVersion()),
    beginProgress: (title) => beginProgress(connection, session.progress, title),
    // `watch` is declared below: the manager reports changes only once a build has started, after wiring.
    onDidChange: coalesced(STATUS_COALESCE_MS, () => {
      void guard('statusChanged', async () => connection.sendNotification(StatusChangedNotification.type, await watch.status()), undefined);
    }),
  });
  const watch = new CorpusWatch({
    corpus,
    resolveAll: () => workspace.resolveAll(),
    registerWatchers: (watchers) => connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }),
    ignoreFileChanged: (folderPath) => ignores.invalidate(folderPath),
    log,
  });
  const checking = new Checking(
    {
      documents,
      resolve: (uri) => workspace.resolve(uri),
      settingsGeneration: () => workspace.generation,
      indexFor: (roots, confineTo) => corpus.indexFor(roots, confineTo),
      ignoredClaims: (folderPath) => ignores.keys(folderPath),
      publish: (params) => void connection.sendDiagnostics(params),
      log,
      guard,
    },
    {
      debounceMs: options.debounceMs ?? 250,
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
      if (await watch.filesChanged(params.changes)) checking.recheck();
    }, undefined);
  });

  documents.listen(connection, {
    opened: (record) => checking.checkSoon(record),
    edited: (record) => checking.afterEdit(record),
    closed: (record) => checking.closed(record),
  });

  // ---------------------------------------------------------------- features

  connection.onHover((params) => guard('hover', () => hoverAt(documents, params), null));

  connection.onCodeAction((params) => guard('codeAction', () => codeActionsAt(documents, params), []));

  connection.onExecuteCommand((params) =>
    guard('executeCommand', async () => {
      if (params.command !== IGNORE_CLAIM_COMMAND) return null;
      return ignoreClaim(params.arguments?.[0], {
        store: ignores,
        folderFor: (uri) => workspace.folderFor(uri),
        showWarning: (m) => showMessage(MessageType.Warning, m),
        showError: (m) => showMessage(MessageType.Error, m),
        recheckFolder: (folder) => checking.recheck((record) => workspace.folderFor(record.uri) === folder),
      });
    }, null),
  );

  connection.onRequest(SearchRequest.type, (params) =>
    guard('search', () => searchCorpus(params, { workspace, ensureCorpus: (roots, confineTo) => corpus.ensure(roots, confineTo) }), { hits: [], state: 'error' as const }),
  );

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
