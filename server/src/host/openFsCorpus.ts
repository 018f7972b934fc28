/**
 * Opening a corpus on disk: the one entry point the CLI and the language
 * server share, and the only place that decides whether a cache is used
 * (exactly when a cache folder is given). The rules are the engine's
 * (`openCorpus`, `updateCorpus`); this module supplies the files, the cache
 * file, the hash and the event-loop pause.
 */
import type { CorpusReadProgress } from '../engine/api';
import { openCorpus, updateCorpus, type CorpusIndexBuilder, type CorpusIndexBuilderOptions, type CorpusWarning, type OpenCorpusOptions, type OpenedCorpus, type UpdatedCorpus } from '../engine/api';
import { contentHash, contentHasher } from './contentHash';
import { createEventLoopPause } from './eventLoopPause';
import { ExtractionPool } from './extractionPool';
import { createFsCorpusSource } from './fsCorpusSource';
import { cacheFileFor, createFsIndexCacheStore } from './fsIndexCache';
import { isInside } from './paths';

/** Options for {@link openFsCorpus}. */
export interface OpenFsCorpusOptions {
  /** The running build (see `runningBuildId`): a cache from another build is rebuilt. */
  buildId: string;
  /** Folder of index cache files (created if missing); without it nothing is read or written there. */
  cacheDir?: string;
  /** Corpus files read whole (all but JSON Lines, which are streamed) larger than this are skipped with a warning (default 40 MB). */
  maxFileBytes?: number;
  /** An earlier opening of these roots (a reindex): its unchanged files are reused from memory. */
  previous?: CorpusIndexBuilder;
  /** Read every file from disk, using neither `previous` nor the cache (a reindex); the new cache is saved. */
  rebuild?: boolean;
  /** Called after each file. */
  onProgress?: (done: number, total: number, path: string, detail?: CorpusReadProgress) => void;
  /** Status and problems of the cache; never fatal. */
  onMessage?: (message: string) => void;
  /** Real folders that symbolic links in the corpus may lead to (an untrusted workspace); see `FsCorpusSourceOptions.confineTo`. */
  confineTo?: readonly string[];
  /**
   * Worker threads extracting files (default: one per core the process may
   * use); 0 extracts in this thread. Threads start only when there is enough
   * to extract (not on a cache hit), and stop when idle.
   */
  extractionWorkers?: number;
  /** Hand the index out before saving the new cache: the result's `save` saves it (see `OpenCorpusOptions.deferSave`). */
  deferSave?: boolean;
}

/** A corpus opened from disk. */
export interface OpenedFsCorpus extends OpenedCorpus {
  /** Corpus paths that could not be listed (missing, unreadable folder); the rest was read. */
  listingProblems: CorpusWarning[];
  /** The cache file, when a cache folder was given. */
  cacheFile?: string;
}

/**
 * Opens the corpus made of `roots` (files and folders): every corpus file is
 * read, except those whose size and content match the cache (or `previous`),
 * and the cache is saved again when anything changed.
 */
export async function openFsCorpus(roots: readonly string[], options: OpenFsCorpusOptions): Promise<OpenedFsCorpus> {
  const listingProblems: CorpusWarning[] = [];
  const source = createFsCorpusSource(roots, { onProblem: (path, message) => listingProblems.push({ path, message }), confineTo: options.confineTo });
  const cacheFile = options.cacheDir !== undefined ? cacheFileFor(options.cacheDir, roots) : undefined;
  // The pool rides on the builder (`CorpusIndexBuilderOptions.extractor`): later updates of this corpus use it too.
  const extractor = options.extractionWorkers === 0 ? undefined : new ExtractionPool({ workers: options.extractionWorkers, onMessage: options.onMessage });
  const openOptions: OpenCorpusOptions & CorpusIndexBuilderOptions = {
    extractor,
    buildId: options.buildId,
    hash: contentHash,
    hasher: contentHasher,
    pause: createEventLoopPause(),
    maxFileBytes: options.maxFileBytes,
    store: cacheFile !== undefined ? createFsIndexCacheStore(cacheFile) : undefined,
    previous: options.previous,
    rebuild: options.rebuild,
    onProgress: options.onProgress,
    onMessage: options.onMessage,
    deferSave: options.deferSave,
  };
  const opened = await openCorpus(source, openOptions);
  return { ...opened, listingProblems, cacheFile };
}

/** Paths reported changed by a file watcher (absolute). */
export interface CorpusChanges {
  /** Created or changed files, or folders that appeared (moved in). */
  changed: Iterable<string>;
  /** Deleted files or folders. */
  removed: Iterable<string>;
}

/**
 * Applies watcher events to the opened corpus of `roots`: the changed paths are listed
 * and read through the same source and loop as a full opening (same size
 * limit, same warnings), and held files at or below a changed or removed path
 * that are no longer there are dropped.
 */
export async function updateFsCorpus(
  builder: CorpusIndexBuilder,
  roots: readonly string[],
  changes: CorpusChanges,
  options: { confineTo?: readonly string[] } = {},
): Promise<UpdatedCorpus> {
  const changed = [...changes.changed];
  const touched = [...changed, ...changes.removed];
  // A changed path that vanished before it was read is just not listed: it is then removed like a deleted one.
  const source = createFsCorpusSource(changed, { onProblem: () => undefined, explicitFiles: roots, confineTo: options.confineTo });
  return updateCorpus(builder, source, (file) => touched.some((p) => isInside(p, file)), { hash: contentHash, hasher: contentHasher, pause: createEventLoopPause() });
}
