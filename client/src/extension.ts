/**
 * The VS Code extension: starts the factcheck language server, registers the
 * commands and the status bar item. Logic lives in the server and in the
 * vscode-free helpers of format.ts.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReindexRequest, SetTrustedNotification, StatusChangedNotification, StatusRequest } from '../../server/src/lsp/protocol';
import type { StatusResult } from '../../server/src/lsp/protocol';
import { createClient } from './client';
import { checkWorkspace } from './commands/checkWorkspace';
import { searchCorpus } from './commands/searchCorpus';
import { showSources } from './commands/showSources';
import { StatusBar } from './statusBar';

let client: LanguageClient | undefined;

/** What the extension exports (used by the test-electron suite). */
export interface FactcheckApi {
  client(): LanguageClient | undefined;
  status(): Promise<StatusResult | undefined>;
}

export async function activate(context: vscode.ExtensionContext): Promise<FactcheckApi> {
  const output = vscode.window.createOutputChannel('Fact Check');
  const statusBar = new StatusBar();
  context.subscriptions.push(output, statusBar);

  const start = async () => {
    const c = createClient(context, output);
    client = c;
    c.onNotification(StatusChangedNotification.type, (s) => statusBar.update(s));
    await c.start();
    statusBar.update(await c.sendRequest(StatusRequest.type));
  };
  const restart = async () => {
    const old = client;
    client = undefined;
    statusBar.update(undefined);
    if (old) await old.stop().catch(() => undefined);
    await start();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('factcheck.searchCorpus', () => searchCorpus(client)),
    vscode.commands.registerCommand('factcheck.reindex', async () => {
      if (!client) return;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Fact Check: reindexing corpus' }, async () => {
        const s = await client!.sendRequest(ReindexRequest.type);
        statusBar.update(s);
      });
    }),
    vscode.commands.registerCommand('factcheck.showSources', () => showSources()),
    vscode.commands.registerCommand('factcheck.checkWorkspace', () => checkWorkspace(client)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(SetTrustedNotification.type, { trusted: true })),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The document selector is fixed when the client starts: a new language list needs a new client.
      if (e.affectsConfiguration('factcheck.languages')) void restart();
    }),
    { dispose: () => void client?.stop() },
  );

  try {
    await start();
  } catch (err) {
    void vscode.window.showErrorMessage(`Fact Check: the language server did not start: ${(err as Error).message}`);
  }
  return {
    client: () => client,
    status: async () => client?.sendRequest(StatusRequest.type),
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
