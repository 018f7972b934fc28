/**
 * The drafts a command line names, as linters take their inputs: files, and
 * folders searched for `.md`, `.markdown` and `.txt` files below them
 * (skipping `node_modules`, `.git` and other hidden folders, and the corpus's
 * own folders: sources are not drafts). Globs are the shell's business.
 *
 * One bad input never stops the others: a missing file, a folder without
 * drafts, a binary or unreadable file is reported with its name and the rest
 * are read; the caller exits 2 at the end.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { decodeCorpusBytes } from '../engine/api';
import { configCorpusRoots, findTeamConfig, readTeamConfig } from '../host/teamConfig';
import { quoteName } from './terminalText';
import { isMemoFile } from '../host/memo/memoFileName';

/** Extensions of drafts found in folders (a file named on the command line is read whatever its name). */
export const DRAFT_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.txt'];

/** Folders never searched for drafts. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/** Largest draft read, in bytes. */
export const MAX_DRAFT_BYTES = 20 * 1024 * 1024;

/** A draft read. */
export interface DraftInput {
  /** The path as shown: as given, or the folder as given joined with the path below it. */
  file: string;
  text: string;
}

/** What reading the inputs gave: the drafts, and one message per input that could not be used. */
export interface DraftInputs {
  drafts: DraftInput[];
  problems: string[];
  /** Warnings that do not fail the input (a byte-order mark dropped). */
  notes: string[];
}

/**
 * Reads the drafts named by `inputs` (relative to `cwd`). `skipRoots`:
 * absolute paths of corpus folders and files, never taken for drafts inside a
 * searched folder.
 */
export async function readDraftInputs(inputs: readonly string[], cwd: string, skipRoots: readonly string[] = []): Promise<DraftInputs> {
  const out: DraftInputs = { drafts: [], problems: [], notes: [] };
  const skip = skipRoots.map((r) => path.resolve(cwd, r));
  const seen = new Set<string>();
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const st = await fs.stat(abs).catch((e: NodeJS.ErrnoException) => e);
    if (st instanceof Error) {
      out.problems.push(`${quoteName(input)}: ${st.code === 'ENOENT' || st.code === 'ENOTDIR' ? 'no such file' : `cannot read: ${st.code ?? st.message}`}`);
      continue;
    }
    // The team's corpus (`.factcheck/config.json` above the folder) is not drafts either, whatever --corpus says.
    const files = st.isDirectory() ? await draftsBelow(abs, input, [...skip, ...(await teamCorpusRoots(abs))], out.problems) : [input];
    if (st.isDirectory() && files.length === 0) out.problems.push(`${quoteName(input)}: no drafts (${DRAFT_EXTENSIONS.join(', ')}) in this folder`);
    for (const file of files) {
      const key = path.resolve(cwd, file);
      if (seen.has(key)) continue;
      seen.add(key);
      const read = await readDraftFile(file, cwd);
      if ('problem' in read) out.problems.push(read.problem);
      else {
        if (read.note !== undefined) out.notes.push(read.note);
        out.drafts.push({ file, text: read.text });
      }
    }
  }
  return out;
}

/** The corpus paths of the team configuration governing a folder (none when there is no readable one); problems are `check`'s to report. */
async function teamCorpusRoots(dir: string): Promise<string[]> {
  const file = await findTeamConfig(dir).catch(() => undefined);
  if (file === undefined) return [];
  const read = await readTeamConfig(file).catch(() => undefined);
  return (read?.config && configCorpusRoots(read.config)) ?? [];
}

/** Draft files below a folder, in sorted order (the same run gives the same report), shown under `shown`. */
async function draftsBelow(abs: string, shown: string, skip: readonly string[], problems: string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      problems.push(`${quoteName(path.join(shown, rel))}: cannot read folder: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (skip.some((r) => full === r || full.startsWith(r + path.sep))) continue;
      // Links to folders are not followed (a loop, or a tree elsewhere); links to files are read like files.
      if (e.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(e.name) && !e.name.startsWith('.')) await walk(full, path.join(rel, e.name));
      } else if ((e.isFile() || e.isSymbolicLink()) && DRAFT_EXTENSIONS.includes(path.extname(e.name).toLowerCase()) && !isMemoFile(e.name)) {
        if (e.isSymbolicLink() && !(await fs.stat(full).then((s) => s.isFile()).catch(() => false))) continue;
        out.push(path.join(shown, rel, e.name));
      }
    }
  };
  if (!skip.some((r) => abs === r || abs.startsWith(r + path.sep))) await walk(abs, '');
  return out;
}

/**
 * A draft's text, decoded as corpus files are (UTF-8, or UTF-16 with a byte
 * order mark; the mark dropped so positions match what editors show), or why
 * it cannot be a draft.
 */
export async function readDraftFile(file: string, cwd: string): Promise<{ text: string; note?: string } | { problem: string }> {
  const abs = path.resolve(cwd, file);
  const name = quoteName(file);
  let bytes: Uint8Array;
  try {
    const st = await fs.stat(abs);
    if (st.isDirectory()) return { problem: `${name}: is a folder, not a draft` };
    // A FIFO or a device (/dev/zero) reports size 0 and never ends: the size limit cannot hold, so refuse it unread.
    if (!st.isFile()) return { problem: `${name}: not a regular file (${specialFileKind(st)}), not a draft` };
    if (st.size > MAX_DRAFT_BYTES) return { problem: `${name}: draft is ${(st.size / 1024 / 1024).toFixed(1)} MB, over the 20 MB limit` };
    bytes = await fs.readFile(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: `${name}: ${code === 'ENOENT' ? 'no such file' : `cannot read: ${code ?? String(e)}`}` };
  }
  const decoded = decodeCorpusBytes(bytes);
  // The decoder words its refusal for a corpus file ("binary file (…), skipped"); a draft is refused, not skipped.
  if (!decoded.ok) return { problem: `${name}: not a text file (${decoded.message.replace(/^binary file \((.*)\), skipped$/, '$1')})` };
  return decoded.note !== undefined ? { text: decoded.source, note: `${name}: ${decoded.note}` } : { text: decoded.source };
}

/** What a non-regular, non-folder path is, in the words `ls -l` users know. */
function specialFileKind(st: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}
