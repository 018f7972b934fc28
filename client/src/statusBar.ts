/** The status bar item: corpus size and state, or what is wrong; a click searches, or opens where to fix it. */
import * as vscode from 'vscode';
import type { StatusResult } from '../../server/src/lsp/protocol';
import { statusBarView } from './statusText';
import type { StatusClick } from './statusText';

/** The command a click runs. */
function commandFor(click: StatusClick): vscode.Command {
  switch (click.kind) {
    case 'settings':
      return { title: 'Open Settings', command: 'workbench.action.openSettings', arguments: [click.setting] };
    case 'open':
      return { title: 'Open Configuration', command: 'vscode.open', arguments: [vscode.Uri.parse(click.uri)] };
    default:
      return { title: 'Search Corpus', command: 'factcheck.searchCorpus' };
  }
}

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('factcheck.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Fact Check';
    this.update(undefined);
    this.item.show();
  }

  update(status: StatusResult | undefined): void {
    const view = statusBarView(status);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.command = commandFor(view.click);
    this.item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
