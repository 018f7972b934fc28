/**
 * Setup and status over LSP (issue 11): a wrong corpus path is said once (a
 * warning notification, the status) instead of a finding on every claim; a
 * corpus article — the bundled one included — is never checked as a draft;
 * the team's `.factcheck/config.json` overrides the settings (corpus,
 * severities, people) and is picked up when it changes; a bad file is
 * reported once and falls back; `factcheck.run: "onSave"` checks on save.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, promises as fs, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import type { StatusResult } from '../../server/src/lsp/protocol';
import { fixturesDir, sampleCorpusDir, scratchDir } from '../helpers';
import { nextDiagnostics, openAndWait, serverPath, startHarness, uriOf, waitFor } from './lspHarness';
import type { Harness } from './lspHarness';

const draftPath = path.join(fixturesDir, 'lsp', 'draft.md');

function tempFolder(name: string): string {
  return scratchDir(`factcheck-setup-${name}-`);
}

/** A workspace folder holding a copy of the sample corpus in `sources/`. */
function folderWithSources(name: string): string {
  const folder = tempFolder(name);
  cpSync(sampleCorpusDir, path.join(folder, 'sources'), { recursive: true });
  return folder;
}

function textAt(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(off(d.range.start), off(d.range.end));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks for the status every 50 ms until `pred` holds (the status is asked, not pushed: no notification is missed). */
async function statusWhere(h: Harness, pred: (s: StatusResult) => boolean, timeoutMs = 10_000): Promise<StatusResult> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await h.conn.sendRequest<StatusResult>('factcheck/status');
    if (pred(s)) return s;
    if (Date.now() > until) throw new Error(`timed out waiting for the status: ${JSON.stringify(s)}`);
    await sleep(50);
  }
}

describe('setup and status over LSP', { skip: !existsSync(serverPath) && 'dist/server.js missing: run npm run build' }, () => {
  test('a wrong corpus path: one warning notification and the status say so; no finding on any claim', async () => {
    const folder = tempFolder('sourcez');
    const h = await startHarness({ folders: [folder], settings: { corpus: { paths: ['sourcez'] } } });
    try {
      const text = await fs.readFile(draftPath, 'utf8');
      const diags = await openAndWait(h, uriOf(path.join(folder, 'a.md')), text);
      assert.deepEqual(diags, [], 'an empty corpus backs no finding: nothing is "not in the sources"');
      const notice = await waitFor('the corpus notification', () => h.messages.find((m) => /corpus not found/.test(m.message)));
      assert.equal(notice.type, 2, 'a warning');
      assert.match(notice.message, /sourcez does not exist/);
      assert.match(notice.message, /factcheck\.corpus\.paths/);
      const status = await h.conn.sendRequest<StatusResult>('factcheck/status');
      assert.deepEqual(status.folders[0].missingPaths, [path.join(folder, 'sourcez')]);
      assert.equal(status.folders[0].corpusFrom, 'settings');
      assert.equal(status.folders[0].enabled, true);
      // Another draft: still one notification.
      await openAndWait(h, uriOf(path.join(folder, 'b.md')), text);
      await sleep(200);
      assert.equal(h.messages.filter((m) => /corpus not found/.test(m.message)).length, 1);
      // Fixed: the status changes and the draft is checked.
      cpSync(sampleCorpusDir, path.join(folder, 'sourcez'), { recursive: true });
      const before = h.publishes.length;
      await h.conn.sendRequest('factcheck/reindex');
      const after = await nextDiagnostics(h, uriOf(path.join(folder, 'a.md')), before, (d) => d.length > 0, 20_000);
      assert.ok(after.some((d) => d.code === 'name-misspelled'));
      const fixed = await h.conn.sendRequest<StatusResult>('factcheck/status');
      assert.deepEqual(fixed.folders[0].missingPaths, []);
    } finally {
      await h.close();
    }
  });

  test('the client can show the corpus problems itself: the server then sends no notification', async () => {
    const folder = tempFolder('clientShows');
    const h = await startHarness({ folders: [folder], settings: { corpus: { paths: ['sourcez'] } }, initializationOptions: { clientShowsCorpusProblems: true } });
    try {
      await openAndWait(h, uriOf(path.join(folder, 'a.md')), await fs.readFile(draftPath, 'utf8'));
      await waitFor('a status naming the missing path', () => h.statusChanges.some((s) => ((s as StatusResult).folders[0]?.missingPaths ?? []).length > 0));
      await sleep(200);
      assert.deepEqual(h.messages.filter((m) => /corpus/.test(m.message)), []);
    } finally {
      await h.close();
    }
  });

  test('factcheck.enable: false shows in the status', async () => {
    const folder = tempFolder('off');
    const h = await startHarness({ folders: [folder], settings: { enable: false } });
    try {
      const status = await statusWhere(h, (s) => s.folders.length > 0);
      assert.equal(status.folders[0].enabled, false);
    } finally {
      await h.close();
    }
  });

  test('the bundled corpus article, opened from a search hit, is not checked (whatever the settings)', async () => {
    const folder = folderWithSources('bundled');
    // Relative paths cannot serve a file outside the folder: before, it was checked against an empty corpus.
    const h = await startHarness({ folders: [folder], settings: { corpus: { paths: ['sources'] } } });
    try {
      const article = path.join(sampleCorpusDir, readdirSync(sampleCorpusDir).find((f) => f.startsWith('000_'))!);
      const diags = await openAndWait(h, uriOf(article), await fs.readFile(article, 'utf8'), 'plaintext');
      assert.deepEqual(diags, []);
      const own = path.join(folder, 'sources', path.basename(article));
      assert.deepEqual(await openAndWait(h, uriOf(own), await fs.readFile(own, 'utf8'), 'plaintext'), [], 'nor one of the folder\'s own corpus');
    } finally {
      await h.close();
    }
  });

  test('.factcheck/config.json overrides the settings (corpus, severity, people) and is read again when it changes', async () => {
    const folder = folderWithSources('config');
    mkdirSync(path.join(folder, '.factcheck'));
    const configPath = path.join(folder, '.factcheck', 'config.json');
    const config = { corpus: { paths: ['sources'] }, severity: { 'name-misspelled': 'error' }, people: [{ name: 'Karoline Leavitt', roles: ['White House press secretary'] }] };
    await fs.writeFile(configPath, JSON.stringify(config));
    const h = await startHarness({ folders: [folder], settings: { corpus: { paths: ['sourcez'] }, severity: { 'name-misspelled': 'warning' } } });
    try {
      const text = (await fs.readFile(draftPath, 'utf8')).replace('Caroline Leavitt', 'Karoline Leavitt');
      const uri = uriOf(path.join(folder, 'draft.md'));
      const diags = await openAndWait(h, uri, text);
      assert.equal(diags.find((d) => textAt(text, d) === 'Andrei Lankoff')?.severity, 1, "the file's severity wins");
      assert.ok(!diags.some((d) => textAt(text, d) === 'Karoline Leavitt'), "the team's spelling is not flagged");
      const status = await h.conn.sendRequest<StatusResult>('factcheck/status');
      assert.equal(status.folders[0].corpusFrom, 'config');
      assert.equal(status.folders[0].configFile, uriOf(configPath));
      assert.deepEqual(status.folders[0].missingPaths, [], "the settings' wrong path is not in use");
      assert.ok(!h.messages.some((m) => /corpus not found/.test(m.message)));
      // The team drops the list: the source's spelling wins again.
      await fs.writeFile(configPath, JSON.stringify({ ...config, people: [] }));
      const before = h.publishes.length;
      await h.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(configPath), type: 2 }] });
      const again = await nextDiagnostics(h, uri, before, (d) => d.some((x) => textAt(text, x) === 'Karoline Leavitt'));
      assert.equal(again.find((d) => textAt(text, d) === 'Karoline Leavitt')?.code, 'name-misspelled');
    } finally {
      await h.close();
    }
  });

  test('a bad config file: one warning with the line, the status, and the settings used instead', async () => {
    const folder = folderWithSources('badconfig');
    mkdirSync(path.join(folder, '.factcheck'));
    await fs.writeFile(path.join(folder, '.factcheck', 'config.json'), '{\n  "corpus": {"paths": ["elsewhere"]},\n  "severity": {"name-misspelled": "error",}\n}\n');
    const h = await startHarness({ folders: [folder], settings: { corpus: { paths: ['sources'] } } });
    try {
      const uri = uriOf(path.join(folder, 'draft.md'));
      const diags = await openAndWait(h, uri, await fs.readFile(draftPath, 'utf8'));
      assert.equal(diags.find((d) => d.code === 'name-misspelled')?.severity, 2, 'the settings (default severity) apply');
      const warning = await waitFor('the config warning', () => h.messages.find((m) => /config\.json/.test(m.message)));
      assert.match(warning.message, /not valid JSON \(line 3, column \d+/);
      await openAndWait(h, uriOf(path.join(folder, 'other.md')), 'Another draft.\n');
      assert.equal(h.messages.filter((m) => /config\.json/.test(m.message)).length, 1, 'once');
      const status = await h.conn.sendRequest<StatusResult>('factcheck/status');
      assert.match(status.folders[0].configProblems?.[0] ?? '', /not valid JSON/);
      assert.equal(status.folders[0].corpusFrom, 'settings');
    } finally {
      await h.close();
    }
  });

  test('indexing a large JSON Lines file reports articles and a percentage that move', async () => {
    const folder = tempFolder('jsonl');
    const record = (i: number) => JSON.stringify({ id: `r${i}`, title: `Council story ${i}`, text: `Reporter ${i} wrote that the council met on Tuesday. "We will decide soon," said Mayor Ann Lee. ${'The budget debate went on late into the night. '.repeat(18)}` });
    await fs.writeFile(path.join(folder, 'big.jsonl'), Array.from({ length: 5000 }, (_, i) => record(i)).join('\n') + '\n');
    const h = await startHarness({ folders: [folder], settings: { corpus: { paths: ['big.jsonl'] } } });
    try {
      await statusWhere(h, (s) => s.state === 'ready' && s.articles > 0, 60_000);
      const reports = h.progress
        .map((p) => (p as { value?: { kind?: string; message?: string; percentage?: number } }).value)
        .filter((v): v is { kind: string; message: string; percentage: number } => v?.kind === 'report' && typeof v.message === 'string');
      const mid = reports.filter((r) => r.percentage > 0 && r.percentage < 100);
      assert.ok(mid.length >= 2, `reports between 0 and 100 %: ${JSON.stringify(reports.slice(0, 5))}`);
      for (const r of mid) assert.match(r.message, /^[\d,]+ articles · \d+% · big\.jsonl$/);
      const counts = mid.map((r) => Number(r.message.split(' ')[0].replace(/,/g, '')));
      assert.ok(counts.at(-1)! > counts[0], `articles move: ${counts.join(', ')}`);
    } finally {
      await h.close();
    }
  });

  test('factcheck.run "onSave": an edit is not checked until the file is saved', async () => {
    const folder = tempFolder('onsave');
    const h = await startHarness({ folders: [folder], settings: { run: 'onSave' } });
    try {
      const uri = uriOf(path.join(folder, 'draft.md'));
      const base = 'A first line.\n';
      assert.deepEqual(await openAndWait(h, uri, base), [], 'checked when opened');
      const added = 'Andrei Lankoff, a professor at Kookmin University, said talks were over.\n';
      const before = h.publishes.length;
      await h.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: added }],
      });
      await sleep(900); // well past the debounce
      assert.equal(h.publishes.slice(before).filter((p) => p.uri === uri).length, 0, 'nothing published while unsaved');
      await h.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
      const saved = await nextDiagnostics(h, uri, before);
      assert.ok(saved.some((d) => d.code === 'name-misspelled'), 'checked on save, nothing held back');
    } finally {
      await h.close();
    }
  });
});
