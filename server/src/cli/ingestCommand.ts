/**
 * `factcheck ingest --db URL [--prune] PATH…` and `factcheck db init --db URL`:
 * load corpus files into a PostgreSQL corpus with the engine's own
 * extractors (upserted by path and content hash: unchanged files skipped,
 * removed ones pruned on request), creating or migrating the schema first.
 * Progress and the rate go to stderr (one line a second; rewritten in place on
 * a terminal), the summary to stdout.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createFsCorpusSource } from '../host/fsCorpusSource';
import { createPgPool, ingest, initSchema, type IngestProgress } from '../host/pg';
import { describeDatabaseError, maskDatabaseUrl } from './databaseOption';
import { displayPath } from './displayPath';
import { quoteName, terminalLine } from './terminalText';

/** Where the ingest command writes (the CLI's io, plus whether stderr is a terminal). */
export interface IngestIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  /** Progress is rewritten in place on a terminal, printed once a second otherwise. */
  errIsTty?: boolean;
}

/** How often progress is printed. */
const PROGRESS_EVERY_MS = 1_000;
/** Ingestion's statement timeout: a batch of writes on a big table may take minutes, never forever. */
const INGEST_TIMEOUT_MS = 60 * 60 * 1000;

/** `factcheck ingest`: resolves to the exit code (0 done, 2 on a database or input error). */
export async function runIngest(cmd: { url: string; paths: string[]; prune: boolean }, io: IngestIo): Promise<number> {
  const roots = cmd.paths.map((p) => path.resolve(io.cwd, p));
  // A mistyped path must not look like an empty folder: with --prune it would remove every file under it.
  for (let i = 0; i < roots.length; i++) {
    try {
      await fs.stat(roots[i]);
    } catch (e) {
      io.err(`factcheck: ${quoteName(cmd.paths[i])}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}; nothing ingested`);
      return 2;
    }
  }
  let last = 0;
  const progress = (p: IngestProgress): void => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS && p.done < p.total) return;
    last = now;
    const line = `factcheck: ingest: ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')} files, ${p.articles.toLocaleString('en')} articles, ${Math.round(p.articlesPerSecond).toLocaleString('en')} articles/s`;
    if (io.errIsTty) process.stderr.write(`\r${line}\u001b[K${p.done === p.total ? '\n' : ''}`);
    else io.err(line);
  };
  return withDatabase(cmd.url, { max: 2, applicationName: 'factcheck ingest' }, io, async (pool) => {
    const onProblem = (p: string, message: string): void => io.err(`factcheck: warning: ${quoteName(p)}: ${terminalLine(message)}`);
    const report = await ingest(pool, createFsCorpusSource(roots, { onProblem }), { prune: cmd.prune, onProgress: progress });
    for (const w of report.warnings) io.err(`factcheck: warning: ${displayPath(w.path, io.cwd)}: ${terminalLine(w.message)}`);
    const rate = report.seconds > 0 ? Math.round(report.articles / report.seconds) : 0;
    io.out(
      `Ingested into ${terminalLine(maskDatabaseUrl(cmd.url))}: ${report.listedFiles.toLocaleString('en')} files listed, ` +
        `${report.writtenFiles.toLocaleString('en')} written (${report.articles.toLocaleString('en')} articles), ` +
        `${report.unchangedFiles.toLocaleString('en')} unchanged, ${report.removedFiles.toLocaleString('en')} removed ` +
        `in ${report.seconds.toFixed(1)} s (${rate.toLocaleString('en')} articles/s); corpus version ${report.corpusVersion}.`,
    );
    return 0;
  });
}

/** `factcheck db init`: creates or migrates the schema. */
export async function runDbInit(cmd: { url: string }, io: IngestIo): Promise<number> {
  return withDatabase(cmd.url, { max: 1, applicationName: 'factcheck db init' }, io, async (pool) => {
    const { from, to } = await initSchema(pool);
    const where = terminalLine(maskDatabaseUrl(cmd.url));
    io.out(from === to ? `The corpus schema of ${where} is up to date (version ${to}).` : from === 0 ? `Created the corpus schema (version ${to}) in ${where}.` : `Migrated the corpus schema of ${where} from version ${from} to ${to}.`);
    return 0;
  });
}

/** Runs `work` on a pool of its own: a database error is one line on stderr and exit 2; the pool is always closed. */
async function withDatabase(url: string, options: { max: number; applicationName: string }, io: IngestIo, work: (pool: ReturnType<typeof createPgPool>) => Promise<number>): Promise<number> {
  const pool = createPgPool(url, { ...options, statementTimeoutMs: INGEST_TIMEOUT_MS });
  try {
    return await work(pool);
  } catch (e) {
    io.err(`factcheck: ${terminalLine(describeDatabaseError(e, url))}`);
    return 2;
  } finally {
    await pool.end().catch(() => undefined);
  }
}
