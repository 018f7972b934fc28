/**
 * Work-done progress for long jobs (indexing a corpus), when the client can
 * show it; a silent sink otherwise, so callers never need to ask.
 */
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import type { CorpusReadProgress } from '../engine/api';
import type { ProgressSink } from './corpusManager';

/**
 * The percentage and message of an indexing report: by bytes and articles
 * when the read says (a single 100 MB JSON Lines file moves from 0 to 100 %
 * with its articles counted), by files otherwise.
 */
export function indexingReport(done: number, total: number, filePath: string, detail?: CorpusReadProgress): { percentage: number; message: string } {
  const name = path.basename(filePath);
  if (detail && detail.bytesTotal > 0) {
    const percentage = Math.min(100, Math.floor((detail.bytesDone / detail.bytesTotal) * 100));
    const files = total > 1 ? ` · file ${Math.min(done + 1, total).toLocaleString('en-US')} of ${total.toLocaleString('en-US')}` : '';
    return { percentage, message: `${detail.articles.toLocaleString('en-US')} articles · ${percentage}%${files} · ${name}` };
  }
  return { percentage: total > 0 ? Math.round((done / total) * 100) : 0, message: `${done}/${total} files · ${name}` };
}

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
