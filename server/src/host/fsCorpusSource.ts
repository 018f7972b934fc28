import { createReadStream, promises as fs, type BigIntStats } from 'node:fs';
import * as path from 'node:path';
import { CORPUS_EXTENSIONS, type ChunkReadOptions, type CorpusFileInfo, type CorpusSource } from '../engine/api';
import { isInside } from './paths';

/** Folders never worth descending into when collecting a corpus. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.factcheck', '.vscode', 'out', 'dist']);

/** Options for {@link createFsCorpusSource}. */
export interface FsCorpusSourceOptions {
  /** Stop collecting after this many files (a guard against pointing the corpus at `/`). Default 500,000. */
  maxFiles?: number;
  /**
   * Called for paths that cannot be listed (missing, unreadable), are not
   * regular files (a FIFO, a device, a socket) or close a symbolic-link loop;
   * the rest goes on.
   */
  onProblem?: (path: string, message: string) => void;
  /**
   * Files taken whatever their extension. Default: the roots themselves (a
   * user may point at one file explicitly). A watcher's changed paths are
   * listed with the corpus roots here, so a changed non-corpus file is ignored.
   */
  explicitFiles?: readonly string[];
  /**
   * Real folders the corpus may lead into (an untrusted workspace: its
   * folder). A symbolic link, or a given path, whose real path lies outside
   * all of them is not followed, and reported once by its name. Default: no
   * confinement.
   */
  confineTo?: readonly string[];
}

/**
 * A path to hand to `fs`: a string, or the raw bytes of a name that is not
 * valid UTF-8 (as a string it would be decoded with U+FFFD and name no file).
 */
type FsPath = string | Buffer;

/** One entry met by the walk: the name it is listed under, and what `fs` opens. */
interface WalkEntry {
  name: string;
  fsPath: FsPath;
  /** A root or a changed path given by the caller: problems with it are always reported. */
  explicit: boolean;
  /** Reached through a symbolic link (the link itself or a folder below one). */
  viaLink: boolean;
}

/**
 * A {@link CorpusSource} over files and folders on disk: folders are walked
 * recursively for files with a corpus extension; files are taken as given
 * (whatever their extension, so a user can point at one file explicitly).
 *
 * Symbolic links are followed, but every folder is listed once and every file
 * read once, whatever the number of links reaching it (identified by device
 * and inode): `l1 -> .` and `l2 -> .` cost one listing each, not an
 * exponential walk. Links are followed after the plain folders, so a file
 * reachable without a link is named by that path; otherwise by the first link
 * path in sorted order, the same on every run. A link back to a folder above
 * it is reported once, by its name.
 */
export function createFsCorpusSource(roots: readonly string[], options: FsCorpusSourceOptions = {}): CorpusSource {
  const maxFiles = options.maxFiles ?? 500_000;
  const report = options.onProblem ?? (() => undefined);
  const explicitFiles = new Set((options.explicitFiles ?? roots).map((p) => path.resolve(p)));
  /** Names given to files whose real name is not valid UTF-8 → the bytes that open them. */
  const byteNames = new Map<string, Buffer>();
  const confineTo = options.confineTo?.map((p) => path.resolve(p));
  return {
    async listFiles(): Promise<CorpusFileInfo[]> {
      const found: CorpusFileInfo[] = [];
      const seen = new Set<string>();
      const links: WalkEntry[] = [];
      const visit = async (entry: WalkEntry): Promise<void> => {
        if (found.length >= maxFiles) return;
        // Only a link (or a path given by the caller, e.g. a watcher's) can lead out: plain entries below stay inside.
        if (confineTo && (entry.viaLink || entry.explicit) && !(await leadsInside(entry, confineTo))) {
          report(entry.name, 'not followed: it leads outside the workspace folder (untrusted workspace)');
          return;
        }
        let st: BigIntStats;
        try {
          st = await fs.stat(entry.fsPath, { bigint: true });
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'ELOOP') report(entry.name, 'symbolic link loop; not followed');
          else if (entry.explicit) report(entry.name, `cannot read corpus path: ${code ?? String(e)}`);
          return;
        }
        const id = `${st.dev}:${st.ino}`;
        if (st.isDirectory()) {
          if (seen.has(id)) {
            if (await leadsToAncestor(entry)) report(entry.name, 'symbolic link loop (leads back to a folder above it); not followed');
            return;
          }
          seen.add(id);
          await listFolder(entry);
          return;
        }
        const abs = path.resolve(entry.name);
        const wanted = (entry.explicit && explicitFiles.has(abs)) || CORPUS_EXTENSIONS.includes(path.extname(entry.name).toLowerCase());
        if (!wanted) return;
        if (!st.isFile()) {
          report(entry.name, `skipped: not a regular file (${specialKind(st)})`);
          return;
        }
        if (seen.has(id)) return; // the same file through another link: read once
        seen.add(id);
        if (typeof entry.fsPath !== 'string') byteNames.set(abs, entry.fsPath);
        found.push({ path: abs, size: Number(st.size) });
      };
      const listFolder = async (dir: WalkEntry): Promise<void> => {
        let entries: Array<{ name: Buffer; isSymbolicLink(): boolean }>;
        try {
          entries = await fs.readdir(dir.fsPath, { encoding: 'buffer', withFileTypes: true });
        } catch (e) {
          report(dir.name, `cannot list folder: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
          return;
        }
        const children = entries
          .map((d) => ({ child: childEntry(dir, d.name), link: d.isSymbolicLink() }))
          .filter(({ child }) => !path.basename(child.name).startsWith('.') && !SKIPPED_DIRS.has(path.basename(child.name)))
          .sort((a, b) => (a.child.name < b.child.name ? -1 : a.child.name > b.child.name ? 1 : 0));
        for (const { child, link } of children) {
          if (link) links.push({ ...child, viaLink: true });
          else await visit(child);
        }
      };
      for (const root of roots) await visit({ name: root, fsPath: root, explicit: true, viaLink: false });
      // Links last, so what is reachable without one keeps its plain path; following one may find more.
      for (let i = 0; i < links.length; i++) await visit(links[i]);
      if (found.length >= maxFiles) report(roots.join(', '), `corpus has more than ${maxFiles} files; the rest were not read`);
      return found;
    },
    async readFile(p: string): Promise<Uint8Array> {
      return fs.readFile(byteNames.get(path.resolve(p)) ?? p);
    },
    readChunks(p: string, options?: ChunkReadOptions): AsyncIterable<Uint8Array> {
      const name = byteNames.get(path.resolve(p)) ?? p;
      if (options?.scratch) return scratchChunks(name);
      // 1 MiB reads: few enough calls for a gigabyte, little enough held at once.
      return createReadStream(name, { highWaterMark: CHUNK_BYTES });
    },
  };
}

/** Bytes per chunk of a file read in chunks. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * A file's bytes in chunks that all live in one buffer, each valid until the
 * next is asked for (`ChunkReadOptions.scratch`): a warm start's hash pass
 * over a 19 MB corpus file fills no fresh memory.
 */
async function* scratchChunks(name: string | Buffer): AsyncGenerator<Uint8Array, void, void> {
  const handle = await fs.open(name, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** An entry of a folder listing, named readably and opened by its exact bytes. */
function childEntry(dir: WalkEntry, rawName: Buffer): WalkEntry {
  const decoded = decodeName(rawName);
  const name = path.join(dir.name, decoded ?? escapedName(rawName));
  const exact = decoded !== undefined && typeof dir.fsPath === 'string';
  const fsPath = exact ? name : Buffer.concat([typeof dir.fsPath === 'string' ? Buffer.from(dir.fsPath) : dir.fsPath, Buffer.from(path.sep), rawName]);
  return { name, fsPath, explicit: false, viaLink: dir.viaLink };
}

/** A file name as text, or undefined when its bytes are not valid UTF-8. */
function decodeName(raw: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return undefined;
  }
}

/**
 * A readable, unambiguous stand-in for a name that is not UTF-8: valid runs
 * kept, each invalid byte written `\xNN` (as `ls -b` does), so two such files
 * never share a name.
 */
function escapedName(raw: Buffer): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    // A UTF-8 character is one to four bytes: take the shortest run from here that decodes.
    let len = 1;
    while (len <= 4 && (i + len > raw.length || decodeName(raw.subarray(i, i + len)) === undefined)) len++;
    if (len <= 4) {
      out += decodeName(raw.subarray(i, i + len));
      i += len;
    } else {
      out += `\\x${raw[i].toString(16).padStart(2, '0')}`;
      i++;
    }
  }
  return out;
}

/**
 * Whether an entry's real path lies in one of `confineTo` (real paths). A path
 * that cannot be resolved (dangling link, loop, no permission) is not inside:
 * what it points at is unknown. A path missing altogether is let through: the
 * stat that follows reports it as it does without confinement.
 */
async function leadsInside(entry: WalkEntry, confineTo: readonly string[]): Promise<boolean> {
  let real: string;
  try {
    real = await fs.realpath(entry.fsPath, { encoding: 'utf8' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return false;
    try {
      await fs.lstat(entry.fsPath);
      return false; // present but unresolvable: a dangling link
    } catch {
      return true;
    }
  }
  return confineTo.some((root) => isInside(root, real));
}

/** Whether a folder met again is an ancestor of where it was met (a loop), rather than a second way in. */
async function leadsToAncestor(entry: WalkEntry): Promise<boolean> {
  if (!entry.viaLink) return false;
  try {
    const target = await fs.realpath(entry.fsPath);
    const parent = await fs.realpath(typeof entry.fsPath === 'string' ? path.dirname(entry.fsPath) : path.dirname(entry.name));
    const rel = path.relative(target, parent);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  } catch {
    return false;
  }
}

/** What a non-regular file is, in the words `ls -l` users know. */
function specialKind(st: BigIntStats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}
