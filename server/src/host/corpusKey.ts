/**
 * The one name of a corpus: the same roots, in whatever order or spelling
 * (`corpus/` or `corpus`), give the same key. The language server keys its
 * open corpora by it, and the index cache file is named after it.
 */
import * as path from 'node:path';

/** The key of the corpus made of these root paths (files or folders): sorted, resolved, without duplicates. */
export function corpusKey(roots: readonly string[]): string {
  return JSON.stringify([...new Set(roots.map((r) => path.resolve(r)))].sort());
}
