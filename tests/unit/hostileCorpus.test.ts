/**
 * Hostile corpus folders (issue 10, items 1 and 9): symbolic-link loops, a
 * file reached through several links, FIFOs and devices, file names that are
 * not UTF-8. Fixtures are made at test time in a temporary folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkDraft } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { openFsCorpus } from '../../server/src/host/openFsCorpus';
import { scratchDir } from '../helpers';

const ARTICLE = 'Harbour news\n\nZebulon Quartermaine, a harbour master, said, "The tide waits for no committee at all."\n';
const QUOTE = 'Zebulon Quartermaine said, "The tide waits for no committee at all."';

function scratch(): { root: string; done: () => void } {
  const root = scratchDir('factcheck-hostile-');
  return { root, done: () => rmSync(root, { recursive: true, force: true }) };
}

async function list(roots: string[]): Promise<{ files: string[]; problems: Array<{ path: string; message: string }> }> {
  const problems: Array<{ path: string; message: string }> = [];
  const source = createFsCorpusSource(roots, { onProblem: (p, message) => problems.push({ path: p, message }) });
  const files = (await source.listFiles()).map((f) => f.path);
  return { files, problems };
}

// Before the fix two loops branched exponentially (2^40 paths): the timeout turns that hang into a failure.
test('symbolic-link loops: each folder listed once, each file once, each loop reported once by name', { timeout: 20_000 }, async () => {
  const s = scratch();
  try {
    const dir = path.join(s.root, 'corpus');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a.txt'), ARTICLE);
    symlinkSync('.', path.join(dir, 'l1'));
    symlinkSync('.', path.join(dir, 'l2'));
    symlinkSync('self', path.join(dir, 'self')); // a link to itself: ELOOP
    const { files, problems } = await list([dir]);
    assert.deepEqual(files, [path.join(dir, 'a.txt')]);
    const loops = problems.filter((p) => /loop/.test(p.message)).map((p) => path.basename(p.path)).sort();
    assert.deepEqual(loops, ['l1', 'l2', 'self']);
    assert.equal(problems.length, 3);

    // Indexed once: a finding cites the file once, by its plain path.
    const opened = await openFsCorpus([dir], { buildId: 't' });
    assert.equal(opened.index.stats.articles, 1);
    const verified = (await checkDraft(QUOTE, opened.index, { includeVerified: true })).find((f) => f.code === 'quote-verified');
    assert.ok(verified);
    assert.deepEqual(verified.evidence.map((e) => e.path), [path.join(dir, 'a.txt')]);
  } finally {
    s.done();
  }
});

test('a file reached through several links is one file, named by its path without a link', async () => {
  const s = scratch();
  try {
    const dir = path.join(s.root, 'corpus');
    mkdirSync(path.join(dir, 'real'), { recursive: true });
    writeFileSync(path.join(dir, 'real', 'x.txt'), ARTICLE);
    symlinkSync('real', path.join(dir, 'alink')); // sorts before "real"
    symlinkSync('real', path.join(dir, 'zlink'));
    symlinkSync(path.join('real', 'x.txt'), path.join(dir, 'b.txt')); // a link to the file itself
    const { files, problems } = await list([dir]);
    assert.deepEqual(files, [path.join(dir, 'real', 'x.txt')]);
    assert.deepEqual(problems, [], 'a second way in is not a loop');
    // Only links: the first in sorted order names it, on every run.
    const only = path.join(s.root, 'links');
    mkdirSync(only);
    symlinkSync(path.join(dir, 'real'), path.join(only, 'm'));
    symlinkSync(path.join(dir, 'real'), path.join(only, 'k'));
    assert.deepEqual((await list([only])).files, [path.join(only, 'k', 'x.txt')]);
  } finally {
    s.done();
  }
});

test('FIFOs and devices among corpus paths are skipped with a warning naming them', { skip: process.platform === 'win32' }, async () => {
  const s = scratch();
  try {
    const dir = path.join(s.root, 'corpus');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a.txt'), ARTICLE);
    const fifo = path.join(dir, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const { files, problems } = await list([dir, '/dev/null']);
    assert.deepEqual(files, [path.join(dir, 'a.txt')]);
    assert.deepEqual(problems, [
      { path: fifo, message: 'skipped: not a regular file (a FIFO)' },
      { path: '/dev/null', message: 'skipped: not a regular file (a character device)' },
    ]);
    // The CLI's and the server's opening carries them as listing problems.
    const opened = await openFsCorpus([fifo, path.join(dir, 'a.txt')], { buildId: 't' });
    assert.deepEqual(opened.listingProblems, [{ path: fifo, message: 'skipped: not a regular file (a FIFO)' }]);
    assert.equal(opened.index.stats.articles, 1);
  } finally {
    s.done();
  }
});

test('a corpus file whose name is not UTF-8 is read, under a name with the odd bytes escaped', { skip: process.platform !== 'linux' }, async () => {
  const s = scratch();
  try {
    const dir = path.join(s.root, 'corpus');
    mkdirSync(dir);
    const rawName = Buffer.concat([Buffer.from(dir), Buffer.from('/caf'), Buffer.from([0xe9]), Buffer.from('.txt')]);
    writeFileSync(rawName, ARTICLE);
    const opened = await openFsCorpus([dir], { buildId: 't' });
    assert.deepEqual(opened.builder.paths(), [path.join(dir, 'caf\\xe9.txt')]);
    assert.equal(opened.index.stats.articles, 1);
    assert.ok((await checkDraft(QUOTE, opened.index, { includeVerified: true })).some((f) => f.code === 'quote-verified'));
  } finally {
    s.done();
  }
});
