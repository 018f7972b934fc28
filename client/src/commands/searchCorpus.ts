/**
 * "Fact Check: Search Corpus": live QuickPick over factcheck/search. Each row
 * shows the window of the sentence around the matched words (VS Code
 * highlights the typed words in it; custom highlights are not in the
 * extension API, microsoft/vscode#83424). Started with words by the quick
 * fix and hover link "Search the corpus for these words".
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SearchRequest } from '../../../server/src/lsp/protocol';
import type { SearchCorpusArgs, SearchParams, SearchResultItem, WireRange } from '../../../server/src/lsp/protocol';
import { formatCitation, searchItemText } from '../format';

interface HitItem extends vscode.QuickPickItem {
  hit: SearchResultItem;
}

const INSERT_CITATION: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('quote'), tooltip: 'Insert citation at the cursor' };

/** Opens a corpus article at a sentence and selects it. */
export async function revealSource(uri: string, range: WireRange): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  const editor = await vscode.window.showTextDocument(doc, { selection: r, preview: true, viewColumn: vscode.ViewColumn.Beside });
  editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export async function searchCorpus(client: LanguageClient | undefined, args?: SearchCorpusArgs): Promise<void> {
  if (!client) {
    void vscode.window.showWarningMessage('Fact Check: the language server is not running.');
    return;
  }
  const editor = vscode.window.activeTextEditor;
  const given = typeof args?.query === 'string' ? args.query : undefined;
  const selected = given ?? (editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '');
  const pick = vscode.window.createQuickPick<HitItem>();
  pick.title = 'Fact Check: Search Corpus';
  pick.placeholder = 'Search the corpus (words of a quote, a name, an event)';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.value = selected.replace(/\s+/g, ' ').trim().slice(0, 200);
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  const run = async (query: string) => {
    const mine = ++generation;
    if (!query.trim()) {
      pick.items = [];
      pick.busy = false;
      return;
    }
    pick.busy = true;
    try {
      const params: SearchParams = { query, limit: 30, uri: typeof args?.uri === 'string' ? args.uri : editor?.document.uri.toString() };
      const result = await client.sendRequest(SearchRequest.type, params);
      if (mine !== generation) return; // a newer query is in flight
      // alwaysShow: the server ranks the hits; the QuickPick must not filter them out again.
      pick.items = result.hits.map((hit) => ({ ...searchItemText(hit), hit, alwaysShow: true, buttons: [INSERT_CITATION] }));
      if (result.hits.length === 0) pick.placeholder = result.state === 'indexing' ? 'The corpus is still being indexed…' : 'No matches';
    } catch (err) {
      if (mine === generation) pick.items = [];
      void vscode.window.showErrorMessage(`Fact Check search failed: ${(err as Error).message}`);
    } finally {
      if (mine === generation) pick.busy = false;
    }
  };
  pick.onDidChangeValue((value) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(value), 120);
  });
  pick.onDidAccept(async () => {
    const item = pick.selectedItems[0] ?? pick.activeItems[0];
    if (!item) return;
    pick.hide();
    await revealSource(item.hit.uri, item.hit.range);
  });
  pick.onDidTriggerItemButton(async (e) => {
    const target = editor ?? vscode.window.activeTextEditor;
    pick.hide();
    if (!target) {
      void vscode.window.showWarningMessage('Fact Check: no editor to insert the citation into.');
      return;
    }
    const at = target.selection.active;
    // Keep words apart: "…in Ukraine (Title, Publisher, Date).", not "…Ukraine(Title…)with".
    const line = target.document.lineAt(at.line).text;
    const before = at.character > 0 ? line[at.character - 1] : ' ';
    const after = line[at.character] ?? ' ';
    const citation = (/\s/.test(before) ? '' : ' ') + formatCitation(e.item.hit) + (/[\p{L}\p{N}]/u.test(after) ? ' ' : '');
    await target.edit((b) => b.replace(at, citation));
    await vscode.window.showTextDocument(target.document, target.viewColumn);
  });
  pick.onDidHide(() => {
    if (timer) clearTimeout(timer);
    pick.dispose();
  });
  pick.show();
  if (pick.value) void run(pick.value);
}
