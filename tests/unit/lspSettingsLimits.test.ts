/**
 * Settings that would flood or stall the server: thousands of unknown
 * severity keys make one message, not thousands; a list of 20,000 corpus
 * paths is capped with one clear message and resolves quickly.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { MAX_CORPUS_PATHS, parseSettings } from '../../server/src/lsp/settings';
import { Workspace } from '../../server/src/lsp/workspace';

const folderPath = path.resolve('/ws/limits');
const folderUri = pathToFileURL(folderPath).href;

function workspaceWith(settings: unknown, trusted = true) {
  const warnings: string[] = [];
  const logs: string[] = [];
  const ws = new Workspace({ warn: (m) => warnings.push(m), log: (m) => logs.push(m) }, { bundledCorpusDir: '/bundled', homeDir: '/home/u' });
  ws.initialize([{ uri: folderUri, name: 'limits' }], trusted, async () => settings);
  return { ws, warnings, logs, doc: pathToFileURL(path.join(folderPath, 'd.md')).href };
}

describe('settings limits', () => {
  test('5,000 unknown severity keys: one problem naming how many and the first few', () => {
    const severity: Record<string, string> = {};
    for (let i = 0; i < 5000; i++) severity[`bogus-${i}`] = 'error';
    severity['quote-altered'] = 'error';
    const { settings, problems } = parseSettings({ severity });
    assert.equal(problems.length, 1, problems.slice(0, 3).join('\n'));
    assert.match(problems[0], /5,000 unknown keys under factcheck\.severity: "bogus-0", "bogus-1", "bogus-2", "bogus-3", "bogus-4", …/);
    assert.ok(problems[0].length < 400, `a short message (${problems[0].length} chars)`);
    assert.equal(settings.severity['quote-altered'], 'error', 'the known key is still applied');
  });

  test('one unknown key is named as before', () => {
    assert.deepEqual(parseSettings({ severity: { 'no-such-code': 'error' } }).problems.map((p) => /"factcheck\.severity\.no-such-code": unknown finding code/.test(p)), [true]);
  });

  test('the workspace shows one message for all of a load\'s problems', async () => {
    const severity: Record<string, string> = { 'quote-altered': 'loud' };
    for (let i = 0; i < 5000; i++) severity[`k${i}`] = 'error';
    const { ws, warnings, doc } = workspaceWith({ severity, enable: 'yes' });
    await ws.resolve(doc);
    await ws.resolve(doc);
    assert.equal(warnings.length, 1, `${warnings.length} messages`);
    assert.match(warnings[0], /5,000 unknown keys/);
    assert.match(warnings[0], /quote-altered" must be one of/);
    assert.match(warnings[0], /factcheck\.enable/);
  });

  test('20,000 corpus paths: capped with one message, resolved without stalling', { timeout: 60_000 }, async () => {
    const paths = Array.from({ length: 20_000 }, (_, i) => `sources/file-${i}.txt`);
    const parsed = parseSettings({ corpus: { paths } });
    assert.equal(parsed.settings.corpusPaths.length, MAX_CORPUS_PATHS);
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0], /lists 20,000 paths; only the first 1,000 are read/);
    for (const trusted of [true, false]) {
      const { ws, warnings, doc } = workspaceWith({ corpus: { paths } }, trusted);
      const r = await ws.resolve(doc);
      assert.equal(r.corpusRoots.length, MAX_CORPUS_PATHS);
      assert.equal(warnings.length, 1);
    }
  });
});
