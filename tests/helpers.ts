import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository's root folder (tests run from `out/tests/...`). */
export const repoRoot = path.resolve(__dirname, '..', '..');
/** `tests/fixtures` in the repository (sources, not compiled). */
export const fixturesDir = path.join(repoRoot, 'tests', 'fixtures');
/** The bundled sample corpus. */
export const sampleCorpusDir = path.join(repoRoot, 'corpus');
/** `../shared/data` beside the repository, present on developer and CI machines only. */
export const sharedDataDir = path.resolve(repoRoot, '..', 'shared', 'data');

/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the
 * same sequence on every machine, so randomised tests and benchmark drafts are
 * reproducible.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const scratchDirs: string[] = [];
/**
 * A new empty folder under the system's temporary folder, removed when the
 * test process exits (each test file runs in its own process), so a failing
 * or interrupted test leaves nothing behind in /tmp.
 */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  if (scratchDirs.length === 0) {
    process.on('exit', () => {
      for (const d of scratchDirs) {
        try { rmSync(d, { recursive: true, force: true }); } catch { /* already gone or busy: nothing to keep */ }
      }
    });
  }
  scratchDirs.push(dir);
  return dir;
}

/** A private copy of the sample corpus in a temporary folder (`corpus` inside `root`), removed by `done`. */
export function sampleCorpusCopy(prefix = 'factcheck-test-'): { root: string; corpus: string; names: string[]; done: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  const corpus = path.join(root, 'corpus');
  mkdirSync(corpus);
  const names = readdirSync(sampleCorpusDir);
  for (const f of names) copyFileSync(path.join(sampleCorpusDir, f), path.join(corpus, f));
  return { root, corpus, names, done: () => rmSync(root, { recursive: true, force: true }) };
}
