// @vscode/test-cli configuration for the desktop VS Code suite. Used by
// out/tests/vscode/runTests.js only when VSCODE_EXECUTABLE names an install
// (VS Code cannot be downloaded here).
import { defineConfig } from '@vscode/test-cli';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default defineConfig({
  label: 'factcheck',
  files: path.join(root, 'out', 'tests', 'vscode', 'suite', '**', '*.test.js'),
  extensionDevelopmentPath: root,
  workspaceFolder: process.env.FACTCHECK_TEST_WORKSPACE,
  useInstallation: { fromPath: process.env.VSCODE_EXECUTABLE },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  mocha: { ui: 'tdd', timeout: 30_000 },
});
