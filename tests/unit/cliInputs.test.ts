/**
 * The CLI as linters' CLIs behave: folders as input, one bad draft among
 * several, missing files, usage without arguments, per-command help, SARIF
 * related locations as file:// URIs, JSON without null titles, and a
 * transcript's time and speaker in every format.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli } from '../cliRun';
import { fixturesDir, repoRoot, sampleCorpusDir, scratchDir } from '../helpers';

const MISSPELLED = 'Andrei Lankow, a professor at Kookmin University, spoke.\n';

function tree(): { root: string; done: () => void } {
  const root = scratchDir('factcheck-cli-inputs-');
  return { root, done: () => rmSync(root, { recursive: true, force: true }) };
}

test('a folder is searched for .md/.markdown/.txt drafts, skipping node_modules, .git, hidden folders, fact-check memos and the corpus', async () => {
  const t = tree();
  try {
    const put = (rel: string, text = MISSPELLED) => {
      mkdirSync(path.dirname(path.join(t.root, rel)), { recursive: true });
      writeFileSync(path.join(t.root, rel), text);
    };
    put('drafts/a.md');
    put('drafts/sub/b.markdown');
    put('drafts/sub/c.txt');
    put('drafts/notes.html');
    put('drafts/node_modules/pkg/readme.md');
    put('drafts/.git/x.md');
    put('drafts/.factcheck/y.md');
    // A fact-check memo beside its draft quotes the draft's claims: it is no draft.
    put('drafts/a.factcheck.md', '| 1 | Andrei Lankow | needs attention |\n');
    put('drafts/sources/article.txt', 'Andrei Lankov, a professor at Kookmin University, said the talks would be hard.\n');
    const r = await cli(['check', '--format', 'json', '--corpus', sampleCorpusDir, '--corpus', 'drafts/sources', 'drafts'], t.root);
    assert.equal(r.err, '');
    const paths = JSON.parse(r.out).files.map((f: { path: string }) => f.path);
    assert.deepEqual(paths, [path.join('drafts', 'a.md'), path.join('drafts', 'sub', 'b.markdown'), path.join('drafts', 'sub', 'c.txt')]);
    const empty = await cli(['check', '--corpus', 'drafts/sources', 'drafts/sources'], t.root);
    assert.equal(empty.code, 2);
    assert.match(empty.err, /drafts\/sources: no drafts/);
  } finally {
    t.done();
  }
});

test('one unreadable or binary draft among several is reported, the rest checked, exit 2 at the end', async () => {
  const t = tree();
  try {
    writeFileSync(path.join(t.root, 'good.md'), MISSPELLED);
    writeFileSync(path.join(t.root, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff]));
    const r = await cli(['check', 'good.md', 'binary.md', 'missing.md'], t.root);
    assert.equal(r.code, 2);
    assert.match(r.err, /^factcheck: binary\.md: not a text file/m);
    assert.match(r.err, /^factcheck: missing\.md: no such file$/m);
    assert.doesNotMatch(r.err, /ENOENT/);
    assert.match(r.out, /^good\.md:1:1 warning name-misspelled/m, 'the readable draft is checked');
  } finally {
    t.done();
  }
});

test('no arguments: usage, exit 2; --help per command: that command\'s usage, exit 0', async () => {
  const none = await cli([]);
  assert.equal(none.code, 2);
  assert.match(none.err, /Usage:/);
  for (const [cmd, words] of [
    ['check', /Usage: factcheck check .*FOLDER[\s\S]*--max-warnings/],
    ['report', /Usage: factcheck report[\s\S]*--format FORMAT +md \(default\), html, csv or json/],
    ['search', /Usage: factcheck search[\s\S]*--limit/],
  ] as const) {
    const r = await cli([cmd, '--help']);
    assert.equal(r.code, 0, cmd);
    assert.match(r.out, words);
  }
});

const transcriptArgs = ['--corpus', sampleCorpusDir, '--corpus', path.join(repoRoot, 'examples', 'interview-ward.vtt'), 'examples/interview-draft.md'];

test('a transcript\'s evidence shows the file, time and speaker in text, JSON and SARIF', async () => {
  const text = await cli(['check', ...transcriptArgs]);
  assert.equal(text.code, 1);
  assert.match(text.out, /^examples\/interview-draft\.md:11:2 warning quote-misattributed .*Jane Kim.*Peter Ward/m);
  assert.match(text.out, /^ {4}source: examples\/interview-ward\.vtt:30 00:12:53 Jane Kim: “Seoul seems far more worried about the troops in Russia than about letters\.”$/m);
  const json = JSON.parse((await cli(['check', '--format', 'json', ...transcriptArgs])).out);
  const mis = json.files[0].diagnostics.find((d: { code: string }) => d.code === 'quote-misattributed');
  assert.deepEqual({ ...mis.evidence[0], text: undefined, match: undefined }, {
    article: path.join(repoRoot, 'examples', 'interview-ward.vtt'),
    title: 'Interview with Peter Ward',
    line: 29,
    text: undefined,
    match: undefined,
    timestamp: '00:12:53',
    speaker: 'Jane Kim',
  });
  const sarif = JSON.parse((await cli(['check', '--format', 'sarif', ...transcriptArgs])).out);
  const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'quote-misattributed');
  const related = result.relatedLocations[0];
  assert.equal(related.physicalLocation.artifactLocation.uri, pathToFileURL(path.join(repoRoot, 'examples', 'interview-ward.vtt')).href);
  assert.equal(related.physicalLocation.region.startLine, 30);
  assert.match(related.message.text, /^interview-ward\.vtt 00:12:53 Jane Kim: Seoul seems/);
});

test('SARIF related locations are file:// URIs; JSON never has a null title (the file name stands in)', async () => {
  const t = tree();
  try {
    const corpus = path.join(t.root, 'corpus');
    mkdirSync(corpus);
    // No headline-like first line: the article has no title.
    writeFileSync(path.join(corpus, 'untitled.txt'), 'andrei lankov, a professor at kookmin university, said on monday that "the talks will be hard for everyone involved," as reported.\n');
    writeFileSync(path.join(t.root, 'd.md'), 'Andrei Lankov said, "The talks will be hard for everyone involved."\n');
    const json = await cli(['check', '--include-verified', '--format', 'json', '--corpus', corpus, 'd.md'], t.root);
    assert.doesNotMatch(json.out, /"title": null/);
    const ev = JSON.parse(json.out).files[0].diagnostics.flatMap((d: { evidence: unknown[] }) => d.evidence);
    assert.ok(ev.length > 0);
    for (const e of ev) assert.equal(typeof e.title, 'string');
    const sarif = JSON.parse((await cli(['check', '--include-verified', '--format', 'sarif', '--corpus', corpus, 'd.md'], t.root)).out);
    const uris = sarif.runs[0].results.flatMap((r: { relatedLocations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.relatedLocations.map((l) => l.physicalLocation.artifactLocation.uri));
    assert.ok(uris.length > 0);
    for (const u of uris) assert.equal(u, pathToFileURL(path.join(corpus, 'untitled.txt')).href);
  } finally {
    t.done();
  }
});

test('transcripts in a corpus folder are read with the articles (fixtures)', async () => {
  const r = await cli(['check', '--format', 'json', '--include-verified', '--corpus', path.join(fixturesDir, 'transcripts'), 'examples/interview-draft.md']);
  const codes = JSON.parse(r.out).files[0].diagnostics.map((d: { code: string }) => d.code);
  assert.ok(codes.includes('quote-verified'), codes.join(' '));
});

test('a folder input skips the team configuration\'s corpus folder too (`check .` in a repository with sources/)', async () => {
  const t = tree();
  try {
    mkdirSync(path.join(t.root, '.factcheck'));
    writeFileSync(path.join(t.root, '.factcheck', 'config.json'), JSON.stringify({ corpus: { paths: ['sources'] } }));
    mkdirSync(path.join(t.root, 'sources'));
    writeFileSync(path.join(t.root, 'sources', 'article.txt'), 'Andrei Lankov, a professor at Kookmin University, said the talks would be hard.\n');
    writeFileSync(path.join(t.root, 'story.md'), MISSPELLED);
    const r = await cli(['check', '--format', 'json', '.'], t.root);
    assert.equal(r.err, '');
    assert.deepEqual(JSON.parse(r.out).files.map((f: { path: string }) => f.path), ['story.md']);
  } finally {
    t.done();
  }
});
