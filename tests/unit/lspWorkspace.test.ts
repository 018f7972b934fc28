/**
 * Workspace resolution without a connection: which folder a document belongs
 * to, the settings pulled for it, and the corpus paths the trust policy allows.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { corpusRootsFor, Workspace } from '../../server/src/lsp/workspace';
import type { Folder, SettingsPull } from '../../server/src/lsp/workspace';

const root = path.resolve('/ws');
const home = path.resolve('/home/writer');
const bundled = path.resolve('/ext/corpus');
const uri = (p: string) => pathToFileURL(p).href;
const folderA: Folder = { uri: uri(path.join(root, 'a')), path: path.join(root, 'a'), name: 'a' };

function workspace(settingsByScope: Record<string, unknown>, trusted = true, folders = [folderA.path]) {
  const warnings: string[] = [];
  const pulls: Array<string | undefined> = [];
  const pull: SettingsPull = async (scope) => {
    pulls.push(scope);
    return settingsByScope[scope ?? ''];
  };
  const ws = new Workspace({ warn: (m) => warnings.push(m), log: () => undefined }, { bundledCorpusDir: bundled, homeDir: home });
  ws.initialize(folders.map((f) => ({ uri: uri(f), name: path.basename(f) })), trusted, pull);
  return { ws, warnings, pulls };
}

describe('corpus path policy', () => {
  const trusted = { bundledCorpusDir: bundled, trusted: true, homeDir: home };
  const untrusted = { ...trusted, trusted: false };

  test('no configured path gives the bundled corpus', async () => {
    assert.deepEqual(await corpusRootsFor(folderA, [], untrusted), { roots: [bundled], skipped: [] });
  });

  test('relative paths are taken from the folder, absolute ones normalised, ~ is the home folder', async () => {
    const abs = path.resolve('/data/archive');
    const { roots, skipped } = await corpusRootsFor(folderA, ['sources', `${abs}/./x/..`, '~/desk', '~'], trusted);
    assert.deepEqual(roots, [path.join(folderA.path, 'sources'), abs, path.join(home, 'desk'), home]);
    assert.deepEqual(skipped, []);
  });

  test('duplicates are read once', async () => {
    assert.deepEqual((await corpusRootsFor(folderA, ['src', './src', `${folderA.path}/src`], trusted)).roots, [path.join(folderA.path, 'src')]);
  });

  test('untrusted: a path outside the folder is skipped, inside is read, a sibling sharing a prefix is outside', async () => {
    const outside = path.resolve('/data/archive');
    const sibling = `${folderA.path}2/src`;
    const { roots, skipped } = await corpusRootsFor(folderA, ['src', outside, '~/desk', sibling], untrusted);
    assert.deepEqual(roots, [path.join(folderA.path, 'src')]);
    assert.deepEqual(skipped, [outside, path.join(home, 'desk'), path.resolve(sibling)]);
  });

  test('trusted: a path outside the folder is read', async () => {
    assert.deepEqual((await corpusRootsFor(folderA, ['/data/archive'], trusted)).roots, [path.resolve('/data/archive')]);
  });

  test('without a folder, relative paths are skipped; untrusted, absolute ones too', async () => {
    assert.deepEqual(await corpusRootsFor(undefined, ['src', '/data'], trusted), { roots: [path.resolve('/data')], skipped: ['src'] });
    assert.deepEqual(await corpusRootsFor(undefined, ['src', '/data'], untrusted), { roots: [], skipped: ['src', path.resolve('/data')] });
    assert.deepEqual((await corpusRootsFor(undefined, ['/data', 'src'], untrusted)).skipped, [path.resolve('/data'), 'src'], 'in the configured order');
  });
});

describe('Workspace.resolve', () => {
  test('multi-root: the longest folder containing the document wins; untitled documents use the first folder', async () => {
    const outer = path.join(root, 'outer');
    const inner = path.join(outer, 'inner');
    const { ws } = workspace({ [uri(outer)]: { corpus: { paths: ['o'] } }, [uri(inner)]: { corpus: { paths: ['i'] } } }, true, [outer, inner]);
    assert.equal(ws.folderFor(uri(path.join(inner, 'draft.md')))?.path, inner);
    assert.equal(ws.folderFor(uri(path.join(outer, 'draft.md')))?.path, outer);
    assert.equal(ws.folderFor(uri(path.join(outer, 'inner2', 'draft.md')))?.path, outer, 'a sibling sharing a prefix is not inside');
    assert.equal(ws.folderFor(uri(path.join(root, 'elsewhere.md'))), undefined);
    assert.equal(ws.folderFor('untitled:Untitled-1')?.path, outer);
    const r = await ws.resolve(uri(path.join(inner, 'deep', 'draft.md')));
    assert.deepEqual(r.corpusRoots, [path.join(inner, 'i')]);
  });

  test('settings are pulled per folder once, validated, and give the check configuration', async () => {
    const { ws, warnings, pulls } = workspace({ [folderA.uri]: { severity: { 'quote-altered': 'error', 'name-verified': 'off', 'bogus': 'error' } } });
    const doc = uri(path.join(folderA.path, 'd.md'));
    const r = await ws.resolve(doc);
    await ws.resolve(doc);
    assert.deepEqual(pulls, [folderA.uri], 'cached per folder');
    assert.equal(r.folder?.uri, folderA.uri);
    assert.equal(r.settings.severity['quote-altered'], 'error');
    assert.equal(r.checkConfig.severity?.['quote-altered'], 'error');
    assert.equal(r.checkConfig.enabled?.['name-verified'], true, 'verified findings are computed for the hover even when off');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /bogus/);
  });

  test('trust granted later: the outside path is read without pulling the settings again', async () => {
    const outside = path.resolve('/data/archive');
    const { ws, pulls } = workspace({ [folderA.uri]: { corpus: { paths: [outside] } } }, false);
    const doc = uri(path.join(folderA.path, 'd.md'));
    const before = await ws.resolve(doc);
    assert.deepEqual(before.corpusRoots, []);
    assert.deepEqual(before.skippedPaths, [outside]);
    ws.setTrusted(true);
    const after = await ws.resolve(doc);
    assert.deepEqual(after.corpusRoots, [outside]);
    assert.deepEqual(after.skippedPaths, []);
    assert.equal(pulls.length, 1);
  });

  test('a failing pull gives the defaults; changed settings are pulled again', async () => {
    let fail = true;
    const ws = new Workspace({ warn: () => undefined, log: () => undefined }, { bundledCorpusDir: bundled, homeDir: home });
    ws.initialize([{ uri: folderA.uri, name: 'a' }], true, async () => {
      if (fail) throw new Error('no configuration');
      return { enable: false };
    });
    const doc = uri(path.join(folderA.path, 'd.md'));
    assert.equal((await ws.resolve(doc)).settings.enable, true);
    assert.deepEqual((await ws.resolve(doc)).corpusRoots, [bundled]);
    fail = false;
    ws.settingsChanged(undefined);
    assert.equal((await ws.resolve(doc)).settings.enable, false);
  });

  test('without workspace/configuration the pushed settings are used; folders can change', async () => {
    const ws = new Workspace({ warn: () => undefined, log: () => undefined }, { bundledCorpusDir: bundled, homeDir: home });
    ws.initialize([], true, undefined);
    ws.settingsChanged({ corpus: { paths: ['/data'] } });
    const all = await ws.resolveAll();
    assert.equal(all.length, 1, 'the folder-less case');
    assert.equal(all[0].folder, undefined);
    assert.deepEqual(all[0].corpusRoots, [path.resolve('/data')]);
    ws.changeFolders([{ uri: folderA.uri, name: 'a' }], []);
    assert.deepEqual((await ws.resolveAll()).map((r) => r.folder?.path), [folderA.path]);
    ws.changeFolders([], [{ uri: folderA.uri, name: 'a' }]);
    assert.deepEqual(ws.folders, []);
  });
});
