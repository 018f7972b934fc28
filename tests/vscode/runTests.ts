/**
 * Runs the @vscode/test-electron suite (mocha, through @vscode/test-cli) in a
 * desktop VS Code. VS Code cannot be downloaded on these machines, so the
 * suite runs only when VSCODE_EXECUTABLE points at an installed binary; it
 * says so and exits 0 without claiming a run otherwise.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../helpers';

const exe = process.env.VSCODE_EXECUTABLE;
if (!exe || !existsSync(exe)) {
  process.stdout.write(
    `test:vscode SKIPPED — not run: ${exe ? `VSCODE_EXECUTABLE=${exe} does not exist` : 'VSCODE_EXECUTABLE is not set'}. ` +
      'Set it to a desktop VS Code binary (e.g. /usr/share/code/code) to run the @vscode/test-electron suite.\n',
  );
  process.exit(0);
}
const workspace = mkdtempSync(path.join(os.tmpdir(), 'factcheck-vscode-'));
copyFileSync(path.join(repoRoot, 'examples', 'draft.md'), path.join(workspace, 'draft.md'));
const r = spawnSync(
  process.execPath,
  [path.join(repoRoot, 'node_modules', '@vscode', 'test-cli', 'out', 'bin.mjs'), '--config', path.join(repoRoot, 'tests', 'vscode', 'vscode-test.mjs')],
  { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, FACTCHECK_TEST_WORKSPACE: workspace } },
);
process.exit(r.status ?? 1);
