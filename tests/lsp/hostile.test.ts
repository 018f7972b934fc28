/**
 * Protocol tests for hostile and unlucky sequences (issue 10): a document
 * closed and reopened while its old text is being checked, concurrent
 * "Ignore this claim" commands, and symbolic links in an untrusted workspace.
 * The real server bundle over stdio, as an editor drives it.
 */
import assert from 'node:assert/strict';
import { promises as fs, cpSync, existsSync, readdirSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { fixturesDir, sampleCorpusDir, scratchDir } from '../helpers';
import { nextDiagnostics, openAndWait, serverPath, startHarness, uriOf, waitFor } from './lspHarness';

const draftPath = path.join(fixturesDir, 'lsp', 'draft.md');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tempFolder(name: string): string {
  return realpathSync(scratchDir(`factcheck-lsp-${name}-`));
}

/** True when every diagnostic lies inside `text` (its lines and their lengths). */
function allInside(text: string, diags: readonly Diagnostic[]): boolean {
  const lines = text.split('\n');
  const fits = (p: { line: number; character: number }) => p.line < lines.length && p.character <= lines[p.line].length;
  return diags.every((d) => fits(d.range.start) && fits(d.range.end));
}

describe('hostile sequences over stdio', { skip: !existsSync(serverPath) && 'dist/server.js missing: run npm run build' }, () => {
  test('a check begun before close never publishes on the document reopened at version 1', async () => {
    const folder = tempFolder('reopen');
    // The server's settings pull waits for the test: the first check is held there while the document closes and reopens.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const h = await startHarness({ folders: [folder], settings: async () => (await gate, {}) });
    try {
      const draft = await fs.readFile(draftPath, 'utf8');
      const longText = `${draft}\n`.repeat(Math.ceil(300_000 / (draft.length + 1)));
      const shortText = 'Andrei Lankoff said so.\n';
      const uri = uriOf(path.join(folder, 'reopened.md'));
      const before = h.publishes.length;
      await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: longText } });
      await sleep(100); // its check has begun and waits for the settings
      await h.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: shortText } });
      await sleep(100);
      release();
      await nextDiagnostics(h, uri, before, (d) => d.length > 0);
      // Give the old run all the time it needs: as long as checking the long text afresh takes, and as much again.
      const started = Date.now();
      const fresh = await openAndWait(h, uriOf(path.join(folder, 'measure.md')), longText);
      assert.ok(fresh.length > 100, 'the long text has many findings');
      await sleep(Date.now() - started + 500);
      const mine = h.publishes.slice(before).filter((p) => p.uri === uri);
      const clearedAt = mine.findIndex((p) => p.version === undefined && p.diagnostics.length === 0);
      assert.ok(clearedAt >= 0, 'closing cleared the diagnostics');
      for (const p of mine.slice(clearedAt + 1)) {
        assert.ok(p.diagnostics.length < 10 && allInside(shortText, p.diagnostics), `${p.diagnostics.length} diagnostics from the old text landed on the reopened document`);
      }
      const last = h.diagnostics.get(uri)!.diagnostics;
      assert.ok(last.some((d) => String(d.code).startsWith('name-')), JSON.stringify(last.map((d) => d.code)));
    } finally {
      await h.close();
    }
  });

  test('20 concurrent "Ignore this claim" commands store 20 entries', async () => {
    const folder = tempFolder('ignore20');
    const h = await startHarness({ folders: [folder] });
    try {
      const uri = uriOf(path.join(folder, 'draft.md'));
      await openAndWait(h, uri, 'Notes.\n');
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          h.conn.sendRequest('workspace/executeCommand', { command: 'factcheck.ignoreClaim', arguments: [{ uri, code: 'name-unknown', text: `Person Number${i}` }] }),
        ),
      );
      const file = JSON.parse(await fs.readFile(path.join(folder, '.factcheck', 'ignore.json'), 'utf8')) as { ignored: Array<{ text: string }> };
      assert.equal(file.ignored.length, 20, JSON.stringify(file.ignored.map((c) => c.text)));
      assert.equal(new Set(file.ignored.map((c) => c.text)).size, 20);
    } finally {
      await h.close();
    }
  });

  test('untrusted: a corpus path linking outside is not read; "Ignore" never writes through a .factcheck link', async () => {
    const folder = tempFolder('untrusted-links');
    const outside = tempFolder('untrusted-outside');
    cpSync(sampleCorpusDir, path.join(outside, 'sources'), { recursive: true });
    await fs.symlink(path.join(outside, 'sources'), path.join(folder, 'sources'));
    await fs.mkdir(path.join(outside, 'team'));
    await fs.symlink(path.join(outside, 'team'), path.join(folder, '.factcheck'));
    const h = await startHarness({ folders: [folder], trusted: false, settings: { corpus: { paths: ['sources'] } } });
    try {
      const s = await h.conn.sendRequest<{ folders: Array<{ corpusPaths: string[]; warnings: string[] }> }>('factcheck/status');
      assert.deepEqual(s.folders[0].corpusPaths, [], 'a link out of an untrusted folder is not read');
      assert.ok(s.folders[0].warnings.some((w) => w.includes(path.join(folder, 'sources'))), JSON.stringify(s.folders[0].warnings));
      const res = await h.conn.sendRequest<{ hits: unknown[] }>('factcheck/search', { query: 'Kookmin', uri: uriOf(path.join(folder, 'x.md')) });
      assert.deepEqual(res.hits, []);

      const uri = uriOf(path.join(folder, 'draft.md'));
      await openAndWait(h, uri, 'Notes.\n');
      const messages = h.messages.length;
      await h.conn.sendRequest('workspace/executeCommand', { command: 'factcheck.ignoreClaim', arguments: [{ uri, code: 'name-unknown', text: 'Secret Draft Words' }] });
      assert.deepEqual(readdirSync(path.join(outside, 'team')), [], 'nothing written outside the workspace');
      const error = await waitFor('an error message', () => h.messages.slice(messages).find((m) => m.type === 1));
      assert.match(error.message, /outside the workspace/);
    } finally {
      await h.close();
    }
  });

  test('20,000 corpus paths and 5,000 unknown severity keys: one message, and the server keeps answering', async () => {
    const folder = tempFolder('many-paths');
    await fs.mkdir(path.join(folder, 'src'));
    await fs.writeFile(path.join(folder, 'src', 'a0.txt'), 'Local news\n\nMary Major, the mayor, said, "The bridge will reopen in March."\n');
    const paths = Array.from({ length: 20_000 }, (_, i) => `src/a${i}.txt`);
    const severity: Record<string, string> = {};
    for (let i = 0; i < 5000; i++) severity[`bogus-${i}`] = 'error';
    const started = Date.now();
    const h = await startHarness({ folders: [folder], trusted: false, settings: { corpus: { paths }, severity } });
    try {
      await openAndWait(h, uriOf(path.join(folder, 'd.md')), 'Mary Major said, "The bridge will reopen in April."\n', 'markdown');
      const ms = Date.now() - started;
      assert.ok(ms < 8000, `first diagnostics after ${ms} ms`);
      const asked = Date.now();
      await h.conn.sendRequest('factcheck/status');
      assert.ok(Date.now() - asked < 1000, 'status answers at once');
      const settingsMessages = h.messages.filter((m) => /^Fact Check settings/.test(m.message));
      assert.equal(settingsMessages.length, 1, h.messages.map((m) => m.message.slice(0, 120)).join('\n'));
      assert.match(settingsMessages[0].message, /lists 20,000 paths; only the first 1,000 are read/);
      assert.match(settingsMessages[0].message, /5,000 unknown keys under factcheck\.severity: "bogus-0", /);
      // The 999 paths that do not exist are said once too, in one bounded message naming a few.
      const others = h.messages.filter((m) => !settingsMessages.includes(m));
      assert.ok(others.length <= 1 && others.every((m) => /corpus path not found/.test(m.message) && m.message.length < 1000), JSON.stringify(others));
    } finally {
      await h.close();
    }
  });
});
