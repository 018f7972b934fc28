import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers';

/**
 * The engine's layers, lowest first. A module may import its own layer and
 * the layers below; `index/` (the in-memory store) and `match/` (what judges
 * compare with) are siblings that must not know each other, and checks see
 * the corpus only through the `CorpusStore` interface, never `index/`.
 */
const LAYER: Record<string, number> = {
  types: 0,
  text: 0,
  corpus: 1,
  extract: 2,
  corpusStore: 2,
  index: 3,
  match: 3,
  check: 4,
  cache: 4,
  api: 5,
};
const FORBIDDEN: Array<[string, string]> = [
  ['index', 'match'],
  ['match', 'index'],
  ['check', 'index'],
  ['check', 'cache'],
];

const engineDir = path.join(repoRoot, 'server', 'src', 'engine');

function engineFiles(dir = engineDir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return engineFiles(p);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The layer a file or import target belongs to: its folder under engine/, or its own name for root files. */
function layerOf(file: string): string {
  const rel = path.relative(engineDir, file).split(path.sep);
  return rel.length > 1 ? rel[0] : rel[0].replace(/\.ts$/, '');
}

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
}

test('engine layers: no import runs from a lower layer to a higher one, or between index/ and match/', () => {
  const problems: string[] = [];
  for (const file of engineFiles()) {
    const from = layerOf(file);
    for (const spec of importsOf(file)) {
      if (!spec.startsWith('.')) continue;
      const to = layerOf(path.resolve(path.dirname(file), spec) + '.ts');
      if (to === from) continue;
      const rel = path.relative(engineDir, file);
      if (!(from in LAYER) || !(to in LAYER)) problems.push(`${rel}: unknown layer ${from} → ${to}`);
      else if (LAYER[to] > LAYER[from]) problems.push(`${rel}: ${from} imports the higher layer ${to} (${spec})`);
      else if (FORBIDDEN.some(([a, b]) => a === from && b === to)) problems.push(`${rel}: ${from} must not import ${to} (${spec})`);
    }
  }
  assert.deepEqual(problems, []);
});

test('hosts import the engine through its door only', () => {
  const hostDirs = ['server/src/lsp', 'server/src/cli', 'server/src/host', 'client/src'].map((d) => path.join(repoRoot, d));
  const problems: string[] = [];
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = path.join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : name.endsWith('.ts') ? [p] : [];
    });
  for (const dir of hostDirs) {
    for (const file of walk(dir)) {
      for (const spec of importsOf(file)) {
        const target = path.resolve(path.dirname(file), spec);
        if (!spec.startsWith('.') || !target.startsWith(engineDir + path.sep)) continue;
        const rel = path.relative(engineDir, target);
        // The client may take one leaf helper with no imports of its own (its bundle stays small).
        if (rel === 'api' || (file.includes(`${path.sep}client${path.sep}`) && rel === path.join('text', 'oneLine'))) continue;
        problems.push(`${path.relative(repoRoot, file)} imports engine/${rel}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('the layer check itself sees a violation', () => {
  // A guard against a check that cannot fail: the import scanner must find imports in a real engine file.
  const sample = path.join(engineDir, 'check', 'quoteCheck.ts');
  assert.ok(importsOf(sample).some((s) => s.includes('match/')), 'quoteCheck imports match/');
  assert.equal(layerOf(sample), 'check');
  assert.ok(LAYER[layerOf(path.join(engineDir, 'api.ts'))] > LAYER.check);
});
