/// <reference types="mocha" />
/**
 * The E2E scenarios through the `vscode` API in a desktop VS Code: findings
 * as diagnostics, hover with sources, the quick fix, corpus search.
 * Polls for state (diagnostics arrive asynchronously); no fixed sleeps.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FactcheckApi } from '../../../client/src/extension';
import type { SearchResult } from '../../../server/src/lsp/protocol';

async function poll<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

suite('Fact Check in VS Code', () => {
  let doc: vscode.TextDocument;
  let api: FactcheckApi;

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is open');
    doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'draft.md'));
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension<FactcheckApi>('factcheck.factcheck');
    assert.ok(ext, 'extension present');
    api = await ext.activate();
  });

  test('findings appear as diagnostics with our codes', async () => {
    const started = Date.now();
    const diags = await poll('factcheck diagnostics', () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'factcheck');
      return d.length > 0 && d;
    });
    const codes = new Set(diags.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)));
    for (const c of ['name-misspelled', 'quote-altered', 'date-mismatch']) assert.ok(codes.has(c), `missing ${c}: ${[...codes]}`);
    console.log(`diagnostics after ${Date.now() - started} ms`);
  });

  test('hover on a flagged name shows the verdict and its source', async () => {
    const offset = doc.getText().indexOf('Lankow');
    const hovers = await poll('hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset + 2));
      return h.length > 0 && h;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Name spelled differently/);
    assert.match(text, /Kookmin/);
  });

  test('the quick fix replaces the misspelled name', async () => {
    const diag = vscode.languages.getDiagnostics(doc.uri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'name-misspelled');
    assert.ok(diag);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.startsWith('Replace'));
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title)}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(doc.getText().includes('said Andrei Lankov, a professor'));
  });

  test('corpus search finds the Kookmin sentence', async () => {
    const client = api.client();
    assert.ok(client);
    const res = await client.sendRequest<SearchResult>('factcheck/search', { query: 'Kookmin', limit: 5 });
    assert.ok(res.hits.some((h) => h.text.includes('Kookmin University')));
    const status = await api.status();
    assert.equal(status?.articles, 2);
  });
});
