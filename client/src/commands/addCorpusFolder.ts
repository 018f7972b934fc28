/**
 * A corpus in two clicks: "Fact Check: Add Corpus Folder…" (a folder picker)
 * and the Explorer's "Use as Fact Check Corpus" (on folders and corpus
 * files). Both add the chosen paths to the corpus list where the workspace
 * keeps it: `.factcheck/config.json` when the folder has one (the team's file
 * wins over the settings, so that is where the corpus must go), otherwise
 * the `factcheck.corpus.paths` setting of the folder (of the user, without a
 * folder). Paths inside the folder are written relative to it; configured
 * paths that do not exist are dropped (the typo the writer is replacing).
 */
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { addCorpusPaths, configCorpusPaths, withConfigCorpusPaths } from '../corpusPaths';

/** The workspace folder a corpus choice is for: the one holding the path, else the active editor's, else the only one, else asked. */
async function folderFor(picked: vscode.Uri): Promise<vscode.WorkspaceFolder | undefined> {
  const holding = vscode.workspace.getWorkspaceFolder(picked);
  if (holding) return holding;
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeFolder = active && vscode.workspace.getWorkspaceFolder(active);
  if (activeFolder) return activeFolder;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which workspace folder should use this corpus?' });
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Adds `picked` (files or folders) to the corpus of their workspace folder; tells the writer where it went. */
export async function useAsCorpus(picked: readonly vscode.Uri[]): Promise<void> {
  const files = picked.filter((u) => u.scheme === 'file');
  if (files.length === 0) {
    void vscode.window.showWarningMessage('Fact Check: a corpus must be a folder or file on disk.');
    return;
  }
  const folder = await folderFor(files[0]);
  const paths = files.map((u) => u.fsPath);
  const common = { workspaceFolder: folder?.uri.fsPath, homeDir: os.homedir(), exists: (p: string) => existsSync(p) };
  const configUri = folder && vscode.Uri.joinPath(folder.uri, '.factcheck', 'config.json');
  const configText = configUri && (await readText(configUri));
  let where: string;
  let list: string[];
  if (configUri && configText !== undefined) {
    try {
      list = addCorpusPaths(configCorpusPaths(configText), paths, { ...common, base: folder!.uri.fsPath });
      await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode(withConfigCorpusPaths(configText, list)));
    } catch (err) {
      void vscode.window.showErrorMessage(`Fact Check: .factcheck/config.json could not be updated (${(err as Error).message}); fix the file first.`);
      return;
    }
    where = '.factcheck/config.json';
  } else {
    const config = vscode.workspace.getConfiguration('factcheck', folder?.uri);
    const inspected = config.inspect<string[]>('corpus.paths');
    const target = folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
    const existing = (folder ? (inspected?.workspaceFolderValue ?? inspected?.workspaceValue) : inspected?.globalValue) ?? [];
    list = addCorpusPaths(existing, paths, { ...common, base: folder?.uri.fsPath });
    await config.update('corpus.paths', list, target);
    where = folder ? `the settings of ${folder.name}` : 'your user settings';
  }
  void vscode.window.showInformationMessage(`Fact Check: the corpus is now ${list.join(', ')} (in ${where}). Indexing…`);
}

/** "Fact Check: Add Corpus Folder…": a folder picker, then {@link useAsCorpus}. */
export async function addCorpusFolder(): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: true,
    openLabel: 'Use as Fact Check Corpus',
    title: 'Fact Check: choose the folder of source articles',
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  if (picked && picked.length > 0) await useAsCorpus(picked);
}

/** The Explorer's "Use as Fact Check Corpus": the clicked item, or every selected one. */
export async function useAsCorpusFromExplorer(clicked?: vscode.Uri, selected?: vscode.Uri[]): Promise<void> {
  const uris = selected && selected.length > 0 ? selected : clicked ? [clicked] : [];
  if (uris.length === 0) {
    await addCorpusFolder();
    return;
  }
  await useAsCorpus(uris);
}
