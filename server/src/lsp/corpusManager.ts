/**
 * Corpus indexes of the language server, one per distinct set of corpus
 * paths (workspace folders configured alike share one). Builds on demand,
 * reports progress, and applies file changes incrementally. Each corpus lives
 * in a worker thread (`host/workerCorpusStore`): parsing and indexing a large
 * corpus takes seconds in pieces too big to interleave with requests, and
 * there it cannot stall status, hovers or checks of the server's main loop.
 * Every read of the disk goes through `host/openFsCorpus` in that worker (the
 * same source, size limit, warnings and cache rules as the CLI); nothing here
 * touches the file system.
 */
import * as path from 'node:path';
import { CORPUS_EXTENSIONS } from '../engine/api';
import type { CorpusStats, CorpusStore, CorpusWarning } from '../engine/api';
import { runningBuildId } from '../host/buildId';
import { isInside } from '../host/paths';
import { WorkerCorpus } from '../host/workerCorpusStore';
import { corpusEntryKey, restartDelayMs, type CorpusEntry, type CorpusManagerHost, type HeldEntry, type ProgressSink } from './corpusEntry';
import { indexingReport } from './progress';
import { DatabaseCorpus, isDatabaseRoots } from './databaseCorpus';
import { warmUpExtractionOnce } from './extractionWarmUp';

export { corpusEntryKey, restartDelayMs };
export type { CorpusEntry, CorpusManagerHost, ProgressSink } from './corpusEntry';

/** How long to gather file events before rebuilding (a `git checkout` changes many at once). */
const UPDATE_BATCH_MS = 60;

export class CorpusManager {
  private readonly entries = new Map<string, HeldEntry>();
  /** Corpora on PostgreSQL (roots of one `postgres://` URL): no worker, no files. */
  private readonly databases = new Map<string, { entry: CorpusEntry; db: DatabaseCorpus }>();
  private readonly pending = new Map<string, { changed: Set<string>; removed: Set<string>; timer: NodeJS.Timeout }>();

  constructor(private readonly host: CorpusManagerHost, private readonly maxFileBytes?: number) {}

  private now(): number {
    return this.host.now?.() ?? Date.now();
  }

  /**
   * The entry for a set of absolute corpus paths, starting its build when new
   * or when its worker stopped (a crash is not a verdict on the corpus).
   */
  ensure(roots: readonly string[], confineTo?: readonly string[]): CorpusEntry {
    const entry = this.ensureEntry(roots, confineTo);
    // While the first corpus opens, the main thread (where drafts are read) warms its extractors up. After the
    // entry: its worker thread has been started by then, and boots, reads and decodes the cache meanwhile.
    warmUpExtractionOnce();
    return entry;
  }

  private ensureEntry(roots: readonly string[], confineTo?: readonly string[]): CorpusEntry {
    if (isDatabaseRoots(roots)) return this.ensureDatabase(roots[0]);
    const key = corpusEntryKey(roots, confineTo);
    let entry = this.entries.get(key);
    if (!entry) {
      const worker: WorkerCorpus = new WorkerCorpus({
        script: this.host.workerScript,
        onLog: (m) => this.host.log(`factcheck: ${m}`),
        onFailure: (reason) => this.workerStopped(e, reason),
      });
      entry = { key, roots: [...roots], confineTo: confineTo && [...confineTo], state: 'indexing', files: new Set(), warnings: [], ready: Promise.resolve(), worker, crashes: 0, crashedAt: 0 };
      this.entries.set(key, entry);
      const e = entry;
      entry.ready = this.build(e);
    } else if (entry.state === 'error' && entry.worker.failed !== undefined && this.now() - entry.crashedAt >= restartDelayMs(entry.crashes)) {
      const e = entry;
      e.state = 'indexing'; // at once: the next ensure must not start another
      e.ready = e.ready.then(() => this.build(e));
    }
    return entry;
  }

  /** The entry of a corpus database, connecting on first use (see `databaseCorpus.ts`). */
  private ensureDatabase(url: string): CorpusEntry {
    const key = corpusEntryKey([url]);
    const held = this.databases.get(key);
    if (held) return held.entry;
    const entry: CorpusEntry = { key, roots: [url], state: 'indexing', files: new Set(), warnings: [], ready: Promise.resolve() };
    // Set below: the corpus reports its first state while it is being made.
    let db: DatabaseCorpus | undefined;
    const sync = (): void => {
      if (!db) return;
      const storeChanged = entry.index !== db.store;
      entry.state = db.state;
      entry.error = db.error;
      entry.index = db.store;
      entry.ready = db.ready;
      this.host.onDidChange();
      if (storeChanged && db.store) this.host.onStoreChanged?.();
    };
    db = new DatabaseCorpus(url, { log: (m) => this.host.log(m), warn: (m) => this.host.log(m), onDidChange: () => sync() });
    this.databases.set(key, { entry, db });
    sync();
    return entry;
  }

  /** The ready store for a set of corpus paths (waits for indexing), or undefined when it failed. */
  async indexFor(roots: readonly string[], confineTo?: readonly string[]): Promise<CorpusStore | undefined> {
    const entry = this.ensure(roots, confineTo);
    await entry.ready;
    // A database entry's connection may have been retried meanwhile: its latest store.
    return this.databases.get(entry.key)?.db.store ?? entry.index;
  }

  /** All entries (for status). */
  all(): CorpusEntry[] {
    return [...this.entries.values(), ...[...this.databases.values()].map((d) => d.entry)];
  }

  /** The existing entry for a set of paths, if any. */
  peek(roots: readonly string[], confineTo?: readonly string[]): CorpusEntry | undefined {
    if (isDatabaseRoots(roots)) return this.databases.get(corpusEntryKey(roots))?.entry;
    return this.entries.get(corpusEntryKey(roots, confineTo));
  }

  /** Drops entries no longer used by any folder (keys of {@link corpusEntryKey}), stopping their workers. */
  retain(keys: ReadonlySet<string>): void {
    for (const [key, d] of [...this.databases]) {
      if (keys.has(key)) continue;
      this.databases.delete(key);
      d.db.dispose();
    }
    for (const [key, e] of [...this.entries]) {
      if (keys.has(key)) continue;
      this.entries.delete(key);
      e.worker.dispose();
    }
  }

  /** Stops every worker (the server shuts down). */
  dispose(): void {
    this.retain(new Set());
  }

  /**
   * Rebuilds every entry from disk, reusing neither the index in memory nor
   * the cache: a reindex is how a user clears whatever either held (an error
   * state included). The new cache is saved.
   */
  async reindexAll(): Promise<void> {
    const entries = [...this.entries.values()];
    for (const e of entries) {
      e.crashes = 0; // the user asked: try at once
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

  private belongs(e: HeldEntry, abs: string, deleted: boolean): boolean {
    return e.roots.some((root) => {
      if (abs === path.resolve(root)) return true;
      if (!isInside(root, abs)) return false;
      // A deleted path may have been a folder; a created one without an extension may be a folder moved in.
      const ext = path.extname(abs).toLowerCase();
      return deleted || ext === '' || CORPUS_EXTENSIONS.includes(ext);
    });
  }

  private flush(e: HeldEntry): void {
    const p = this.pending.get(e.key);
    this.pending.delete(e.key);
    if (!p || this.entries.get(e.key) !== e) return;
    e.ready = e.ready.then(() => this.applyUpdates(e, p.changed, p.removed));
  }

  private async applyUpdates(e: HeldEntry, changed: Set<string>, removed: Set<string>): Promise<void> {
    // Never opened, or its worker stopped: the new worker holds nothing to update, so open it whole.
    if (!e.index) {
      await this.build(e);
      return;
    }
    try {
      const update = await e.worker.update(changed, removed);
      this.settle(e, update.snapshot.files, update.snapshot.warnings);
      this.host.log(`factcheck: corpus updated (${changed.size} changed, ${removed.size} removed): ${describe(update.snapshot.stats)}`);
      for (const w of update.warnings.slice(0, 20)) this.host.log(`factcheck: corpus warning: ${w.path}: ${w.message}`);
    } catch (err) {
      if (this.entries.get(e.key) !== e) return; // dropped meanwhile: its worker was stopped on purpose
      e.state = 'error';
      e.error = (err as Error).message;
      this.host.log(`factcheck: corpus update failed: ${(err as Error).stack ?? err}`);
    }
    this.host.onDidChange();
  }

  private async build(e: HeldEntry, rebuild = false): Promise<void> {
    if (this.entries.get(e.key) !== e) return; // dropped before its turn
    e.state = 'indexing';
    this.host.onDidChange();
    const started = Date.now();
    // The worker starts opening at once; the progress report is asked of the client meanwhile (a round trip
    // that is not the corpus's to wait for). A report made before the client answered is passed on after.
    let progress: ProgressSink | undefined;
    let early: { percentage: number; message: string } | undefined;
    const opening = e.worker.open(
      e.roots,
      {
        buildId: this.host.engineVersion ?? runningBuildId(__filename),
        cacheDir: this.host.cacheDir?.(),
        maxFileBytes: this.maxFileBytes,
        rebuild,
        confineTo: e.confineTo,
      },
      (done, total, p, detail) => {
        const report = indexingReport(done, total, p, detail);
        if (progress) progress.report(report.percentage, report.message);
        else early = report;
      },
    );
    // Awaited below; a failure while the client is asked must not count as unhandled meanwhile.
    opening.catch(() => undefined);
    progress = await this.host.beginProgress('Fact Check: indexing corpus');
    if (early) progress.report(early.percentage, early.message);
    try {
      const opened = await opening;
      if (opened.cache) {
        const c = opened.cache;
        this.host.log(`factcheck: index cache ${c.status} (${c.reusedFiles} files reused, ${c.extractedFiles} read)`);
      }
      this.settle(e, opened.snapshot.files, opened.snapshot.warnings);
      this.host.log(`factcheck: indexed ${e.roots.join(', ')} in ${Date.now() - started} ms: ${describe(opened.snapshot.stats)}`);
      for (const w of e.warnings.slice(0, 20)) this.host.log(`factcheck: corpus warning: ${w.path}: ${w.message}`);
    } catch (err) {
      if (this.entries.get(e.key) === e) {
        e.state = 'error';
        e.error = (err as Error).message;
        e.index = undefined;
        this.host.log(`factcheck: indexing ${e.roots.join(', ')} failed: ${(err as Error).stack ?? err}`);
      }
    } finally {
      progress.done();
    }
    this.host.onDidChange();
  }

  /** Makes the worker's built or updated index the entry's current one. */
  private settle(e: HeldEntry, files: readonly string[], warnings: CorpusWarning[]): void {
    e.index = e.worker.store;
    e.files = new Set(files);
    e.warnings = warnings;
    e.state = 'ready';
    e.error = undefined;
    e.crashes = 0;
  }

  /** The worker of an entry stopped unexpectedly: the entry shows the error until the next ensure or reindex starts another. */
  private workerStopped(e: HeldEntry, reason: string): void {
    if (this.entries.get(e.key) !== e) return;
    e.crashes++;
    e.crashedAt = this.now();
    e.state = 'error';
    e.error = reason;
    e.index = undefined;
    this.host.log(`factcheck: ${e.roots.join(', ')}: ${reason}`);
    this.host.onDidChange();
  }
}

function describe(s: CorpusStats): string {
  return `${s.files} files, ${s.articles} articles, ${s.sentences} sentences`;
}
