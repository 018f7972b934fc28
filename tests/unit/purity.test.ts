/**
 * The engine's purity is enforced by its own tsconfig (no Node types; `npm
 * test` runs `tsc -p server/src/engine/tsconfig.json`). This test proves that
 * step can fail: a copy of the engine with a Node import, timers, `process`,
 * `Buffer` and `console` added must not compile, with an error on each line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers';

/** Each line would be fine under Node's types and must fail under the engine's. */
const IMPURE_LINES = [
  "import { readFileSync } from 'node:fs';",
  "setTimeout(() => undefined, 0);",
  "setImmediate(() => undefined);",
  "export const env = process.env;",
  "export const bytes = Buffer.from('x');",
  "console.log(readFileSync, env, bytes);",
];

test('the engine tsconfig refuses Node imports, timers, process, Buffer and console', () => {
  // Inside the repository, so the copy resolves chrono-node and minisearch from node_modules.
  mkdirSync(path.join(repoRoot, 'out'), { recursive: true });
  const scratch = mkdtempSync(path.join(repoRoot, 'out', 'purity-'));
  try {
    const engine = path.join(scratch, 'engine');
    cpSync(path.join(repoRoot, 'server', 'src', 'engine'), engine, { recursive: true });
    writeFileSync(path.join(engine, 'impure.ts'), `${IMPURE_LINES.join('\n')}\n`);
    const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', path.join(engine, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], { encoding: 'utf8' });
    assert.notEqual(r.status, 0, 'an impure engine must not compile');
    const errorLines = new Set([...r.stdout.matchAll(/impure\.ts\((\d+),\d+\): error TS\d+/g)].map((m) => Number(m[1])));
    IMPURE_LINES.forEach((line, i) => assert.ok(errorLines.has(i + 1), `no error for: ${line}\n${r.stdout}`));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
