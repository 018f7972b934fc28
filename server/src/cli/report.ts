import { computeLineStarts, positionAt, type Citation, type CorpusStats, type Finding, type Severity } from '../engine/api';
import type { Suppression, SuppressedFinding } from './suppressions';
import { fileBaseName } from '../host/citationPlace';

/** A cited corpus sentence as every output format shows it (the JSON output's `evidence` items). */
export interface ReportEvidence {
  /** The corpus file. */
  article: string;
  /** The article's title, else the corpus file's name: never null, so scripts need no special case. */
  title: string;
  /** 0-based line of the sentence in the corpus file. */
  line: number;
  text: string;
  /** The words of `text` that match the claim (UTF-16 offsets into `text`), when the engine gives them. */
  match: { start: number; end: number } | null;
  /** For a transcript: the cue's start time (`HH:MM:SS`); absent for articles. */
  timestamp?: string;
  /** For a transcript: who speaks the cited words; absent for articles and unlabelled turns. */
  speaker?: string;
}

/** A finding placed in its file: the shape of the JSON output's diagnostics. */
export interface ReportDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Severity;
  code: Finding['code'];
  message: string;
  suggestion: string | null;
  evidence: ReportEvidence[];
}

/** A finding left out of the failures by a disable comment or the ignore file (`cli/suppressions.ts`), and why. */
export type SuppressedDiagnostic = ReportDiagnostic & { suppression: Suppression };

/** The findings of one checked file. */
export interface FileReport {
  /** The path as the user gave it. */
  path: string;
  diagnostics: ReportDiagnostic[];
  /** Findings switched off or ignored: reported, never counted. */
  suppressed: SuppressedDiagnostic[];
}

/** Everything one `factcheck check` run found: what every output format renders. */
export interface CheckReport {
  corpus: CorpusStats;
  files: FileReport[];
}

/** Places the findings of a draft at lines and UTF-16 characters (0-based, as in LSP). */
export function toFileReport(path: string, text: string, findings: readonly Finding[], suppressed: readonly SuppressedFinding[] = []): FileReport {
  const starts = computeLineStarts(text);
  const place = (f: Finding): ReportDiagnostic => ({
    range: { start: positionAt(starts, f.span.start), end: positionAt(starts, f.span.end) },
    severity: f.severity,
    code: f.code,
    message: f.message,
    suggestion: f.suggestion ?? null,
    evidence: f.evidence.map(toReportEvidence),
  });
  return { path, diagnostics: findings.map(place), suppressed: suppressed.map((s) => ({ ...place(s.finding), suppression: s.suppression })) };
}

/** The one conversion of an engine citation to the CLI's evidence. */
export function toReportEvidence(c: Citation): ReportEvidence {
  const e: ReportEvidence = { article: c.path, title: c.title ?? fileBaseName(c.path), line: c.range.start.line, text: c.text, match: c.match ?? null };
  if (c.timestamp !== undefined) e.timestamp = c.timestamp;
  if (c.speaker !== undefined) e.speaker = c.speaker;
  return e;
}

/** Counts per severity over all files. */
export function countBySeverity(report: CheckReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of report.files) for (const d of f.diagnostics) counts[d.severity]++;
  return counts;
}
