/**
 * Where the running factcheck package lives and which version it is: read
 * from its package.json, so the CLI, the language server and the cache key
 * never carry a version number of their own.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The package's root folder: the nearest folder above this module holding a
 * package.json named `factcheck` (`dist/` in the bundle, `out/server/src/host/`
 * when run from the compiled tests).
 */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && readManifest(manifest)?.name === 'factcheck') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.resolve(from, '..');
}

/** The package version (`0.0.0` when the manifest cannot be read). */
export function packageVersion(): string {
  return readManifest(path.join(packageRoot(), 'package.json'))?.version ?? '0.0.0';
}

/** The sample corpus shipped with the package (`corpus/`). */
export function bundledCorpusDir(): string {
  return path.join(packageRoot(), 'corpus');
}

/** The README shipped with the package (it documents the finding codes), if it is there. */
export function bundledReadme(): string | undefined {
  const file = path.join(packageRoot(), 'README.md');
  return existsSync(file) ? file : undefined;
}

function readManifest(file: string): { name?: string; version?: string } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
  } catch {
    return undefined;
  }
}
