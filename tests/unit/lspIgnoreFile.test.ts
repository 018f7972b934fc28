/**
 * The team's ignore file on a real disk: concurrent "Ignore this claim"
 * commands all land, entries written by someone else survive, and a
 * `.factcheck` folder or `ignore.json` that is a symbolic link (even a
 * dangling one) never makes the server read or write outside the workspace.
 */
import assert from 'node:assert/strict';
import { existsSync, promises as fs, readdirSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { readIgnoreFile } from '../../server/src/host/ignoreFile';
import { claimKey } from '../../server/src/lsp/diagnostics';
import { IgnoreStore } from '../../server/src/lsp/features/ignore';
import { scratchDir } from '../helpers';

function tempDir(name: string): string {
  return realpathSync(scratchDir(`factcheck-ignore-${name}-`));
}

async function storedCodes(folder: string): Promise<string[]> {
  const file = JSON.parse(await fs.readFile(path.join(folder, '.factcheck', 'ignore.json'), 'utf8')) as { ignored: Array<{ text: string }> };
  return file.ignored.map((c) => c.text);
}

const claim = (text: string) => ({ code: 'name-unknown', text, file: 'draft.md' });

describe('ignore file: concurrent additions', () => {
  test('20 concurrent additions store 20 entries', async () => {
    const folder = tempDir('concurrent');
    const store = new IgnoreStore(() => undefined);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.add(folder, claim(`Person ${i}`))));
    const texts = await storedCodes(folder);
    assert.equal(texts.length, 20, JSON.stringify(texts));
    assert.deepEqual(new Set(texts).size, 20);
    const keys = await store.keys(folder);
    for (let i = 0; i < 20; i++) assert.ok(keys.has(claimKey('name-unknown', `Person ${i}`)));
    // The atomic writes leave no temporary file behind.
    assert.deepEqual(readdirSync(path.join(folder, '.factcheck')), ['ignore.json']);
  });

  test('an entry written by someone else between two commands survives (no re-read needed)', async () => {
    const folder = tempDir('merge');
    const store = new IgnoreStore(() => undefined);
    await store.add(folder, claim('First Person'));
    const file = path.join(folder, '.factcheck', 'ignore.json');
    const onDisk = JSON.parse(await fs.readFile(file, 'utf8')) as { ignored: unknown[] };
    onDisk.ignored.push({ code: 'quote-unsourced', text: 'written by the CLI' });
    await fs.writeFile(file, JSON.stringify(onDisk));
    // No watcher event told the store: the write must still merge with the disk.
    await store.add(folder, claim('Second Person'));
    assert.deepEqual(await storedCodes(folder), ['First Person', 'written by the CLI', 'Second Person']);
  });

  test('adding a claim already there changes nothing; a malformed file is never overwritten', async () => {
    const folder = tempDir('malformed');
    const store = new IgnoreStore(() => undefined);
    await store.add(folder, claim('Same Person'));
    await store.add(folder, claim('Same  Person'));
    assert.deepEqual(await storedCodes(folder), ['Same Person']);
    const file = path.join(folder, '.factcheck', 'ignore.json');
    await fs.writeFile(file, '{ "ignored": [ oops');
    await assert.rejects(store.add(folder, claim('Other')), /not valid JSON/);
    assert.equal(await fs.readFile(file, 'utf8'), '{ "ignored": [ oops');
  });
});

describe('ignore file: symbolic links never lead the server outside the workspace', () => {
  test('.factcheck linked to a folder outside: nothing is written there, nothing is read from there', async () => {
    const folder = tempDir('dirlink');
    const outside = tempDir('dirlink-outside');
    await fs.writeFile(path.join(outside, 'ignore.json'), JSON.stringify({ ignored: [{ code: 'name-unknown', text: 'Outside Person' }] }));
    await fs.symlink(outside, path.join(folder, '.factcheck'));
    const store = new IgnoreStore(() => undefined);
    assert.equal((await store.keys(folder)).size, 0, 'an ignore list outside the workspace is not read');
    await assert.rejects(store.add(folder, claim('Draft Text')), /outside the workspace/);
    assert.deepEqual(readdirSync(outside), ['ignore.json']);
    assert.doesNotMatch(await fs.readFile(path.join(outside, 'ignore.json'), 'utf8'), /Draft Text/);
  });

  test('a dangling .factcheck link: its target is never created', async () => {
    const folder = tempDir('dangling');
    const outside = tempDir('dangling-outside');
    const target = path.join(outside, 'not-yet');
    await fs.symlink(target, path.join(folder, '.factcheck'));
    const store = new IgnoreStore(() => undefined);
    await assert.rejects(store.add(folder, claim('Draft Text')));
    assert.equal(existsSync(target), false);
    assert.deepEqual(readdirSync(outside), []);
  });

  test('ignore.json linked to a file outside (or dangling): neither followed for reading nor written through', async () => {
    const folder = tempDir('filelink');
    const outside = tempDir('filelink-outside');
    const victim = path.join(outside, 'victim.json');
    await fs.writeFile(victim, JSON.stringify({ ignored: [{ code: 'name-unknown', text: 'Victim' }] }));
    await fs.mkdir(path.join(folder, '.factcheck'));
    await fs.symlink(victim, path.join(folder, '.factcheck', 'ignore.json'));
    const read = await readIgnoreFile(folder);
    assert.deepEqual(read.file.ignored, []);
    assert.match(read.problem ?? '', /symbolic link/);
    const store = new IgnoreStore(() => undefined);
    await assert.rejects(store.add(folder, claim('Draft Text')), /symbolic link/);
    assert.doesNotMatch(await fs.readFile(victim, 'utf8'), /Draft Text/);

    const folder2 = tempDir('filelink-dangling');
    const created = path.join(outside, 'created.json');
    await fs.mkdir(path.join(folder2, '.factcheck'));
    await fs.symlink(created, path.join(folder2, '.factcheck', 'ignore.json'));
    await assert.rejects(store.add(folder2, claim('Draft Text')));
    assert.equal(existsSync(created), false, 'a dangling link is never created through');
  });

  test('.factcheck linked to a folder inside the workspace is used', async () => {
    const folder = tempDir('inside');
    await fs.mkdir(path.join(folder, 'team', 'factcheck'), { recursive: true });
    await fs.symlink(path.join(folder, 'team', 'factcheck'), path.join(folder, '.factcheck'));
    const store = new IgnoreStore(() => undefined);
    await store.add(folder, claim('Inside Person'));
    assert.ok(existsSync(path.join(folder, 'team', 'factcheck', 'ignore.json')));
    assert.ok((await store.keys(folder)).has(claimKey('name-unknown', 'Inside Person')));
  });
});
