/**
 * The README's pre-commit hook and GitHub Actions workflow, run as written on
 * a temporary Git repository (no network): `npx` is a stand-in that runs this
 * repository's CLI, and the workflow's install and `uses:` steps (network
 * actions) are checked for shape, not run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { repoRoot, sampleCorpusDir, scratchDir } from '../helpers';

/** The fenced block after `<!-- ci-example: name -->` in the README. */
function readmeExample(name: string): string {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const m = new RegExp(`<!-- ci-example: ${name} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
  assert.ok(m, `README example ${name}`);
  return m[1];
}

const hasGit = spawnSync('git', ['--version']).status === 0;
const bin = path.join(repoRoot, 'bin', 'factcheck.js');

/** A temporary repository with sources/ (the sample corpus), a bin folder holding an `npx` that runs this CLI, and git's identity set. */
function scratchRepo(): { root: string; env: NodeJS.ProcessEnv; git: (...args: string[]) => ReturnType<typeof spawnSync>; done: () => void } {
  const root = scratchDir('factcheck-ci-');
  const binDir = path.join(root, '.bin');
  mkdirSync(binDir);
  writeFileSync(
    path.join(binDir, 'npx'),
    `#!/bin/sh\n[ "$1" = "--no-install" ] && shift\n[ "$1" = "factcheck" ] || { echo "npx stand-in: only factcheck" >&2; exit 127; }\nshift\nexec "${process.execPath}" "${bin}" "$@"\n`,
  );
  chmodSync(path.join(binDir, 'npx'), 0o755);
  mkdirSync(path.join(root, 'sources'));
  for (const f of readdirSync(sampleCorpusDir)) copyFileSync(path.join(sampleCorpusDir, f), path.join(root, 'sources', f));
  const env = {
    ...process.env,
    PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: root,
  };
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, env, encoding: 'utf8' });
  assert.equal(git('init', '-q').status, 0);
  writeFileSync(path.join(root, '.gitignore'), '.bin/\n');
  return { root, env, git, done: () => rmSync(root, { recursive: true, force: true }) };
}

test('the README pre-commit hook stops a commit with a misspelled name and lets a clean one through', { skip: !hasGit && 'git not installed', timeout: 60_000 }, () => {
  const r = scratchRepo();
  try {
    const hook = path.join(r.root, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, `${readmeExample('pre-commit')}\n`);
    chmodSync(hook, 0o755);
    assert.equal(r.git('add', '.gitignore', 'sources').status, 0);
    assert.equal(r.git('commit', '-q', '-m', 'sources').status, 0, 'a commit without drafts passes');
    mkdirSync(path.join(r.root, 'drafts'));
    writeFileSync(path.join(r.root, 'drafts', 'story one.md'), 'Andrei Lankow, a professor at Kookmin University, spoke.\n');
    r.git('add', 'drafts');
    const bad = r.git('commit', '-q', '-m', 'draft');
    assert.notEqual(bad.status, 0, 'the hook stops the commit');
    assert.match(String(bad.stdout) + String(bad.stderr), /drafts\/story one\.md:1:1 warning name-misspelled/);
    writeFileSync(path.join(r.root, 'drafts', 'story one.md'), 'Andrei Lankov, a professor at Kookmin University, spoke.\n');
    r.git('add', 'drafts');
    const good = r.git('commit', '-q', '-m', 'draft');
    assert.equal(good.status, 0, String(good.stdout) + String(good.stderr));
  } finally {
    r.done();
  }
});

test('the README GitHub Actions workflow: its run steps write SARIF with file:// sources and the memo; the upload steps read those files', { skip: !hasGit && 'git not installed', timeout: 60_000 }, () => {
  const workflow = parseYaml(readmeExample('github-actions')) as { on: unknown; jobs: Record<string, { permissions: Record<string, string>; steps: Array<{ run?: string; uses?: string; with?: Record<string, string> }> }> };
  const job = workflow.jobs.factcheck;
  assert.equal(job.permissions['security-events'], 'write', 'SARIF upload needs security-events: write');
  const r = scratchRepo();
  try {
    mkdirSync(path.join(r.root, 'drafts', 'desk'), { recursive: true });
    writeFileSync(path.join(r.root, 'drafts', 'desk', 'a.md'), 'Andrei Lankow, a professor at Kookmin University, spoke.\n');
    writeFileSync(path.join(r.root, 'drafts', 'b.md'), 'Andrei Lankov said, "Kim Jong Un needs Trump much less now than he did in 2018 or 2019."\n');
    r.git('add', '.');
    assert.equal(r.git('commit', '-q', '-m', 'drafts').status, 0);
    for (const step of job.steps) {
      if (step.run === undefined) continue;
      // Installing needs the network; the stand-in npx plays the installed CLI.
      if (/^npm (ci|install)\b/.test(step.run)) continue;
      const run = spawnSync('bash', ['-e', '-c', step.run], { cwd: r.root, env: r.env, encoding: 'utf8' });
      assert.equal(run.status, 0, `${step.run}\n${run.stderr}`);
    }
    const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    const sarif = JSON.parse(readFileSync(path.join(r.root, upload.with!.sarif_file), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results;
    assert.equal(results.length, 1);
    assert.equal(results[0].ruleId, 'name-misspelled');
    assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, 'drafts/desk/a.md');
    for (const rel of results[0].relatedLocations) assert.match(rel.physicalLocation.artifactLocation.uri, /^file:\/\/\/.*\/sources\/00[03]_[0-9a-f]+\.txt$/);
    const artifact = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    const memo = readFileSync(path.join(r.root, artifact.with!.path), 'utf8');
    assert.match(memo, /^<!DOCTYPE html>/);
    assert.match(memo, /drafts\/desk\/a\.md/);
    assert.ok(existsSync(path.join(r.root, 'factcheck.sarif')));
    // A usage error still fails the step (exit 2 is not swallowed).
    const broken = job.steps.find((s) => s.run?.includes('--format sarif'))!.run!.replace('--format sarif', '--format xml');
    assert.notEqual(spawnSync('bash', ['-e', '-c', broken], { cwd: r.root, env: r.env }).status, 0);
  } finally {
    r.done();
  }
});
