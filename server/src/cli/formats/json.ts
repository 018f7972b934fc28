import type { CheckReport } from '../report';

/** The `--format json` output (version 1): stable for scripts. */
export function formatJson(report: CheckReport): string {
  return JSON.stringify(
    {
      version: 1,
      corpus: { articles: report.corpus.articles, sentences: report.corpus.sentences },
      files: report.files.map((f) => ({ path: f.path, diagnostics: f.diagnostics })),
    },
    null,
    2,
  );
}
