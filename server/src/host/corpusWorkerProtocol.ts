/**
 * The messages between the language server's main thread and a corpus
 * worker (`corpusWorker.ts`, driven by `workerCorpusStore.ts`). Every request
 * carries an id; the worker answers each with exactly one `done` or `failed`
 * of that id, and may send `progress` for it before. `log` is not tied to a
 * request. Everything is plain data (structured clone): the engine's query
 * and answer types are plain objects, so they cross unchanged.
 */
import type { CorpusReadProgress, CorpusStats, CorpusStore, CorpusWarning } from '../engine/api';

/** The look-ups of {@link CorpusStore} the worker answers (all but `stats`, which travels as a snapshot). */
export type LookupMethod = Exclude<keyof CorpusStore, 'stats'>;

/** The names of {@link LookupMethod}, to check a message against. */
export const LOOKUP_METHODS: readonly LookupMethod[] = [
  'findQuotations',
  'findPeople',
  'knowsPeople',
  'findPostHolders',
  'hasPhrases',
  'findDatesInContext',
  'findDatesByEvent',
  'findAlignedSentences',
  'cite',
  'search',
];

/** How to open a corpus in the worker (what `openFsCorpus` takes, minus the callbacks). */
export interface WorkerOpenOptions {
  buildId: string;
  cacheDir?: string;
  maxFileBytes?: number;
  /** Read every file from disk, reusing neither the worker's earlier opening nor the cache. */
  rebuild?: boolean;
  /** Real folders that symbolic links inside the corpus may lead to (an untrusted workspace); none: any. */
  confineTo?: readonly string[];
}

/** Main thread → worker. */
export type WorkerRequest =
  | { kind: 'open'; id: number; roots: readonly string[]; options: WorkerOpenOptions }
  | { kind: 'update'; id: number; changed: readonly string[]; removed: readonly string[] }
  /** `generation`: the index the store stands for ({@link CorpusSnapshot.generation}). */
  | { kind: 'lookup'; id: number; method: LookupMethod; args: unknown[]; generation: number };

/** What the main thread holds of the worker's corpus after each build or update: the store's `stats` and the status. */
export interface CorpusSnapshot {
  stats: CorpusStats;
  /** Files in the corpus (absolute paths). */
  files: string[];
  /** Listing problems and file warnings, in that order. */
  warnings: CorpusWarning[];
  /** Bumped whenever the index the look-ups answer from is replaced. */
  generation: number;
}

/** The answer to `open`. */
export interface OpenResult {
  snapshot: CorpusSnapshot;
  /** How the cache served, when a cache folder was given. */
  cache?: { status: string; reusedFiles: number; extractedFiles: number };
}

/** The answer to `update`. */
export interface UpdateResult {
  snapshot: CorpusSnapshot;
  /** Warnings of the files read by this update. */
  warnings: CorpusWarning[];
}

/** Worker → main thread. */
export type WorkerMessage =
  | { kind: 'done'; id: number; result: unknown }
  | { kind: 'failed'; id: number; message: string }
  | { kind: 'progress'; id: number; done: number; total: number; path: string; detail?: CorpusReadProgress }
  | { kind: 'log'; message: string };
