/**
 * "Fact Check: Open Sample Draft" (the walkthrough's second step): the draft
 * shipped with the extension, opened as a new untitled Markdown document, so
 * the writer sees findings at once (it is written against the bundled sample
 * corpus) and can edit it freely without touching the extension's files.
 */
import * as vscode from 'vscode';

export async function openSampleDraft(context: vscode.ExtensionContext): Promise<void> {
  let content: string;
  try {
    content = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'examples', 'draft.md')));
  } catch {
    void vscode.window.showWarningMessage('Fact Check: the sample draft is missing from this installation.');
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc);
}
