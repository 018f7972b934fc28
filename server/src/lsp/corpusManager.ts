/**
 * Corpus indexes of the language server, one per distinct set of corpus
 * paths (workspace folders configured alike share one). Builds on demand,
 * reports progress, and applies file changes incrementally through the
 * engine's CorpusIndexBuilder.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, CORPUS_EXTENSIONS } from '../engine/api';
import { buildCorpusIndexCached, type CachedBuildResult } from '../host/fsIndexCache';
import type { CorpusIndex, CorpusIndexBuilder, CorpusSource, CorpusWarning } from '../engine/api';
import { createFsCorpusSource } from '../host/fsCorpusSource';
import type { CorpusState } from './protocol';
import { corpusKey } from './settings';

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
  /** The server's version: a cache written by another version is rebuilt. */
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
    for (const key of [...this.entries.keys()]) if (!keys.has(key)) this.entries.delete(key);
  }

  /** Rebuilds every entry from disk. */
  async reindexAll(): Promise<void> {
    const entries = this.all();
    for (const e of entries) {
      e.state = 'indexing';
      e.ready = e.ready.then(() => this.build(e));
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
    for (const root of e.roots) {
      if (abs === root) return true;
      if (abs.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) {
        // A deleted folder has no extension; a file must have a corpus extension.
        if (deleted || CORPUS_EXTENSIONS.includes(path.extname(abs).toLowerCase())) return true;
      }
    }
    return false;
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
      for (const gone of removed) {
        for (const f of [...e.files]) {
          if (f === gone || f.startsWith(gone + path.sep)) {
            e.builder.removeFile(f);
            e.files.delete(f);
          }
        }
      }
      for (const f of changed) {
        let bytes: Uint8Array;
        try {
          const st = await fs.stat(f);
          if (st.isDirectory()) {
            // A folder appeared (moved in): index what it holds.
            const listed = await createFsCorpusSource([f]).listFiles();
            for (const info of listed) {
              const w = e.builder.setFile(info.path, await fs.readFile(info.path));
              e.files.add(info.path);
              e.warnings.push(...w);
            }
            continue;
          }
          bytes = await fs.readFile(f);
        } catch {
          if (e.files.delete(f)) e.builder.removeFile(f);
          continue;
        }
        e.warnings = e.warnings.filter((w) => w.path !== f);
        e.warnings.push(...e.builder.setFile(f, bytes));
        e.files.add(f);
      }
      e.index = e.builder.build();
      e.state = 'ready';
      e.error = undefined;
      this.host.log(`factcheck: corpus updated (${changed.size} changed, ${removed.size} removed): ${describe(e.index)}`);
    } catch (err) {
      e.state = 'error';
      e.error = (err as Error).message;
      this.host.log(`factcheck: corpus update failed: ${(err as Error).stack ?? err}`);
    }
    this.host.onDidChange();
  }

  private async build(e: CorpusEntry): Promise<void> {
    e.state = 'indexing';
    this.host.onDidChange();
    const problems: CorpusWarning[] = [];
    const fsSource = createFsCorpusSource(e.roots, { onProblem: (p, message) => problems.push({ path: p, message }) });
    const listed = new Set<string>();
    // Remember what was listed, so a deleted folder can be removed file by file later.
    const source: CorpusSource = {
      listFiles: async () => {
        const files = await fsSource.listFiles();
        for (const f of files) listed.add(f.path);
        return files;
      },
      readFile: (p) => fsSource.readFile(p),
    };
    const progress = await this.host.beginProgress('Fact Check: indexing corpus');
    const started = Date.now();
    try {
      const buildOptions = {
        maxFileBytes: this.maxFileBytes,
        onProgress: (done: number, total: number, p: string) => progress.report(total > 0 ? Math.round((done / total) * 100) : 0, `${done}/${total} ${path.basename(p)}`),
      };
      const cacheDir = this.host.cacheDir?.();
      const result = cacheDir
        ? await buildCorpusIndexCached(source, {
            ...buildOptions,
            cacheDir,
            key: [...e.roots].sort().join('\n'),
            engineVersion: this.host.engineVersion ?? '0',
            onMessage: (m) => this.host.log(`factcheck: ${m}`),
          })
        : await buildCorpusIndex(source, buildOptions);
      if ('cache' in result) {
        const c = (result as CachedBuildResult).cache;
        this.host.log(`factcheck: index cache ${c.status} (${c.reusedFiles} files reused, ${c.extractedFiles} read)`);
      }
      e.builder = result.builder;
      e.index = result.index;
      e.files = listed;
      e.warnings = [...problems, ...result.warnings];
      e.state = 'ready';
      e.error = undefined;
      this.host.log(`factcheck: indexed ${e.roots.join(', ')} in ${Date.now() - started} ms: ${describe(result.index)}`);
      for (const w of e.warnings.slice(0, 20)) this.host.log(`factcheck: corpus warning: ${w.path}: ${w.message}`);
    } catch (err) {
      e.state = 'error';
      e.error = (err as Error).message;
      e.warnings = problems;
      this.host.log(`factcheck: indexing ${e.roots.join(', ')} failed: ${(err as Error).stack ?? err}`);
    } finally {
      progress.done();
    }
    this.host.onDidChange();
  }
}

function describe(index: CorpusIndex): string {
  const s = index.stats;
  return `${s.files} files, ${s.articles} articles, ${s.sentences} sentences`;
}
