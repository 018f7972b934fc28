/**
 * Facts outside quotation marks (issue 9): numbers as values, the rounding
 * rule, alignment with the source sentence, and the findings on a small
 * hand-written corpus (`tests/fixtures/facts/corpus`) and the sample corpus.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, type CorpusIndex, type Finding, type FindingCode } from '../../server/src/engine/api';
import { extractNumbers, type NumberMention } from '../../server/src/engine/extract/numbers';
import { sameNumber } from '../../server/src/engine/match/compareFacts';
import { compareWholeDates } from '../../server/src/engine/match/compareDates';
import { draftReferenceDate } from '../../server/src/engine/text/draftDate';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { fixturesDir, sampleCorpusDir } from '../helpers';

const factsCorpus = path.join(fixturesDir, 'facts', 'corpus');
let index: CorpusIndex;
let sample: CorpusIndex;

before(async () => {
  ({ index } = await buildCorpusIndex(createFsCorpusSource([factsCorpus])));
  ({ index: sample } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir])));
});

const FACT_CODES: ReadonlySet<FindingCode> = new Set(['number-mismatch', 'fact-mismatch', 'date-mismatch']);

/** The warnings of the facts' codes, each with the draft words it covers. */
async function warnings(draft: string, store: CorpusIndex = index): Promise<Array<Finding & { covered: string }>> {
  return (await checkDraft(draft, store, { draftDate: '2025-06-13' }))
    .filter((f) => FACT_CODES.has(f.code))
    .map((f) => ({ ...f, covered: draft.slice(f.span.start, f.span.end) }));
}

function number(text: string): NumberMention {
  const found = extractNumbers(text);
  assert.equal(found.length, 1, `one number in ${JSON.stringify(text)}: ${JSON.stringify(found.map((n) => n.text))}`);
  return found[0];
}

test('numbers in words and digits are one value: "3,000" = "three thousand"', () => {
  assert.equal(number('cut 3,000 jobs').value, 3000);
  assert.equal(number('cut three thousand jobs').value, 3000);
  assert.equal(number('cut 3,000 jobs').unit, 'jobs');
  assert.equal(number('twenty-five people').value, 25);
  assert.equal(number('the third summit').kind, 'ordinal');
  assert.equal(number('the 3rd summit').value, 3);
});

test('amounts: "£1.5m" = "£1.5 million" = "1.5 million pounds"; Reuters "mln dlrs"; percentages in three spellings', () => {
  for (const text of ['spend £1.5m on it', 'spend £1.5 million on it', 'spend 1.5 million pounds on it']) {
    const n = number(text);
    assert.equal(n.value, 1_500_000, text);
    assert.equal(n.kind, 'money', text);
    assert.equal(n.currency, 'GBP', text);
  }
  assert.deepEqual([number('a loss of 5.2 mln dlrs').value, number('a loss of 5.2 mln dlrs').currency], [5_200_000, 'USD']);
  assert.equal(number('$5bn deal').value, 5e9);
  for (const text of ['fell 5%', 'fell 5 per cent', 'fell 5 pct', 'fell 5 percent']) assert.deepEqual([number(text).value, number(text).kind], [5, 'percent'], text);
});

test('years, numbers in names and dates given to skip are no counts', () => {
  assert.deepEqual(extractNumbers('in 2019 they met'), []);
  assert.deepEqual(extractNumbers('filed for Chapter 11 protection'), []);
  assert.deepEqual(extractNumbers('a G20 summit and the COVID-19 crisis'), []);
  const text = 'on June 11 they met 3 times';
  assert.deepEqual(extractNumbers(text, undefined, [{ start: 3, end: 10 }]).map((n) => n.text), ['3']);
  assert.equal(number('nearly 3,000 jobs').hedged, true);
  assert.equal(number('3,000 jobs').hedged, false);
});

test('the rounding rule: the draft may round its source, not be more precise than it, nor move to a neighbouring round number', () => {
  const same = (draft: string, source: string) => sameNumber(number(draft), number(source));
  assert.equal(same('cut 3,000 jobs', 'cut 2,970 jobs'), true, 'the draft rounds');
  assert.equal(same('cut nearly 3,000 jobs', 'cut 2,970 jobs'), true, 'hedged and rounded');
  assert.equal(same('spend £1.5m', 'spend £1,480,000'), true);
  assert.equal(same('cut 31 jobs', 'cut 30 jobs'), false, 'more precise than the source');
  assert.equal(same('cut 4,000 jobs', 'cut 3,000 jobs'), false, 'neighbouring round number');
  assert.equal(same('cut 29 jobs', 'cut 30 jobs'), false, '±1');
  assert.equal(same('some 602 schools', 'some 601 schools'), false, 'a hedge on both sides absorbs nothing');
  assert.equal(same('fell 5%', 'fell 5 pct'), true);
  assert.equal(same('fell 5%', 'fell 5 points'), false, 'a percentage is no count');
  assert.equal(same('spend $5m', 'spend £5m'), false, 'another currency');
});

test('number-mismatch: a count changed in a restated sentence, with the source wording as the suggestion and the sentence cited', async () => {
  const draft = 'Hanmoto said it would cut 4,000 jobs at its plant in Ulsan by the end of next year.';
  const [f, ...rest] = await warnings(draft);
  assert.deepEqual(rest, []);
  assert.equal(f.code, 'number-mismatch');
  assert.equal(f.covered, '4,000');
  assert.equal(f.suggestion, '3,000');
  assert.match(f.message, /3,000 jobs/);
  assert.match(f.evidence[0].text, /cut 3,000 jobs at its plant in Ulsan/);
  assert.equal(f.severity, 'warning');
});

test('number-mismatch: amounts and percentages, whatever their spelling', async () => {
  const money = await warnings('The company will spend £15m on retraining the workers who leave, a spokeswoman for Hanmoto said in Seoul.');
  assert.deepEqual(money.map((f) => [f.code, f.covered, f.suggestion]), [['number-mismatch', '£15m', '£1.5m']]);
  const pct = await warnings('Sales fell 13 per cent in the first quarter to 410,000 vehicles, the weakest figure since the crisis of 2009.');
  assert.deepEqual(pct.map((f) => [f.code, f.covered, f.suggestion]), [['number-mismatch', '13 per cent', '12 percent']]);
  // The one number left on each side stands in one slot, whatever the other numbers of the sentence.
  const left = await warnings('Sales fell 12 percent in the first quarter to 420,000 vehicles, the weakest figure since the crisis of 2009.');
  assert.deepEqual(left.map((f) => [f.covered, f.suggestion]), [['420,000', '410,000']]);
});

test('fact-mismatch: a place swapped for another of the same article, the kind said in the message', async () => {
  const [f, ...rest] = await warnings('Chief executive Park Min-jun told reporters in Ulsan that the plant had dropped by a third over the past two years.');
  assert.deepEqual(rest, []);
  assert.equal(f.code, 'fact-mismatch');
  assert.equal(f.covered, 'Ulsan');
  assert.equal(f.suggestion, 'Busan');
  assert.match(f.message, /place/);
  // A name the article never uses is not "another of the same article": the reporter may know more.
  assert.deepEqual(await warnings('Chief executive Park Min-jun told reporters in Daegu that the plant had dropped by a third over the past two years.'), []);
});

test('date-mismatch: a weekday changed, and a year shifted against a source date resolved from "June of the same year"', async () => {
  const weekday = await warnings('The carmaker Hanmoto said on Friday it would cut 3,000 jobs at its plant in Ulsan by the end of next year.');
  assert.deepEqual(weekday.map((f) => [f.code, f.covered, f.suggestion]), [['date-mismatch', 'Friday', 'Thursday']]);
  const paraphrased = await warnings('After opening it in March 1998, Hanmoto expanded its Ulsan plant in June 1999.');
  assert.deepEqual(paraphrased.map((f) => [f.code, f.covered, f.suggestion]), [['date-mismatch', 'June 1999', 'June 1998']]);
});

test('copied and faithfully restated sentences are silent', async () => {
  const article = fs.readFileSync(path.join(factsCorpus, 'hanmoto.md'), 'utf8').replace(/^---[\s\S]*?---\n/, '');
  assert.deepEqual(await warnings(article), [], 'the article itself');
  for (const draft of [
    'Hanmoto said it would cut three thousand jobs at its Ulsan plant by the end of next year, the carmaker said on Thursday.',
    'The company will spend 1.5 million pounds on retraining the workers who leave, a spokeswoman for Hanmoto said in Seoul.',
    'The company will spend £1.5 million on retraining the workers who leave, a spokeswoman for Hanmoto said in Seoul.',
    'Sales fell nearly 12 percent in the first quarter to about 400,000 vehicles, the weakest figure since the crisis of 2009.',
    'Sales fell 12% in the first quarter to 410,000 vehicles, the weakest since the crisis of 2009; the plant in Ulsan will lose 3,000 jobs.',
    'In the first quarter, sales fell 12 percent to 410,000 vehicles, the weakest figure since the crisis of 2009.',
    'Hanmoto opened the Ulsan plant in March 1998 and expanded it again in June 1998.',
  ]) {
    assert.deepEqual(await warnings(draft), [], draft);
  }
});

test('facts inside a quotation are the quotation check\'s: no second report', async () => {
  const found = await warnings('A spokeswoman said: "The company will spend £15m on retraining the workers who leave."');
  assert.deepEqual(found.filter((f) => f.code === 'number-mismatch'), []);
});

test('a sentence that follows a source only loosely is never contradicted by it', async () => {
  // Five of its seven content words stand in the source's first two sentences: aligned, but under the 80 % a contradiction needs.
  assert.deepEqual(await warnings('The company said it would cut 400 jobs, a union official said on Monday.'), []);
  // The same sentence restated closely is.
  assert.deepEqual((await warnings('The carmaker Hanmoto said it would cut 400 jobs at its plant in Ulsan by the end of next year.')).map((f) => f.covered), ['400']);
});

test('date verdicts compare the whole date: "June 12" is not verified by "June 2019", and the day counts', async () => {
  assert.equal(compareWholeDates({ month: 6, day: 12 }, { year: 2019, month: 6 }), 'unknown');
  assert.equal(compareWholeDates({ year: 2019 }, { year: 2019, month: 6 }), 'same');
  assert.equal(compareWholeDates({ month: 6, day: 12 }, { year: 2025, month: 6, day: 11 }), 'different');
  const draft = 'Pyongwatch reported on June 12 that diplomats in New York had refused to accept a letter from the president.';
  const all = await checkDraft(draft, index);
  assert.deepEqual(all.filter((f) => f.code === 'date-verified'), [], 'no verdict of "verified" on a sentence giving another date');
  const wrong = all.filter((f) => f.code === 'date-mismatch');
  assert.deepEqual(wrong.map((f) => f.suggestion), ['June 11']);
  const right = (await checkDraft(draft.replace('June 12', 'June 11'), index)).filter((f) => f.code === 'date-verified');
  assert.equal(right.length, 1);
  assert.match(right[0].evidence[0].text, /June 11/);
});

test('the sample corpus: "four" summits against "three" is caught; its own sentences are silent', async () => {
  const draft = 'The outlet explained that President Trump’s attempt to send the letter was intended to restart the dialogue that had taken place through four North Korea-U.S. summits during his first term in office.';
  const found = await warnings(draft, sample);
  assert.deepEqual(found.map((f) => [f.code, f.covered, f.suggestion]), [['number-mismatch', 'four', 'three']]);
  for (const file of fs.readdirSync(sampleCorpusDir)) {
    const text = fs.readFileSync(path.join(sampleCorpusDir, file), 'utf8');
    assert.deepEqual((await warnings(text, sample)).map((f) => f.covered), [], file);
  }
});

test('the draft\'s date: its front matter, else the configured date', () => {
  assert.equal(draftReferenceDate('---\ntitle: x\ndate: 2020-03-04\n---\nText.'), '2020-03-04');
  assert.equal(draftReferenceDate('Text without front matter.', '2021-01-02'), '2021-01-02');
  assert.equal(draftReferenceDate('Text.', 'not a date'), undefined);
  assert.equal(draftReferenceDate('Text.'), undefined);
});

test('numbers are paired one to one: a draft "12,000" restating the source\'s 12,000 does not also stand for its 11,900', async () => {
  const found = await warnings('The fund bought 11,901 shares between March 3 and March 20 and obtained voting control over another 12,000 shares.');
  assert.deepEqual(found.map((f) => [f.code, f.covered, f.suggestion]), [['number-mismatch', '11,901', '11,900']]);
  assert.deepEqual(await warnings('The fund bought 11,900 shares between March 3 and March 20 and obtained voting control over another 12,000 shares.'), []);
});

test('a whole count below 100 is never rounded: "30 banks" for 29 differs, "nearly 30 banks" does not', () => {
  const same = (draft: string, source: string) => sameNumber(number(draft), number(source));
  assert.equal(same('linked 30 banks', 'linked 29 banks'), false);
  assert.equal(same('a 20-year-old singer', 'a 21-year-old singer'), false);
  assert.equal(same('linked nearly 30 banks', 'linked 29 banks'), true);
  assert.equal(same('rose 5%', 'rose 4.8%'), true, 'a percentage may be rounded');
});

test('fact-mismatch: a name swapped for one the neighbouring sentence uses is not explained away by that neighbour', async () => {
  const found = await warnings('Harlow Media also said the other partner is Nordvik, a company owned by Petra Lind.');
  assert.deepEqual(found.map((f) => [f.code, f.covered, f.suggestion]), [['fact-mismatch', 'Nordvik', 'Ostrava Holdings Inc']]);
});

test('fact-mismatch: a name put in another\'s place that the sentence already uses (by its initials here) is caught by its slot', async () => {
  const found = await warnings('The regulator said it would ask the Federal Trade Board to review the sale of FTB in order to protect local news.');
  assert.deepEqual(found.map((f) => [f.code, f.covered, f.suggestion]), [['fact-mismatch', 'FTB', 'Ostrava Holdings']]);
  // The same name in another form is no swap: initials, a legal suffix left out, words in another order.
  for (const draft of [
    'The regulator said it would ask the FTB to review the sale of Ostrava Holdings in order to protect local news.',
    'The regulator said it would ask the Federal Trade Board to review the sale of Ostrava Holdings Inc in order to protect local news.',
    'Harlow Media also said the other partner is Ostrava Holdings, a company owned by Petra Lind.',
  ]) {
    assert.deepEqual(await warnings(draft), [], draft);
  }
});

test('a party and its nickname are one name: "Conservative" restates "Tory"; another party of the article is a swap', async () => {
  // The article also says "Conservative Party", so only the nickname rule keeps this quiet.
  assert.deepEqual(await warnings('The Conservative candidate, Hugh Dalby, will defend a majority of 4,200 in the Marsh End by-election on May 15, after the sitting member stood down.'), []);
  const found = await warnings('The Labour candidate, Hugh Dalby, will defend a majority of 4,200 in the Marsh End by-election on May 15, after the sitting member stood down.');
  assert.deepEqual(found.map((f) => [f.code, f.covered, f.suggestion]), [['fact-mismatch', 'Labour', 'Tory']]);
});
