/** Creates the language client that runs the bundled server over IPC. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { HOVER_LINK_COMMANDS } from '../../server/src/lsp/protocol';
import type { FactcheckInitializationOptions } from '../../server/src/lsp/protocol';

/** The languages checked, from settings (the document selector needs them up front). */
export function configuredLanguages(): string[] {
  const langs = vscode.workspace.getConfiguration('factcheck').get<unknown>('languages');
  return Array.isArray(langs) && langs.every((l) => typeof l === 'string') && langs.length > 0 ? (langs as string[]) : ['markdown', 'plaintext'];
}

/** A client for `dist/server.js` beside this bundle. */
export function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const initializationOptions: FactcheckInitializationOptions = {
    trusted: vscode.workspace.isTrusted,
    // The index of a large corpus is kept between sessions, so the editor starts fast.
    cacheDir: vscode.Uri.joinPath(context.globalStorageUri, 'index-cache').fsPath,
    // A missing or empty corpus is shown by the extension, with buttons to fix it (corpusProblems.ts).
    clientShowsCorpusProblems: true,
  };
  const documentSelector = configuredLanguages().flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    initializationOptions,
    outputChannel: output,
    diagnosticCollectionName: 'factcheck',
    // Hover cards link to the extension's own commands (open the source, copy the citation…) and to no others; corpus text in them is escaped.
    markdown: { isTrusted: { enabledCommands: HOVER_LINK_COMMANDS } },
    middleware: {
      // The server sends each source as relatedInformation for editors without our hover card (Neovim, Emacs…).
      // VS Code prints those above the card, repeating its title and sentence and pushing the card out of
      // view: here the card shows the sources, and "Show Sources for Claim" reads them from the data.
      handleDiagnostics(uri, diagnostics, next) {
        for (const d of diagnostics) d.relatedInformation = undefined;
        next(uri, diagnostics);
      },
    },
  };
  return new LanguageClient('factcheck', 'Fact Check', serverOptions, clientOptions);
}
