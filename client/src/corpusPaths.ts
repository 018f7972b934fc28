/**
 * What "Add Corpus Folder…" and "Use as Fact Check Corpus" write (pure: no
 * `vscode` import, unit-tested): the corpus path list with the picked paths
 * added, written relative to the folder the list is relative to when they lie
 * inside it (so a committed setting or config file works on every clone), and
 * the paths that do not exist dropped (a typo such as `sourcez` is what makes
 * people pick a folder by hand).
 */
import * as path from 'node:path';

/** How a picked path is written in a list relative to `base`: relative (POSIX separators) inside it, absolute outside. */
export function writtenPath(picked: string, base: string | undefined): string {
  const abs = path.resolve(picked);
  if (base === undefined) return abs;
  const rel = path.relative(path.resolve(base), abs);
  if (rel === '') return '.';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return abs;
  return rel.split(path.sep).join('/');
}

/** What a written path stands for: `${workspaceFolder}` and `~` expanded, relative paths from `base`. */
export function absolutePath(written: string, base: string | undefined, workspaceFolder: string | undefined, homeDir: string): string | undefined {
  let p = workspaceFolder !== undefined ? written.replace(/\$\{workspaceFolder\}/g, () => workspaceFolder) : written;
  if (p === '~' || p.startsWith('~/')) p = path.join(homeDir, p.slice(1));
  if (path.isAbsolute(p)) return path.normalize(p);
  return base !== undefined ? path.resolve(base, p) : undefined;
}

/** Options of {@link addCorpusPaths}. */
export interface AddCorpusPathsOptions {
  /** The folder relative paths of the list are taken from (the workspace folder, or the folder holding `.factcheck/`). */
  base: string | undefined;
  workspaceFolder: string | undefined;
  homeDir: string;
  /** Whether an absolute path exists on disk. */
  exists(absPath: string): boolean;
}

/**
 * The list with `picked` (absolute paths) added once each, after the
 * existing paths that still exist; existing paths that do not exist are
 * dropped.
 */
export function addCorpusPaths(existing: readonly string[], picked: readonly string[], options: AddCorpusPathsOptions): string[] {
  const { base, workspaceFolder, homeDir, exists } = options;
  const out: string[] = [];
  const seen = new Set<string>();
  for (const written of existing) {
    const abs = absolutePath(written, base, workspaceFolder, homeDir);
    if (abs === undefined || !exists(abs) || seen.has(abs)) continue;
    seen.add(abs);
    out.push(written);
  }
  for (const p of picked) {
    const abs = path.resolve(p);
    if (seen.has(abs)) continue;
    seen.add(abs);
    out.push(writtenPath(abs, base));
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The corpus paths a `.factcheck/config.json` text lists (empty when none). Throws on invalid JSON. */
export function configCorpusPaths(text: string): string[] {
  const raw = JSON.parse(text) as unknown;
  if (!isRecord(raw)) throw new Error('the file does not hold a JSON object');
  const paths = isRecord(raw.corpus) ? raw.corpus.paths : raw.corpus;
  return Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string') : [];
}

/**
 * The text of a `.factcheck/config.json` with `corpus.paths` set to `paths`,
 * every other key kept as it was. Throws on invalid JSON (a teammate's file is
 * never overwritten with a guess).
 */
export function withConfigCorpusPaths(text: string, paths: readonly string[]): string {
  const raw = JSON.parse(text) as unknown;
  if (!isRecord(raw)) throw new Error('the file does not hold a JSON object');
  const corpus = isRecord(raw.corpus) ? { ...raw.corpus, paths: [...paths] } : { paths: [...paths] };
  return `${JSON.stringify({ ...raw, corpus }, null, 2)}\n`;
}
