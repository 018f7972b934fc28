/** "Fact Check: Check Workspace": opens every draft so the server checks it and Problems fills. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { StatusRequest } from '../../../server/src/lsp/protocol';
import { DRAFT_GLOB, isInCorpus } from '../format';
import { isMemoFile } from '../../../server/src/host/memo/memoFileName';

const MAX_DRAFTS = 500;

export async function checkWorkspace(client: LanguageClient | undefined): Promise<void> {
  if (!client) return;
  const status = await client.sendRequest(StatusRequest.type);
  const corpusPaths = status.folders.flatMap((f) => f.corpusPaths);
  const files = await vscode.workspace.findFiles(DRAFT_GLOB, '**/{node_modules,.git,.factcheck,dist,out}/**', MAX_DRAFTS * 2);
  const drafts = files.filter((u) => !isMemoFile(u.path) && (u.scheme !== 'file' || !isInCorpus(u.fsPath, corpusPaths))).slice(0, MAX_DRAFTS);
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Fact Check: checking drafts', cancellable: true },
    async (progress, token) => {
      let done = 0;
      for (const uri of drafts) {
        if (token.isCancellationRequested) break;
        // Opening (without showing) syncs the document to the server, which checks it.
        await vscode.workspace.openTextDocument(uri);
        done++;
        progress.report({ increment: 100 / drafts.length, message: `${done}/${drafts.length}` });
      }
    },
  );
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  void vscode.window.showInformationMessage(
    `Fact Check: checked ${drafts.length} draft${drafts.length === 1 ? '' : 's'}${files.length > MAX_DRAFTS * 2 ? ` (first ${MAX_DRAFTS})` : ''}.`,
  );
}
