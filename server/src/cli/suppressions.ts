/**
 * What `factcheck check` leaves out of a draft's failures: findings its
 * `factcheck-disable` comments switch off, and findings the team's
 * `.factcheck/ignore.json` hides — the nearest one found walking up from the
 * draft's folder, as the editor uses its workspace folder's. The same rules
 * as the editor's (`engine/check/disableComments.ts`, `host/ignoreRules.ts`);
 * suppressed findings are still reported, marked, so CI output shows them.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { applyDisableComments, findDisabledRanges, computeLineStarts, positionAt } from '../engine/api';
import type { Finding } from '../engine/api';
import { IGNORE_DIR_NAME, ignoreFilePath, readIgnoreFile } from '../host/ignoreFile';
import type { IgnoreFile } from '../host/ignoreFile';
import { draftKey, DraftIgnores, scopeOf } from '../host/ignoreRules';
import { toFileReport, type FileReport } from './report';
import { quoteName, terminalLine } from './terminalText';

/** Why a finding is not counted. */
export type Suppression =
  | { kind: 'comment' }
  | { kind: 'ignoreFile'; file: string; scope: 'occurrence' | 'file' | 'workspace'; by?: string; added?: string };

/** A finding left out of the failures, with the reason. */
export interface SuppressedFinding {
  finding: Finding;
  suppression: Suppression;
}

/** A draft's findings split into those that count and those suppressed, and anything worth a warning. */
export interface SuppressionResult {
  kept: Finding[];
  suppressed: SuppressedFinding[];
  warnings: string[];
}

/** The folder holding the `.factcheck` nearest above `dir` (inclusive), or undefined. */
export async function findIgnoreFolder(dir: string): Promise<string | undefined> {
  let at = path.resolve(dir);
  for (;;) {
    const st = await fs.lstat(path.join(at, IGNORE_DIR_NAME)).catch(() => undefined);
    if (st) return at;
    const up = path.dirname(at);
    if (up === at) return undefined;
    at = up;
  }
}

/** Reads each ignore file once per run (several drafts usually share one). */
export class IgnoreFiles {
  private readonly byFolder = new Map<string, Promise<{ file: IgnoreFile; problem?: string }>>();

  /** The ignore file that governs a draft, with its folder; undefined when none is above it. */
  async forDraft(draftPath: string): Promise<{ folder: string; file: IgnoreFile; problem?: string } | undefined> {
    const folder = await findIgnoreFolder(path.dirname(draftPath));
    if (folder === undefined) return undefined;
    let read = this.byFolder.get(folder);
    if (!read) {
      read = readIgnoreFile(folder);
      this.byFolder.set(folder, read);
    }
    return { folder, ...(await read) };
  }
}

/** Applies a draft's disable comments and its ignore file to its findings (`draftPath` absolute). */
export async function suppress(draftPath: string, text: string, findings: readonly Finding[], files: IgnoreFiles): Promise<SuppressionResult> {
  const warnings: string[] = [];
  const starts = computeLineStarts(text);
  for (const p of findDisabledRanges(text).problems) {
    const pos = positionAt(starts, p.span.start);
    warnings.push(`${pos.line + 1}:${pos.character + 1}: ${p.message}`);
  }
  const { kept: afterComments, disabled } = applyDisableComments(text, findings);
  const suppressed: SuppressedFinding[] = disabled.map((finding) => ({ finding, suppression: { kind: 'comment' } }));
  const governing = await files.forDraft(draftPath);
  if (!governing) return { kept: afterComments, suppressed, warnings };
  const shownFile = ignoreFilePath(governing.folder);
  if (governing.problem) warnings.push(`${shownFile} is not used: ${governing.problem}`);
  const rules = new DraftIgnores(governing.file, draftKey(governing.folder, draftPath));
  const { kept, ignored } = rules.split(afterComments, text);
  for (const { finding, entry } of ignored) {
    suppressed.push({ finding, suppression: { kind: 'ignoreFile', file: shownFile, scope: scopeOf(entry) ?? 'workspace', by: entry.by, added: entry.added } });
  }
  suppressed.sort((a, b) => a.finding.span.start - b.finding.span.start);
  return { kept, suppressed, warnings };
}

/**
 * A draft's file report with its suppressions applied: `file` as the user
 * gave it (resolved against `io.cwd`), warnings about unknown codes in its
 * comments or an unusable ignore file written to `io.err`.
 */
export async function reportWithSuppressions(
  file: string,
  text: string,
  findings: readonly Finding[],
  files: IgnoreFiles,
  io: { cwd: string; err(text: string): void },
): Promise<FileReport> {
  const { kept, suppressed, warnings } = await suppress(path.resolve(io.cwd, file), text, findings, files);
  for (const w of warnings) io.err(`factcheck: warning: ${quoteName(file)}:${terminalLine(w)}`);
  return toFileReport(file, text, kept, suppressed);
}
