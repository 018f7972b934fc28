/**
 * Corpus indexes of the language server, one per distinct set of corpus
 * paths (workspace folders configured alike share one). Builds on demand,
 * reports progress, and applies file changes incrementally. Every read of the
 * disk goes through `host/openFsCorpus` (the same source, size limit, warnings
 * and cache rules as the CLI); nothing here touches the file system.
 */
import * as path from 'node:path';
import { CORPUS_EXTENSIONS } from '../engine/api';
import type { CorpusIndex, CorpusIndexBuilder, CorpusWarning } from '../engine/api';
import { runningBuildId } from '../host/buildId';
import { corpusKey } from '../host/corpusKey';
import { openFsCorpus, updateFsCorpus } from '../host/openFsCorpus';
import { isInside } from '../host/paths';
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
  /** Folder of the persistent index cache, if any (asked at each build: it is known only after initialize). */
  cacheDir?(): string | undefined;
  /** The running build (`runningBuildId`): a cache written by another build is rebuilt. Default: this module's. */
  engineVersion?: string;
}

/** One corpus and its index. */
export interface CorpusEntry {
  readonly key: string;
  readonly roots: readonly string[];
  state: CorpusState;
  index?: CorpusIndex;
  builder?: CorpusIndexBuilder;
  /** Files currently in the builder (absolute paths). */
  files: Set<string>;
  warnings: CorpusWarning[];
  error?: string;
  /** Settles when the pending work (initial build or updates) is done. */
  ready: Promise<void>;
}

/** How long to gather file events before rebuilding (a `git checkout` changes many at once). */
const UPDATE_BATCH_MS = 60;

export class CorpusManager {
  private readonly entries = new Map<string, CorpusEntry>();
  private readonly pending = new Map<string, { changed: Set<string>; removed: Set<string>; timer: NodeJS.Timeout }>();
  /** Per corpus key: the roots that could not be listed at the last full build (kept across updates). */
  private readonly listingProblems = new Map<string, CorpusWarning[]>();

  constructor(private readonly host: CorpusManagerHost, private readonly maxFileBytes?: number) {}

  /** The entry for a set of absolute corpus paths, starting its build when new. */
  ensure(roots: readonly string[]): CorpusEntry {
    const key = corpusKey(roots);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { key, roots: [...roots], state: 'indexing', files: new Set(), warnings: [], ready: Promise.resolve() };
      this.entries.set(key, entry);
      const e = entry;
      entry.ready = this.build(e);
    }
    return entry;
  }

  /** The ready index for a set of corpus paths (waits for indexing), or undefined when it failed. */
  async indexFor(roots: readonly string[]): Promise<CorpusIndex | undefined> {
    const entry = this.ensure(roots);
    await entry.ready;
    return entry.index;
  }

  /** All entries (for status). */
  all(): CorpusEntry[] {
    return [...this.entries.values()];
  }

  /** The existing entry for a set of paths, if any. */
  peek(roots: readonly string[]): CorpusEntry | undefined {
    return this.entries.get(corpusKey(roots));
  }

  /** Drops entries no longer used by any folder. */
  retain(keys: ReadonlySet<string>): void {
    for (const key of [...this.entries.keys()]) {
      if (keys.has(key)) continue;
      this.entries.delete(key);
      this.listingProblems.delete(key);
    }
  }

  /**
   * Rebuilds every entry from disk, reusing neither the index in memory nor
   * the cache: a reindex is how a user clears whatever either held (an error
   * state included). The new cache is saved.
   */
  async reindexAll(): Promise<void> {
    const entries = this.all();
    for (const e of entries) {
      e.state = 'indexing';
      e.ready = e.ready.then(() => this.build(e, true));
    }
    this.host.onDidChange();
    await Promise.all(entries.map((e) => e.ready));
  }

  /**
   * Records a created/changed/deleted path. Returns true when it lies in some
   * corpus (the update is then applied after a short batch delay; await
   * {@link settled} to wait for it).
   */
  fileChanged(filePath: string, deleted: boolean): boolean {
    const abs = path.resolve(filePath);
    let affected = false;
    for (const e of this.entries.values()) {
      if (!this.belongs(e, abs, deleted)) continue;
      affected = true;
      let p = this.pending.get(e.key);
      if (!p) {
        p = { changed: new Set(), removed: new Set(), timer: setTimeout(() => this.flush(e), UPDATE_BATCH_MS) };
        this.pending.set(e.key, p);
      }
      if (deleted) {
        p.changed.delete(abs);
        p.removed.add(abs);
      } else {
        p.removed.delete(abs);
        p.changed.add(abs);
      }
    }
    return affected;
  }

  /** Settles when every entry's pending work is done. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await new Promise((r) => setTimeout(r, UPDATE_BATCH_MS));
    await Promise.all(this.all().map((e) => e.ready));
  }

  private belongs(e: CorpusEntry, abs: string, deleted: boolean): boolean {
    return e.roots.some((root) => {
      if (abs === path.resolve(root)) return true;
      if (!isInside(root, abs)) return false;
      // A deleted path may have been a folder; a created one without an extension may be a folder moved in.
      const ext = path.extname(abs).toLowerCase();
      return deleted || ext === '' || CORPUS_EXTENSIONS.includes(ext);
    });
  }

  private flush(e: CorpusEntry): void {
    const p = this.pending.get(e.key);
    this.pending.delete(e.key);
    if (!p || this.entries.get(e.key) !== e) return;
    e.ready = e.ready.then(() => this.applyUpdates(e, p.changed, p.removed));
  }

  private async applyUpdates(e: CorpusEntry, changed: Set<string>, removed: Set<string>): Promise<void> {
    if (!e.builder) {
      await this.build(e);
      return;
    }
    try {
      const update = await updateFsCorpus(e.builder, e.roots, { changed, removed });
      const index = update.index ?? e.index ?? e.builder.build();
      this.settle(e, e.builder, index);
      this.host.log(`factcheck: corpus updated (${changed.size} changed, ${removed.size} removed): ${describe(index)}`);
      for (const w of update.warnings.slice(0, 20)) this.host.log(`factcheck: corpus warning: ${w.path}: ${w.message}`);
    } catch (err) {
      e.state = 'error';
      e.error = (err as Error).message;
      this.host.log(`factcheck: corpus update failed: ${(err as Error).stack ?? err}`);
    }
    this.host.onDidChange();
  }

  private async build(e: CorpusEntry, rebuild = false): Promise<void> {
    e.state = 'indexing';
    this.host.onDidChange();
    const progress = await this.host.beginProgress('Fact Check: indexing corpus');
    const started = Date.now();
    try {
      const opened = await openFsCorpus(e.roots, {
        buildId: this.host.engineVersion ?? runningBuildId(__filename),
        cacheDir: this.host.cacheDir?.(),
        maxFileBytes: this.maxFileBytes,
        previous: e.builder,
        rebuild,
        onProgress: (done, total, p) => progress.report(total > 0 ? Math.round((done / total) * 100) : 0, `${done}/${total} ${path.basename(p)}`),
        onMessage: (m) => this.host.log(`factcheck: ${m}`),
      });
      if (opened.cacheFile) {
        const c = opened.cache;
        this.host.log(`factcheck: index cache ${c.status} (${c.reusedFiles} files reused, ${c.extractedFiles} read)`);
      }
      this.listingProblems.set(e.key, opened.listingProblems);
      this.settle(e, opened.builder, opened.index);
      this.host.log(`factcheck: indexed ${e.roots.join(', ')} in ${Date.now() - started} ms: ${describe(opened.index)}`);
      for (const w of e.warnings.slice(0, 20)) this.host.log(`factcheck: corpus warning: ${w.path}: ${w.message}`);
    } catch (err) {
      e.state = 'error';
      e.error = (err as Error).message;
      e.warnings = this.listingProblems.get(e.key) ?? [];
      this.host.log(`factcheck: indexing ${e.roots.join(', ')} failed: ${(err as Error).stack ?? err}`);
    } finally {
      progress.done();
    }
    this.host.onDidChange();
  }

  /** Makes a built or updated index the entry's current one. */
  private settle(e: CorpusEntry, builder: CorpusIndexBuilder, index: CorpusIndex): void {
    e.builder = builder;
    e.index = index;
    e.files = new Set(builder.paths());
    e.warnings = [...(this.listingProblems.get(e.key) ?? []), ...builder.warnings()];
    e.state = 'ready';
    e.error = undefined;
  }
}

function describe(index: CorpusIndex): string {
  const s = index.stats;
  return `${s.files} files, ${s.articles} articles, ${s.sentences} sentences`;
}
