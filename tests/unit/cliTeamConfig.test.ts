/**
 * `factcheck check` reads the team's `.factcheck/config.json` above each
 * draft, as the editor does: its corpus (unless --corpus is given), its
 * severities (`off` codes are not reported; CI fails on what the team calls an
 * error) and its people list. A bad file is a warning on stderr, and the
 * check goes on without it.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { cli } from '../cliRun';
import { sampleCorpusDir, scratchDir } from '../helpers';

describe('factcheck check with .factcheck/config.json', () => {
  const repo = scratchDir('factcheck-cli-config-');
  after(() => rmSync(repo, { recursive: true, force: true }));
  cpSync(sampleCorpusDir, path.join(repo, 'sources'), { recursive: true });
  mkdirSync(path.join(repo, '.factcheck'));
  mkdirSync(path.join(repo, 'drafts'));
  const config = path.join(repo, '.factcheck', 'config.json');
  const draft = path.join(repo, 'drafts', 'leavitt.md');
  writeFileSync(
    draft,
    'White House spokesperson Karoline Leavitt said, "The President remains receptive to an exchange of letters with Kim Jong Un."\n\nMaria Gonzalez, a nurse in Queens, said the clinic was full.\n',
  );

  test('without the file: the source spelling wins and the interviewee is unknown', async () => {
    const r = await cli(['check', '--format', 'json', draft]);
    const codes = JSON.parse(r.out).files[0].diagnostics.map((f: { code: string }) => f.code);
    assert.ok(codes.includes('name-misspelled'), r.out);
    assert.ok(codes.includes('name-unknown'));
  });

  test('the people list confirms the team spelling and the interviewee; the corpus comes from the file', async () => {
    writeFileSync(config, JSON.stringify({ corpus: { paths: ['sources'] }, people: ['Karoline Leavitt', 'Maria Gonzalez'] }));
    const r = await cli(['check', '--format', 'json', draft]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.deepEqual(JSON.parse(r.out).files[0].diagnostics, []);
    const verified = await cli(['check', '--include-verified', draft]);
    assert.match(verified.out, /name-verified Karoline Leavitt is confirmed by the team's people list/);
    // A corpus path in the file that does not exist is an input error naming it.
    writeFileSync(config, JSON.stringify({ corpus: { paths: ['sourcez'] } }));
    const missing = await cli(['check', draft]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /sourcez/);
    assert.equal((await cli(['check', '--corpus', path.join(repo, 'sources'), draft])).code, 1, '--corpus wins over the file');
  });

  test('severities: an error fails the run, off hides the code', async () => {
    writeFileSync(config, JSON.stringify({ severity: { 'name-misspelled': 'error', 'name-unknown': 'off' } }));
    const r = await cli(['check', draft]);
    assert.equal(r.code, 1);
    assert.match(r.out, / error name-misspelled /);
    assert.doesNotMatch(r.out, /name-unknown/);
  });

  test('a bad file: a warning with its line on stderr, and the check goes on without it', async () => {
    writeFileSync(config, '{\n  "people": ["Karoline Leavitt",]\n}\n');
    const r = await cli(['check', draft]);
    assert.match(r.err, /factcheck: warning: .*config\.json: not valid JSON \(line 2, column \d+/);
    assert.match(r.out, /name-misspelled/, 'checked as without the file');
    assert.equal(r.code, 1);
  });
});
