import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { parseServerArgs } from '../../server/src/lsp/serverArgs';
import { repoRoot } from '../helpers';

test('parseServerArgs: a transport serves; help and version answer; nothing else is a usage error', () => {
  assert.deepEqual(parseServerArgs(['--stdio']), { kind: 'serve' });
  assert.deepEqual(parseServerArgs(['--node-ipc', '--clientProcessId=42']), { kind: 'serve' });
  assert.deepEqual(parseServerArgs(['--socket=5007']), { kind: 'serve' });
  assert.deepEqual(parseServerArgs(['--help']), { kind: 'help' });
  assert.deepEqual(parseServerArgs(['--version']), { kind: 'version' });
  assert.equal(parseServerArgs([]).kind, 'usage');
  assert.equal(parseServerArgs(['--socket=abc']).kind, 'usage');
});

test('factcheck-ls run by hand prints usage or its version, not the bundle and a stack', () => {
  const bin = path.join(repoRoot, 'bin', 'factcheck-ls.js');
  const bare = spawnSync(process.execPath, [bin], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(bare.status, 2);
  assert.match(bare.stderr, /^factcheck-ls: no transport given/);
  assert.ok(bare.stderr.length < 2000 && bare.stdout === '', 'a short message only');
  const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(version.status, 0);
  assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: factcheck-ls --stdio/);
});
