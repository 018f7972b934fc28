/**
 * Tells the writer once when a folder's corpus cannot back any finding (a
 * path not found, no articles): one warning notification per problem, with
 * the way to fix it — "Open Settings" (or the team's `.factcheck/config.json`
 * when that is where the corpus is set) and "Add Corpus Folder…". The server
 * decides what the problems are (`corpusNotices`, the same it would send
 * other editors); the client asks it not to send them (`clientShowsCorpusProblems`).
 */
import * as vscode from 'vscode';
import { corpusNotices } from '../../server/src/lsp/corpusNotices';
import type { StatusResult } from '../../server/src/lsp/protocol';

export const OPEN_SETTINGS = 'Open Settings';
export const OPEN_CONFIG = 'Open config.json';
export const ADD_CORPUS_FOLDER = 'Add Corpus Folder…';

export class CorpusProblems {
  private readonly shown = new Set<string>();

  /** Shows each new problem of `status` once (a problem fixed and back is shown again). */
  update(status: StatusResult | undefined): void {
    if (!status) return;
    const notices = corpusNotices(status);
    const current = new Set(notices.map((n) => n.key));
    for (const key of [...this.shown]) if (!current.has(key)) this.shown.delete(key);
    for (const n of notices) {
      if (this.shown.has(n.key)) continue;
      this.shown.add(n.key);
      const open = n.corpusFrom === 'config' && n.configFile ? OPEN_CONFIG : OPEN_SETTINGS;
      void vscode.window.showWarningMessage(n.message, open, ADD_CORPUS_FOLDER).then(async (choice) => {
        if (choice === OPEN_CONFIG && n.configFile) await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(n.configFile));
        else if (choice === OPEN_SETTINGS) await vscode.commands.executeCommand('workbench.action.openSettings', 'factcheck.corpus.paths');
        else if (choice === ADD_CORPUS_FOLDER) await vscode.commands.executeCommand('factcheck.addCorpusFolder');
      });
    }
  }
}
