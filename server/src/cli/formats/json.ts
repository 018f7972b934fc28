import type { CheckReport } from '../report';
import { escapeJsonControls } from '../terminalText';

/** The `--format json` output (version 1): stable for scripts; controls and bidi characters written as escapes (same values). */
export function formatJson(report: CheckReport): string {
  return escapeJsonControls(JSON.stringify(
    {
      version: 1,
      corpus: { articles: report.corpus.articles, sentences: report.corpus.sentences },
      files: report.files.map((f) => ({ path: f.path, diagnostics: f.diagnostics })),
    },
    null,
    2,
  ));
}
