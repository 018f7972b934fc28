/**
 * Path policy shared by the hosts and the client: the one answer to "does
 * this path lie inside that folder?".
 */
import * as path from 'node:path';

/**
 * True when `candidate` is `root` itself or lies below it. Both are resolved
 * first; a root given with a trailing separator counts the same as without,
 * and a sibling sharing a prefix (`/a/corpus2` for `/a/corpus`) is outside.
 * Compares the paths as written: callers that must not be fooled by symbolic
 * links resolve real paths before asking.
 */
export function isInside(root: string, candidate: string): boolean {
  const r = path.resolve(root);
  const c = path.resolve(candidate);
  if (c === r) return true;
  const rel = path.relative(r, c);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
