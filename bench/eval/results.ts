/** Where the evaluations write their figures: `bench/results/eval-<name>.json` (figures only, never article text). */
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Writes one evaluation's report and returns its path relative to the repository. */
export function writeEvalResult(name: string, report: unknown): string {
  const out = path.join(repoRoot, 'bench', 'results', `eval-${name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  return path.relative(repoRoot, out);
}
