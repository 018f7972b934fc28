/**
 * The shapes of the language server's corpora: what a corpus entry holds,
 * what the corpus manager needs from its host, the key of a corpus, and the
 * back-off for restarting a worker that keeps dying.
 */
import type { CorpusStore, CorpusWarning } from '../engine/api';
import { corpusKey } from '../host/corpusKey';
import type { WorkerCorpus } from '../host/workerCorpusStore';
import type { CorpusState } from './protocol';

/** A progress reporter, as the connection's work-done progress gives one. */
export interface ProgressSink {
  report(percentage: number, message?: string): void;
  done(): void;
}

/** What the manager needs from its host. */
export interface CorpusManagerHost {
  log(message: string): void;
  /** Starts a progress report titled `title` (a no-op sink when the client cannot show progress). */
  beginProgress(title: string): Promise<ProgressSink>;
  /** Called whenever an index's state or contents changed. */
  onDidChange(): void;
  /** Called when a corpus's store was replaced without a rebuild (a corpus database reconnected or was ingested into): drafts are checked again. */
  onStoreChanged?(): void;
  /** Folder of the persistent index cache, if any (asked at each build: it is known only after initialize). */
  cacheDir?(): string | undefined;
  /** The running build (`runningBuildId`): a cache written by another build is rebuilt. Default: this module's. */
  engineVersion?: string;
  /** The corpus worker's script (default: `corpusWorker.js` beside the server). */
  workerScript?: string;
  /** The clock for restart back-off (default `Date.now`). */
  now?(): number;
}

/** One corpus and its index. */
export interface CorpusEntry {
  readonly key: string;
  readonly roots: readonly string[];
  /** Real folders that links inside the corpus may lead to (an untrusted workspace); undefined: anywhere. */
  readonly confineTo?: readonly string[];
  state: CorpusState;
  /** The store answering the checks' look-ups: a proxy to the index held by the corpus worker. */
  index?: CorpusStore;
  /** Files currently in the corpus (absolute paths). */
  files: Set<string>;
  warnings: CorpusWarning[];
  error?: string;
  /** Settles when the pending work (initial build or updates) is done. */
  ready: Promise<void>;
}

/** The manager's own record of an entry: the entry and the worker holding its corpus. */
export interface HeldEntry extends CorpusEntry {
  readonly worker: WorkerCorpus;
  /** Worker stops in a row without a good build since, and when the last one happened. */
  crashes: number;
  crashedAt: number;
}

/**
 * How long after its last crash a corpus waits before `ensure` starts another
 * worker: at once after the first (a crash is not a verdict on the corpus),
 * then 2, 4, 8… s up to a minute, so a corpus that kills its worker every time
 * (out of memory, say) does not restart it on every keystroke's check.
 */
export function restartDelayMs(crashes: number): number {
  return crashes <= 1 ? 0 : Math.min(60_000, 1000 * 2 ** (crashes - 1));
}

/**
 * The key of a corpus: its roots (`host/corpusKey`) and, in an untrusted
 * workspace, the folders it is confined to (the same roots read under another
 * trust are another corpus: links outside are then left out).
 */
export function corpusEntryKey(roots: readonly string[], confineTo?: readonly string[]): string {
  const key = corpusKey(roots);
  return confineTo ? `${key}\nconfined to ${JSON.stringify([...confineTo].sort())}` : key;
}
