/**
 * "Open source" when the cited file is not on this machine: a corpus on
 * PostgreSQL keeps every article's text, so the source is shown from the
 * database as a read-only `factcheck-source:` document (served by the
 * language server, `factcheck/storedSource`), the cited sentences selected.
 * A file that can be opened is opened, as before.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { StoredSourceRequest, type OpenSourceArgs, type StoredSourceResult, type WireRange } from '../../../server/src/lsp/protocol';
import { revealSource } from './searchCorpus';

/** The scheme of stored-source documents. */
export const STORED_SOURCE_SCHEME = 'factcheck-source';

/** Texts of the stored-source documents opened, by their URI (the provider serves them from here). */
const texts = new Map<string, string>();
/** Most stored texts kept (each is one article). */
const MAX_TEXTS = 50;

/** Serves `factcheck-source:` documents (read-only: a content provider's documents cannot be saved). */
export class StoredSourceProvider implements vscode.TextDocumentContentProvider {
  provideTextDocumentContent(uri: vscode.Uri): string {
    return texts.get(uri.toString()) ?? 'Fact Check: this stored source is no longer available; open it again from the hover.';
  }
}

async function fileExists(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme !== 'file') return true;
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The document of a stored source: named after the file and article, unique per cited place. */
function storedUri(source: vscode.Uri, result: StoredSourceResult): vscode.Uri {
  const name = (result.title ?? source.path.split('/').pop() ?? 'source').replace(/[\\/:*?"<>|\n\r]+/g, ' ').slice(0, 80).trim() || 'source';
  return vscode.Uri.from({ scheme: STORED_SOURCE_SCHEME, path: `/${name}.txt`, query: source.toString() });
}

/**
 * Opens the cited file at the cited range, or, when this machine cannot reach
 * it, the article's text as the corpus database stores it.
 */
export async function openSourceOrStored(client: LanguageClient | undefined, args?: Partial<OpenSourceArgs>): Promise<void> {
  if (!args || typeof args.uri !== 'string' || !isRange(args.range)) return;
  const source = vscode.Uri.parse(args.uri);
  if ((await fileExists(source)) || !client) {
    await revealSource(args.uri, args.range);
    return;
  }
  const draftUri = vscode.window.activeTextEditor?.document.uri.toString();
  const result = await client.sendRequest(StoredSourceRequest.type, { uri: args.uri, range: args.range, ...(draftUri ? { draftUri } : {}) });
  if (!result) {
    void vscode.window.showWarningMessage(`Fact Check: the source ${source.fsPath} is not on this machine and the corpus keeps no copy of it.`);
    return;
  }
  const uri = storedUri(source, result);
  texts.delete(uri.toString());
  texts.set(uri.toString(), result.text);
  while (texts.size > MAX_TEXTS) texts.delete(texts.keys().next().value as string);
  const doc = await vscode.workspace.openTextDocument(uri);
  const r = new vscode.Range(result.selection.start.line, result.selection.start.character, result.selection.end.line, result.selection.end.character);
  const editor = await vscode.window.showTextDocument(doc, { selection: r, preview: true, viewColumn: vscode.ViewColumn.Beside });
  editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function isRange(r: unknown): r is WireRange {
  const p = (x: unknown): boolean => typeof x === 'object' && x !== null && Number.isInteger((x as { line: unknown }).line) && Number.isInteger((x as { character: unknown }).character);
  return typeof r === 'object' && r !== null && p((r as WireRange).start) && p((r as WireRange).end);
}
