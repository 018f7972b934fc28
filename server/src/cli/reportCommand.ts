/**
 * `factcheck report`: the fact-check memo of one or more drafts (see
 * `host/memo/memoModel.ts`) in Markdown, HTML, CSV or JSON, on stdout or in
 * `--output FILE`. The drafts are checked as `factcheck check` checks them
 * (team configuration, disable comments, the ignore file), with verified
 * claims included; suppressed findings become *ignored* and *disabled* rows.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { checkDraft, type CorpusStore, type Finding } from '../engine/api';
import { bundledCorpusDir, packageVersion } from '../host/packageInfo';
import { buildMemo, type MemoDraftInput, type MemoSuppression } from '../host/memo/memoModel';
import { renderMemo, type MemoFormat } from '../host/memo/renderMemo';
import { generationDay } from '../host/memo/generationDay';
import { hostDraftDate } from '../host/draftDateOption';
import { readDraftInputs } from './draftInputs';
import { displayPath } from './displayPath';
import { IgnoreFiles, suppress } from './suppressions';
import { teamSetups } from './teamConfig';
import { quoteName, terminalLine } from './terminalText';

/** The parsed `factcheck report` command line. */
export interface ReportCommand {
  corpus: string[];
  format: MemoFormat;
  output?: string;
  cacheDir?: string;
  db?: string;
  /** `--draft-date`: the date of drafts without a front matter `date:` (default today). */
  draftDate?: string;
  files: string[];
}

/** What the CLI's main module lends the command: opening the corpus as `check` does. */
export interface ReportDeps {
  openCorpus(cmd: { corpus: string[]; cacheDir?: string; db?: string }): Promise<{ store: CorpusStore; close(): Promise<void> }>;
  err(text: string): void;
  out(text: string): void;
  cwd: string;
}

/** Runs `factcheck report`; resolves to the exit code (2 when a draft could not be read, after the memo of the others). */
export async function runReport(cmd: ReportCommand, deps: ReportDeps): Promise<number> {
  const { drafts, problems, notes } = await readDraftInputs(cmd.files, deps.cwd, cmd.corpus);
  for (const n of notes) deps.err(`factcheck: warning: ${n}`);
  for (const p of problems) deps.err(`factcheck: ${p}`);
  if (drafts.length === 0) return 2;
  const setups = await teamSetups(drafts.map((d) => d.file), true, { err: deps.err, cwd: deps.cwd });
  // One memo describes one corpus: --corpus/--db, else the first draft's team corpus, else the bundled sample.
  const corpusRoots = cmd.corpus.length > 0 || cmd.db !== undefined ? cmd.corpus : (setups[0].corpusRoots ?? []);
  const corpus = await deps.openCorpus({ corpus: corpusRoots, cacheDir: cmd.cacheDir, db: cmd.db });
  const inputs: MemoDraftInput[] = [];
  try {
    const ignoreFiles = new IgnoreFiles();
    for (let i = 0; i < drafts.length; i++) {
      const { file, text } = drafts[i];
      const findings = await checkDraft(text, corpus.store, { ...setups[i].checkConfig, includeVerified: true, draftDate: hostDraftDate(cmd.draftDate) });
      const result = await suppress(path.resolve(deps.cwd, file), text, findings, ignoreFiles);
      for (const w of result.warnings) deps.err(`factcheck: warning: ${quoteName(file)}: ${terminalLine(w)}`);
      const suppressed = new Map<Finding, MemoSuppression>();
      for (const s of result.suppressed) {
        const why = s.suppression;
        suppressed.set(s.finding, why.kind === 'comment' ? { kind: 'disabled' } : { kind: 'ignored', by: why.by, added: why.added, scope: why.scope });
      }
      inputs.push({ path: file.split(path.sep).join('/'), text, findings, suppressed });
    }
  } finally {
    await corpus.close();
  }
  const day = generationDay();
  const stats = corpus.store.stats;
  const memo = buildMemo({
    generated: day,
    tool: `factcheck ${packageVersion()}`,
    corpus: {
      sources: cmd.db !== undefined ? ['a PostgreSQL database'] : corpusRoots.length > 0 ? corpusRoots.map((r) => shownPath(r, deps.cwd)) : [shownPath(bundledCorpusDir(), deps.cwd)],
      stats,
      ...(stats.firstDate !== undefined && stats.lastDate !== undefined ? { firstDate: stats.firstDate, lastDate: stats.lastDate } : {}),
      // The CLI indexes (or verifies its cache against the files) as it runs: the index is of today's files.
      indexed: day,
    },
    drafts: inputs,
    showPath: (p) => shownPath(p, deps.cwd),
  });
  const text = renderMemo(memo, cmd.format);
  if (cmd.output !== undefined) {
    await fs.writeFile(path.resolve(deps.cwd, cmd.output), text);
    deps.err(`factcheck: memo written to ${quoteName(cmd.output)}`);
  } else deps.out(text.replace(/\n$/, ''));
  return problems.length > 0 ? 2 : 0;
}

/** A path as the memo shows it: relative to the working folder, `/`-separated (the same on every machine). */
function shownPath(p: string, cwd: string): string {
  return displayPath(p, cwd).split(path.sep).join('/');
}
