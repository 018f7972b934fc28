/**
 * Making sure a folder exists, without Node's recursive `mkdir`: on procfs
 * (`/proc/self/x`) that one spins at 100 % CPU forever instead of failing.
 * Here each missing level is made on its own, after checking that the
 * nearest existing ancestor is a folder, so every failure is prompt and named.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** A folder that cannot be used, with a message fit for the user (no stack). */
export class FolderError extends Error {}

/**
 * Creates `dir` and any missing parents. Throws {@link FolderError} when a
 * path on the way exists but is not a folder, or a level cannot be made.
 */
export async function ensureFolder(dir: string): Promise<void> {
  const target = path.resolve(dir);
  const missing: string[] = [];
  for (let at = target; ; at = path.dirname(at)) {
    const kind = await kindOf(at);
    if (kind === 'folder') break;
    if (kind === 'other') throw new FolderError(at === target ? `${target} is not a folder` : `${at} (on the way to ${target}) is not a folder`);
    if (kind !== 'missing') throw new FolderError(`cannot use folder ${at}: ${kind.error}`);
    missing.unshift(at);
    if (path.dirname(at) === at) break; // no existing root: let mkdir say why
  }
  for (const level of missing) {
    try {
      await fs.mkdir(level);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && (await kindOf(level)) === 'folder') continue; // made meanwhile by another process
      throw new FolderError(`cannot create folder ${level}: ${code ?? String(e)}`);
    }
  }
}

/** What stands at a path: a folder, nothing, something else, or an error saying why it cannot be told. */
async function kindOf(p: string): Promise<'folder' | 'missing' | 'other' | { error: string }> {
  try {
    return (await fs.stat(p)).isDirectory() ? 'folder' : 'other';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // ENOTDIR: a parent is a file; the walk up names that one.
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : { error: code ?? String(e) };
  }
}
