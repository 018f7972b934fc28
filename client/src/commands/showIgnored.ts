/**
 * "Fact Check: Show Ignored Claims": every folder's `.factcheck/ignore.json`
 * as a list — choose an entry to jump to the claim in its draft, or press its
 * button to un-ignore it (the server removes the entry and checks again).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ListIgnoredRequest, UNIGNORE_CLAIM_COMMAND } from '../../../server/src/lsp/protocol';
import type { FolderIgnores, UnignoreClaimArgs, WireIgnoredClaim } from '../../../server/src/lsp/protocol';
import { fileName, ignoredItemText, locateIgnored } from '../format';

type Entry = FolderIgnores['entries'][number];

interface IgnoredItem extends vscode.QuickPickItem {
  folder: FolderIgnores;
  entry: Entry;
}

const UNIGNORE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Un-ignore (show this finding again)' };

/** The QuickPick rows: one per entry, a separator per folder when there are several. */
function itemsOf(folders: readonly FolderIgnores[]): Array<IgnoredItem | vscode.QuickPickItem> {
  const items: Array<IgnoredItem | vscode.QuickPickItem> = [];
  for (const folder of folders) {
    if (folders.length > 1) items.push({ label: fileName(folder.folder), kind: vscode.QuickPickItemKind.Separator });
    for (const entry of folder.entries) items.push({ ...ignoredItemText(entry), folder, entry, buttons: [UNIGNORE] });
  }
  return items;
}

export async function showIgnored(client: LanguageClient | undefined): Promise<void> {
  if (!client) {
    void vscode.window.showWarningMessage('Fact Check: the language server is not running.');
    return;
  }
  const { folders } = await client.sendRequest(ListIgnoredRequest.type);
  for (const f of folders) if (f.problem) void vscode.window.showWarningMessage(`Fact Check: ${vscode.Uri.parse(f.ignoreFile).fsPath} is not used: ${f.problem}`);
  if (!folders.some((f) => f.entries.length > 0)) {
    void vscode.window.showInformationMessage('Fact Check: no ignored claims in this workspace.');
    return;
  }
  const pick = vscode.window.createQuickPick<IgnoredItem | vscode.QuickPickItem>();
  pick.title = 'Fact Check: Ignored Claims';
  pick.placeholder = 'Choose a claim to go to it; the trash button un-ignores it';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = itemsOf(folders);
  pick.onDidTriggerItemButton(async (e) => {
    const item = e.item as IgnoredItem;
    const { draftUri: _omit, ...entry } = item.entry;
    const args: UnignoreClaimArgs = { folder: item.folder.folder, entry: entry as WireIgnoredClaim };
    pick.busy = true;
    try {
      await vscode.commands.executeCommand(UNIGNORE_CLAIM_COMMAND, args);
      const now = await client.sendRequest(ListIgnoredRequest.type);
      pick.items = itemsOf(now.folders);
      if (!now.folders.some((f) => f.entries.length > 0)) pick.hide();
    } finally {
      pick.busy = false;
    }
  });
  pick.onDidAccept(async () => {
    const item = pick.selectedItems[0] as IgnoredItem | undefined;
    if (!item?.entry) return;
    pick.hide();
    await revealIgnored(item.folder, item.entry);
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
}

/** Opens the entry's draft at the claim (the ignore file itself when the entry names no draft or the draft is gone). */
async function revealIgnored(folder: FolderIgnores, entry: Entry): Promise<void> {
  let doc: vscode.TextDocument | undefined;
  if (entry.draftUri) doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(entry.draftUri)).then((d) => d, () => undefined);
  if (!doc) {
    const file = await vscode.workspace.openTextDocument(vscode.Uri.parse(folder.ignoreFile));
    const at = file.getText().indexOf(JSON.stringify(entry.text).slice(1, -1));
    const pos = file.positionAt(Math.max(0, at));
    await vscode.window.showTextDocument(file, { selection: new vscode.Range(pos, pos) });
    if (entry.draftUri) void vscode.window.showInformationMessage(`Fact Check: ${entry.file} is not there any more; showing the ignore file.`);
    return;
  }
  const found = locateIgnored(doc.getText(), entry);
  const range = found ? new vscode.Range(doc.positionAt(found.start), doc.positionAt(found.end)) : new vscode.Range(0, 0, 0, 0);
  const editor = await vscode.window.showTextDocument(doc, { selection: range });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  if (!found) void vscode.window.showInformationMessage('Fact Check: the ignored words are no longer in this draft.');
}
