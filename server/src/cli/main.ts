import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { checkDraft, decodeCorpusBytes, oneLine, type CorpusIndex } from '../engine/api';
import { runningBuildId } from '../host/buildId';
import { ensureFolder, FolderError } from '../host/ensureFolder';
import { openFsCorpus } from '../host/openFsCorpus';
import { bundledCorpusDir, packageVersion } from '../host/packageInfo';
import { parseArgs, USAGE, UsageError, type CliCommand } from './args';
import { displayPath } from './displayPath';
import { toFileReport, countBySeverity, type CheckReport } from './report';
import { formatText } from './formats/text';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { escapeJsonControls, quoteName, terminalLine } from './terminalText';

/** Largest draft the CLI reads, in bytes. */
const MAX_DRAFT_BYTES = 20 * 1024 * 1024;

/** Where the CLI writes; injected so tests can capture it. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
}

/** An error the user caused or can fix (a missing file, an unreadable corpus): exit 2 with its message. */
class InputError extends Error {}

/**
 * The cache folder: `--cache-dir`, else the `FACTCHECK_CACHE` environment
 * variable, else none. The CLI caches only when asked, so a one-off check (or
 * a CI job) leaves nothing behind; the editor extension always caches in its
 * global storage.
 */
function cacheDirFor(cacheDir: string | undefined, cwd: string): string | undefined {
  const dir = cacheDir ?? process.env.FACTCHECK_CACHE;
  return dir ? path.resolve(cwd, dir) : undefined;
}

/**
 * Makes sure the cache folder can be used before any work: a file, or a path
 * under one, or a folder that cannot be made (`/proc/self/x`) is an input
 * error with the reason, at once, rather than a failure (or, with Node's
 * recursive mkdir on procfs, a spin) at the first save.
 */
async function prepareCacheDir(dir: string | undefined, given: string | undefined): Promise<void> {
  if (dir === undefined) return;
  try {
    await ensureFolder(dir);
  } catch (e) {
    const option = given !== undefined ? '--cache-dir' : 'FACTCHECK_CACHE';
    throw new InputError(`${option}: ${e instanceof FolderError ? terminalLine(e.message) : String(e)}`);
  }
}

async function loadCorpus(corpus: readonly string[], io: CliIo, cacheDir?: string): Promise<CorpusIndex> {
  const roots = corpus.length > 0 ? corpus.map((p) => path.resolve(io.cwd, p)) : [bundledCorpusDir()];
  const dir = cacheDirFor(cacheDir, io.cwd);
  await prepareCacheDir(dir, cacheDir);
  const { index, warnings, listingProblems } = await openFsCorpus(roots, {
    buildId: runningBuildId(__filename),
    cacheDir: dir,
    onMessage: (m) => io.err(`factcheck: ${terminalLine(m)}`),
  });
  // File names come from the disk: quoted when they hold a control character, so none can forge a line.
  for (const p of listingProblems) io.err(`factcheck: warning: ${quoteName(p.path)}: ${terminalLine(p.message)}`);
  for (const w of warnings) io.err(`factcheck: warning: ${displayPath(w.path, io.cwd)}: ${terminalLine(w.message)}`);
  if (index.stats.articles === 0) {
    throw new InputError(`the corpus (${roots.map(quoteName).join(', ')}) has no readable articles`);
  }
  return index;
}

/**
 * A draft's text, decoded as corpus files are (UTF-8, or UTF-16 with a byte
 * order mark; the mark dropped so positions match what editors show).
 */
async function readDraft(file: string, io: CliIo): Promise<string> {
  const abs = path.resolve(io.cwd, file);
  const name = quoteName(file);
  let bytes: Uint8Array;
  try {
    const st = await fs.stat(abs);
    if (st.isDirectory()) throw new InputError(`${name}: is a folder, not a draft`);
    // A FIFO or a device (/dev/zero) reports size 0 and never ends: the size limit cannot hold, so refuse it unread.
    if (!st.isFile()) throw new InputError(`${name}: not a regular file (${specialFileKind(st)}), not a draft`);
    if (st.size > MAX_DRAFT_BYTES) throw new InputError(`${name}: draft is ${(st.size / 1024 / 1024).toFixed(1)} MB, over the 20 MB limit`);
    bytes = await fs.readFile(abs);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${name}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const decoded = decodeCorpusBytes(bytes);
  // The decoder words its refusal for a corpus file ("binary file (…), skipped"); a draft is refused, not skipped.
  if (!decoded.ok) throw new InputError(`${name}: not a text file (${decoded.message.replace(/^binary file \((.*)\), skipped$/, '$1')})`);
  if (decoded.note !== undefined) io.err(`factcheck: warning: ${name}: ${decoded.note}`);
  return decoded.source;
}

/** What a non-regular, non-folder path is, in the words `ls -l` users know. */
function specialFileKind(st: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}

async function runCheck(cmd: Extract<CliCommand, { kind: 'check' }>, io: CliIo): Promise<number> {
  // Read drafts first: a typo in a file name should not wait for the corpus to load.
  const drafts: Array<{ file: string; text: string }> = [];
  for (const file of cmd.files) drafts.push({ file, text: await readDraft(file, io) });
  const index = await loadCorpus(cmd.corpus, io, cmd.cacheDir);
  const files = [];
  for (const { file, text } of drafts) files.push(toFileReport(file, text, await checkDraft(text, index, { includeVerified: cmd.includeVerified })));
  const report: CheckReport = { corpus: index.stats, files };
  const rendered = cmd.format === 'json' ? formatJson(report) : cmd.format === 'sarif' ? formatSarif(report, packageVersion()) : formatText(report, io.cwd);
  io.out(rendered);
  const counts = countBySeverity(report);
  if (counts.error > 0) return 1;
  if (cmd.maxWarnings !== undefined) return counts.warning > cmd.maxWarnings ? 1 : 0;
  return counts.warning > 0 ? 1 : 0;
}

async function runSearch(cmd: Extract<CliCommand, { kind: 'search' }>, io: CliIo): Promise<number> {
  const index = await loadCorpus(cmd.corpus, io, cmd.cacheDir);
  const hits = await index.search(cmd.query, { limit: cmd.limit });
  if (cmd.format === 'json') {
    io.out(escapeJsonControls(JSON.stringify({ version: 1, query: cmd.query, hits }, null, 2)));
    return 0;
  }
  if (hits.length === 0) {
    io.out(`No sentence matches “${terminalLine(cmd.query)}”.`);
    return 0;
  }
  for (const h of hits) {
    const about = terminalLine([h.title, h.publisher, h.date].filter(Boolean).join(' · '));
    io.out(`${displayPath(h.path, io.cwd)}:${h.range.start.line + 1}${about ? `  ${about}` : ''}\n    ${terminalLine(oneLine(h.text, Infinity))}`);
  }
  return 0;
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const cmd = parseArgs(argv);
    switch (cmd.kind) {
      case 'help':
        io.out(USAGE);
        return 0;
      case 'version':
        io.out(packageVersion());
        return 0;
      case 'check':
        return await runCheck(cmd, io);
      case 'search':
        return await runSearch(cmd, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`factcheck: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`factcheck: ${e.message}`);
      return 2;
    }
    io.err(`factcheck: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 2;
  }
}

/**
 * Entry point of the `factcheck` bin: runs with the process's arguments and sets its exit code.
 *
 * A reader that stops early (`factcheck check … | head -1`) closes the pipe:
 * the next write fails with EPIPE, asynchronously, on the stream. That is not
 * a failure of the check, so the process ends at once and quietly with 0, as
 * ripgrep does — no stack trace, and not 1, which means "warnings found".
 */
export function main(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  // Warnings to a closed stderr (`2>&1 | head`) have nowhere to go; the check itself goes on.
  process.stderr.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  void runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    cwd: process.cwd(),
  }).then((code) => {
    process.exitCode = code;
  });
}
