import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CORPUS_EXTENSIONS, type CorpusFileInfo, type CorpusSource } from '../engine/api';

/** Folders never worth descending into when collecting a corpus. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.factcheck', '.vscode', 'out', 'dist']);

/** Options for {@link createFsCorpusSource}. */
export interface FsCorpusSourceOptions {
  /** Stop collecting after this many files (a guard against pointing the corpus at `/`). Default 500,000. */
  maxFiles?: number;
  /** Called for paths that cannot be listed (missing, unreadable); the rest goes on. */
  onProblem?: (path: string, message: string) => void;
  /**
   * Files taken whatever their extension. Default: the roots themselves (a
   * user may point at one file explicitly). A watcher's changed paths are
   * listed with the corpus roots here, so a changed non-corpus file is ignored.
   */
  explicitFiles?: readonly string[];
}

/**
 * A {@link CorpusSource} over files and folders on disk: folders are walked
 * recursively for files with a corpus extension; files are taken as given
 * (whatever their extension, so a user can point at one file explicitly).
 */
export function createFsCorpusSource(roots: readonly string[], options: FsCorpusSourceOptions = {}): CorpusSource {
  const maxFiles = options.maxFiles ?? 500_000;
  const report = options.onProblem ?? (() => undefined);
  const explicitFiles = new Set((options.explicitFiles ?? roots).map((p) => path.resolve(p)));
  return {
    async listFiles(): Promise<CorpusFileInfo[]> {
      const found: CorpusFileInfo[] = [];
      const seen = new Set<string>();
      const visit = async (p: string, explicit: boolean): Promise<void> => {
        if (found.length >= maxFiles) return;
        let st;
        try {
          st = await fs.stat(p);
        } catch (e) {
          if (explicit) report(p, `cannot read corpus path: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
          return;
        }
        if (st.isDirectory()) {
          let entries: string[];
          try {
            entries = (await fs.readdir(p)).sort();
          } catch (e) {
            report(p, `cannot list folder: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
            return;
          }
          for (const name of entries) {
            if (name.startsWith('.') || SKIPPED_DIRS.has(name)) continue;
            await visit(path.join(p, name), false);
          }
        } else if (st.isFile()) {
          const abs = path.resolve(p);
          if (seen.has(abs)) return;
          if (!(explicit && explicitFiles.has(abs)) && !CORPUS_EXTENSIONS.includes(path.extname(p).toLowerCase())) return;
          seen.add(abs);
          found.push({ path: abs, size: st.size });
        }
      };
      for (const root of roots) await visit(root, true);
      if (found.length >= maxFiles) report(roots.join(', '), `corpus has more than ${maxFiles} files; the rest were not read`);
      return found;
    },
    async readFile(p: string): Promise<Uint8Array> {
      return fs.readFile(p);
    },
  };
}
