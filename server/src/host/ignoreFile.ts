/**
 * The team's ignore file, `<workspace folder>/.factcheck/ignore.json`, on
 * disk: its shape, reading it, and changing it safely. Shared by the hosts
 * (the language server writes it from "Ignore this claim"; the CLI reads it).
 * Which entries apply to which finding is `ignoreRules.ts`.
 *
 * The file lives in a workspace that may not be trusted, and it is written
 * with text from the draft, so it is never read or written through a symbolic
 * link that leads out of the workspace folder, and never created through a
 * link at all: the `.factcheck` folder is resolved to its real path and must
 * lie inside the folder's real path; `ignore.json` itself is opened with
 * `O_NOFOLLOW`; a change is written to a new temporary file in the real
 * `.factcheck` folder (`O_EXCL`: never an existing file or link) and renamed
 * over the old one, which replaces a directory entry and never follows one.
 */
import { constants, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { isInside, realPathOf } from './paths';

/**
 * How far an ignore reaches: one place in one draft (`occurrence`, found
 * again by the words around it), every place in one draft (`file`), or every
 * draft of the folder (`workspace`).
 */
export type IgnoreScope = 'occurrence' | 'file' | 'workspace';

export const IGNORE_SCOPES: readonly IgnoreScope[] = ['occurrence', 'file', 'workspace'];

/** The words around an ignored occurrence (white space collapsed), which find it again after edits elsewhere. */
export interface ClaimContext {
  before: string;
  after: string;
}

/** One ignored claim as stored in the file. */
export interface IgnoredClaim {
  code: string;
  text: string;
  /**
   * How far it reaches. Absent in entries written before scopes existed:
   * those keep the meaning they had then, every draft of the folder.
   */
  scope?: IgnoreScope;
  /** The draft it was ignored in, relative to the folder, `/`-separated (the draft a `file` or `occurrence` ignore applies to). */
  file?: string;
  /** For `occurrence`: the words around the claim. */
  context?: ClaimContext;
  /** ISO time it was added. */
  added?: string;
  /** Who added it (`git config user.name`), when known. */
  by?: string;
}

/** The file's shape (version 2 added scopes; version 1 files are read the same way). */
export interface IgnoreFile {
  version: 1 | 2;
  ignored: IgnoredClaim[];
}

/** What reading a folder's ignore file gave: the claims, and why none could be read when something is wrong. */
export interface IgnoreFileRead {
  file: IgnoreFile;
  /** Set when the file exists but was not read or not understood (malformed, a link, too large). */
  problem?: string;
}

/** The folder and file names, relative to the workspace folder. */
export const IGNORE_DIR_NAME = '.factcheck';
export const IGNORE_FILE_NAME = 'ignore.json';

/** Larger than any list a team keeps by hand: a bigger file is not read (it would only cost memory). */
const MAX_IGNORE_FILE_BYTES = 4 * 1024 * 1024;

/** The ignore file of a folder, as written (for messages). */
export function ignoreFilePath(folderPath: string): string {
  return path.join(folderPath, IGNORE_DIR_NAME, IGNORE_FILE_NAME);
}

function emptyIgnoreFile(): IgnoreFile {
  return { version: 2, ignored: [] };
}

/** Parses the file's text; a malformed file gives an empty list and a problem. */
export function parseIgnoreFile(text: string): IgnoreFileRead {
  try {
    const raw = JSON.parse(text) as unknown;
    const list = (raw as { ignored?: unknown } | null)?.ignored;
    if (!Array.isArray(list)) return { file: emptyIgnoreFile(), problem: 'not valid: expected {"ignored": [...]}' };
    // Entries a later version may extend are kept as they are (a rewrite must not drop them); ones without code and text are not entries.
    const ignored = list.filter(
      (x): x is IgnoredClaim => typeof x === 'object' && x !== null && typeof x.code === 'string' && typeof x.text === 'string',
    );
    return { file: { version: 2, ignored } };
  } catch (e) {
    return { file: emptyIgnoreFile(), problem: `not valid JSON (${(e as Error).message})` };
  }
}

/** Where a folder's `.factcheck` really is, or why it may not be used. */
type IgnoreDir = { kind: 'dir'; realDir: string } | { kind: 'missing'; realFolder: string } | { kind: 'refused'; problem: string };

/**
 * Locates the real `.factcheck` folder of a workspace folder: a link is
 * followed only when it leads to a folder inside the workspace folder's real
 * path (a dangling link is refused: creating its target would create outside).
 */
async function locateIgnoreDir(folderPath: string): Promise<IgnoreDir> {
  const realFolder = await realPathOf(folderPath);
  if (realFolder === undefined) return { kind: 'refused', problem: 'the workspace folder cannot be resolved' };
  const dir = path.join(realFolder, IGNORE_DIR_NAME);
  let st;
  try {
    st = await fs.lstat(dir);
  } catch {
    return { kind: 'missing', realFolder };
  }
  if (st.isDirectory()) return { kind: 'dir', realDir: dir };
  if (!st.isSymbolicLink()) return { kind: 'refused', problem: `${IGNORE_DIR_NAME} is not a folder` };
  const realDir = await realPathOf(dir);
  if (realDir === undefined || !isInside(realFolder, realDir) || realDir === realFolder) {
    return { kind: 'refused', problem: `${IGNORE_DIR_NAME} is a link leading outside the workspace folder (or nowhere); not used` };
  }
  const target = await fs.stat(realDir).catch(() => undefined);
  if (!target?.isDirectory()) return { kind: 'refused', problem: `${IGNORE_DIR_NAME} is a link to something that is not a folder; not used` };
  return { kind: 'dir', realDir };
}

/** Reads `ignore.json` in a real `.factcheck` folder, never through a link. */
async function readIn(realDir: string): Promise<IgnoreFileRead> {
  let handle: FileHandle;
  try {
    handle = await fs.open(path.join(realDir, IGNORE_FILE_NAME), constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file: emptyIgnoreFile() };
    if (code === 'ELOOP' || code === 'EMLINK') return { file: emptyIgnoreFile(), problem: `${IGNORE_FILE_NAME} is a symbolic link; not followed` };
    return { file: emptyIgnoreFile(), problem: `cannot be read (${code ?? (err as Error).message})` };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { file: emptyIgnoreFile(), problem: 'not a regular file' };
    if (st.size > MAX_IGNORE_FILE_BYTES) return { file: emptyIgnoreFile(), problem: `larger than ${MAX_IGNORE_FILE_BYTES} bytes; not read` };
    return parseIgnoreFile(await handle.readFile('utf8'));
  } finally {
    await handle.close();
  }
}

/** Reads a folder's ignore file: no file is an empty list; a file that may not or cannot be read is an empty list and a problem. */
export async function readIgnoreFile(folderPath: string): Promise<IgnoreFileRead> {
  const located = await locateIgnoreDir(folderPath);
  if (located.kind === 'missing') return { file: emptyIgnoreFile() };
  if (located.kind === 'refused') return { file: emptyIgnoreFile(), problem: located.problem };
  return readIn(located.realDir);
}

/**
 * Read-modify-write of a folder's ignore file: `change` gets what is on disk
 * now (so entries another editor or the CLI wrote are kept) and returns the
 * new contents, or undefined to leave the file as it is. Throws, writing
 * nothing, when the file is malformed (a teammate's hand edit would be lost)
 * or may not be written (a link out of the workspace). Serializing concurrent
 * changes is the caller's part. Returns the contents now on disk.
 */
export async function updateIgnoreFile(folderPath: string, change: (current: IgnoreFile) => IgnoreFile | undefined): Promise<IgnoreFile> {
  const shown = ignoreFilePath(folderPath);
  let located = await locateIgnoreDir(folderPath);
  if (located.kind === 'missing') {
    try {
      // Not recursive and in the real folder: if anything (a link) appeared there meanwhile, mkdir fails instead of following it.
      await fs.mkdir(path.join(located.realFolder, IGNORE_DIR_NAME));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    located = await locateIgnoreDir(folderPath);
  }
  if (located.kind !== 'dir') throw new Error(`${shown}: ${located.kind === 'refused' ? located.problem : 'could not be created'}.`);
  const current = await readIn(located.realDir);
  if (current.problem) throw new Error(`${shown} is ${current.problem}; fix it before adding to it.`);
  const next = change(current.file);
  if (!next) return current.file;
  await replaceAtomically(located.realDir, IGNORE_FILE_NAME, `${JSON.stringify(next, null, 2)}\n`);
  return next;
}

/** Writes `name` in `realDir` through a fresh temporary file renamed over it: readers see the old or the new file, never half. */
async function replaceAtomically(realDir: string, name: string, text: string): Promise<void> {
  const temp = path.join(realDir, `.${name}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  try {
    try {
      await handle.writeFile(text, 'utf8');
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path.join(realDir, name));
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
}
