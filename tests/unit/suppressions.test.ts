/**
 * Switching findings off: the draft's `factcheck-disable` comments (engine),
 * the scoped ignore entries (`host/ignoreRules.ts`), and the CLI honouring
 * both (ignored findings reported apart, marked suppressed, never failing CI).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { applyDisableComments, findDisabledRanges } from '../../server/src/engine/api';
import type { FindingCode } from '../../server/src/engine/api';
import { parseIgnoreFile } from '../../server/src/host/ignoreFile';
import type { IgnoreFile } from '../../server/src/host/ignoreFile';
import { claimContext, DraftIgnores, sameIgnore } from '../../server/src/host/ignoreRules';
import { cli } from '../cliRun';
import { sampleCorpusDir } from '../helpers';

/** A finding of `code` on the first occurrence of `words` in `text`. */
function at(text: string, words: string, code: FindingCode = 'quote-altered', from = 0) {
  const start = text.indexOf(words, from);
  assert.ok(start >= 0, words);
  return { code, span: { start, end: start + words.length } };
}

describe('disable comments', () => {
  const text = [
    'Alpha said, "one two three four five."', // 0
    '<!-- factcheck-disable -->',
    'Beta said, "six seven eight nine ten."',
    '<!-- factcheck-enable -->',
    'Gamma said, "eleven twelve thirteen fourteen."',
    '<!-- factcheck-disable-next-line quote-unsourced -->',
    '',
    'Delta said, "fifteen sixteen seventeen eighteen."',
    'Epsilon said, "nineteen twenty twenty-one."',
  ].join('\n');

  test('a disable … enable region, and next-line with a code (skipping the blank line)', () => {
    const findings = [
      at(text, 'one two'),
      at(text, 'six seven'),
      at(text, 'eleven'),
      at(text, 'fifteen', 'quote-unsourced'),
      at(text, 'fifteen', 'name-unknown'),
      at(text, 'nineteen', 'quote-unsourced'),
    ];
    const { kept, disabled } = applyDisableComments(text, findings);
    assert.deepEqual(disabled.map((f) => text.slice(f.span.start, f.span.end)), ['six seven', 'fifteen']);
    assert.deepEqual(kept.map((f) => `${f.code}:${text.slice(f.span.start, f.span.start + 3)}`), [
      'quote-altered:one',
      'quote-altered:ele',
      'name-unknown:fif',
      'quote-unsourced:nin',
    ]);
  });

  test('a region without enable runs to the end; codes and families; enable of one code inside a disable of all', () => {
    const t = 'x <!-- factcheck-disable name --> "a" Bob <!-- factcheck-disable --> "b" <!-- factcheck-enable quote-altered --> "c" Carl';
    const r = applyDisableComments(t, [
      at(t, 'Bob', 'name-unknown'),
      at(t, '"a"', 'quote-altered'),
      at(t, '"b"', 'quote-altered'),
      at(t, '"c"', 'quote-altered'),
      at(t, '"c"', 'quote-unsourced'),
      at(t, 'Carl', 'name-misspelled'),
    ]);
    assert.deepEqual(r.kept.map((f) => `${f.code}:${t.slice(f.span.start, f.span.end)}`), ['quote-altered:"a"', 'quote-altered:"c"']);
  });

  test('plain-text drafts: a directive on a line of its own, after # or //; not inside a sentence', () => {
    const t = [
      '# factcheck-disable-next-line',
      'Kept off: "one two three four."',
      'We use factcheck-disable-next-line in our drafts.',
      'Still on: "five six seven eight."',
      '// factcheck-disable-line -- a reason',
      'factcheck-disable quote-altered -- quoting a book',
      'Off: "nine ten eleven twelve."',
    ].join('\n');
    const r = applyDisableComments(t, [at(t, 'one two'), at(t, 'five six'), at(t, 'nine ten')]);
    assert.deepEqual(r.kept.map((f) => t.slice(f.span.start, f.span.start + 4)), ['five']);
  });

  test('disable-line switches off the line it stands on; an unknown code is reported and disables nothing', () => {
    const t = 'He said "one two three four." <!-- factcheck-disable-line -->\nShe said "five six seven eight." <!-- factcheck-disable-line quote-alterd -->';
    const found = findDisabledRanges(t);
    assert.equal(found.ranges.length, 1);
    assert.equal(found.problems.length, 1);
    assert.match(found.problems[0].message, /quote-alterd/);
    const r = applyDisableComments(t, [at(t, 'one two'), at(t, 'five six')]);
    assert.deepEqual(r.kept.map((f) => t.slice(f.span.start, f.span.start + 4)), ['five']);
  });

  test('no directive, no ranges; a huge text without the word is not scanned further', () => {
    assert.deepEqual(findDisabledRanges('plain text'.repeat(10_000)), { ranges: [], problems: [] });
  });
});

describe('ignore entries: scopes', () => {
  const draft = 'Intro.\n\nLankov said, "Kim needs Trump much less now." More text.\n\nLater: "Kim needs Trump much less now."\n';
  const first = at(draft, 'Kim needs Trump much less now');
  const second = at(draft, 'Kim needs Trump much less now', 'quote-altered', first.span.end);
  const file = (ignored: unknown[]): IgnoreFile => parseIgnoreFile(JSON.stringify({ version: 2, ignored })).file;

  test('a file-scoped entry hides the claim in its own draft only', () => {
    const f = file([{ code: 'quote-altered', text: 'Kim needs Trump much less now', scope: 'file', file: 'drafts/a.md' }]);
    assert.ok(new DraftIgnores(f, 'drafts/a.md').entryFor(first, draft));
    assert.equal(new DraftIgnores(f, 'drafts/b.md').entryFor(first, draft), undefined, 'another draft keeps its finding');
    assert.equal(new DraftIgnores(f, undefined).entryFor(first, draft), undefined, 'an unsaved draft too');
  });

  test('an occurrence entry hides that place only, and survives edits in other paragraphs', () => {
    const entry = { code: 'quote-altered', text: 'Kim needs Trump much less now', scope: 'occurrence', file: 'a.md', context: claimContext(draft, first.span.start, first.span.end) };
    const rules = new DraftIgnores(file([entry]), 'a.md');
    assert.ok(rules.entryFor(first, draft));
    assert.equal(rules.entryFor(second, draft), undefined);
    const edited = `A new first paragraph.\n\n${draft.replace('Later:', 'Much later, at last:')}`;
    const moved = at(edited, 'Kim needs Trump much less now');
    assert.ok(rules.entryFor(moved, edited), 'found again after edits elsewhere');
    const rephrased = edited.replace('Lankov said', 'Lankov told reporters');
    assert.equal(rules.entryFor(at(rephrased, 'Kim needs Trump much less now'), rephrased), undefined, 'the sentence around it changed: shown again');
  });

  test('workspace entries, and old entries without a scope, hide the claim in every draft (white space ignored)', () => {
    const f = file([
      { code: 'quote-altered', text: 'Kim  needs Trump\nmuch less now', file: 'a.md' },
      { code: 'name-unknown', text: 'Michael Brandt', scope: 'workspace' },
      { code: 'name-unknown', text: 'Someone Else', scope: 'a-later-scope' },
    ]);
    assert.ok(new DraftIgnores(f, 'b.md').entryFor(first, draft));
    const t = 'said Michael Brandt and Someone Else.';
    assert.ok(new DraftIgnores(f, undefined).entryFor(at(t, 'Michael Brandt', 'name-unknown'), t));
    assert.equal(new DraftIgnores(f, 'b.md').entryFor(at(t, 'Someone Else', 'name-unknown'), t), undefined, 'a scope not understood hides nothing');
    assert.equal(f.ignored.length, 3, 'but the entry is kept (a rewrite must not drop it)');
  });

  test('sameIgnore: equal code, words and reach', () => {
    const a = { code: 'quote-altered', text: 'x  y', scope: 'file' as const, file: 'a.md' };
    assert.ok(sameIgnore(a, { ...a, text: 'x y', added: 'later' }));
    assert.ok(!sameIgnore(a, { ...a, file: 'b.md' }));
    assert.ok(!sameIgnore(a, { ...a, scope: 'workspace' }));
    assert.ok(sameIgnore({ code: 'c', text: 't' }, { code: 'c', text: 't', scope: 'workspace', file: 'z.md' }));
  });
});

describe('the CLI honours ignore files and disable comments', () => {
  const quote = 'Andrei Lankov, a professor at Kookmin University, said, "Kim Jong Un wants Trump much less now than he did in 2018 or 2019."\n';
  const setup = () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'factcheck-cli-ignore-'));
    mkdirSync(path.join(root, 'drafts', 'deep'), { recursive: true });
    writeFileSync(path.join(root, 'drafts', 'a.md'), quote);
    writeFileSync(path.join(root, 'drafts', 'deep', 'b.md'), quote);
    return root;
  };
  const corpus = ['--corpus', sampleCorpusDir];

  test('without an ignore file the quote fails the run', async () => {
    const root = setup();
    try {
      const r = await cli(['check', ...corpus, 'drafts/a.md'], root);
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(r.out, /quote-altered/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a file-scoped ignore (found by walking up) passes that draft; the other draft still fails', async () => {
    const root = setup();
    try {
      mkdirSync(path.join(root, '.factcheck'));
      const entry = { code: 'quote-altered', text: 'Kim Jong Un wants Trump much less now than he did in 2018 or 2019.', scope: 'file', file: 'drafts/a.md', by: 'Jane Roe', added: '2026-11-30T10:00:00Z' };
      writeFileSync(path.join(root, '.factcheck', 'ignore.json'), JSON.stringify({ version: 2, ignored: [entry] }));
      const a = await cli(['check', ...corpus, 'drafts/a.md'], root);
      assert.equal(a.code, 0, a.out + a.err);
      assert.match(a.out, /No findings in 1 file .*1 ignored/);
      const b = await cli(['check', ...corpus, path.join(root, 'drafts', 'deep', 'b.md')], path.join(root, 'drafts'));
      assert.equal(b.code, 1, 'the same quote in another draft is not hidden');
      const json = JSON.parse((await cli(['check', ...corpus, '--format', 'json', 'drafts/a.md', 'drafts/deep/b.md'], root)).out);
      assert.equal(json.files[0].diagnostics.length, 0);
      assert.equal(json.files[0].suppressed[0].code, 'quote-altered');
      assert.equal(json.files[0].suppressed[0].suppression.kind, 'ignoreFile');
      assert.equal(json.files[0].suppressed[0].suppression.by, 'Jane Roe');
      assert.equal(json.files[1].suppressed.length, 0);
      const sarif = JSON.parse((await cli(['check', ...corpus, '--format', 'sarif', 'drafts/a.md'], root)).out);
      const results = sarif.runs[0].results as Array<{ ruleId: string; suppressions?: Array<{ kind: string }> }>;
      assert.equal(results.find((x) => x.ruleId === 'quote-altered')?.suppressions?.[0].kind, 'external');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a disable comment passes the draft, marked inSource in SARIF; an unknown code is warned about', async () => {
    const root = setup();
    try {
      writeFileSync(path.join(root, 'drafts', 'a.md'), `<!-- factcheck-disable-next-line quote-altered -->\n${quote}<!-- factcheck-disable quote-alterd -->\n`);
      const r = await cli(['check', ...corpus, 'drafts/a.md'], root);
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /1 ignored/);
      assert.match(r.err, /Unknown finding code.*quote-alterd/);
      const sarif = JSON.parse((await cli(['check', ...corpus, '--format', 'sarif', 'drafts/a.md'], root)).out);
      assert.equal(sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'quote-altered').suppressions[0].kind, 'inSource');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a malformed ignore file is reported and hides nothing', async () => {
    const root = setup();
    try {
      mkdirSync(path.join(root, '.factcheck'));
      writeFileSync(path.join(root, '.factcheck', 'ignore.json'), '{ oops');
      const r = await cli(['check', ...corpus, 'drafts/a.md'], root);
      assert.equal(r.code, 1);
      assert.match(r.err, /ignore\.json is not used: not valid JSON/);
      assert.equal(readFileSync(path.join(root, '.factcheck', 'ignore.json'), 'utf8'), '{ oops', 'the CLI never writes it');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('who added an ignore', () => {
  test('git config user.name of the folder when trusted; never the folder\'s own config when not', async () => {
    const { execFileSync } = await import('node:child_process');
    const { gitUserName } = await import('../../server/src/host/gitUser');
    const repo = mkdtempSync(path.join(os.tmpdir(), 'factcheck-git-user-'));
    try {
      execFileSync('git', ['init', '-q', repo]);
      execFileSync('git', ['config', 'user.name', 'Jane Local-Roe'], { cwd: repo });
      assert.equal(await gitUserName(repo, true), 'Jane Local-Roe');
      assert.notEqual(await gitUserName(repo, false), 'Jane Local-Roe', 'an untrusted folder\'s config is not read');
      assert.equal(await gitUserName(path.join(repo, 'no-such-folder'), true), undefined, 'no git answer, no name');
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe('disable comments: hostile drafts stay fast', () => {
  test('a draft of 100,000 directive lines: bounded work, one problem, no hang', () => {
    const text = 'factcheck-disable-next-line\nsome words\n'.repeat(100_000);
    const findings = Array.from({ length: 20_000 }, (_, i) => ({ code: 'quote-altered' as const, span: { start: i * 39 + 28, end: i * 39 + 38 } }));
    const { ranges, problems } = findDisabledRanges(text);
    assert.equal(ranges.length, 1000);
    assert.equal(problems.length, 1);
    const r = applyDisableComments(text, findings);
    assert.equal(r.kept.length + r.disabled.length, findings.length);
  });
});

test('unclosed disable comments do not make the scan quadratic', () => {
  const text = '<!-- factcheck-disable quote-altered '.repeat(50_000);
  const { ranges } = findDisabledRanges(text);
  assert.deepEqual(ranges, []);
});
