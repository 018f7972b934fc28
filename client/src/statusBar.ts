/** The status bar item: corpus size and state; click → search. */
import * as vscode from 'vscode';
import type { StatusResult } from '../../server/src/lsp/protocol';
import { statusBarText } from './format';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('factcheck.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Fact Check';
    this.item.command = 'factcheck.searchCorpus';
    this.update(undefined);
    this.item.show();
  }

  update(status: StatusResult | undefined): void {
    const { text, tooltip } = statusBarText(status);
    this.item.text = text;
    this.item.tooltip = tooltip;
  }

  dispose(): void {
    this.item.dispose();
  }
}
