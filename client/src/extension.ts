/**
 * The VS Code extension: starts the factcheck language server, registers the
 * commands and the status bar item. Logic lives in the server and in the
 * vscode-free helpers of format.ts.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReindexRequest, SetTrustedNotification, StatusChangedNotification, StatusRequest } from '../../server/src/lsp/protocol';
import type { CopyCitationArgs, OpenSourceArgs, SearchCorpusArgs, ShowSourcesArgs, StatusResult } from '../../server/src/lsp/protocol';
import { createClient } from './client';
import { addCorpusFolder, useAsCorpusFromExplorer } from './commands/addCorpusFolder';
import { checkWorkspace } from './commands/checkWorkspace';
import { exportMemo } from './commands/exportMemo';
import { openSampleDraft } from './commands/openSampleDraft';
import { CorpusProblems } from './corpusProblems';
import { searchCorpus } from './commands/searchCorpus';
import { copyCitation, showSources } from './commands/showSources';
import { openSourceOrStored, STORED_SOURCE_SCHEME, StoredSourceProvider } from './commands/storedSource';
import { showIgnored } from './commands/showIgnored';
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
  const corpusProblems = new CorpusProblems();
  context.subscriptions.push(output, statusBar);
  const showStatus = (s: StatusResult | undefined) => {
    statusBar.update(s);
    corpusProblems.update(s);
  };

  const start = async () => {
    const c = createClient(context, output);
    client = c;
    c.onNotification(StatusChangedNotification.type, (s) => showStatus(s));
    await c.start();
    showStatus(await c.sendRequest(StatusRequest.type));
  };
  const restart = async () => {
    const old = client;
    client = undefined;
    statusBar.update(undefined);
    if (old) await old.stop().catch(() => undefined);
    await start();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('factcheck.searchCorpus', (args?: SearchCorpusArgs) => searchCorpus(client, args)),
    vscode.commands.registerCommand('factcheck.reindex', async () => {
      if (!client) return;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Fact Check: reindexing corpus' }, async () => {
        const s = await client!.sendRequest(ReindexRequest.type);
        showStatus(s);
      });
    }),
    vscode.commands.registerCommand('factcheck.showSources', (args?: ShowSourcesArgs) => showSources(args)),
    // The file when it is here, else the article's text from the corpus database (commands/storedSource.ts).
    vscode.commands.registerCommand('factcheck.openSource', (args?: OpenSourceArgs) => openSourceOrStored(client, args)),
    vscode.workspace.registerTextDocumentContentProvider(STORED_SOURCE_SCHEME, new StoredSourceProvider()),
    vscode.commands.registerCommand('factcheck.copyCitation', (args?: CopyCitationArgs) => copyCitation(args)),
    vscode.commands.registerCommand('factcheck.showIgnored', () => showIgnored(client)),
    vscode.commands.registerCommand('factcheck.checkWorkspace', () => checkWorkspace(client)),
    vscode.commands.registerCommand('factcheck.exportMemo', (format?: unknown) => exportMemo(client, format)),
    vscode.commands.registerCommand('factcheck.addCorpusFolder', () => addCorpusFolder()),
    vscode.commands.registerCommand('factcheck.useAsCorpus', (clicked?: vscode.Uri, selected?: vscode.Uri[]) => useAsCorpusFromExplorer(clicked, selected)),
    vscode.commands.registerCommand('factcheck.openSampleDraft', () => openSampleDraft(context)),
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
