/**
 * The fact-check memo (`factcheck report`): row by row on examples/draft.md,
 * byte-for-byte determinism, ignored and disabled rows with who and why,
 * transcripts' times and speakers, and corpus text kept inert in every format.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../cliRun';
import { repoRoot, sampleCorpusDir } from '../helpers';
import { csvField } from '../../server/src/host/memo/memoCsv';
import { mdText } from '../../server/src/host/memo/memoMarkdown';
import { generationDay } from '../../server/src/host/memo/generationDay';

/** 2025-12-01T00:00:00Z: the memo's one date not from the data, fixed. */
const EPOCH = '1764547200';

async function report(args: string[], cwd = repoRoot): Promise<{ code: number; out: string; err: string }> {
  const saved = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = EPOCH;
  try {
    return await cli(['report', ...args], cwd);
  } finally {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  }
}

interface Row {
  n: number;
  line: number;
  kind: string;
  claim: string;
  status: string;
  code?: string;
  verdict: string;
  sources: Array<{ title: string; file: string; line: number; place: string; sentence: string; timestamp?: string; speaker?: string }>;
  statusNote?: string;
}

test('the memo of examples/draft.md, row by row', async () => {
  const r = await report(['--format', 'json', 'examples/draft.md']);
  assert.equal(r.code, 0, r.err);
  const memo = JSON.parse(r.out);
  assert.equal(memo.version, 1);
  assert.equal(memo.generated, '2025-12-01');
  assert.deepEqual({ ...memo.corpus }, { sources: ['corpus'], indexed: '2025-12-01', files: 2, articles: 2, sentences: memo.corpus.sentences });
  const rows: Row[] = memo.drafts[0].rows;
  assert.equal(memo.drafts[0].path, 'examples/draft.md');
  // Each claim the checker read: [line, kind, claim as written, status, code].
  const expected: Array<[number, string, string, string, string]> = [
    [1, 'person', 'Trump', 'verified', 'name-verified'],
    [1, 'person', 'Kim', 'verified', 'name-verified'],
    [5, 'person', 'Donald Trump', 'verified', 'name-verified'],
    [5, 'person', 'Kim Jong Un', 'verified', 'name-verified'],
    [7, 'person', 'Caroline Leavitt', 'verified', 'name-verified'],
    [7, 'quotation', 'The President remains receptive to an exchange of letters with Kim Jong Un,', 'verified', 'quote-verified'],
    [7, 'person', 'Kim Jong Un', 'verified', 'name-verified'],
    [7, 'person', 'Trump', 'verified', 'name-verified'],
    [7, 'quotation', 'would like to see the progress achieved in Singapore during his first term once again.', 'verified', 'quote-verified'],
    [9, 'date', 'June 2018', 'verified', 'date-verified'],
    [9, 'date', 'February 2020', 'needs attention', 'date-mismatch'],
    [9, 'person', 'Trump', 'verified', 'name-verified'],
    [11, 'person', 'Kim Jong Un', 'verified', 'name-verified'],
    [11, 'quotation', 'Kim Jong Un needs Trump much less now than he did in 2018 or 2019,', 'verified', 'quote-verified'],
    [11, 'person', 'Trump', 'verified', 'name-verified'],
    [11, 'person', 'Andrei Lankow', 'needs attention', 'name-misspelled'],
    [11, 'person', 'Lankov', 'verified', 'name-verified'],
    [11, 'quotation', 'North Korea is still interested in talks, although the deal it wants this time will be much less attractive to the US than what was on offer in Hanoi in 2019.', 'needs attention', 'quote-altered'],
    [13, 'person', 'Peter Ward', 'verified', 'name-verified'],
    [13, 'quotation', 'Chairman Kim will not make a move until he knows what President Trump can offer.', 'needs attention', 'quote-misattributed'],
    [13, 'person', 'Kim', 'verified', 'name-verified'],
    [13, 'person', 'Trump', 'verified', 'name-verified'],
    [15, 'person', 'Ryu Hyunwoo', 'verified', 'name-verified'],
    [15, 'person', 'professor at the Sejong Institute', 'needs attention', 'role-mismatch'],
    [17, 'quotation', 'The door to dialogue has never been closed, but Pyongyang will not walk through it this year,', 'unsourced', 'quote-unsourced'],
    [17, 'person', 'Michael Brandt', 'unsourced', 'name-unknown'],
  ];
  assert.deepEqual(rows.map((x) => [x.line, x.kind, x.claim, x.status, x.code]), expected);
  assert.deepEqual(rows.map((x) => x.n), expected.map((_, i) => i + 1));
  assert.deepEqual(memo.counts, { verified: 19, 'needs attention': 5, unsourced: 2, ignored: 0, disabled: 0 });
  // Every row that rests on a source names it: title, file, line and the source sentence.
  for (const row of rows) {
    if (row.status === 'unsourced') assert.deepEqual(row.sources, [], `${row.n}`);
    else assert.ok(row.sources.length > 0, `${row.n} ${row.claim}`);
    for (const s of row.sources) {
      assert.match(s.file, /^corpus\/00[03]_[0-9a-f]+\.txt$/);
      assert.ok(s.line >= 1 && s.title.length > 0 && s.sentence.length > 0);
      assert.equal(s.place, `${s.file}:${s.line}`);
    }
  }
  const altered = rows.find((x) => x.code === 'quote-altered')!;
  assert.match(altered.verdict, /differs from the source/);
  assert.equal(altered.sources[0].line, 41);
  assert.match(altered.sources[0].sentence, /North Korea is still interested in negotiations/);
});

test('the memo is the same byte for byte in every format; only the generation line carries a date not from the data', async () => {
  for (const format of ['md', 'html', 'csv', 'json']) {
    const a = await report(['--format', format, 'examples/draft.md']);
    const b = await report(['--format', format, 'examples/draft.md']);
    assert.equal(a.code, 0, a.err);
    assert.equal(a.out, b.out, format);
  }
  const md = (await report(['examples/draft.md'])).out;
  assert.match(md, /^# Fact-check memo\n\nGenerated 2025-12-01 by factcheck [\d.]+; corpus indexed 2025-12-01\.\n\n## Summary\n\n\| Status \| Claims \|\n\|---\|---:\|\n\| Verified \| 19 \|\n\| Needs attention \| 5 \|\n\| Unsourced \| 2 \|\n\| Ignored \| 0 \|\n\| Disabled \| 0 \|\n/);
  assert.equal(md.match(/2025-12-01/g)?.length, 2, 'one generation line (with the index day)');
  assert.match(md, /\| 11 \| 9 \| “February 2020” \| date \| \*\*Needs attention\*\* \| `date-mismatch` /);
  assert.equal(generationDay({ SOURCE_DATE_EPOCH: EPOCH }), '2025-12-01');
  assert.equal(generationDay({}, Date.UTC(2026, 0, 2, 23, 59)), '2026-01-02');
});

test('ignored rows say who and when (from .factcheck/ignore.json); disabled rows say why; a transcript source gives time and speaker', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'factcheck-memo-'));
  try {
    mkdirSync(path.join(root, '.factcheck'));
    writeFileSync(
      path.join(root, '.factcheck', 'ignore.json'),
      JSON.stringify({ version: 2, ignored: [{ code: 'name-misspelled', text: 'Andrei Lankow', scope: 'workspace', by: 'Ann Editor', added: '2025-11-30T10:00:00Z' }] }),
    );
    writeFileSync(
      path.join(root, 'story.md'),
      [
        'Andrei Lankow, a professor at Kookmin University, spoke.',
        '',
        '<!-- factcheck-disable-next-line -->',
        'The second meeting, the Vietnam summit in February 2020, ended with no deal.',
        '',
        '"Seoul seems far more worried about the troops in Russia than about letters," said Peter Ward.',
        '',
      ].join('\n'),
    );
    const r = await report(['--format', 'json', '--corpus', sampleCorpusDir, '--corpus', path.join(repoRoot, 'examples', 'interview-ward.vtt'), 'story.md'], root);
    assert.equal(r.code, 0, r.err);
    const rows: Row[] = JSON.parse(r.out).drafts[0].rows;
    const ignored = rows.find((x) => x.claim === 'Andrei Lankow')!;
    assert.equal(ignored.status, 'ignored');
    assert.equal(ignored.code, 'name-misspelled');
    assert.equal(ignored.statusNote, 'ignored in .factcheck/ignore.json by Ann Editor on 2025-11-30 (in every draft)');
    const disabled = rows.find((x) => x.line === 4 && x.kind === 'date')!;
    assert.equal(disabled.status, 'disabled');
    assert.equal(disabled.statusNote, 'inside a factcheck-disable comment');
    const misattributed = rows.find((x) => x.code === 'quote-misattributed')!;
    assert.equal(misattributed.status, 'needs attention');
    const src = misattributed.sources.find((s) => s.timestamp !== undefined)!;
    assert.deepEqual([src.place, src.timestamp, src.speaker, src.line], ['interview-ward.vtt 00:12:53 Jane Kim', '00:12:53', 'Jane Kim', 30]);
    const md = (await report(['--corpus', sampleCorpusDir, '--corpus', path.join(repoRoot, 'examples', 'interview-ward.vtt'), 'story.md'], root)).out;
    assert.match(md, /\*\*Ignored\*\* \(ignored in \.factcheck\/ignore\.json by Ann Editor on 2025-11-30 \(in every draft\)\)/);
    assert.match(md, /interview-ward\.vtt 00:12:53 Jane Kim \(line 30\): “Seoul seems far more worried/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('corpus text never acts: escaped in Markdown and HTML, defused in CSV', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'factcheck-memo-evil-'));
  try {
    const corpus = path.join(root, 'corpus');
    mkdirSync(corpus);
    const evil = 'Ann Lee said, "=HYPERLINK(1) the <script>alert(1)</script> plan [is](http://x.example) dead | really **now**."';
    writeFileSync(path.join(corpus, 'a.txt'), `Evil headline <img src=x onerror=alert(1)>\n\n${evil}\n`);
    writeFileSync(path.join(root, 'd.md'), `${evil}\n`);
    const args = ['--corpus', corpus, 'd.md'];
    const html = (await report(['--format', 'html', ...args], root)).out;
    assert.doesNotMatch(html, /<script|<img|onerror=alert\(1\)>/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
    const md = (await report(args, root)).out;
    assert.doesNotMatch(md, /(?<!\\)<script|(?<!\\)\]\(http/);
    assert.match(md, /\\<script\\>/);
    assert.match(md, /\\\[is\\\]\(http:\\\/\\\/x\.example\) dead \\\| really \\\*\\\*now/);
    const csv = (await report(['--format', 'csv', ...args], root)).out;
    assert.match(csv, /^draft,n,line,column,kind,claim,status,/);
    assert.match(csv, /"'=HYPERLINK\(1\) the <script>/);
    assert.equal(csvField('=1+1'), `"'=1+1"`);
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(mdText('a|b [c](d) <e> *f* `g`'), 'a\\|b \\[c\\](d) \\<e\\> \\*f\\* \\`g\\`');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('report: usage errors, an unreadable draft among several (exit 2, the others reported), --output', async () => {
  const bad = await report(['--format', 'pdf', 'examples/draft.md']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--format must be md, html, csv or json/);
  const root = mkdtempSync(path.join(os.tmpdir(), 'factcheck-memo-out-'));
  try {
    writeFileSync(path.join(root, 'a.md'), 'Andrei Lankow, a professor at Kookmin University, spoke.\n');
    const r = await report(['--format', 'json', '-o', 'memo.json', 'a.md', 'missing.md'], root);
    assert.equal(r.code, 2);
    assert.match(r.err, /missing\.md: no such file/);
    assert.match(r.err, /memo written to memo\.json/);
    const memo = JSON.parse(readFileSync(path.join(root, 'memo.json'), 'utf8'));
    assert.deepEqual(memo.drafts.map((d: { path: string }) => d.path), ['a.md']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
