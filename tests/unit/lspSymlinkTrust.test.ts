/**
 * The untrusted-workspace policy on a real disk: a corpus path is judged
 * inside or outside the workspace folder by its real path, so a link inside
 * the folder that leads elsewhere is not read.
 */
import assert from 'node:assert/strict';
import { promises as fs, realpathSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { isReallyInside, realPathOf } from '../../server/src/host/paths';
import { corpusRootsFor, Workspace } from '../../server/src/lsp/workspace';
import type { Folder } from '../../server/src/lsp/workspace';
import { scratchDir } from '../helpers';

function tempDir(name: string): string {
  return realpathSync(scratchDir(`factcheck-trust-${name}-`));
}

async function layout() {
  const ws = tempDir('ws');
  const outside = tempDir('outside');
  await fs.mkdir(path.join(ws, 'own'));
  await fs.mkdir(path.join(ws, 'deep', 'inner'), { recursive: true });
  await fs.symlink(outside, path.join(ws, 'linked-out'));
  await fs.symlink(path.join(ws, 'own'), path.join(ws, 'linked-in'));
  await fs.symlink(path.join(outside, 'nothing-yet'), path.join(ws, 'dangling'));
  await fs.symlink(outside, path.join(ws, 'deep', 'out'));
  const folder: Folder = { uri: pathToFileURL(ws).href, path: ws, name: 'ws' };
  return { ws, outside, folder };
}

const policy = (trusted: boolean) => ({ bundledCorpusDir: '/bundled', trusted, homeDir: os.homedir() });

describe('corpus roots judged by real path', () => {
  test('untrusted: a relative path that links outside is skipped; one linking inside, or inside for real, is read', async () => {
    const { ws, folder } = await layout();
    const paths = ['own', 'linked-out', 'linked-in', 'dangling', 'deep/out/sub', 'deep/inner', 'not-made-yet'];
    const { roots, skipped } = await corpusRootsFor(folder, paths, policy(false), realPathOf);
    assert.deepEqual(roots, [path.join(ws, 'own'), path.join(ws, 'linked-in'), path.join(ws, 'deep', 'inner'), path.join(ws, 'not-made-yet')]);
    assert.deepEqual(skipped, [path.join(ws, 'linked-out'), path.join(ws, 'dangling'), path.join(ws, 'deep', 'out', 'sub')]);
  });

  test('trusted: links outside are read', async () => {
    const { ws, folder } = await layout();
    const { roots, skipped } = await corpusRootsFor(folder, ['linked-out'], policy(true), realPathOf);
    assert.deepEqual(roots, [path.join(ws, 'linked-out')]);
    assert.deepEqual(skipped, []);
  });

  test('the workspace folder opened through a link is still itself', async () => {
    const { ws } = await layout();
    const alias = path.join(tempDir('alias'), 'ws-link');
    await fs.symlink(ws, alias);
    const folder: Folder = { uri: pathToFileURL(alias).href, path: alias, name: 'ws-link' };
    const { roots, skipped } = await corpusRootsFor(folder, ['own', 'linked-out'], policy(false), realPathOf);
    assert.deepEqual(roots, [path.join(alias, 'own')]);
    assert.deepEqual(skipped, [path.join(alias, 'linked-out')]);
  });

  test('Workspace.resolve applies it by default, and again once trust is granted', async () => {
    const { ws, folder } = await layout();
    const w = new Workspace({ warn: () => undefined, log: () => undefined }, { bundledCorpusDir: '/bundled' });
    w.initialize([{ uri: folder.uri, name: 'ws' }], false, async () => ({ corpus: { paths: ['linked-out', 'own'] } }));
    const doc = pathToFileURL(path.join(ws, 'd.md')).href;
    const before = await w.resolve(doc);
    assert.deepEqual(before.corpusRoots, [path.join(ws, 'own')]);
    assert.deepEqual(before.skippedPaths, [path.join(ws, 'linked-out')]);
    const generation = w.generation;
    w.setTrusted(true);
    assert.notEqual(w.generation, generation, 'a trust change makes running checks stale');
    assert.deepEqual((await w.resolve(doc)).corpusRoots, [path.join(ws, 'linked-out'), path.join(ws, 'own')]);
  });

  test('isReallyInside and realPathOf', async () => {
    const { ws, outside } = await layout();
    assert.equal(await isReallyInside(ws, path.join(ws, 'linked-out')), false);
    assert.equal(await isReallyInside(ws, path.join(ws, 'linked-in', 'x', 'y')), true);
    assert.equal(await realPathOf(path.join(ws, 'linked-out', 'a', 'b')), path.join(outside, 'a', 'b'));
    assert.equal(await realPathOf(path.join(ws, 'dangling')), undefined, 'a dangling link could be pointed anywhere');
    assert.equal(await realPathOf(path.join(ws, 'dangling', 'below')), undefined);
  });
});
