import { DEFAULT_SEVERITY, FINDING_CODES, type Severity } from '../../engine/api';
import type { CheckReport } from '../report';
import { escapeJsonControls } from '../terminalText';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0, for code-scanning dashboards. Columns are 1-based UTF-16 code units; controls and bidi characters written as escapes. */
export function formatSarif(report: CheckReport, version: string): string {
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
          file.diagnostics.map((d) => ({
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
            relatedLocations: d.evidence.map((e, i) => ({
              id: i,
              message: { text: e.text },
              physicalLocation: { artifactLocation: { uri: e.article.split('\\').join('/') }, region: { startLine: e.line + 1 } },
            })),
          })),
        ),
      },
    ],
  };
  return escapeJsonControls(JSON.stringify(sarif, null, 2));
}
