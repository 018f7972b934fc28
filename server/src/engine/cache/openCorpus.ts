/**
 * Opening a corpus, for every host: read the source through the one build
 * loop ({@link readCorpusInto}), reusing the extraction of each file whose
 * size and content hash are unchanged — from a saved cache or from an earlier
 * opening in memory — and save a new cache when anything changed.
 *
 * The rules live here, pure; the host supplies only I/O: the
 * {@link CorpusSource}, an {@link IndexCacheStore} (a file, say), the content
 * hash and the pause between files.
 */
import type { CorpusSource, CorpusWarning } from '../types';
import type { CorpusIndex } from '../index/corpusIndex';
import { CorpusIndexBuilder, readCorpusInto, type FileFingerprint, type ReadCorpusOptions, type ReusableFile } from '../index/builder';
import { encodeIndexCacheParts, IndexCacheError, INDEX_FORMAT_VERSION, type CachedFileEntry, type DecodedIndexCache, type IndexCacheManifest } from './indexCache';

/**
 * Where a corpus's index cache is kept between runs. The host implements it
 * (a file written atomically and authenticated); the engine decides what to
 * reuse and what to save.
 *
 * A store vouches for what it loads: `load` gives only a cache this
 * installation saved, unchanged (the file store checks an HMAC keyed by a
 * secret of the installation), so a cache forged or altered by anyone
 * without that key is refused before a byte of it is decoded, at no cost to
 * a genuine one. The engine still checks every record's shape and bounds on
 * decoding (a bug must not become a crash).
 */
export interface IndexCacheStore {
  /** Names the cache in messages (its file, say). */
  readonly name: string;
  /**
   * The saved cache, or undefined when there is none. Throws when one exists
   * but cannot be used: an {@link IndexCacheError} when it is damaged or was
   * not saved by this installation (fails authentication), any other error
   * when it cannot be read.
   *
   * With `buildId`, a store may stop short of decoding a cache that another
   * build wrote (its header says so; the records would be thrown away): it
   * then gives that cache's manifest with no records, still only once it is
   * authenticated.
   */
  load(buildId?: string): Promise<DecodedIndexCache | undefined>;
  /** Replaces the saved cache by the body made of `parts`, in order (each part is made only when asked for). */
  save(parts: Iterable<Uint8Array>): Promise<void>;
}

/** Options for {@link openCorpus}. */
export interface OpenCorpusOptions extends Pick<ReadCorpusOptions, 'onProgress' | 'pause'> {
  /** The running build of factcheck: a cache written by another build is rebuilt, never read. */
  buildId: string;
  /** Content hash of a file's bytes (hex): with the size, what decides that a file is unchanged. */
  hash: (bytes: Uint8Array) => string | Promise<string>;
  /** The same hash fed piece by piece, for files read as a stream (JSON Lines); without it those are never reused. */
  hasher?: ReadCorpusOptions['hasher'];
  /** Corpus files larger than this are skipped with a warning (default 40 MB). */
  maxFileBytes?: number;
  /** The cache to load from and save to; without it nothing is saved. */
  store?: IndexCacheStore;
  /**
   * An earlier opening of the same corpus (a reindex): its unchanged files are
   * reused from memory, and the store is not loaded (memory is as fresh).
   */
  previous?: CorpusIndexBuilder;
  /**
   * Read every file afresh: neither `previous` nor the saved cache is used
   * (a user's "reindex" must clear whatever a bad cache or a stale memory
   * held); the new cache is saved all the same.
   */
  rebuild?: boolean;
  /** Status and problems of the cache ("… is corrupt (…); rebuilding"); never fatal. */
  onMessage?: (message: string) => void;
  /** When the cache was made (ISO time), written into it. Default: now. */
  now?: () => string;
  /**
   * Hand the index out before the new cache is saved: the opening then
   * returns {@link OpenedCorpus.save} instead of saving (`cache.saved` is
   * false), and the host saves when it has time (the language server's
   * corpus worker: once the first check has had its turn). What is saved is
   * fixed when the opening returns, whatever the builder holds later.
   */
  deferSave?: boolean;
}

/** How earlier work served an opening. */
export interface ReuseOutcome {
  /** `hit`: every file reused; `partial`: some re-extracted; `miss`: none reused. */
  status: 'hit' | 'partial' | 'miss';
  reusedFiles: number;
  extractedFiles: number;
  /** Whether a new cache was saved to the store. */
  saved: boolean;
}

/** An opened corpus. */
export interface OpenedCorpus {
  index: CorpusIndex;
  /** Holds every file's extraction and warnings: pass it to {@link updateCorpus} and as `previous` on a reindex. */
  builder: CorpusIndexBuilder;
  /** Problems with corpus files (each skipped; the rest is indexed). */
  warnings: CorpusWarning[];
  cache: ReuseOutcome;
  /**
   * With `deferSave`, when a new cache is due: saves it (once, however often
   * called; false and a message when the store refuses). Written to a
   * temporary file and renamed by the file store, so a process that ends
   * before or during the save leaves the cache as it was.
   */
  save?: () => Promise<boolean>;
}

/**
 * Opens a corpus: loads the cache (a damaged, unreadable or other-build cache
 * is reported through `onMessage` and ignored), reads every listed file
 * reusing what is unchanged, builds the index (with the saved token stream
 * when no file changed) and saves a new cache when anything changed. A cache
 * that cannot be saved is reported; the index is returned all the same.
 *
 * A cache is used only as its store vouches for it (see
 * {@link IndexCacheStore}: saved by this installation, unchanged); its records
 * are checked for shape on decoding, and a file's records are used only when
 * the file has the same size and content hash. A cache that is refused is
 * reported and the corpus rebuilt; one that still breaks the build is dropped
 * and the corpus rebuilt, so a bad cache costs one slow opening, never a
 * failure.
 *
 * @example
 * const { index, warnings } = await openCorpus(source, { buildId: '0.1.0', hash: sha256Hex, store });
 */
export async function openCorpus(source: CorpusSource, options: OpenCorpusOptions): Promise<OpenedCorpus> {
  const say = options.onMessage ?? (() => undefined);
  const useCache = options.store !== undefined && !options.previous && !options.rebuild;
  // The corpus is listed and hashed while the cache loads (a host reads both on other threads and decodes
  // on this one: the reads' waits overlap), each file's reuse decided once the cache is in.
  const loading = useCache ? loadCache(options.store!, options.buildId, say) : undefined;
  if (!loading) return openWith(source, options, undefined, say);
  try {
    return await openWith(source, options, loading, say);
  } catch (e) {
    say(`index cache ${options.store!.name} could not be used (${errorText(e)}); rebuilding`);
    return openWith(source, options, undefined, say);
  }
}

/** {@link openCorpus} with the cache as it loads (or none). */
async function openWith(source: CorpusSource, options: OpenCorpusOptions, loading: Promise<DecodedIndexCache | undefined> | undefined, say: (m: string) => void): Promise<OpenedCorpus> {
  const previous = options.rebuild ? undefined : options.previous;
  const storeName = options.store?.name ?? 'cache';
  let cached: DecodedIndexCache | undefined;
  let cachedEntries = new Map<string, CachedFileEntry>();
  let settled = false;
  const loaded = loading?.then((c) => {
    settled = true;
    cached = c;
    cachedEntries = new Map((c?.manifest.files ?? []).map((f) => [f.path, f]));
  });
  let reusedFromCache = 0;
  const builder = new CorpusIndexBuilder(options);
  const fromCache = async (path: string, fp: FileFingerprint): Promise<ReusableFile | undefined> => {
    await loaded;
    const entry = cachedEntries.get(path);
    const records = cached?.records.get(path);
    if (!entry || !records || !sameContent(entry, fp)) return undefined;
    reusedFromCache++;
    return { records, warnings: entry.warnings };
  };
  const report = await readCorpusInto(builder, source, {
    onProgress: options.onProgress,
    pause: options.pause,
    hash: options.hash,
    hasher: options.hasher,
    reuse: (path, fp) => reuseFrom(previous, path, fp) ?? (loaded ? fromCache(path, fp) : undefined),
    // While the cache loads, any file may be in it: a streamed file is hashed before it is parsed (a pass of
    // its own, cheap beside parsing, wasted only when the cache turns out not to hold it).
    mayReuse: (path) => previous?.entryOf(path) !== undefined || (loaded !== undefined && (!settled || cachedEntries.has(path))),
  });
  const cache = await loading;
  const held = builder.paths();
  // Exactly the cached files, all unchanged: the saved tokens may fit and there is nothing to save.
  const sameAsCache = cache !== undefined && report.extractedFiles === 0 && reusedFromCache === held.length && held.length === cachedEntries.size;
  const tokens = sameAsCache ? cache.tokens : undefined;
  const fitted = tokens !== undefined ? builder.buildIfTokensFit(tokens, cache?.postings) : undefined;
  const tokensOk = fitted !== undefined;
  if (tokens !== undefined && !tokensOk) say(`index cache ${storeName} holds tokens that do not fit the texts; tokenising again`);
  const index = fitted ?? builder.build();
  // The tables the index makes on first use, saved with these very tokens (so with this corpus, by this build).
  if (tokensOk && cache?.tables) index.useSavedTables(cache.tables);
  // Saved again when anything changed, or when its tokens did not fit (or the next run would refuse them again).
  const upToDate = sameAsCache && (tokens === undefined || tokensOk);
  const status: ReuseOutcome['status'] = report.reusedFiles === 0 ? 'miss' : report.extractedFiles === 0 ? 'hit' : 'partial';
  const outcome = { status, reusedFiles: report.reusedFiles, extractedFiles: report.extractedFiles };
  if (!options.store || upToDate) return { index, builder, warnings: report.warnings, cache: { ...outcome, saved: false } };
  const save = savingOnce(options.store, builder, index, options, say);
  if (options.deferSave) return { index, builder, warnings: report.warnings, cache: { ...outcome, saved: false }, save };
  return { index, builder, warnings: report.warnings, cache: { ...outcome, saved: await save() } };
}

/** Options for {@link updateCorpus}. */
export type UpdateCorpusOptions = Pick<ReadCorpusOptions, 'pause' | 'hash' | 'hasher'>;

/** The result of {@link updateCorpus}. */
export interface UpdatedCorpus {
  /** The new index; absent when no held file changed (the current index still stands). */
  index?: CorpusIndex;
  /** Warnings of the files read by this update. */
  warnings: CorpusWarning[];
  reusedFiles: number;
  extractedFiles: number;
}

/**
 * Applies changed files to an opened corpus through the same loop as
 * {@link openCorpus}: `source` lists the files of the changed paths as they
 * are now, and every file the builder holds that `covers` says belongs to
 * those paths but the source no longer lists is removed (a deleted file, a
 * folder moved away). Unchanged files are kept as they are. The cache is not
 * saved: updates come one save of a file at a time, and the next opening
 * re-reads only what changed anyway.
 */
export async function updateCorpus(builder: CorpusIndexBuilder, source: CorpusSource, covers: (path: string) => boolean, options: UpdateCorpusOptions = {}): Promise<UpdatedCorpus> {
  const heldBefore = builder.paths().join('\n');
  const report = await readCorpusInto(builder, source, {
    ...options,
    covers,
    reuse: (path, fp) => reuseFrom(builder, path, fp),
    mayReuse: (path) => builder.entryOf(path) !== undefined,
  });
  // Deriving an index costs a pass over the whole corpus: skip it when only unchanged files were seen (a touch).
  const changed = report.extractedFiles > 0 || builder.paths().join('\n') !== heldBefore;
  return { index: changed ? builder.build() : undefined, warnings: report.warnings, reusedFiles: report.reusedFiles, extractedFiles: report.extractedFiles };
}

/** Earlier extraction of a file held by `builder`, when its size and hash are the same. */
function reuseFrom(builder: CorpusIndexBuilder | undefined, path: string, fp: FileFingerprint): ReusableFile | undefined {
  const entry = builder?.entryOf(path);
  const records = builder?.recordsOf(path);
  return entry && records && sameContent(entry, fp) ? { records: [...records], warnings: entry.warnings } : undefined;
}

function sameContent(a: FileFingerprint, b: FileFingerprint): boolean {
  return a.size === b.size && a.hash === b.hash;
}

/** The store's cache, if it is usable by this build; otherwise says why and returns undefined. */
async function loadCache(store: IndexCacheStore, buildId: string, say: (m: string) => void): Promise<DecodedIndexCache | undefined> {
  let cached: DecodedIndexCache | undefined;
  try {
    cached = await store.load(buildId);
  } catch (e) {
    say(e instanceof IndexCacheError ? `index cache ${store.name} is corrupt (${e.message}); rebuilding` : `cannot read index cache ${store.name}: ${errorText(e)}; rebuilding`);
    return undefined;
  }
  if (cached && cached.manifest.engineVersion !== buildId) {
    say(`index cache ${store.name} was written by factcheck ${cached.manifest.engineVersion}; rebuilding for ${buildId}`);
    return undefined;
  }
  return cached;
}

/**
 * The save of the held files, the index's tokens and its first-use tables,
 * run on the first call (later calls share it): false (and a message) when
 * the store refuses. The files and their records are taken now, so a save run
 * later writes this opening's corpus even if the builder has changed since.
 */
function savingOnce(store: IndexCacheStore, builder: CorpusIndexBuilder, index: CorpusIndex, options: OpenCorpusOptions, say: (m: string) => void): () => Promise<boolean> {
  const files = builder.paths().flatMap((p) => builder.entryOf(p) ?? []);
  const records = new Map(files.map((f) => [f.path, builder.recordsOf(f.path)]));
  let saving: Promise<boolean> | undefined;
  const save = async (): Promise<boolean> => {
    const manifest: IndexCacheManifest = { formatVersion: INDEX_FORMAT_VERSION, engineVersion: options.buildId, files, createdAt: options.now?.() ?? new Date().toISOString() };
    try {
      await store.save(encodeIndexCacheParts(manifest, (p) => records.get(p), index.tokens, () => index.savedTables()));
      return true;
    } catch (e) {
      say(`could not write the index cache ${store.name}: ${errorText(e)}`);
      return false;
    }
  };
  return () => (saving ??= save());
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
