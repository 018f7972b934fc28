/**
 * Protocol tests: the real server bundle (dist/server.js --stdio) driven over
 * LSP as an editor would. Run `npm run build` first (npm run test:lsp does).
 */
import assert from 'node:assert/strict';
import { promises as fs, existsSync, cpSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol/node';
import { fixturesDir, repoRoot, sampleCorpusDir, scratchDir } from '../helpers';
import { nextDiagnostics, openAndWait, serverPath, startHarness, uriOf } from './lspHarness';
import type { Harness } from './lspHarness';

const draftPath = path.join(fixturesDir, 'lsp', 'draft.md');
const exampleDraft = path.join(repoRoot, 'examples', 'draft.md');
const KNOWN_CODES = new Set([
  'quote-verified', 'quote-altered', 'quote-misattributed', 'quote-unsourced', 'name-verified',
  'name-misspelled', 'name-mismatch', 'name-unknown', 'role-mismatch', 'date-verified', 'date-mismatch',
]);

function tempFolder(name: string): string {
  return scratchDir(`factcheck-lsp-${name}-`);
}

function byCode(diags: Diagnostic[], code: string): Diagnostic | undefined {
  return diags.find((d) => d.code === code);
}

function textAt(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(off(d.range.start), off(d.range.end));
}

describe('factcheck language server over stdio', { skip: !existsSync(serverPath) && 'dist/server.js missing: run npm run build' }, () => {
  let h: Harness;
  let folder: string;
  let draftText: string;
  let draftUri: string;

  before(async () => {
    folder = tempFolder('main');
    draftText = await fs.readFile(draftPath, 'utf8');
    await fs.writeFile(path.join(folder, 'draft.md'), draftText);
    draftUri = uriOf(path.join(folder, 'draft.md'));
    h = await startHarness({ folders: [folder] });
  });
  after(async () => {
    await h?.close();
  });

  test('initialize advertises hover, code actions and the ignore command', () => {
    const caps = h.init.capabilities;
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.codeActionProvider);
    assert.deepEqual(caps.executeCommandProvider?.commands, ['factcheck.ignoreClaim', 'factcheck.unignoreClaim']);
  });

  test('publishes diagnostics for the draft with engine codes, source, description and related sources', async () => {
    const diags = await openAndWait(h, draftUri, draftText);
    assert.ok(diags.length > 0, 'expected findings in the fixture draft');
    for (const d of diags) {
      assert.equal(d.source, 'factcheck');
      assert.ok(KNOWN_CODES.has(String(d.code)), `unknown code ${d.code}`);
      assert.ok(d.codeDescription?.href.endsWith('README.md#what-it-checks'), d.codeDescription?.href);
      assert.ok(!String(d.code).endsWith('-verified'), 'verified findings are not published by default');
    }
    const altered = byCode(diags, 'quote-altered');
    assert.ok(altered, `expected quote-altered in ${JSON.stringify(diags.map((d) => d.code))}`);
    assert.equal(altered.severity, 2);
    assert.match(textAt(draftText, altered), /needs Trump much less/);
    const rel = altered.relatedInformation?.[0];
    assert.ok(rel, 'quote-altered cites its source');
    assert.ok(rel.location.uri.startsWith('file://') && rel.location.uri.includes('003_4a9a46e10c6725df.txt'), rel.location.uri);
    assert.equal(rel.location.range.start.line, 7, 'the Lankov sentence is on line 8 of the article');
    const data = altered.data as { suggestion?: string; claim: string };
    assert.match(data.suggestion ?? '', /2018/);
    // The correct Leavitt quote is quiet.
    const leavitt = diags.filter((d) => /receptive/.test(textAt(draftText, d)));
    assert.deepEqual(leavitt, []);
  });

  test('hover on an altered quote shows the word difference and the source, not the message again', async () => {
    const line = draftText.split('\n').findIndex((l) => l.includes('needs Trump'));
    const character = draftText.split('\n')[line].indexOf('needs Trump') + 2;
    const hover = await h.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: draftUri }, position: { line, character } });
    assert.ok(hover, 'hover expected');
    const value = (hover.contents as { kind: string; value: string }).value;
    assert.equal((hover.contents as { kind: string }).kind, 'markdown');
    assert.doesNotMatch(value, /Quote differs from the source/, 'the diagnostic hover above says it');
    assert.match(value, /~~2017~~/);
    assert.match(value, /\*\*2018\*\*/);
    assert.match(value, /2018/);
    assert.match(value, /Kookmin/);
    assert.match(value, /~~/, 'the draft-only word is struck through');
  });

  test('hover on a verified quote shows the verdict and its source', async () => {
    const line = draftText.split('\n').findIndex((l) => l.includes('receptive'));
    const character = draftText.split('\n')[line].indexOf('receptive');
    const hover = await h.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: draftUri }, position: { line, character } });
    assert.ok(hover, 'hover expected on a verified quote');
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /Quote verified/);
    assert.match(value, /\*\*[^*]*receptive/, 'the matching words are emphasised');
  });

  test('code actions replace with the sources\' wording, and "ignore" persists to .factcheck/ignore.json', async () => {
    const diags = h.diagnostics.get(draftUri)!.diagnostics;
    const altered = byCode(diags, 'quote-altered')!;
    const actions = await h.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: draftUri },
      range: altered.range,
      context: { diagnostics: [altered] },
    });
    const replace = actions.find((a) => a.title.startsWith('Replace'));
    assert.ok(replace?.edit?.changes?.[draftUri], 'replace action with an edit');
    const edit = replace.edit.changes[draftUri][0];
    assert.deepEqual(edit.range, altered.range);
    assert.match(edit.newText, /2018 or 2019/);
    const ignore = actions.find((a) => a.title.startsWith('Ignore'));
    assert.ok(ignore?.command);
    const before = h.publishes.length;
    await h.conn.sendRequest('workspace/executeCommand', { command: ignore.command.command, arguments: ignore.command.arguments });
    const file = JSON.parse(await fs.readFile(path.join(folder, '.factcheck', 'ignore.json'), 'utf8'));
    assert.equal(file.ignored.length, 1);
    assert.equal(file.ignored[0].code, 'quote-altered');
    assert.equal(file.ignored[0].file, 'draft.md');
    const after = await nextDiagnostics(h, draftUri, before);
    assert.equal(byCode(after, 'quote-altered'), undefined, 'the ignored claim is no longer reported');
    assert.ok(after.length > 0, 'other findings remain');
    // A teammate removes the ignore file: the watcher event brings the finding back.
    await fs.rm(path.join(folder, '.factcheck'), { recursive: true });
    const before2 = h.publishes.length;
    await h.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(folder, '.factcheck', 'ignore.json')), type: 3 }] });
    const back = await nextDiagnostics(h, draftUri, before2);
    assert.ok(byCode(back, 'quote-altered'));
  });

  test('a code action is not offered once the claim has been edited', async () => {
    const altered = byCode(h.diagnostics.get(draftUri)!.diagnostics, 'quote-altered')!;
    const stale = { ...altered, data: { ...(altered.data as object), claim: 'something else' } };
    const actions = await h.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: draftUri },
      range: altered.range,
      context: { diagnostics: [stale] },
    });
    assert.deepEqual(actions, []);
  });

  test('factcheck/search returns corpus sentences with file URIs and ranges', async () => {
    const res = await h.conn.sendRequest<{ hits: Array<{ uri: string; text: string; range: { start: { line: number } }; title?: string }>; state: string }>(
      'factcheck/search',
      { query: 'Kookmin University professor', limit: 5 },
    );
    assert.equal(res.state, 'ready');
    assert.ok(res.hits.length >= 1 && res.hits.length <= 5);
    const top = res.hits[0];
    assert.match(top.text, /Kookmin/);
    assert.ok(top.uri.endsWith('003_4a9a46e10c6725df.txt'));
    assert.equal(top.range.start.line, 7);
    const none = await h.conn.sendRequest<{ hits: unknown[] }>('factcheck/search', { query: '' });
    assert.deepEqual(none.hits, []);
  });

  test('factcheck/status reports the bundled corpus', async () => {
    const s = await h.conn.sendRequest<{ state: string; articles: number; sentences: number; folders: Array<{ corpusPaths: string[] }> }>('factcheck/status');
    assert.equal(s.state, 'ready');
    assert.equal(s.articles, 2);
    assert.ok(s.sentences > 20);
    assert.deepEqual(s.folders[0].corpusPaths, [path.join(repoRoot, 'corpus')]);
    assert.ok(h.progress.length > 0, 'indexing reported $/progress');
    assert.ok(h.statusChanges.length > 0, 'factcheck/statusChanged was sent');
  });

  test('untitled documents are checked against the first folder\'s corpus', async () => {
    const uri = 'untitled:Untitled-1';
    const diags = await openAndWait(h, uri, 'Andrei Lankov, a professor at Kookmin University, said, "Kim Jong Un needs Trump much less now than he did in 2016 or 2019."\n');
    assert.ok(byCode(diags, 'quote-altered'));
  });

  test('the sentence being typed waits for the pause', async () => {
    const uri = uriOf(path.join(folder, 'typing.md'));
    const base = 'Notes.\n\n';
    await openAndWait(h, uri, base);
    const typed = `${base}Andrei Lankoff said that talks could resume`;
    const before = h.publishes.length;
    const sent = Date.now();
    await h.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: typed }],
    });
    const first = await nextDiagnostics(h, uri, before);
    assert.equal(first.length, 0, 'nothing flagged in the unfinished sentence right after the debounce');
    const later = await nextDiagnostics(h, uri, before, (d) => d.length > 0, 5000);
    assert.ok(Date.now() - sent >= 1000, 'flagged only after the typing pause');
    assert.ok(later.some((d) => /Lankoff/.test(textAt(typed, d))));
  });

  test('a superseded version is never published', async () => {
    const uri = uriOf(path.join(folder, 'versions.md'));
    await openAndWait(h, uri, 'Start.\n');
    const before = h.publishes.length;
    for (let v = 2; v <= 6; v++) {
      await h.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: `Version ${v}. Andrei Lankoff said so.\n` }] });
    }
    const last = await nextDiagnostics(h, uri, before, () => true);
    const mine = h.publishes.slice(before).filter((p) => p.uri === uri);
    assert.ok(mine.length > 0 && mine.every((p) => p.version === 6), `published versions ${mine.map((p) => p.version)}`);
    // What is published is version 6's check, not an empty clear: its name claim is reported.
    const finalText = 'Version 6. Andrei Lankoff said so.\n';
    assert.ok(
      last.some((d) => String(d.code).startsWith('name-') && textAt(finalText, d) === 'Andrei Lankoff'),
      JSON.stringify(last.map((d) => [d.code, textAt(finalText, d)])),
    );
  });

  test('binary content and a 1 MB document do not break the server', async () => {
    const bin = uriOf(path.join(folder, 'binary.txt'));
    const binDiags = await openAndWait(h, bin, 'PK\u0003\u0004\u0000\u0000\u0014\u0000garbage\u0000', 'plaintext');
    assert.deepEqual(binDiags, []);
    const big = uriOf(path.join(folder, 'big.md'));
    const para = `${draftText}\n`;
    const text = para.repeat(Math.ceil(1_000_000 / para.length));
    const started = Date.now();
    const diags = await openAndWait(h, big, text, 'markdown');
    const ms = Date.now() - started;
    assert.ok(diags.length > 0);
    const s = await h.conn.sendRequest<{ state: string }>('factcheck/status');
    assert.equal(s.state, 'ready');
    h.logs.push(`1 MB document checked in ${ms} ms`);
    process.stderr.write(`# 1 MB document (${text.length} chars) checked in ${ms} ms\n`);
  });

  test('the example draft gets findings', { skip: !existsSync(exampleDraft) && 'examples/draft.md not written yet' }, async () => {
    const text = await fs.readFile(exampleDraft, 'utf8');
    const diags = await openAndWait(h, uriOf(exampleDraft), text);
    assert.ok(diags.some((d) => d.severity === 2), 'the example draft has warnings');
  });

  test('a corpus article opened in the editor is not checked against itself', async () => {
    const article = path.join(sampleCorpusDir, '003_4a9a46e10c6725df.txt');
    const diags = await openAndWait(h, uriOf(article), await fs.readFile(article, 'utf8'), 'plaintext');
    assert.deepEqual(diags, []);
  });

  test('nothing but protocol on stdout and no stderr noise', () => {
    assert.equal(h.stderr(), '');
  });
});

describe('corpus per folder, watched files, trust, bad settings', { skip: !existsSync(serverPath) && 'dist/server.js missing' }, () => {
  test('a corpus file added or removed updates the diagnostics without a restart', async () => {
    const folder = tempFolder('watch');
    cpSync(sampleCorpusDir, path.join(folder, 'sources'), { recursive: true });
    const h = await startHarness({ folders: [folder], settings: { corpus: { paths: ['sources'] } } });
    try {
      const text = 'Jane Roe, a spokesperson for the Ministry, said, "The bridge over the river will reopen in the spring."\n';
      const uri = uriOf(path.join(folder, 'story.md'));
      const first = await openAndWait(h, uri, text);
      assert.ok(first.some((d) => d.code === 'quote-unsourced'), JSON.stringify(first.map((d) => d.code)));
      const reg = JSON.stringify(h.registrations);
      assert.ok(reg.includes('workspace/didChangeWatchedFiles') && reg.includes(uriOf(path.join(folder, 'sources'))), reg);
      const article = path.join(folder, 'sources', 'new-article.txt');
      await fs.writeFile(
        article,
        'Ministry declines comment\n\nJane Roe, a spokesperson for the Ministry, said, "The bridge over the river will reopen in the spring." She gave no further details.\n',
      );
      const before = h.publishes.length;
      await h.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(article), type: 1 }] });
      const updated = await nextDiagnostics(h, uri, before);
      assert.ok(!updated.some((d) => d.code === 'quote-unsourced'), `after adding the article: ${JSON.stringify(updated.map((d) => d.code))}`);
      const status = await h.conn.sendRequest<{ articles: number }>('factcheck/status');
      assert.equal(status.articles, 3);
      // Change the article so the quote differs: the draft's quote is now altered.
      await fs.writeFile(
        article,
        'Ministry declines comment\n\nJane Roe, a spokesperson for the Ministry, said, "The bridge over the river will reopen in the summer." She gave no further details.\n',
      );
      const before2 = h.publishes.length;
      await h.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(article), type: 2 }] });
      const changed = await nextDiagnostics(h, uri, before2);
      assert.ok(changed.some((d) => d.code === 'quote-altered'), JSON.stringify(changed.map((d) => d.code)));
      await fs.rm(article);
      const before3 = h.publishes.length;
      await h.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(article), type: 3 }] });
      const removed = await nextDiagnostics(h, uri, before3);
      assert.ok(!removed.some((d) => d.code === 'quote-altered'));
      assert.ok(removed.some((d) => d.code === 'quote-unsourced'));
      assert.equal((await h.conn.sendRequest<{ articles: number }>('factcheck/status')).articles, 2);
    } finally {
      await h.close();
    }
  });

  test('bad settings give a clear warning and the defaults', async () => {
    const folder = tempFolder('bad');
    const h = await startHarness({ folders: [folder], settings: { corpus: { paths: 'corpus' }, severity: { 'quote-altered': 'loud', 'no-such-code': 'error' }, languages: 7 } });
    try {
      const uri = uriOf(path.join(folder, 'd.md'));
      const diags = await openAndWait(h, uri, await fs.readFile(draftPath, 'utf8'));
      assert.ok(diags.some((d) => d.code === 'quote-altered' && d.severity === 2), 'defaults still apply');
      const warnings = h.messages.filter((m) => m.type === 2).map((m) => m.message).join('\n');
      assert.match(warnings, /factcheck\.corpus\.paths" must be a list/);
      assert.match(warnings, /factcheck\.severity\.quote-altered" must be one of/);
      assert.match(warnings, /no-such-code/);
      assert.match(warnings, /factcheck\.languages/);
    } finally {
      await h.close();
    }
  });

  test('severity overrides and enable:false apply on configuration change', async () => {
    const folder = tempFolder('sev');
    const h = await startHarness({ folders: [folder], settings: { severity: { 'quote-altered': 'error' } } });
    try {
      const uri = uriOf(path.join(folder, 'd.md'));
      const diags = await openAndWait(h, uri, await fs.readFile(draftPath, 'utf8'));
      assert.equal(diags.find((d) => d.code === 'quote-altered')?.severity, 1);
      h.settings.value = { severity: { 'quote-altered': 'off' } };
      let before = h.publishes.length;
      await h.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const off = await nextDiagnostics(h, uri, before);
      assert.ok(!off.some((d) => d.code === 'quote-altered'));
      h.settings.value = { enable: false };
      before = h.publishes.length;
      await h.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.deepEqual(await nextDiagnostics(h, uri, before), []);
    } finally {
      await h.close();
    }
  });

  test('multi-root: each folder uses its own corpus; untrusted folders do not read paths outside', async () => {
    const a = tempFolder('rootA');
    const b = tempFolder('rootB');
    const outside = tempFolder('outside');
    await fs.mkdir(path.join(a, 'src'));
    await fs.writeFile(
      path.join(a, 'src', 'a.txt'),
      'Local news\n\nMary Major, the mayor of Springfield, said, "The bridge will reopen in March."\n',
    );
    cpSync(sampleCorpusDir, outside, { recursive: true });
    const settingsByFolder: Record<string, unknown> = {
      [uriOf(a)]: { corpus: { paths: ['src'] } },
      [uriOf(b)]: { corpus: { paths: [outside] } },
    };
    const h = await startHarness({ folders: [a, b], trusted: false, settings: (scope?: string) => settingsByFolder[scope ?? ''] });
    try {
      const s = await h.conn.sendRequest<{ folders: Array<{ folder: string; corpusPaths: string[]; warnings: string[]; articles: number }> }>('factcheck/status');
      const fa = s.folders.find((f) => f.folder === uriOf(a))!;
      const fb = s.folders.find((f) => f.folder === uriOf(b))!;
      assert.deepEqual(fa.corpusPaths, [path.join(a, 'src')]);
      assert.deepEqual(fb.corpusPaths, [], 'a path outside an untrusted folder is not read');
      assert.ok(fb.warnings.some((w) => w.includes(outside)));
      const res = await h.conn.sendRequest<{ hits: Array<{ text: string }> }>('factcheck/search', { query: 'bridge reopen', uri: uriOf(path.join(a, 'x.md')) });
      assert.match(res.hits[0]?.text ?? '', /bridge will reopen/);
      const resB = await h.conn.sendRequest<{ hits: unknown[] }>('factcheck/search', { query: 'Kookmin', uri: uriOf(path.join(b, 'x.md')) });
      assert.deepEqual(resB.hits, []);
      // Trust granted: the outside corpus is read.
      await h.conn.sendNotification('factcheck/setTrusted', { trusted: true });
      let hits: unknown[] = [];
      const until = Date.now() + 10_000;
      while (hits.length === 0 && Date.now() < until) {
        hits = (await h.conn.sendRequest<{ hits: unknown[] }>('factcheck/search', { query: 'Kookmin', uri: uriOf(path.join(b, 'x.md')) })).hits;
        if (hits.length === 0) await new Promise((r) => setTimeout(r, 25));
      }
      assert.ok(hits.length > 0);
    } finally {
      await h.close();
    }
  });
});
