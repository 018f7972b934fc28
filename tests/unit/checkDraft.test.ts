import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, type CorpusIndex, type Finding, type FindingCode } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { sampleCorpusDir } from '../helpers';

let index: CorpusIndex;

before(async () => {
  ({ index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir])));
});

/** The findings of `code` on the draft, each with the draft text it covers. */
async function findingsOf(draft: string, code: FindingCode): Promise<Array<Finding & { covered: string }>> {
  return (await checkDraft(draft, index))
    .filter((f) => f.code === code)
    .map((f) => ({ ...f, covered: draft.slice(f.span.start, f.span.end) }));
}

async function codes(draft: string): Promise<FindingCode[]> {
  return (await checkDraft(draft, index)).map((f) => f.code);
}

test('the sample corpus is indexed', async () => {
  assert.equal(index.stats.articles, 2);
  assert.ok(index.stats.sentences > 30, `sentences: ${index.stats.sentences}`);
  assert.ok(index.stats.quotes >= 8, `quotes: ${index.stats.quotes}`);
});

test('quote-verified: verbatim quotation, cited with article, line and the matching words', async () => {
  const draft = 'Leavitt said, "The President remains receptive to an exchange of letters with Kim Jong Un."';
  const [f] = (await findingsOf(draft, 'quote-verified'));
  assert.ok(f, 'a verified quote');
  assert.equal(f.severity, 'hint');
  assert.equal(f.covered, 'The President remains receptive to an exchange of letters with Kim Jong Un.');
  assert.equal(f.evidence.length, 1);
  const ev = f.evidence[0];
  assert.match(path.basename(ev.path), /^000_/);
  assert.equal(ev.range.start.line, 19);
  assert.ok(ev.match);
  assert.equal(ev.text.slice(ev.match.start, ev.match.end), 'The President remains receptive to an exchange of letters with Kim Jong Un');
  assert.deepEqual((await findingsOf(draft, 'quote-misattributed')), []);
});

test('quote-verified allows case, punctuation, curly quotes, elisions and [insertions]', async () => {
  for (const quote of [
    '“the president remains receptive to an exchange of letters with kim jong un”',
    '"Kim Jong Un does not need Trump ... in 2018 or 2019"',
    '"Kim Jong Un does not need Trump […] in 2018 or 2019"',
    '"[Kim] needs Trump much less now than he did in 2018 or 2019"',
    '"North Korea may now be hesitant to leave a paper trail"',
  ]) {
    const draft = `Experts were cautious. ${quote}, one source noted.`;
    assert.deepEqual(
      (await codes(draft)).filter((c) => c.startsWith('quote-')),
      ['quote-verified'],
      quote,
    );
  }
});

test('quote-verified cites every source that holds the words', async () => {
  const [f] = (await findingsOf('Lankov put it simply: "he did in 2018 or 2019."', 'quote-verified'));
  assert.ok(f);
  assert.deepEqual(f.evidence.map((e) => path.basename(e.path).slice(0, 3)).sort(), ['000', '003']);
});

test('either translation of a quote verifies it', async () => {
  for (const q of ['Kim Jong Un does not need Trump as much as he did in 2018 or 2019', 'Kim Jong Un needs Trump much less now than he did in 2018 or 2019']) {
    const found = (await findingsOf(`Andrei Lankov said, "${q}."`, 'quote-verified'));
    assert.equal(found.length, 1, q);
    assert.match(found[0].message, /Andrei Lankov/);
  }
});

test('quote-altered: names the differing words and suggests the source wording', async () => {
  const draft =
    'Lankov added, "North Korea is still interested in talks, although the deal it wants this time will be much less attractive to the US than what was on offer in Hanoi in 2019."';
  const [f] = (await findingsOf(draft, 'quote-altered'));
  assert.ok(f, 'an altered quote');
  assert.equal(f.severity, 'warning');
  assert.ok(f.diff);
  assert.deepEqual(
    f.diff.filter((d) => d.kind !== 'same'),
    [
      { kind: 'removed', text: 'negotiations' },
      { kind: 'added', text: 'talks' },
    ],
  );
  assert.ok(f.suggestion?.startsWith('North Korea is still interested in negotiations, although'), f.suggestion);
  assert.ok(f.suggestion?.endsWith('in Hanoi in 2019.'), f.suggestion);
  assert.match(f.message, /negotiations/);
  assert.match(path.basename(f.evidence[0].path), /^000_/);
});

test('quote-misattributed: words of Ryu Hyunwoo given to Peter Ward', async () => {
  const draft = 'Peter Ward said, "Chairman Kim will not make a move until he knows what President Trump can offer."';
  const [f] = (await findingsOf(draft, 'quote-misattributed'));
  assert.ok(f, 'a misattributed quote');
  assert.match(f.message, /Ryu Hyunwoo/);
  assert.match(f.message, /Peter Ward/);
  assert.match(f.evidence[0].text, /^Ryu Hyunwoo/);
  // The right speaker, by surname alone, is no misattribution.
  assert.deepEqual((await findingsOf(draft.replace('Peter Ward', 'Ryu'), 'quote-misattributed')), []);
});

test('quote-misattributed: a pronoun carries the last named speaker in the draft', async () => {
  const draft =
    'Caroline Leavitt declined to comment. Peter Ward, a North Korea expert at the Sejong Institute, said the letters worried Pyongyang. He said, "Chairman Kim will not make a move until he knows what President Trump can offer."';
  const [f] = (await findingsOf(draft, 'quote-misattributed'));
  assert.ok(f);
  assert.match(f.message, /Ryu Hyunwoo, not to Peter Ward/);
});

test('quote-unsourced: words no source holds', async () => {
  const draft = 'A diplomat said, "The door to dialogue has never been closed, and it never will be."';
  const [f] = (await findingsOf(draft, 'quote-unsourced'));
  assert.ok(f);
  assert.equal(f.severity, 'information');
  assert.deepEqual(f.evidence, []);
});

test('a quote that shares only function words with a source is not "altered"', async () => {
  const draft = 'A State Department official said, "We will not comment on the matter today."';
  assert.deepEqual((await codes(draft)).filter((c) => c.startsWith('quote-')), ['quote-unsourced']);
});

test('short scare quotes are confirmed when found and never flagged when not', async () => {
  assert.deepEqual((await codes('Trump called the North a "nuclear power" last week.')).filter((c) => c.startsWith('quote-')), ['quote-verified']);
  assert.deepEqual((await codes('Critics call it "wishful thinking" at best.')).filter((c) => c.startsWith('quote-')), []);
});

test('name-verified: spelled as in the sources, and accepted variants', async () => {
  for (const [draft, name] of [
    ['Andrei Lankov, who teaches in Seoul, said talks would resume.', 'Andrei Lankov'],
    ['Kim Jong-un has not replied to the letter, officials said.', 'Kim Jong-un'],
    ['Andrei Lankov spoke first. Lankov said the deal was unlikely.', 'Lankov'],
  ]) {
    const verified = (await findingsOf(draft, 'name-verified')).map((f) => f.covered);
    assert.ok(verified.includes(name), `${name} in ${JSON.stringify(verified)}`);
    assert.deepEqual((await findingsOf(draft, 'name-misspelled')), [], draft);
  }
});

test('name-misspelled: a near spelling, with the sources’ spelling as suggestion', async () => {
  const [f] = (await findingsOf('Andrei Lankow said the talks would be hard.', 'name-misspelled'));
  assert.ok(f);
  assert.equal(f.covered, 'Andrei Lankow');
  assert.equal(f.suggestion, 'Andrei Lankov');
  assert.equal(f.message, "Name spelled differently in the sources: 'Andrei Lankow' → 'Andrei Lankov'");
  assert.ok(f.evidence.length > 0);
  const [g] = (await findingsOf('Ryu Hyunwo, a defector, said the North would wait.', 'name-misspelled'));
  assert.ok(g);
  assert.equal(g.suggestion, 'Ryu Hyunwoo');
});

test('name-unknown: a person the sources never name', async () => {
  const [f] = (await findingsOf('"We will see," said Michael Brandt, a former State Department official.', 'name-unknown'));
  assert.ok(f);
  assert.equal(f.covered, 'Michael Brandt');
  assert.equal(f.severity, 'information');
});

test('role-mismatch: a role the sources contradict; agreeing roles stay quiet', async () => {
  const [f] = (await findingsOf('Ryu Hyunwoo, a professor at the Sejong Institute, said the North would wait.', 'role-mismatch'));
  assert.ok(f);
  assert.equal(f.covered, 'professor at the Sejong Institute');
  assert.match(f.suggestion ?? '', /former acting ambassador at the North Korean Embassy in Kuwait/);
  assert.equal((await findingsOf('Andrei Lankov, a professor at Seoul National University, said so.', 'role-mismatch')).length, 1);
  assert.deepEqual((await findingsOf('Peter Ward, a researcher at the Sejong Institute, said so.', 'role-mismatch')), []);
  assert.deepEqual((await findingsOf('Andrei Lankov, a professor at Kookmin University, said so.', 'role-mismatch')), []);
  assert.deepEqual((await findingsOf('White House spokesperson Caroline Leavitt said so.', 'role-mismatch')), []);
});

test('date-verified and date-mismatch: dates tied to events', async () => {
  const ok = (await findingsOf('Trump and Kim first met at the Singapore summit in June 2018.', 'date-verified'));
  assert.equal(ok.length, 1);
  assert.equal(ok[0].covered.includes('June 2018'), true);
  assert.ok(ok[0].evidence.some((e) => e.text.includes('June 2018 in Singapore')));
  const [bad] = (await findingsOf('Their second meeting, the Vietnam summit in February 2020, ended without a deal.', 'date-mismatch'));
  assert.ok(bad);
  assert.match(bad.covered, /February 2020/);
  assert.equal(bad.suggestion, 'February 2019');
  assert.equal(bad.severity, 'warning');
  assert.deepEqual((await findingsOf('Trump stepped into North Korean territory at Panmunjom in June 2019.', 'date-mismatch')), []);
});

test('quiet: corpus sentences as a draft produce no warning and no information', async () => {
  for (const file of readdirSync(sampleCorpusDir)) {
    const text = readFileSync(path.join(sampleCorpusDir, file), 'utf8');
    const loud = (await checkDraft(text, index)).filter((f) => f.severity !== 'hint');
    assert.deepEqual(
      loud.map((f) => `${f.code}: ${text.slice(f.span.start, f.span.end)}`),
      [],
      file,
    );
  }
});

test('the example draft shows one finding of each error kind', async () => {
  const text = readFileSync(path.join(sampleCorpusDir, '..', 'examples', 'draft.md'), 'utf8');
  const found = new Set((await checkDraft(text, index)).map((f) => f.code));
  for (const code of ['quote-altered', 'quote-misattributed', 'quote-unsourced', 'name-misspelled', 'name-unknown', 'role-mismatch', 'date-mismatch'] as const) {
    assert.ok(found.has(code), code);
  }
});

test('config: severity overrides, disabled codes and hiding verified findings', async () => {
  const draft = 'Andrei Lankow said, "Kim Jong Un needs Trump much less now than he did in 2018 or 2019."';
  const custom = (await checkDraft(draft, index, { severity: { 'name-misspelled': 'error' }, enabled: { 'quote-verified': false } }));
  assert.equal(custom.find((f) => f.code === 'name-misspelled')?.severity, 'error');
  assert.equal(custom.some((f) => f.code === 'quote-verified'), false);
  const quiet = (await checkDraft(draft, index, { includeVerified: false }));
  assert.ok(quiet.every((f) => !f.code.endsWith('-verified')));
  assert.ok(quiet.some((f) => f.code === 'name-misspelled'));
});

test('spans are offsets into the draft and findings come in document order', async () => {
  const draft = 'First line.\n\nAndrei Lankow said, "The door to dialogue has never been closed, and it never will be."';
  const found = (await checkDraft(draft, index));
  for (let i = 1; i < found.length; i++) assert.ok(found[i - 1].span.start <= found[i].span.start);
  for (const f of found) assert.ok(f.span.start >= 0 && f.span.end <= draft.length && f.span.start < f.span.end);
});

test('a 1 MB draft is checked without error', async () => {
  const paragraph =
    'Andrei Lankov, a professor at Kookmin University, said, "Kim Jong Un needs Trump much less now than he did in 2018 or 2019." The Vietnam summit in February 2020 ended early. ';
  const draft = paragraph.repeat(Math.ceil(1_000_000 / paragraph.length)) + ' "an unclosed quotation that runs on and on';
  const found = (await checkDraft(draft, index, { includeVerified: false }));
  assert.ok(found.filter((f) => f.code === 'date-mismatch').length > 1000);
});

test('empty and odd drafts give no findings and no errors', async () => {
  for (const draft of ['', '   \n\n', '"""', '“', '[…]', '\u0000\u0001binary\uFFFD', '"..."', '"[ ]"']) {
    assert.deepEqual(
      (await checkDraft(draft, index)).filter((f) => f.severity !== 'hint'),
      [],
      JSON.stringify(draft),
    );
  }
});
