/**
 * The factcheck language server: wires the connection to documents, settings,
 * the corpus indexes and the handlers. Transport-agnostic: `main.ts` creates
 * the connection (stdio, IPC or socket) and calls {@link startServer}.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import type {
  CodeAction,
  Connection,
  Disposable,
  FileSystemWatcher,
  Hover,
  InitializeParams,
  InitializeResult,
  WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDraft, DraftChecker, FINDING_CODES } from '../engine/api';
import type { CheckConfig, CorpusIndex, Finding, FindingCode, Severity } from '../engine/api';
import { splitForChecking } from './chunks';
import { runningBuildId } from '../host/fsIndexCache';
import { codeActionsFor } from './codeActions';
import { pathToUri, uriToPath } from './conversions';
import { CorpusManager } from './corpusManager';
import type { ProgressSink } from './corpusManager';
import { findingsToDiagnostics, openSentenceSpan } from './diagnostics';
import { findingsAt, formatHover } from './hover';
import { IgnoreStore } from './ignoreStore';
import {
  IGNORE_CLAIM_COMMAND,
  REINDEX_REQUEST,
  SEARCH_REQUEST,
  SET_TRUSTED_NOTIFICATION,
  STATUS_CHANGED_NOTIFICATION,
  STATUS_REQUEST,
} from './protocol';
import type {
  FactcheckInitializationOptions,
  FolderStatus,
  IgnoreClaimArgs,
  SearchParams,
  SearchResult,
  SetTrustedParams,
  StatusResult,
} from './protocol';
import { corpusKey, defaultSettings, parseSettings } from './settings';
import type { FactcheckSettings } from './settings';

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

/** A checked document's findings, kept for hovers. */
interface CheckResult {
  version: number;
  text: string;
  findings: Finding[];
}

/** A workspace folder as the server uses it. */
interface Folder {
  uri: string;
  path: string;
  name: string;
}

/** Version of this server. */
const SERVER_VERSION = '0.1.0';

const WATCHED_GLOB = '**/*.{txt,md,markdown,html,htm,json,jsonl}';

/** Starts serving on `connection` (which must not be listening yet) and starts listening. */
export function startServer(connection: Connection, options: ServerOptions): void {
  const debounceMs = options.debounceMs ?? 250;
  const typingPauseMs = options.typingPauseMs ?? 1200;
  const maxChars = options.maxDocumentChars ?? 2_000_000;
  const documents = new TextDocuments(TextDocument);
  const log = (m: string) => connection.console.log(m);

  let folders: Folder[] = [];
  let trusted = true;
  let configPull = false;
  let dynamicWatch = false;
  let relativePatterns = false;
  let progressSupported = false;
  let pushedSettings: unknown; // settings from didChangeConfiguration, for clients without workspace/configuration
  let watcherRegistration: Disposable | undefined;
  let watchedKey = '';

  const settingsCache = new Map<string, Promise<FactcheckSettings>>();
  const shownProblems = new Set<string>();
  const results = new Map<string, CheckResult>();
  const checkers = new Map<string, { checker: DraftChecker; key: string }>();
  const timers = new Map<string, NodeJS.Timeout>();
  const lastEdits = new Map<string, { offset: number; time: number }>();
  const previousText = new Map<string, string>();
  const ignores = new IgnoreStore(log);

  let statusTimer: NodeJS.Timeout | undefined;
  let cacheDir: string | undefined = process.env.FACTCHECK_CACHE || undefined;
  const corpus = new CorpusManager({
    log,
    cacheDir: () => cacheDir,
    engineVersion: runningBuildId(__filename, SERVER_VERSION),
    beginProgress: (title) => beginProgress(title),
    onDidChange: () => {
      // Coalesce bursts (each file of a rebuild) into one notification.
      if (statusTimer) return;
      statusTimer = setTimeout(() => {
        statusTimer = undefined;
        void guard('statusChanged', async () => connection.sendNotification(STATUS_CHANGED_NOTIFICATION, await status()), undefined);
      }, 50);
    },
  });

  // A plain notification: showWarningMessage would send a request and wait for a button.
  function showMessage(type: MessageType, message: string): void {
    void connection.sendNotification(ShowMessageNotification.type, { type, message });
  }

  /** Runs a handler, logging instead of crashing when it throws. */
  async function guard<T>(name: string, fn: () => T | Promise<T>, fallback: T): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      connection.console.error(`factcheck: ${name} failed: ${(err as Error)?.stack ?? String(err)}`);
      return fallback;
    }
  }

  async function beginProgress(title: string): Promise<ProgressSink> {
    if (!progressSupported) return { report: () => undefined, done: () => undefined };
    try {
      const reporter = await connection.window.createWorkDoneProgress();
      reporter.begin(title, 0, undefined, false);
      let last = -1;
      return {
        report: (pct, message) => {
          if (pct === last) return; // one report per percent is plenty
          last = pct;
          if (message === undefined) reporter.report(pct);
          else reporter.report(pct, message);
        },
        done: () => reporter.done(),
      };
    } catch {
      return { report: () => undefined, done: () => undefined };
    }
  }

  // ---------------------------------------------------------------- folders & settings

  function folderFor(uri: string): Folder | undefined {
    const p = uriToPath(uri);
    if (p === undefined) return folders[0]; // untitled and other schemes use the first folder's corpus
    let best: Folder | undefined;
    for (const f of folders) {
      if ((p === f.path || p.startsWith(f.path.endsWith(path.sep) ? f.path : f.path + path.sep)) && (!best || f.path.length > best.path.length)) best = f;
    }
    return best;
  }

  function getSettings(folder: Folder | undefined): Promise<FactcheckSettings> {
    const key = folder?.uri ?? '';
    let cached = settingsCache.get(key);
    if (!cached) {
      cached = (async () => {
        let raw: unknown = pushedSettings;
        if (configPull) {
          try {
            raw = await connection.workspace.getConfiguration({ scopeUri: folder?.uri, section: 'factcheck' });
          } catch (err) {
            log(`factcheck: workspace/configuration failed, using defaults: ${(err as Error).message}`);
            raw = undefined;
          }
        }
        const { settings, problems } = parseSettings(raw);
        for (const p of problems) {
          if (shownProblems.has(p)) continue;
          shownProblems.add(p);
          showMessage(MessageType.Warning, `Fact Check settings: ${p}`);
          log(`factcheck: bad setting: ${p}`);
        }
        return settings;
      })().catch(() => defaultSettings());
      settingsCache.set(key, cached);
    }
    return cached;
  }

  /** Absolute corpus paths for a folder's settings, and the paths left out (untrusted workspace). */
  function corpusRoots(folder: Folder | undefined, settings: FactcheckSettings): { roots: string[]; skipped: string[] } {
    if (settings.corpusPaths.length === 0) return { roots: [path.resolve(options.bundledCorpusDir)], skipped: [] };
    const roots: string[] = [];
    const skipped: string[] = [];
    for (const raw of settings.corpusPaths) {
      const expanded = raw === '~' || raw.startsWith('~/') ? path.join(os.homedir(), raw.slice(1)) : raw;
      let abs: string;
      if (path.isAbsolute(expanded)) abs = path.normalize(expanded);
      else if (folder) abs = path.resolve(folder.path, expanded);
      else {
        skipped.push(raw);
        continue;
      }
      const inside = folder !== undefined && (abs === folder.path || abs.startsWith(folder.path + path.sep));
      if (!trusted && !inside) {
        skipped.push(abs); // an untrusted workspace must not make us read files elsewhere on disk
        continue;
      }
      if (!roots.includes(abs)) roots.push(abs);
    }
    return { roots, skipped };
  }

  /** The corpus roots of every folder in use (for watching and status). */
  async function foldersInUse(): Promise<Array<{ folder: Folder | undefined; roots: string[]; skipped: string[] }>> {
    const list: Array<Folder | undefined> = folders.length > 0 ? [...folders] : [undefined];
    const out = [];
    for (const f of list) {
      const s = await getSettings(f);
      out.push({ folder: f, ...corpusRoots(f, s) });
    }
    return out;
  }

  async function status(): Promise<StatusResult> {
    const used = await foldersInUse();
    const folderStatus: FolderStatus[] = used.map(({ folder, roots, skipped }) => {
      const e = corpus.peek(roots);
      const warnings = [
        ...skipped.map((s) => `not read in an untrusted workspace or without a folder: ${s}`),
        ...(e?.warnings ?? []).map((w) => `${w.path}: ${w.message}`),
      ];
      return {
        folder: folder?.uri ?? null,
        corpusPaths: roots,
        state: e?.state ?? 'indexing',
        files: e?.index?.stats.files ?? 0,
        articles: e?.index?.stats.articles ?? 0,
        sentences: e?.index?.stats.sentences ?? 0,
        warnings: warnings.slice(0, 20),
        error: e?.error,
      };
    });
    const distinct = corpus.all();
    const state = distinct.some((e) => e.state === 'indexing') || distinct.length === 0
      ? 'indexing'
      : distinct.some((e) => e.state === 'error')
        ? 'error'
        : 'ready';
    const sum = (k: 'files' | 'articles' | 'sentences') => distinct.reduce((n, e) => n + (e.index?.stats[k] ?? 0), 0);
    return { state, files: sum('files'), articles: sum('articles'), sentences: sum('sentences'), folders: folderStatus };
  }

  /** Starts indexing every folder's corpus, drops unused indexes, and (re)registers file watchers. */
  async function refreshCorpora(): Promise<void> {
    const used = await foldersInUse();
    const keys = new Set<string>();
    for (const u of used) {
      corpus.ensure(u.roots);
      keys.add(corpusKey(u.roots));
      for (const s of u.skipped) log(`factcheck: corpus path not read (untrusted workspace or no folder): ${s}`);
    }
    corpus.retain(keys);
    await registerWatchers(used.flatMap((u) => u.roots));
  }

  async function registerWatchers(roots: string[]): Promise<void> {
    if (!dynamicWatch) return;
    const key = JSON.stringify([...new Set(roots)].sort());
    if (key === watchedKey) return;
    watchedKey = key;
    const watchers: FileSystemWatcher[] = [{ globPattern: '**/.factcheck/ignore.json' }];
    for (const root of new Set(roots)) {
      const isFile = /\.[a-z]{2,8}$/i.test(root);
      const base = isFile ? path.dirname(root) : root;
      const pattern = isFile ? path.basename(root) : WATCHED_GLOB;
      if (relativePatterns) watchers.push({ globPattern: { baseUri: pathToUri(base), pattern } });
      else watchers.push({ globPattern: `${base.split(path.sep).join('/')}/${pattern}` });
    }
    try {
      const old = watcherRegistration;
      watcherRegistration = await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      old?.dispose();
    } catch (err) {
      log(`factcheck: could not register file watchers: ${(err as Error).message}`);
    }
  }

  // ---------------------------------------------------------------- checking

  function schedule(uri: string, delay: number): void {
    const old = timers.get(uri);
    if (old) clearTimeout(old);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void guard('check', () => check(uri), undefined);
      }, delay),
    );
  }

  function recheckAll(): void {
    for (const d of documents.all()) schedule(d.uri, 0);
  }

  function checkConfig(settings: FactcheckSettings): CheckConfig {
    const severity: Partial<Record<FindingCode, Severity>> = {};
    const enabled: Partial<Record<FindingCode, boolean>> = {};
    for (const code of FINDING_CODES) {
      const s = settings.severity[code];
      // Verified findings are always computed: the hover shows them even when not published.
      if (s === 'off') enabled[code] = code.endsWith('-verified');
      else severity[code] = s;
    }
    return { severity, enabled, includeVerified: true };
  }

  /** The incremental checker of a document, made anew when the index or the configuration changes. */
  function checkerFor(uri: string, index: CorpusIndex, config: CheckConfig): DraftChecker {
    const key = JSON.stringify(config);
    const held = checkers.get(uri);
    if (held && held.checker.index === index && held.key === key) return held.checker;
    const checker = new DraftChecker(index, config);
    checkers.set(uri, { checker, key });
    return checker;
  }

  async function check(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const folder = folderFor(uri);
    const settings = await getSettings(folder);
    if (!settings.enable || !settings.languages.includes(doc.languageId)) {
      results.delete(uri);
      connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const text = doc.getText();
    if (text.length > maxChars || looksBinary(text)) {
      log(`factcheck: not checking ${uri}: ${text.length > maxChars ? `longer than ${maxChars} characters` : 'binary content'}`);
      results.delete(uri);
      connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const { roots } = corpusRoots(folder, settings);
    const docPath = uriToPath(uri);
    if (docPath && roots.some((r) => docPath === r || docPath.startsWith(r + path.sep))) {
      // A source article opened from the corpus is evidence, not a draft: checking it against itself is noise.
      results.delete(uri);
      connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const index = await corpus.indexFor(roots);
    if (documents.get(uri)?.version !== version) return; // superseded while the corpus was loading
    if (!index) {
      connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const started = Date.now();
    const config = checkConfig(settings);
    const findings: Finding[] = [];
    const pieces = splitForChecking(text);
    for (const piece of pieces) {
      if (pieces.length > 1) {
        // Let hovers, searches and newer versions in between pieces.
        await new Promise((r) => setImmediate(r));
        if (documents.get(uri)?.version !== version) return;
      }
      const whole = piece.start === 0 && piece.end === text.length;
      const part = whole ? text : text.slice(piece.start, piece.end);
      // A document checked whole keeps its checker, so an edit re-matches only the claims it touched.
      const found = await (whole ? checkerFor(uri, index, config).check(part) : checkDraft(part, index, config));
      for (const f of found) {
        findings.push(piece.start === 0 ? f : { ...f, span: { start: f.span.start + piece.start, end: f.span.end + piece.start } });
      }
    }
    const elapsed = Date.now() - started;
    if (elapsed > 500 || !results.has(uri)) log(`factcheck: checked ${uri} v${version} in ${elapsed} ms: ${findings.length} findings`);
    const current = documents.get(uri);
    if (!current || current.version !== version) return; // a newer version is on its way; drop this run
    results.set(uri, { version, text, findings });
    const edit = lastEdits.get(uri);
    let heldBack;
    if (edit) {
      const since = Date.now() - edit.time;
      if (since < typingPauseMs) {
        heldBack = openSentenceSpan(text, edit.offset);
        if (heldBack) schedule(uri, typingPauseMs - since);
      }
    }
    const ignored = await ignores.keys(folder?.path);
    const diagnostics = findingsToDiagnostics(findings, { document: current, settings, ignored, heldBack, docsUrl: options.docsUrl });
    if (documents.get(uri)?.version !== version) return;
    connection.sendDiagnostics({ uri, version, diagnostics });
  }

  // ---------------------------------------------------------------- lifecycle

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    configPull = !!caps.workspace?.configuration;
    dynamicWatch = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    relativePatterns = !!caps.workspace?.didChangeWatchedFiles?.relativePatternSupport;
    progressSupported = !!caps.window?.workDoneProgress;
    const init = (params.initializationOptions ?? {}) as FactcheckInitializationOptions;
    trusted = init.trusted !== false;
    if (typeof init.cacheDir === 'string' && init.cacheDir.trim()) cacheDir = init.cacheDir;
    folders = toFolders(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'], resolveProvider: false },
        executeCommandProvider: { commands: [IGNORE_CLAIM_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'factcheck-ls', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    void guard('initialized', async () => {
      if (configPull) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'factcheck' });
      try {
        connection.workspace.onDidChangeWorkspaceFolders((e) => {
          const removed = new Set(e.removed.map((f) => f.uri));
          folders = [...folders.filter((f) => !removed.has(f.uri)), ...toFolders(e.added)];
          settingsCache.clear();
          void guard('folders', async () => {
            await refreshCorpora();
            recheckAll();
          }, undefined);
        });
      } catch {
        // The client does not send folder changes.
      }
      await refreshCorpora();
    }, undefined);
  });

  connection.onDidChangeConfiguration((change) => {
    void guard('configuration', async () => {
      pushedSettings = (change.settings as { factcheck?: unknown } | undefined)?.factcheck;
      settingsCache.clear();
      shownProblems.clear();
      await refreshCorpora();
      recheckAll();
    }, undefined);
  });

  connection.onNotification(SET_TRUSTED_NOTIFICATION, (p: SetTrustedParams) => {
    void guard('setTrusted', async () => {
      trusted = p?.trusted !== false;
      await refreshCorpora();
      recheckAll();
    }, undefined);
  });

  connection.onDidChangeWatchedFiles((params) => {
    void guard('watchedFiles', async () => {
      let corpusChanged = false;
      let ignoreChanged = false;
      for (const c of params.changes) {
        const p = uriToPath(c.uri);
        if (!p) continue;
        if (p.endsWith(path.join('.factcheck', 'ignore.json'))) {
          ignores.invalidate(path.dirname(path.dirname(p)));
          ignoreChanged = true;
          continue;
        }
        if (corpus.fileChanged(p, c.type === FileChangeType.Deleted)) corpusChanged = true;
      }
      if (corpusChanged) await corpus.settled();
      if (corpusChanged || ignoreChanged) recheckAll();
    }, undefined);
  });

  // ---------------------------------------------------------------- documents

  documents.onDidOpen((e) => {
    previousText.set(e.document.uri, e.document.getText());
    schedule(e.document.uri, 0);
  });
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    if (!previousText.has(uri)) return; // the open event handles the first version
    const now = e.document.getText();
    const before = previousText.get(uri) ?? '';
    previousText.set(uri, now);
    if (before === now) return;
    lastEdits.set(uri, { offset: editOffset(before, now), time: Date.now() });
    schedule(uri, debounceMs);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.delete(uri);
    results.delete(uri);
    checkers.delete(uri);
    lastEdits.delete(uri);
    previousText.delete(uri);
    connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  // ---------------------------------------------------------------- features

  connection.onHover((params) =>
    guard<Hover | null>('hover', () => {
      const doc = documents.get(params.textDocument.uri);
      const result = results.get(params.textDocument.uri);
      if (!doc || !result || result.text !== doc.getText()) return null;
      const offset = doc.offsetAt(params.position);
      const here = findingsAt(result.findings, offset);
      const value = formatHover(here, result.text);
      if (!value) return null;
      const first = here.reduce((a, b) => (b.span.end - b.span.start < a.span.end - a.span.start ? b : a));
      return {
        contents: { kind: 'markdown', value },
        range: { start: doc.positionAt(first.span.start), end: doc.positionAt(first.span.end) },
      };
    }, null),
  );

  connection.onCodeAction((params) =>
    guard<CodeAction[]>('codeAction', () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return codeActionsFor(doc.uri, params.context.diagnostics, (d) => doc.getText(d.range));
    }, []),
  );

  connection.onExecuteCommand((params) =>
    guard('executeCommand', async () => {
      if (params.command !== IGNORE_CLAIM_COMMAND) return null;
      const args = (params.arguments?.[0] ?? {}) as Partial<IgnoreClaimArgs>;
      if (typeof args.uri !== 'string' || typeof args.code !== 'string' || typeof args.text !== 'string') return null;
      const folder = folderFor(args.uri);
      if (!folder) {
        showMessage(MessageType.Warning, 'Fact Check: open a folder to ignore claims (they are saved in .factcheck/ignore.json).');
        return null;
      }
      const docPath = uriToPath(args.uri);
      try {
        await ignores.add(folder.path, {
          code: args.code,
          text: args.text,
          file: docPath ? path.relative(folder.path, docPath).split(path.sep).join('/') : undefined,
          added: new Date().toISOString(),
        });
      } catch (err) {
        showMessage(MessageType.Error, `Fact Check: ${(err as Error).message}`);
        return null;
      }
      for (const d of documents.all()) if (folderFor(d.uri) === folder) schedule(d.uri, 0);
      return null;
    }, null),
  );

  connection.onRequest(SEARCH_REQUEST, (params: SearchParams) =>
    guard<SearchResult>('search', async () => {
      const query = typeof params?.query === 'string' ? params.query.trim() : '';
      const limit = Math.max(1, Math.min(200, Number.isFinite(params?.limit) ? Number(params.limit) : 20));
      const folder = typeof params?.uri === 'string' ? folderFor(params.uri) : folders[0];
      const { roots } = corpusRoots(folder, await getSettings(folder));
      const entry = corpus.ensure(roots);
      await entry.ready;
      if (!query || !entry.index) return { hits: [], state: entry.state };
      const hits = (await entry.index.search(query, { limit })).map((h) => ({
        articleId: h.articleId,
        uri: pathToUri(h.path),
        title: h.title,
        publisher: h.publisher,
        date: h.date,
        text: h.text,
        range: h.range,
        score: h.score,
        terms: h.terms,
      }));
      return { hits, state: entry.state };
    }, { hits: [], state: 'error' }),
  );

  connection.onRequest(STATUS_REQUEST, () => guard('status', status, { state: 'error', articles: 0, sentences: 0, files: 0, folders: [] } as StatusResult));

  connection.onRequest(REINDEX_REQUEST, () =>
    guard('reindex', async () => {
      ignores.invalidate();
      await refreshCorpora();
      await corpus.reindexAll();
      recheckAll();
      return status();
    }, { state: 'error', articles: 0, sentences: 0, files: 0, folders: [] } as StatusResult),
  );

  documents.listen(connection);
  connection.listen();
}

function toFolders(list: readonly WorkspaceFolder[]): Folder[] {
  const out: Folder[] = [];
  for (const f of list) {
    const p = uriToPath(f.uri);
    if (p) out.push({ uri: f.uri, path: path.resolve(p), name: f.name });
  }
  return out;
}

/** Where two versions of a text first differ (the offset of the last edit, for the typing hold-back). */
export function editOffset(before: string, after: string): number {
  const n = Math.min(before.length, after.length);
  let i = 0;
  while (i < n && before.charCodeAt(i) === after.charCodeAt(i)) i++;
  // The edit ends where the common suffix starts; the caret sits there after typing.
  let j = 0;
  while (j < n - i && before.charCodeAt(before.length - 1 - j) === after.charCodeAt(after.length - 1 - j)) j++;
  return Math.max(i, after.length - j);
}

/** True for text that is evidently not prose (NUL characters, or mostly replacement characters). */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return true;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) === 0xfffd) bad++;
  return sample.length > 0 && bad / sample.length > 0.1;
}
