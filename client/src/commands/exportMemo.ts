/**
 * "Fact Check: Export Fact-Check Memo": asks the server for the memo of the
 * active draft (every claim, its verdict, sources and status), writes it
 * beside the draft as `<name>.factcheck.<ext>` and opens it — Markdown, CSV
 * and JSON in an editor, HTML in the browser (it prints cleanly from there).
 * The format comes from the command's argument, else a quick pick.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExportMemoRequest, type ExportMemoParams } from '../../../server/src/lsp/protocol';

type Format = NonNullable<ExportMemoParams['format']>;

const FORMATS: ReadonlyArray<{ label: string; description: string; format: Format }> = [
  { label: 'Markdown', description: 'to commit beside the story', format: 'md' },
  { label: 'HTML', description: 'opens in the browser, prints cleanly', format: 'html' },
  { label: 'CSV', description: 'for a spreadsheet', format: 'csv' },
  { label: 'JSON', description: 'for scripts', format: 'json' },
];

/** Runs the command; resolves to the memo's URI when one was written (for tests). */
export async function exportMemo(client: LanguageClient | undefined, format?: unknown): Promise<vscode.Uri | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor) {
    void vscode.window.showWarningMessage('Fact Check: open a draft to export its fact-check memo.');
    return undefined;
  }
  let chosen = FORMATS.find((f) => f.format === format)?.format;
  if (!chosen) {
    const pick = await vscode.window.showQuickPick(FORMATS, { title: 'Export Fact-Check Memo', placeHolder: 'Format of the memo' });
    if (!pick) return undefined;
    chosen = pick.format;
  }
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Fact Check: making the memo' }, () =>
    client.sendRequest(ExportMemoRequest.type, { uri: editor.document.uri.toString(), format: chosen }),
  );
  if (result.error || !result.targetUri || result.text === undefined) {
    void vscode.window.showErrorMessage(`Fact Check: ${result.error ?? 'no memo was made.'}`);
    return undefined;
  }
  const target = vscode.Uri.parse(result.targetUri);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
  if (chosen === 'html') await vscode.env.openExternal(target);
  else await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: false });
  const c = result.counts ?? {};
  void vscode.window.showInformationMessage(
    `Fact Check: memo written to ${vscode.workspace.asRelativePath(target)} — ${c.verified ?? 0} verified, ${c['needs attention'] ?? 0} needing attention, ${c.unsourced ?? 0} unsourced.`,
  );
  return target;
}
