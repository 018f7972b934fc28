import * as path from 'node:path';
import { checkDraft, oneLine, type CorpusIndex } from '../engine/api';
import { runningBuildId } from '../host/buildId';
import { hostDraftDate } from '../host/draftDateOption';
import { ensureFolder, FolderError } from '../host/ensureFolder';
import { openFsCorpus } from '../host/openFsCorpus';
import { bundledCorpusDir, packageVersion } from '../host/packageInfo';
import { parseArgs, USAGE, UsageError, type CliCommand } from './args';
import { displayPath } from './displayPath';
import { toFileReport, countBySeverity, type CheckReport } from './report';
import { IgnoreFiles, reportWithSuppressions } from './suppressions';
import { formatText } from './formats/text';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { escapeJsonControls, quoteName, terminalLine } from './terminalText';
import { CliTeamConfigs, teamSetups } from './teamConfig';
import { describeDatabaseError, isDatabaseUrl, maskDatabaseUrl, resolveDatabaseUrl } from './databaseOption';
import { runDbInit, runIngest } from './ingestCommand';
import { readDraftInputs } from './draftInputs';
import { runReport } from './reportCommand';
import { commandUsage } from './commandHelp';
import { createPgPool, PgCorpusStore, type PgPool } from '../host/pg';
import type { CorpusStore } from '../engine/api';

/** Where the CLI writes; injected so tests can capture it. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  /** Whether stderr is a terminal (progress is then rewritten in place). */
  errIsTty?: boolean;
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

/** A corpus to check against: the in-memory index of files, or a PostgreSQL corpus; closed after use. */
interface OpenedCorpus {
  store: CorpusStore;
  close(): Promise<void>;
}

/** The database URL of a command (`--db`, else FACTCHECK_DATABASE_URL unless --corpus is given), checked. */
function databaseUrlOf(cmd: { db?: string; corpus: string[] }): string | undefined {
  if (cmd.db !== undefined && cmd.corpus.length > 0) throw new UsageError('--db and --corpus are exclusive: the corpus is either files or a database');
  // An explicit --corpus wins over the environment's database.
  const url = cmd.corpus.length > 0 ? undefined : resolveDatabaseUrl(cmd.db);
  if (url !== undefined && !isDatabaseUrl(url)) throw new InputError(`${cmd.db !== undefined ? '--db' : 'FACTCHECK_DATABASE_URL'}: not a postgres:// URL: ${terminalLine(maskDatabaseUrl(url))}`);
  return url;
}

/** Opens the corpus of a `check` or `search`: the database when one is named, else the files. */
async function openCorpus(cmd: { db?: string; corpus: string[]; cacheDir?: string }, io: CliIo): Promise<OpenedCorpus> {
  const url = databaseUrlOf(cmd);
  if (url === undefined) {
    const index = await loadCorpus(cmd.corpus, io, cmd.cacheDir);
    return { store: index, close: async () => undefined };
  }
  let pool: PgPool | undefined;
  try {
    pool = createPgPool(url, { max: 4, statementTimeoutMs: 60_000, applicationName: 'factcheck check' });
    const store = await PgCorpusStore.open(pool);
    if (store.stats.articles === 0) throw new Error('the database has no articles: run `factcheck ingest --db URL PATH…` first');
    const opened = pool;
    return { store, close: () => opened.end().catch(() => undefined) };
  } catch (e) {
    await pool?.end().catch(() => undefined);
    throw new InputError(terminalLine(describeDatabaseError(e, url)));
  }
}

async function runCheck(cmd: Extract<CliCommand, { kind: 'check' }>, io: CliIo): Promise<number> {
  // Read drafts first: a typo in a file name should not wait for the corpus to load. Folders are searched for
  // drafts; a draft that cannot be read is reported and the others checked, and the run exits 2 at the end.
  const { drafts, problems, notes } = await readDraftInputs(cmd.files, io.cwd, cmd.corpus);
  for (const n of notes) io.err(`factcheck: warning: ${n}`);
  for (const p of problems) io.err(`factcheck: ${p}`);
  if (drafts.length === 0) return 2;
  // Each draft's team configuration (.factcheck/config.json above it): its severities and people, and its corpus
  // when neither --corpus nor --db is given. Drafts are checked in groups sharing a corpus, reported in order.
  const setups = await teamSetups(drafts.map((d) => d.file), cmd.includeVerified, io);
  const corpusOf = (i: number) => (cmd.corpus.length > 0 || cmd.db !== undefined ? cmd.corpus : (setups[i].corpusRoots ?? []));
  const groups = new Map<string, number[]>();
  for (let i = 0; i < drafts.length; i++) {
    const key = JSON.stringify(corpusOf(i));
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  const files: ReturnType<typeof toFileReport>[] = [];
  // Findings the drafts' disable comments or the team's .factcheck/ignore.json switch off are reported apart and never fail the run.
  const ignoreFiles = new IgnoreFiles();
  let stats: CheckReport['corpus'] | undefined;
  for (const members of groups.values()) {
    const corpus = await openCorpus({ ...cmd, corpus: corpusOf(members[0]) }, io);
    stats ??= corpus.store.stats;
    try {
      for (const i of members) files[i] = await reportWithSuppressions(drafts[i].file, drafts[i].text, await checkDraft(drafts[i].text, corpus.store, { ...setups[i].checkConfig, draftDate: hostDraftDate(cmd.draftDate) }), ignoreFiles, io);
    } catch (e) {
      // A database failing mid-check (dropped connection, timeout): a message, not a stack.
      if (corpus.store instanceof PgCorpusStore) throw new InputError(terminalLine(describeDatabaseError(e, databaseUrlOf(cmd)!)));
      throw e;
    } finally {
      await corpus.close();
    }
  }
  const report: CheckReport = { corpus: stats!, files };
  const rendered = cmd.format === 'json' ? formatJson(report) : cmd.format === 'sarif' ? formatSarif(report, packageVersion()) : formatText(report, io.cwd);
  io.out(rendered);
  const counts = countBySeverity(report);
  if (problems.length > 0) return 2;
  if (counts.error > 0) return 1;
  if (cmd.maxWarnings !== undefined) return counts.warning > cmd.maxWarnings ? 1 : 0;
  return counts.warning > 0 ? 1 : 0;
}

async function runSearch(cmd: Extract<CliCommand, { kind: 'search' }>, io: CliIo): Promise<number> {
  // Without --corpus or --db, the corpus of the team configuration above the working folder, if any.
  const team = cmd.corpus.length > 0 || cmd.db !== undefined ? undefined : await new CliTeamConfigs(io, false).forDraft();
  const corpus = await openCorpus(team?.corpusRoots ? { ...cmd, corpus: team.corpusRoots } : cmd, io);
  let hits;
  try {
    hits = await corpus.store.search(cmd.query, { limit: cmd.limit });
  } catch (e) {
    if (corpus.store instanceof PgCorpusStore) throw new InputError(terminalLine(describeDatabaseError(e, databaseUrlOf(cmd)!)));
    throw e;
  } finally {
    await corpus.close();
  }
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
        io.out(commandUsage(cmd.command) ?? USAGE);
        return 0;
      case 'version':
        io.out(packageVersion());
        return 0;
      case 'check':
        return await runCheck(cmd, io);
      case 'search':
        return await runSearch(cmd, io);
      case 'report':
        return await runReport(cmd, { openCorpus: (c) => openCorpus(c, io), err: io.err, out: io.out, cwd: io.cwd });
      case 'ingest':
      case 'db-init': {
        const url = resolveDatabaseUrl(cmd.db);
        if (url === undefined) throw new UsageError(`${cmd.kind === 'ingest' ? 'ingest' : 'db init'} needs --db URL (or FACTCHECK_DATABASE_URL)`);
        if (!isDatabaseUrl(url)) throw new InputError(`not a postgres:// URL: ${terminalLine(maskDatabaseUrl(url))}`);
        const ingestIo = { ...io, errIsTty: io.errIsTty };
        return cmd.kind === 'ingest' ? await runIngest({ url, paths: cmd.paths, prune: cmd.prune }, ingestIo) : await runDbInit({ url }, ingestIo);
      }
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
    errIsTty: process.stderr.isTTY === true,
  }).then((code) => {
    process.exitCode = code;
  });
}
