import type { CheckReport } from '../report';
import { escapeJsonControls } from '../terminalText';

/** The `--format json` output (version 1): stable for scripts; controls and bidi characters written as escapes (same values). */
export function formatJson(report: CheckReport): string {
  return escapeJsonControls(JSON.stringify(
    {
      version: 1,
      corpus: { articles: report.corpus.articles, sentences: report.corpus.sentences },
      // Suppressed findings apart, so a script counting `diagnostics` counts what fails, as before.
      files: report.files.map((f) => ({ path: f.path, diagnostics: f.diagnostics, suppressed: f.suppressed })),
    },
    null,
    2,
  ));
}
