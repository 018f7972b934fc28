import type { CorpusStats, Finding, Severity } from '../engine/api';
import { computeLineStarts, positionAt } from '../engine/text/lineIndex';

/** A finding placed in its file: the shape of the JSON output's diagnostics. */
export interface ReportDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Severity;
  code: Finding['code'];
  message: string;
  suggestion: string | null;
  evidence: Array<{ article: string; title: string | null; line: number; text: string }>;
}

/** The findings of one checked file. */
export interface FileReport {
  /** The path as the user gave it. */
  path: string;
  diagnostics: ReportDiagnostic[];
}

/** Everything one `factcheck check` run found: what every output format renders. */
export interface CheckReport {
  corpus: CorpusStats;
  files: FileReport[];
}

/** Places the findings of a draft at lines and UTF-16 characters (0-based, as in LSP). */
export function toFileReport(path: string, text: string, findings: readonly Finding[]): FileReport {
  const starts = computeLineStarts(text);
  return {
    path,
    diagnostics: findings.map((f) => ({
      range: { start: positionAt(starts, f.span.start), end: positionAt(starts, f.span.end) },
      severity: f.severity,
      code: f.code,
      message: f.message,
      suggestion: f.suggestion ?? null,
      evidence: f.evidence.map((e) => ({ article: e.path, title: e.title ?? null, line: e.range.start.line, text: e.text })),
    })),
  };
}

/** Counts per severity over all files. */
export function countBySeverity(report: CheckReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of report.files) for (const d of f.diagnostics) counts[d.severity]++;
  return counts;
}
