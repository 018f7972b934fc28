/**
 * Work-done progress for long jobs (indexing a corpus), when the client can
 * show it; a silent sink otherwise, so callers never need to ask.
 */
import type { Connection } from 'vscode-languageserver';
import type { ProgressSink } from './corpusManager';

const SILENT: ProgressSink = { report: () => undefined, done: () => undefined };

/** Starts a progress report titled `title` over `connection`, or a silent one when `supported` is false or creating it fails. */
export async function beginProgress(connection: Connection, supported: boolean, title: string): Promise<ProgressSink> {
  if (!supported) return SILENT;
  try {
    const reporter = await connection.window.createWorkDoneProgress();
    reporter.begin(title, 0, undefined, false);
    let last = -1;
    return {
      report: (pct, message) => {
        if (pct === last) return; // one report per percent is plenty
        last = pct;
        if (message === undefined) reporter.report(pct);
        else reporter.report(pct, message);
      },
      done: () => reporter.done(),
    };
  } catch {
    return SILENT;
  }
}
