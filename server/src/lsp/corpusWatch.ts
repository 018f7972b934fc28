/**
 * The corpora in use and what watches them: indexing every folder's corpus,
 * registering file watchers on the corpus paths (and the teams' ignore
 * files), applying watched-file events, and the status the client shows
 * (`factcheck/status`, `factcheck/statusChanged`).
 */
import { maskDatabaseUrl } from '../host/pg/connectionText';
import { isDatabaseRoots } from './databaseCorpus';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver';
import type { Disposable, FileEvent, FileSystemWatcher } from 'vscode-languageserver';
import { CORPUS_EXTENSIONS } from '../engine/api';
import { pathKindOf } from '../host/paths';
import type { PathKind } from '../host/paths';
import { pathToUri, uriToPath } from './conversions';
import { corpusEntryKey } from './corpusManager';
import type { CorpusEntry } from './corpusManager';
import type { FolderStatus, StatusResult } from './protocol';
import type { ResolvedSettings } from './workspace';

const WATCHED_GLOB = '**/*.{txt,md,markdown,html,htm,json,jsonl,vtt,srt}';
const IGNORE_FILE_GLOB = '**/.factcheck/ignore.json';
const CONFIG_FILE_GLOB = '**/.factcheck/config.json';

/** The status reported when computing it failed. */
export const FAILED_STATUS: StatusResult = { state: 'error', articles: 0, sentences: 0, files: 0, folders: [] };

/** The corpus manager as the watch uses it. */
export interface WatchedCorpora {
  ensure(roots: readonly string[], confineTo?: readonly string[]): CorpusEntry;
  peek(roots: readonly string[], confineTo?: readonly string[]): CorpusEntry | undefined;
  all(): CorpusEntry[];
  retain(keys: ReadonlySet<string>): void;
  fileChanged(filePath: string, deleted: boolean): boolean;
  settled(): Promise<void>;
}

/** What the watch needs from the rest of the server. */
export interface CorpusWatchDeps {
  corpus: WatchedCorpora;
  resolveAll(): Promise<ResolvedSettings[]>;
  /** Registers file watchers with the client (`client/registerCapability`). */
  registerWatchers(watchers: FileSystemWatcher[]): Promise<Disposable>;
  /** Forgets a folder's ignore file (it changed on disk). */
  ignoreFileChanged(folderPath: string): void;
  /** Forgets the team configuration files (one was created, changed or deleted). */
  teamConfigChanged?(): void;
  log(message: string): void;
  /** What a corpus root is on disk (default: `host/paths.pathKindOf`): a folder is watched whole, a file by itself. */
  pathKind?(p: string): Promise<PathKind>;
}

/** How many skipped paths a log line names before "…". */
const NAMED_SKIPPED_PATHS = 5;

/**
 * The watchers for a set of corpus roots: every corpus file below a folder, a
 * file root itself, and the ignore files. What a root is comes from the disk
 * (`kinds`, a stat), never from its name: `news.archive` may be a folder. A
 * root missing on disk (or not stat-ed) is taken as a file only when it ends
 * in a corpus extension, the one thing its name can tell.
 */
export function watchersFor(roots: readonly string[], relativePatterns: boolean, kinds: ReadonlyMap<string, PathKind> = new Map()): FileSystemWatcher[] {
  const watchers: FileSystemWatcher[] = [{ globPattern: IGNORE_FILE_GLOB }, { globPattern: CONFIG_FILE_GLOB }];
  for (const root of new Set(roots)) {
    const kind = kinds.get(root) ?? 'missing';
    const isFile = kind === 'file' || (kind === 'missing' && CORPUS_EXTENSIONS.includes(path.extname(root).toLowerCase()));
    const base = isFile ? path.dirname(root) : root;
    const pattern = isFile ? path.basename(root) : WATCHED_GLOB;
    if (relativePatterns) watchers.push({ globPattern: { baseUri: pathToUri(base), pattern } });
    else watchers.push({ globPattern: `${base.split(path.sep).join('/')}/${pattern}` });
  }
  return watchers;
}

/**
 * The status of the folders in use over the corpora the manager holds.
 * `kinds` (what each corpus root is on disk) lets it name the roots that do
 * not exist.
 */
export function statusOf(used: readonly ResolvedSettings[], corpus: Pick<WatchedCorpora, 'peek' | 'all'>, kinds: ReadonlyMap<string, PathKind> = new Map()): StatusResult {
  const folders: FolderStatus[] = used.map(({ folder, corpusRoots, corpusConfinement, skippedPaths, settings, teamConfig }) => {
    const e = corpus.peek(corpusRoots, corpusConfinement);
    // A corpus database: named masked (never its password), nothing on disk to be missing.
    const database = isDatabaseRoots(corpusRoots) ? maskDatabaseUrl(corpusRoots[0]) : undefined;
    const warnings = [
      ...skippedPaths.map((s) => `not read in an untrusted workspace or without a folder: ${s}`),
      ...(e?.warnings ?? []).map((w) => `${w.path}: ${w.message}`),
    ];
    return {
      folder: folder?.uri ?? null,
      corpusPaths: database !== undefined ? [database] : corpusRoots,
      ...(database !== undefined ? { database } : {}),
      state: e?.state ?? 'indexing',
      files: e?.index?.stats.files ?? 0,
      articles: e?.index?.stats.articles ?? 0,
      sentences: e?.index?.stats.sentences ?? 0,
      warnings: warnings.slice(0, 20),
      error: e?.error,
      enabled: settings.enable,
      corpusFrom: teamConfig?.setsCorpus ? 'config' : settings.corpusPaths.length > 0 ? 'settings' : 'bundled',
      missingPaths: database !== undefined ? [] : [...corpusRoots.filter((r) => kinds.get(r) === 'missing'), ...skippedPaths.filter((p) => !path.isAbsolute(p))],
      configFile: teamConfig ? pathToUri(teamConfig.file) : undefined,
      configProblems: teamConfig && teamConfig.problems.length > 0 ? teamConfig.problems.slice(0, 5) : undefined,
    };
  });
  const distinct = corpus.all();
  const state = distinct.some((e) => e.state === 'indexing') || distinct.length === 0
    ? 'indexing'
    : distinct.some((e) => e.state === 'error')
      ? 'error'
      : 'ready';
  const sum = (k: 'files' | 'articles' | 'sentences') => distinct.reduce((n, e) => n + (e.index?.stats[k] ?? 0), 0);
  return { state, files: sum('files'), articles: sum('articles'), sentences: sum('sentences'), folders };
}

/** A function that runs `fn` once `delayMs` after the first of a burst of calls. */
export function coalesced(delayMs: number, fn: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, delayMs);
  };
}

/** Keeps the corpora of the folders in use indexed and watched. */
export class CorpusWatch {
  /** The roots last registered, as a key: registering the same again is skipped. */
  private watchedKey = '';
  private registration: Disposable | undefined;
  private support = { dynamicRegistration: false, relativePatterns: false };

  constructor(private readonly deps: CorpusWatchDeps) {}

  /** What the client can do (from its capabilities): register watchers at all, and with relative patterns. */
  setClientSupport(support: { dynamicRegistration: boolean; relativePatterns: boolean }): void {
    this.support = support;
  }

  /** The status the client shows. */
  async status(): Promise<StatusResult> {
    const used = await this.deps.resolveAll();
    const pathKind = this.deps.pathKind ?? pathKindOf;
    const roots = [...new Set(used.flatMap((u) => (isDatabaseRoots(u.corpusRoots) ? [] : u.corpusRoots)))];
    const kinds = new Map(await Promise.all(roots.map(async (r) => [r, await pathKind(r)] as const)));
    return statusOf(used, this.deps.corpus, kinds);
  }

  /** Starts indexing every folder's corpus, drops unused indexes, and (re)registers the watchers. */
  async refresh(): Promise<void> {
    const used = await this.deps.resolveAll();
    const keys = new Set<string>();
    for (const u of used) {
      this.deps.corpus.ensure(u.corpusRoots, u.corpusConfinement);
      keys.add(corpusEntryKey(u.corpusRoots, u.corpusConfinement));
      if (u.skippedPaths.length > 0) this.deps.log(skippedMessage(u.skippedPaths));
    }
    this.deps.corpus.retain(keys);
    await this.watch(used.flatMap((u) => (isDatabaseRoots(u.corpusRoots) ? [] : u.corpusRoots)));
  }

  /**
   * Applies watched-file events: ignore files are forgotten, corpus files
   * re-read (waiting until the indexes are updated). True when open documents
   * must be checked again.
   */
  async filesChanged(changes: readonly FileEvent[]): Promise<boolean> {
    let corpusChanged = false;
    let ignoreChanged = false;
    let configChanged = false;
    for (const c of changes) {
      const p = uriToPath(c.uri);
      if (!p) continue;
      if (p.endsWith(path.join('.factcheck', 'config.json'))) {
        configChanged = true;
      } else if (p.endsWith(path.join('.factcheck', 'ignore.json'))) {
        this.deps.ignoreFileChanged(path.dirname(path.dirname(p)));
        ignoreChanged = true;
      } else if (this.deps.corpus.fileChanged(p, c.type === FileChangeType.Deleted)) {
        corpusChanged = true;
      }
    }
    if (configChanged && this.deps.teamConfigChanged) {
      // The file may name other corpus paths: index and watch what is now in use.
      this.deps.teamConfigChanged();
      await this.refresh();
    }
    if (corpusChanged) await this.deps.corpus.settled();
    return corpusChanged || ignoreChanged || configChanged;
  }

  private async watch(roots: string[]): Promise<void> {
    if (!this.support.dynamicRegistration) return;
    const unique = [...new Set(roots)].sort();
    // Stat-ed concurrently, off the main loop (settings cap how many roots there are).
    const pathKind = this.deps.pathKind ?? pathKindOf;
    const kinds = new Map(await Promise.all(unique.map(async (r) => [r, await pathKind(r)] as const)));
    // The kinds are part of the key: a root created (or replaced by a folder) since is watched anew.
    const key = JSON.stringify(unique.map((r) => [r, kinds.get(r)]));
    if (key === this.watchedKey) return;
    this.watchedKey = key;
    try {
      const old = this.registration;
      this.registration = await this.deps.registerWatchers(watchersFor(unique, this.support.relativePatterns, kinds));
      old?.dispose();
    } catch (err) {
      this.deps.log(`factcheck: could not register file watchers: ${(err as Error).message}`);
    }
  }
}

/** One log line for a folder's skipped corpus paths, however many. */
function skippedMessage(skipped: readonly string[]): string {
  const named = skipped.slice(0, NAMED_SKIPPED_PATHS).join(', ');
  const more = skipped.length > NAMED_SKIPPED_PATHS ? `, … (${skipped.length} in all)` : '';
  return `factcheck: corpus paths not read (untrusted workspace or no folder): ${named}${more}`;
}
