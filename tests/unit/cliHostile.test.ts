/**
 * The CLI against hostile inputs (issue 10, items 8 and 9): control
 * characters in corpus file names and texts, drafts that are not regular
 * files, unusable cache folders, a closed stdout, an empty `--corpus=`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli } from '../cliRun';
import { quoteName } from '../../server/src/cli/terminalText';
import { repoRoot, scratchDir } from '../helpers';


function scratch(): { root: string; done: () => void } {
  const root = scratchDir('factcheck-cli-hostile-');
  return { root, done: () => rmSync(root, { recursive: true, force: true }) };
}

const ESC = '\u001b';
const RLO = '\u202e';
/** Characters that must never reach the terminal raw. */
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

test('control characters in a corpus file name and text never reach the terminal raw, and a newline cannot forge a line', { skip: process.platform === 'win32' }, async () => {
  const s = scratch();
  try {
    const corpus = path.join(s.root, 'corpus');
    mkdirSync(corpus);
    // A name that would print a fake finding line, clear the screen and plant a hyperlink.
    const evilName = `evil\ndraft.md:1:1 error fake-code all checks passed${ESC}[2J${ESC}]8;;http:x\u0007.txt`;
    writeFileSync(
      path.join(corpus, evilName),
      `Harbour ${ESC}[31mnews${RLO}\n\nZebulon Quartermaine, a harbour master${ESC}[2J, said, "The tide waits for no committee at ${RLO}all."\n`,
    );
    // And one that cannot be read, so a warning names it on stderr.
    writeFileSync(path.join(corpus, `bad\n${ESC}[2Jname.txt`), Buffer.from([0, 1, 2, 0, 0, 0, 0xff, 0xfe, 0, 0]));
    const draft = 'draft.md';
    writeFileSync(path.join(s.root, draft), 'Zebulon Quartermaine said, "The tide waits for no committee at all."\n');

    const text = await cli(['check', '--include-verified', '--corpus', corpus, draft], s.root);
    assert.equal(text.code, 0, text.err);
    assert.doesNotMatch(text.out, RAW_CONTROL);
    assert.doesNotMatch(text.err, RAW_CONTROL);
    assert.ok(!text.out.includes(ESC) && !text.out.includes(RLO));
    // Every line is a finding of the draft, an indented detail, or the summary: none forged.
    for (const line of text.out.split('\n')) assert.match(line, /^(draft\.md:\d+:\d+ |    |No findings|\d+ findings?)/, line);
    assert.match(text.out, /^ {4}source: "corpus\/evil\\ndraft\.md:1:1 error fake-code all checks passed\\e\[2J\\e\]8;;http:x\\x07\.txt":3/m);
    assert.match(text.err, /warning: "corpus\/bad\\n\\e\[2Jname\.txt": /);

    for (const format of ['json', 'sarif']) {
      const r = await cli(['check', '--include-verified', '--format', format, '--corpus', corpus, draft], s.root);
      assert.doesNotMatch(r.out, RAW_CONTROL, format);
      // SARIF related locations are file:// URIs (percent-encoded, so inert by construction).
      const exact = format === 'sarif' ? pathToFileURL(path.join(corpus, evilName)).href : path.join(corpus, evilName);
      assert.ok(r.out.includes(JSON.stringify(exact).slice(1, -1)), `${format}: the exact path, JSON-escaped`);
    }
    const json = JSON.parse((await cli(['check', '--include-verified', '--format', 'json', '--corpus', corpus, draft], s.root)).out);
    const verified = json.files[0].diagnostics.find((d: { code: string }) => d.code === 'quote-verified');
    assert.equal(verified.evidence[0].article, path.join(corpus, evilName), 'JSON keeps the path exact');

    const search = await cli(['search', '--corpus', corpus, 'tide committee'], s.root);
    assert.doesNotMatch(search.out, RAW_CONTROL);
    assert.match(search.out, /^"corpus\/evil\\n/m);
  } finally {
    s.done();
  }
});

test('quoteName: plain names unchanged; others quoted with C-style escapes', () => {
  assert.equal(quoteName('corpus/a b.txt'), 'corpus/a b.txt');
  assert.equal(quoteName('a\nb'), '"a\\nb"');
  assert.equal(quoteName(`x${ESC}[1m"q"\\`), '"x\\e[1m\\"q\\"\\\\"');
  assert.equal(quoteName(`${RLO}txt.exe`), '"\\u202etxt.exe"');
  assert.equal(quoteName('\u0085'), '"\\x85"');
});

// Before the fix /dev/zero was read until memory ran out: the timeout turns that into a failure.
test('a draft that is not a regular file is refused at once, exit 2', { timeout: 10_000, skip: process.platform === 'win32' }, async () => {
  const s = scratch();
  try {
    const fifo = path.join(s.root, 'draft.md');
    execFileSync('mkfifo', [fifo]);
    for (const [file, kind] of [
      ['/dev/zero', 'a character device'],
      [fifo, 'a FIFO'],
    ]) {
      const r = await cli(['check', file]);
      assert.equal(r.code, 2, file);
      assert.equal(r.err, `factcheck: ${file}: not a regular file (${kind}), not a draft`);
    }
  } finally {
    s.done();
  }
});

test('--cache-dir that is not a usable folder: a clear message, exit 2, no spin', { timeout: 10_000, skip: process.platform !== 'linux' }, async () => {
  const s = scratch();
  try {
    const file = path.join(s.root, 'a-file');
    writeFileSync(file, 'x');
    const draft = path.join(repoRoot, 'examples', 'draft.md');
    const onFile = await cli(['check', '--cache-dir', file, draft]);
    assert.equal(onFile.code, 2);
    assert.equal(onFile.err, `factcheck: --cache-dir: ${file} is not a folder`);
    const under = await cli(['check', '--cache-dir', path.join(file, 'sub'), draft]);
    assert.equal(under.code, 2);
    assert.equal(under.err, `factcheck: --cache-dir: ${file} (on the way to ${path.join(file, 'sub')}) is not a folder`);
    // Node's recursive mkdir spins forever on procfs; this must fail promptly.
    const proc = await cli(['check', '--cache-dir', '/proc/self/x', draft]);
    assert.equal(proc.code, 2);
    assert.match(proc.err, /^factcheck: --cache-dir: cannot create folder \/proc\/self\/x: E[A-Z]+$/);
    // A folder that does not exist yet is made, parents included.
    const fresh = path.join(s.root, 'new', 'cache');
    assert.equal((await cli(['check', '--cache-dir', fresh, draft])).code, 1);
  } finally {
    s.done();
  }
});

test('--corpus= (empty) is a usage error, not the working folder', async () => {
  const r = await cli(['check', '--corpus=', 'examples/draft.md']);
  assert.equal(r.code, 2);
  assert.match(r.err, /^factcheck: --corpus needs a path, not an empty string\n\nUsage:/);
  assert.equal((await cli(['search', '--corpus', '', 'x'])).code, 2);
});

test('a closed stdout (| head -1) ends the CLI quietly: no stack trace, exit 0', { timeout: 30_000 }, async () => {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'factcheck.js'), 'check', '--include-verified', 'examples/draft.md'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.destroy(); // the reader is gone before the first write
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  assert.equal(err, '');
  assert.equal(code, 0);
});
