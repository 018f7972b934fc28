/**
 * Path policy shared by the hosts and the client: the one answer to "does
 * this path lie inside that folder?", as written ({@link isInside}) and once
 * symbolic links are resolved ({@link isReallyInside}), and what a path is on
 * disk ({@link pathKindOf}).
 */
import { promises as fs } from 'node:fs';
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

/**
 * The real path of `p`: every symbolic link resolved. A path that does not
 * exist yet resolves through its deepest existing ancestor (the rest appended),
 * so a folder still to be created is judged by where it would be created.
 * Undefined when it cannot be known: a dangling link on the way (it could be
 * pointed anywhere later), a loop, no permission.
 */
export function realPathOf(p: string, memo?: Map<string, Promise<string | undefined>>): Promise<string | undefined> {
  const abs = path.resolve(p);
  // Many paths under one folder (a list of files) resolve that folder once when a memo is shared.
  let known = memo?.get(abs);
  if (!known) {
    known = resolveReal(abs, memo);
    memo?.set(abs, known);
  }
  return known;
}

async function resolveReal(abs: string, memo?: Map<string, Promise<string | undefined>>): Promise<string | undefined> {
  try {
    return await fs.realpath(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return undefined;
  }
  const parent = path.dirname(abs);
  if (parent === abs) return undefined;
  // Missing for real, or present but unresolvable (a dangling link)? Only the former may be judged by its parent.
  if (await entryExists(abs)) return undefined;
  const realParent = await realPathOf(parent, memo);
  return realParent === undefined ? undefined : path.join(realParent, path.basename(abs));
}

/**
 * True when the real path of `candidate` lies inside the real path of `root`:
 * the inside/outside test that a symbolic link cannot fool. False when either
 * cannot be resolved.
 */
export async function isReallyInside(root: string, candidate: string): Promise<boolean> {
  const [realRoot, realCandidate] = await Promise.all([realPathOf(root), realPathOf(candidate)]);
  return realRoot !== undefined && realCandidate !== undefined && isInside(realRoot, realCandidate);
}

/** What is on disk at a path, links followed: decides how a path is watched, whatever its name looks like. */
export type PathKind = 'file' | 'folder' | 'missing' | 'other';

export async function pathKindOf(p: string): Promise<PathKind> {
  try {
    const st = await fs.stat(p);
    return st.isFile() ? 'file' : st.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'missing';
  }
}

/** Whether anything (a file, a folder, a link — dangling or not) stands at `p`. */
export async function entryExists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}
