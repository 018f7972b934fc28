import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync, copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { cli } from '../cliRun';
import { repoRoot, sampleCorpusDir, scratchDir } from '../helpers';


function tempDir(): string {
  return scratchDir('factcheck-cli-');
}

test('check: the example draft gives warnings with evidence, exit 1', async () => {
  const r = await cli(['check', 'examples/draft.md']);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /^examples\/draft\.md:\d+:\d+ warning name-misspelled .*Andrei Lankov/m);
  assert.match(r.out, /^ {4}source: corpus\/00[03]_\w+\.txt:\d+/m);
  assert.match(r.out, /^ {4}suggestion: Andrei Lankov$/m);
  assert.doesNotMatch(r.out, / hint /, 'hints only with --include-verified');
  const verbose = await cli(['check', '--include-verified', 'examples/draft.md']);
  assert.match(verbose.out, / hint quote-verified /);
});

test('check: a correct draft exits 0 and says so', async () => {
  const dir = tempDir();
  const draft = path.join(dir, 'ok.md');
  writeFileSync(draft, 'Andrei Lankov, a professor at Kookmin University, said, "Kim Jong Un needs Trump much less now than he did in 2018 or 2019."\n');
  const r = await cli(['check', draft]);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /No findings in 1 file/);
  rmSync(dir, { recursive: true });
});

test('check --format json: the documented shape, 0-based UTF-16 positions', async () => {
  const dir = tempDir();
  const draft = path.join(dir, 'd.md');
  // An emoji (two UTF-16 units) before the name shifts the character by 2, as in LSP.
  writeFileSync(draft, 'Intro line.\n😀 Andrei Lankow said the talks would be hard.\n');
  const r = await cli(['check', '--format', 'json', draft]);
  assert.equal(r.code, 1);
  const json = JSON.parse(r.out);
  assert.equal(json.version, 1);
  assert.deepEqual(json.corpus, { articles: 2, sentences: json.corpus.sentences });
  assert.ok(json.corpus.sentences > 30);
  assert.equal(json.files.length, 1);
  assert.equal(json.files[0].path, draft);
  const d = json.files[0].diagnostics.find((x: { code: string }) => x.code === 'name-misspelled');
  assert.deepEqual(d.range, { start: { line: 1, character: 3 }, end: { line: 1, character: 16 } });
  assert.equal(d.severity, 'warning');
  assert.equal(d.suggestion, 'Andrei Lankov');
  assert.ok(d.evidence.length > 0);
  for (const e of d.evidence) {
    assert.equal(typeof e.article, 'string');
    assert.equal(typeof e.line, 'number');
    assert.match(e.text, /Andrei Lankov/);
    assert.ok('title' in e);
  }
  rmSync(dir, { recursive: true });
});

test('check --format sarif: SARIF 2.1.0 with 1-based regions', async () => {
  const r = await cli(['check', '--format=sarif', 'examples/draft.md']);
  const sarif = JSON.parse(r.out);
  assert.equal(sarif.version, '2.1.0');
  const results = sarif.runs[0].results;
  assert.ok(results.some((x: { ruleId: string }) => x.ruleId === 'quote-altered'));
  for (const x of results) assert.ok(x.locations[0].physicalLocation.region.startLine >= 1);
});

test('check --max-warnings: exit 0 at or under the limit, 1 over it', async () => {
  const json = JSON.parse((await cli(['check', '--format', 'json', 'examples/draft.md'])).out);
  const warnings = json.files[0].diagnostics.filter((d: { severity: string }) => d.severity === 'warning').length;
  assert.ok(warnings >= 5);
  assert.equal((await cli(['check', '--max-warnings', String(warnings), 'examples/draft.md'])).code, 0);
  assert.equal((await cli(['check', '--max-warnings', String(warnings - 1), 'examples/draft.md'])).code, 1);
});

test('usage and I/O errors exit 2 with a clear message', async () => {
  for (const [args, message] of [
    [['check'], /no FILE to check/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['check', '--format', 'xml', 'examples/draft.md'], /--format must be text, json or sarif/],
    [['check', '--max-warnings', 'many', 'examples/draft.md'], /--max-warnings takes a whole number/],
    [['check', '--bogus', 'examples/draft.md'], /unknown option '--bogus'/],
    [['check', 'no/such/draft.md'], /^factcheck: no\/such\/draft\.md: no such file$/],
    [[], /^factcheck: no command\n\nUsage:/],
    [['check', '--corpus', 'no/such/corpus', 'examples/draft.md'], /has no readable articles/],
    [['search'], /no QUERY/],
  ] as const) {
    const r = await cli([...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message);
  }
});

test('a binary draft is refused with a message, not checked', async () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'x.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff]));
  const r = await cli(['check', path.join(dir, 'x.md')]);
  assert.equal(r.code, 2);
  assert.match(r.err, /not a text file/);
  rmSync(dir, { recursive: true });
});

test('bad corpus files are skipped with a warning naming each; the rest is used', async () => {
  const dir = tempDir();
  for (const f of readdirSync(sampleCorpusDir)) copyFileSync(path.join(sampleCorpusDir, f), path.join(dir, f));
  writeFileSync(path.join(dir, 'empty.txt'), '');
  writeFileSync(path.join(dir, 'binary.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  writeFileSync(path.join(dir, 'broken.jsonl'), '{"id": "a", "text": "Fine text here."}\n{not json\n');
  writeFileSync(path.join(dir, 'huge.txt'), Buffer.alloc(50 * 1024 * 1024, 'a'));
  const r = await cli(['check', '--corpus', dir, 'examples/draft.md']);
  assert.equal(r.code, 1);
  for (const name of ['empty.txt', 'binary.txt', 'broken.jsonl', 'huge.txt']) assert.match(r.err, new RegExp(`warning: .*${name.replace('.', '\\.')}`), name);
  assert.match(r.err, /huge\.txt: skipped: file is 50\.0 MB/);
  assert.match(r.err, /broken\.jsonl.*line 2/);
  assert.match(r.out, /corpus: 3 articles/);
  rmSync(dir, { recursive: true });
});

test('search: ranked sentences with article, line and title', async () => {
  const r = await cli(['search', '--limit', '3', 'Lankov', 'Kookmin']);
  assert.equal(r.code, 0);
  const lines = r.out.split('\n');
  assert.match(lines[0], /^corpus\/00[03]_\w+\.txt:\d+/);
  assert.match(r.out, /Andrei Lankov, a professor at Kookmin University/);
  const fuzzy = await cli(['search', '--json', 'Lankow']);
  const hits = JSON.parse(fuzzy.out).hits;
  assert.ok(hits.length > 0 && hits[0].text.includes('Lankov'), 'fuzzy match finds Lankov');
  const none = await cli(['search', 'xylophone']);
  assert.match(none.out, /No sentence matches/);
});

test('the installed bin runs (dist bundle) with the documented exit codes', () => {
  const bin = path.join(repoRoot, 'bin', 'factcheck.js');
  assert.match(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }), /^\d+\.\d+\.\d+/);
  const r = spawnSync(process.execPath, [bin, 'check', 'examples/draft.md'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /quote-misattributed/);
  const bad = spawnSync(process.execPath, [bin, 'check'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(bad.status, 2);
});

test('drafts are decoded as corpus files are: a UTF-16LE draft and a UTF-8 draft with a BOM check like plain UTF-8', async () => {
  const dir = tempDir();
  const text = 'Intro line.\n😀 Andrei Lankow said the talks would be hard.\n';
  const plain = path.join(dir, 'plain.md');
  const utf16 = path.join(dir, 'utf16.md');
  const bom = path.join(dir, 'bom.md');
  writeFileSync(plain, text);
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
  const diagnostics = async (file: string) => JSON.parse((await cli(['check', '--format', 'json', file])).out).files[0].diagnostics;
  const expected = await diagnostics(plain);
  assert.ok(expected.some((d: { code: string }) => d.code === 'name-misspelled'));
  assert.deepEqual(await diagnostics(utf16), expected, 'UTF-16LE with BOM');
  assert.deepEqual(await diagnostics(bom), expected, 'UTF-8 with BOM: positions as the editor shows them');
  rmSync(dir, { recursive: true });
});

test('arguments: options after files, --opt=value and --opt value, -- ends options', async () => {
  const viaEquals = await cli(['check', 'examples/draft.md', '--format=json', '--max-warnings=100']);
  const viaSpace = await cli(['check', '--format', 'json', '--max-warnings', '100', 'examples/draft.md']);
  assert.equal(viaEquals.code, 0);
  assert.equal(viaEquals.out, viaSpace.out);
  const dir = tempDir();
  const dashed = path.join(dir, '--draft.md');
  writeFileSync(dashed, 'Andrei Lankow said the talks would be hard.\n');
  const afterDashes = await cli(['check', '--format', 'json', '--', dashed], dir);
  assert.equal(JSON.parse(afterDashes.out).files[0].path, dashed);
  const relative = await cli(['check', '--', '--draft.md'], dir);
  assert.match(relative.out, /^--draft\.md:1:1 warning name-misspelled/m);
  rmSync(dir, { recursive: true });
  for (const [args, message] of [
    [['check', '--corpus'], /--corpus needs a value/],
    [['search', '--limit', 'x', 'q'], /--limit takes a whole number/],
    [['check', '--json=1', 'examples/draft.md'], /--json takes no value/],
  ] as const) {
    const r = await cli([...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message);
  }
  for (const help of [['--help'], ['-h'], ['help'], ['check', '--help'], ['search', '-h'], ['report', '--help'], ['help', 'check']]) {
    const r = await cli(help);
    assert.equal(r.code, 0, help.join(' '));
    assert.match(r.out, /^Usage:/);
  }
  const version = await cli(['--version']);
  assert.equal(version.out, JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
});
