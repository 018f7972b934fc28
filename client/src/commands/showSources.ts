/** "Fact Check: Show Sources for Claim": the evidence of the finding under the cursor. */
import * as vscode from 'vscode';
import type { DiagnosticData } from '../../../server/src/lsp/protocol';
import { formatCitation, oneLine } from '../format';

interface SourceItem extends vscode.QuickPickItem {
  location: vscode.Location;
}

export async function showSources(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const pos = editor.selection.active;
  const here = vscode.languages
    .getDiagnostics(editor.document.uri)
    .filter((d) => d.source === 'factcheck' && d.range.contains(pos));
  const items: SourceItem[] = [];
  for (const d of here) {
    for (const rel of d.relatedInformation ?? []) {
      const data = (d as vscode.Diagnostic & { data?: Partial<DiagnosticData> }).data;
      const ev = data?.evidence?.find((e) => e.uri === rel.location.uri.toString() && rel.message.includes(oneLine(e.text, 40).replace(/…$/, '')));
      items.push({
        label: ev ? formatCitation(ev) || rel.location.uri.path : rel.location.uri.path.split('/').pop() ?? 'source',
        description: String(typeof d.code === 'object' ? d.code.value : d.code ?? ''),
        detail: ev ? oneLine(ev.text, 300) : rel.message,
        location: rel.location,
      });
    }
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(
      here.length > 0 ? 'Fact Check: no source in the corpus for this claim.' : 'Fact Check: no checked claim with sources at the cursor.',
    );
    return;
  }
  const chosen = await vscode.window.showQuickPick(items, { title: 'Fact Check: Sources for this claim', matchOnDetail: true });
  if (!chosen) return;
  const doc = await vscode.workspace.openTextDocument(chosen.location.uri);
  await vscode.window.showTextDocument(doc, { selection: chosen.location.range, preview: true, viewColumn: vscode.ViewColumn.Beside });
}
