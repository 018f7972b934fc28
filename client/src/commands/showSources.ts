/**
 * The sources of a finding: "Fact Check: Show Sources for Claim" (the evidence
 * of the finding under the cursor, or at the place a hover link names), and
 * the commands the hover card links to: open a source at the cited sentence,
 * copy its citation. Their arguments come from a hover link, so they are
 * checked before use.
 */
import * as vscode from 'vscode';
import type { CopyCitationArgs, DiagnosticData, OpenSourceArgs, ShowSourcesArgs, WireRange } from '../../../server/src/lsp/protocol';
import { formatCitation, oneLine } from '../format';
import { revealSource } from './searchCorpus';

interface SourceItem extends vscode.QuickPickItem {
  location: vscode.Location;
}

/** The document and position the command is for: the hover link's, else the active editor's cursor. */
async function target(args?: Partial<ShowSourcesArgs>): Promise<{ uri: vscode.Uri; pos: vscode.Position } | undefined> {
  if (args && typeof args.uri === 'string' && typeof args.offset === 'number') {
    const uri = vscode.Uri.parse(args.uri);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
    return { uri, pos: doc.positionAt(args.offset) };
  }
  const editor = vscode.window.activeTextEditor;
  return editor && { uri: editor.document.uri, pos: editor.selection.active };
}

export async function showSources(args?: Partial<ShowSourcesArgs>): Promise<void> {
  const at = await target(args);
  if (!at) return;
  const here = vscode.languages.getDiagnostics(at.uri).filter((d) => d.source === 'factcheck' && d.range.contains(at.pos));
  const items: SourceItem[] = [];
  for (const d of here) {
    // The evidence travels in the diagnostic's data (the client drops relatedInformation: our hover shows the sources).
    const data = (d as vscode.Diagnostic & { data?: Partial<DiagnosticData> }).data;
    for (const ev of Array.isArray(data?.evidence) ? data.evidence : []) {
      if (typeof ev?.uri !== 'string' || !isRange(ev.range)) continue;
      const uri = vscode.Uri.parse(ev.uri);
      const range = new vscode.Range(ev.range.start.line, ev.range.start.character, ev.range.end.line, ev.range.end.character);
      items.push({
        label: formatCitation(ev) || uri.path.split('/').pop() || 'source',
        description: String(typeof d.code === 'object' ? d.code.value : d.code ?? ''),
        detail: oneLine(typeof ev.text === 'string' ? ev.text : '', 300),
        location: new vscode.Location(uri, range),
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

function isRange(r: unknown): r is WireRange {
  const p = (x: unknown) => typeof x === 'object' && x !== null && Number.isInteger((x as { line: unknown }).line) && Number.isInteger((x as { character: unknown }).character);
  return typeof r === 'object' && r !== null && p((r as WireRange).start) && p((r as WireRange).end);
}

/** "Open source at this sentence" (hover link): the corpus file beside the draft, the cited words selected. */
export async function openSource(args?: Partial<OpenSourceArgs>): Promise<void> {
  if (!args || typeof args.uri !== 'string' || !isRange(args.range)) return;
  await revealSource(args.uri, args.range);
}

/** "Copy citation" (hover link): "(Title, Publisher, Date)" on the clipboard. */
export async function copyCitation(args?: Partial<CopyCitationArgs>): Promise<void> {
  if (!args) return;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const citation = formatCitation({ title: str(args.title), publisher: str(args.publisher), date: str(args.date), uri: str(args.uri) });
  if (!citation) return;
  await vscode.env.clipboard.writeText(citation);
  void vscode.window.setStatusBarMessage(`Fact Check: copied ${citation}`, 3000);
}
