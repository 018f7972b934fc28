/**
 * Issue 10, item 3, for links inside a corpus folder: in an untrusted
 * workspace a symbolic link below a corpus root whose real path leads outside
 * the workspace folder is not followed (nor is a watcher's path through it),
 * in the listing, in the corpus worker and through the language server's
 * workspace resolution; trusted, it is.
 */
import assert from 'node:assert/strict';
import { promises as fs, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { openFsCorpus, updateFsCorpus } from '../../server/src/host/openFsCorpus';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { CorpusManager } from '../../server/src/lsp/corpusManager';
import { Workspace } from '../../server/src/lsp/workspace';

const ARTICLE = (title: string) => `${title}\n\n"The quay is long," said Ada Quayle, the harbour master of ${title}.\n`;

async function layout() {
  const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'factcheck-confine-ws-')));
  const outside = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'factcheck-confine-out-')));
  const corpus = path.join(ws, 'corpus');
  await fs.mkdir(corpus);
  await fs.mkdir(path.join(ws, 'other'));
  await fs.writeFile(path.join(corpus, 'own.txt'), ARTICLE('Own'));
  await fs.writeFile(path.join(ws, 'other', 'inner.txt'), ARTICLE('Inner'));
  await fs.writeFile(path.join(outside, 'secret.txt'), ARTICLE('Secret'));
  await fs.writeFile(path.join(outside, 'secret2.txt'), ARTICLE('Secret two'));
  await fs.symlink(outside, path.join(corpus, 'out-link'));
  await fs.symlink(path.join(outside, 'secret2.txt'), path.join(corpus, 'file-link.txt'));
  await fs.symlink(path.join(ws, 'other'), path.join(corpus, 'in-link'));
  await fs.symlink(path.join(outside, 'nothing-yet'), path.join(corpus, 'dangling.txt'));
  const cleanup = () => {
    rmSync(ws, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  };
  return { ws, outside, corpus, cleanup };
}

test('the listing confined to the workspace folder leaves out links leading outside, and names them', async () => {
  const { ws, corpus, cleanup } = await layout();
  try {
    const problems: string[] = [];
    const confined = await createFsCorpusSource([corpus], { confineTo: [ws], onProblem: (p, m) => problems.push(`${path.basename(p)}: ${m}`) }).listFiles();
    assert.deepEqual(confined.map((f) => path.relative(corpus, f.path)).sort(), [path.join('in-link', 'inner.txt'), 'own.txt']);
    assert.deepEqual(problems.sort(), [
      'dangling.txt: not followed: it leads outside the workspace folder (untrusted workspace)',
      'file-link.txt: not followed: it leads outside the workspace folder (untrusted workspace)',
      'out-link: not followed: it leads outside the workspace folder (untrusted workspace)',
    ]);
    const free = await createFsCorpusSource([corpus]).listFiles();
    assert.deepEqual(free.map((f) => path.relative(corpus, f.path)).sort(), ['file-link.txt', path.join('in-link', 'inner.txt'), path.join('out-link', 'secret.txt'), 'own.txt']);
  } finally {
    cleanup();
  }
});

test('a watcher event for a path through a link leading outside is not read when confined', async () => {
  const { ws, corpus, cleanup } = await layout();
  try {
    const opened = await openFsCorpus([corpus], { buildId: 'test', confineTo: [ws] });
    assert.equal(opened.index.stats.files, 2);
    const update = await updateFsCorpus(opened.builder, [corpus], { changed: [path.join(corpus, 'out-link', 'secret.txt')], removed: [] }, { confineTo: [ws] });
    assert.equal(update.index, undefined, 'nothing read');
    assert.deepEqual(opened.builder.paths().map((p) => path.relative(corpus, p)).sort(), [path.join('in-link', 'inner.txt'), 'own.txt']);
  } finally {
    cleanup();
  }
});

test('an untrusted workspace confines its corpus (through the worker); trusting it reads the links', async () => {
  const { ws, corpus, cleanup } = await layout();
  const manager = new CorpusManager({
    log: () => undefined,
    beginProgress: async () => ({ report: () => undefined, done: () => undefined }),
    onDidChange: () => undefined,
    engineVersion: 'test',
  });
  try {
    const workspace = new Workspace({ warn: () => undefined, log: () => undefined }, { bundledCorpusDir: '/bundled' });
    workspace.initialize([{ uri: pathToFileURL(ws).href, name: 'ws' }], false, async () => ({ corpus: { paths: ['corpus'] } }));
    const doc = pathToFileURL(path.join(ws, 'draft.md')).href;
    const untrusted = await workspace.resolve(doc);
    assert.deepEqual(untrusted.corpusRoots, [corpus]);
    assert.deepEqual(untrusted.corpusConfinement, [ws]);
    const confined = await manager.indexFor(untrusted.corpusRoots, untrusted.corpusConfinement);
    assert.equal(confined?.stats.files, 2);
    const entry = manager.peek(untrusted.corpusRoots, untrusted.corpusConfinement)!;
    assert.ok(entry.warnings.some((w) => w.path.endsWith('out-link') && /outside the workspace folder/.test(w.message)), JSON.stringify(entry.warnings));
    const hits = await confined!.search('Secret', { limit: 5 });
    assert.ok(!hits.some((h) => /secret/.test(h.path)), 'nothing outside is searchable');

    workspace.setTrusted(true);
    const trusted = await workspace.resolve(doc);
    assert.equal(trusted.corpusConfinement, undefined);
    assert.notEqual(manager.ensure(trusted.corpusRoots, trusted.corpusConfinement), entry, 'another trust, another corpus');
    assert.equal((await manager.indexFor(trusted.corpusRoots, trusted.corpusConfinement))?.stats.files, 4);
  } finally {
    manager.dispose();
    cleanup();
  }
});
