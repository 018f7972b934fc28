import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SEVERITY, FINDING_CODES, type Severity } from '../../engine/api';
import type { CheckReport, SuppressedDiagnostic } from '../report';
import type { Suppression } from '../suppressions';
import { escapeJsonControls } from '../terminalText';
import { transcriptPlace } from '../../host/citationPlace';

/** A `file://` URI of a path (resolved against `cwd`), as SARIF readers expect for files outside the checked tree; URIs pass unchanged. */
function fileUri(p: string, cwd: string): string {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(p)) return p;
  return pathToFileURL(path.resolve(cwd, p)).href;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0, for code-scanning dashboards. Columns are 1-based UTF-16 code units; controls and bidi characters written as escapes. */
export function formatSarif(report: CheckReport, version: string, cwd = process.cwd()): string {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'factcheck',
            version,
            rules: FINDING_CODES.map((code) => ({ id: code, defaultConfiguration: { level: LEVEL[DEFAULT_SEVERITY[code]] } })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: report.files.flatMap((file) =>
          [...file.diagnostics, ...(file.suppressed ?? [])].map((d) => ({
            ruleId: d.code,
            level: LEVEL[d.severity],
            message: { text: d.suggestion !== null ? `${d.message} Suggestion: ${d.suggestion}` : d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: file.path.split('\\').join('/') },
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
            // Corpus files may lie anywhere: absolute file:// URIs, which code-scanning tools resolve.
            relatedLocations: d.evidence.map((e, i) => ({
              id: i,
              message: { text: e.timestamp !== undefined ? `${transcriptPlace({ path: e.article, timestamp: e.timestamp, speaker: e.speaker })}: ${e.text}` : e.text },
              physicalLocation: { artifactLocation: { uri: fileUri(e.article, cwd) }, region: { startLine: e.line + 1 } },
            })),
            // Switched off in the draft (inSource) or in the team's ignore file (external): dashboards show them as suppressed.
            ...('suppression' in d ? { suppressions: [sarifSuppression((d as SuppressedDiagnostic).suppression)] } : {}),
          })),
        ),
      },
    ],
  };
  return escapeJsonControls(JSON.stringify(sarif, null, 2));
}

/** A SARIF suppression object for a finding the draft or the team switched off. */
function sarifSuppression(s: Suppression): { kind: 'inSource' | 'external'; justification: string } {
  if (s.kind === 'comment') return { kind: 'inSource', justification: 'factcheck-disable comment in the draft' };
  const who = s.by ? ` by ${s.by}` : '';
  return { kind: 'external', justification: `ignored (${s.scope})${who} in ${s.file.split('\\').join('/')}` };
}
