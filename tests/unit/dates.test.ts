import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractDates } from '../../server/src/engine/extract/dates';
import { compareDateValues, formatDateValue, SAME_EVENT_MIN_SCORE, sameEvent } from '../../server/src/engine/match/compareDates';
import { eventMatchKeys } from '../../server/src/engine/extract/eventWords';
import type { DateMention, SentenceSpan } from '../../server/src/engine/types';
import { fixturesDir, sampleCorpusDir, sharedDataDir } from '../helpers';

// The product's sentence splitter is being rewritten elsewhere; these tests
// split on line breaks and sentence-final punctuation so they test dates only.
function sentencesOf(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const re = /[^\n]+/g;
  for (let line = re.exec(text); line !== null; line = re.exec(text)) {
    const boundary = /(?<=[.!?])\s+/g;
    let start = 0;
    for (let b = boundary.exec(line[0]); b !== null; b = boundary.exec(line[0])) {
      out.push({ start: line.index + start, end: line.index + b.index });
      start = b.index + b[0].length;
    }
    if (start < line[0].length) out.push({ start: line.index + start, end: line.index + line[0].length });
  }
  return out;
}

function datesOf(text: string, referenceDate?: string): DateMention[] {
  return extractDates(text, sentencesOf(text), referenceDate ? { referenceDate } : {});
}

function one(mentions: DateMention[], surface: string): DateMention {
  const found = mentions.filter((m) => m.text === surface);
  assert.equal(found.length, 1, `expected one mention "${surface}" in ${JSON.stringify(mentions.map((m) => m.text))}`);
  return found[0];
}

const corpus000 = fs.readFileSync(path.join(sampleCorpusDir, '000_5f232754d814ddaa.txt'), 'utf8');
const corpus003 = fs.readFileSync(path.join(sampleCorpusDir, '003_4a9a46e10c6725df.txt'), 'utf8');
const REF = '2025-06-12';

test('spans point at the mention text', () => {
  for (const text of [corpus000, corpus003]) {
    const mentions = datesOf(text, REF);
    assert.ok(mentions.length >= 5);
    for (const m of mentions) assert.equal(text.slice(m.span.start, m.span.end), m.text);
  }
});

test('three-summit sentence: each date gets its own place', () => {
  const mentions = datesOf(corpus003);
  const june2018 = one(mentions, 'June 2018');
  const feb2019 = one(mentions, 'February 2019');
  const june2019 = one(mentions, 'June of the same year');
  assert.deepEqual(june2018.value, { year: 2018, month: 6 });
  assert.deepEqual(feb2019.value, { year: 2019, month: 2 });
  // "June of the same year" takes 2019 from the previous date of the sentence.
  assert.deepEqual(june2019.value, { year: 2019, month: 6 });

  assert.ok(june2018.eventWords.includes('singapore'));
  assert.ok(!june2018.eventWords.includes('vietnam') && !june2018.eventWords.includes('panmunjom'));
  assert.ok(feb2019.eventWords.includes('vietnam'));
  assert.ok(!feb2019.eventWords.includes('singapore') && !feb2019.eventWords.includes('panmunjom'));
  assert.ok(june2019.eventWords.includes('panmunjom'));
  assert.ok(!june2019.eventWords.includes('vietnam') && !june2019.eventWords.includes('singapore'));
  // The sentence's event ("met") is shared by all three, lemmatised.
  for (const m of [june2018, feb2019, june2019]) assert.ok(m.eventWords.includes('meet'), m.text);
});

test('month and day: year only from a reference date', () => {
  const noRef = one(datesOf(corpus003), 'June 11');
  assert.deepEqual(noRef.value, { month: 6, day: 11 });
  const withRef = one(datesOf(corpus003, REF), 'June 11');
  assert.deepEqual(withRef.value, { year: 2025, month: 6, day: 11 });
  // chrono's year nearest the reference: December in a January article is last year's.
  assert.deepEqual(one(datesOf('The deal was signed on December 28.', '2025-01-05'), 'December 28').value, { year: 2024, month: 12, day: 28 });
});

test('"on the 11th (local time)": day of the reference month', () => {
  const noRef = one(datesOf(corpus000), 'the 11th');
  assert.deepEqual(noRef.value, { day: 11 });
  const withRef = one(datesOf(corpus000, REF), 'the 11th');
  assert.deepEqual(withRef.value, { year: 2025, month: 6, day: 11 });
  assert.ok(withRef.eventWords.includes('briefing'));
  // "Singapore" is inside the quotation, not where the briefing was.
  assert.ok(!withRef.eventWords.includes('singapore'));
  // An ordinal that is not a day.
  assert.deepEqual(datesOf('She lives on the 11th floor of the tower.', REF), []);
});

test('bare years in date contexts', () => {
  const m000 = datesOf(corpus000);
  const years = m000.filter((m) => /^\d{4}$/.test(m.text)).map((m) => m.value?.year);
  // "summit in Singapore in 2018", "in Hanoi in 2019", "the 2018 Singapore agreement", "in 2018 or 2019", "in Hanoi in 2019"
  assert.deepEqual(years, [2018, 2019, 2018, 2018, 2019, 2019]);

  const agreement = m000.find((m) => m.text === '2018' && m.eventWords.includes('agreement'));
  assert.ok(agreement, 'the 2018 Singapore agreement');
  assert.ok(agreement.eventWords.includes('singapore'));

  const hanoi = m000.find((m) => m.text === '2019' && m.eventWords.includes('summit'));
  assert.ok(hanoi && hanoi.eventWords.includes('hanoi'));

  const either = datesOf('Kim does not need Trump as much as he did in 2018 or 2019.');
  assert.deepEqual(either.map((m) => m.value), [{ year: 2018 }, { year: 2019 }]);
  assert.deepEqual(datesOf('Loans due in mid-1987 and 1988 were rescheduled.').map((m) => m.value), [{ year: 1987 }, { year: 1988 }]);
});

test('numbers that are not years are left alone', () => {
  assert.deepEqual(datesOf('Exports rose to 2000 tonnes, for 1987 dlrs a tonne.'), []);
  assert.deepEqual(datesOf('The 1986/87 crop and the 1985-86 season were poor; 2010 shares changed hands.'), []);
});

test('"four months after taking office": relative to an event, no value', () => {
  const m = one(datesOf(corpus000, REF), 'four months after taking office');
  assert.equal(m.value, undefined);
  assert.deepEqual(m.relative, { amount: 4, unit: 'month', direction: 'after', anchor: 'taking office' });
  assert.ok(m.eventWords.includes('office'));
  // "a year before" with no event after it is not an anchored date.
  assert.deepEqual(datesOf('Sales were 183 mln dlrs a year before and rose since.'), []);
});

test('reference-date expressions resolve only with a reference date', () => {
  const text = 'The ministry said yesterday that exports fell last year. Talks resume on Monday.';
  assert.deepEqual(datesOf(text), []);
  const m = datesOf(text, '2025-06-12'); // a Thursday
  assert.deepEqual(one(m, 'yesterday').value, { year: 2025, month: 6, day: 11 });
  assert.deepEqual(one(m, 'last year').value, { year: 2024 });
  assert.deepEqual(one(m, 'Monday').value, { year: 2025, month: 6, day: 9 });
});

test('a year is never invented', () => {
  // A month alone keeps no year even with a reference date: it may be another year of the story.
  assert.deepEqual(one(datesOf('Prices peaked in March.', REF), 'March').value, { month: 3 });
  // "the end of March" is not March 31; the span is the month, so a fix can replace it.
  assert.deepEqual(one(datesOf('Talks end at the end of March 2019.'), 'March 2019').value, { year: 2019, month: 3 });
  // "the same year" without an earlier year leaves the year unknown.
  assert.deepEqual(one(datesOf('They met again in June of the same year.', REF), 'June of the same year').value, { month: 6 });
  assert.deepEqual(datesOf('They met again later that year.', REF), []);
  // Vague or story-relative expressions: no date.
  assert.deepEqual(datesOf('Three weeks later, the deal was done. Output rose this week. It lost money in the last four years.', REF), []);
});

test('a text without dates yields nothing', () => {
  const text = fs.readFileSync(path.join(fixturesDir, 'dates', 'no-dates.txt'), 'utf8');
  assert.deepEqual(datesOf(text, REF), []);
  assert.deepEqual(datesOf(text), []);
  assert.deepEqual(extractDates('', []), []);
});

test('whole text passed as one sentence still ties dates to their clauses', () => {
  // The sentence splitter may hand over a whole text; clause splitting still separates the three summits.
  const mentions = extractDates(corpus003, [{ start: 0, end: corpus003.length }]);
  assert.ok(one(mentions, 'February 2019').eventWords.includes('vietnam'));
  assert.deepEqual(one(mentions, 'June of the same year').value, { year: 2019, month: 6 });
});

function draftDates(): DateMention[] {
  const text = fs.readFileSync(path.join(fixturesDir, 'dates', 'draft-summits.md'), 'utf8');
  return datesOf(text);
}

test('sameEvent: the Vietnam summit matches the Hanoi / Vietnam dates only', () => {
  const vietnam = one(draftDates(), 'February 2020');
  assert.ok(vietnam.eventWords.includes('vietnam') && vietnam.eventWords.includes('summit'));
  const c003 = datesOf(corpus003, REF);
  const c000 = datesOf(corpus000, REF);
  const hanoiSummit = c000.find((m) => m.text === '2019' && m.eventWords.includes('hanoi') && m.eventWords.includes('summit'))!;
  assert.ok(sameEvent(vietnam, one(c003, 'February 2019')) >= SAME_EVENT_MIN_SCORE);
  assert.ok(sameEvent(vietnam, hanoiSummit) >= SAME_EVENT_MIN_SCORE);
  assert.equal(sameEvent(vietnam, one(c003, 'June 2018')), 0);
  assert.equal(sameEvent(vietnam, one(c003, 'June of the same year')), 0);
  // Then the values disagree: the draft's year is wrong.
  assert.equal(compareDateValues(vietnam.value!, one(c003, 'February 2019').value!), 'different');
});

test('sameEvent: the Singapore summit matches Singapore dates, not Panmunjom', () => {
  const singapore = one(draftDates(), 'June 2018');
  const c003 = datesOf(corpus003, REF);
  const c000 = datesOf(corpus000, REF);
  const firstSummit = c000.find((m) => m.text === '2018' && m.eventWords.includes('summit') && m.eventWords.includes('singapore'))!;
  assert.ok(sameEvent(singapore, one(c003, 'June 2018')) >= SAME_EVENT_MIN_SCORE);
  assert.ok(sameEvent(singapore, firstSummit) >= SAME_EVENT_MIN_SCORE);
  assert.equal(sameEvent(singapore, one(c003, 'June of the same year')), 0);
  assert.equal(sameEvent(singapore, one(c000, 'June 2019')), 0);
  assert.equal(compareDateValues(singapore.value!, firstSummit.value!), 'same');

  const panmunjom = one(draftDates(), 'June 2019');
  assert.ok(sameEvent(panmunjom, one(c003, 'June of the same year')) >= SAME_EVENT_MIN_SCORE);
  assert.equal(sameEvent(panmunjom, one(c003, 'June 2018')), 0);
  assert.equal(compareDateValues(panmunjom.value!, one(c003, 'June of the same year').value!), 'same');
});

test('sameEvent: word classes and symmetry', () => {
  const m = (eventWords: string[]): DateMention => ({ text: '', span: { start: 0, end: 0 }, eventWords });
  assert.equal(sameEvent(m([]), m(['summit'])), 0);
  assert.equal(sameEvent(m(['election']), m(['war'])), 0);
  // A city matches its country.
  assert.ok(sameEvent(m(['vietnam', 'summit']), m(['hanoi', 'summit'])) >= SAME_EVENT_MIN_SCORE);
  // Only a generic verb in common: below the threshold.
  assert.ok(sameEvent(m(['meet']), m(['meet', 'letter'])) < SAME_EVENT_MIN_SCORE);
  // A specific event noun without places: comparable but weaker than with a shared place.
  const noPlace = sameEvent(m(['briefing']), m(['briefing', 'letter']));
  assert.ok(noPlace >= SAME_EVENT_MIN_SCORE && noPlace < sameEvent(m(['washington', 'briefing']), m(['washington', 'briefing', 'letter'])));
  const a = m(['singapore', 'summit', 'statement']);
  const b = m(['singapore', 'meet', 'agreement']);
  assert.equal(sameEvent(a, b), sameEvent(b, a));
});

test('eventMatchKeys: pairs that sameEvent scores share a key', () => {
  const keys = (words: string[]): Set<string> => new Set(eventMatchKeys(words));
  const shares = (a: string[], b: string[]): boolean => [...keys(a)].some((k) => keys(b).has(k));
  // "the Vietnam meeting" and "the summit in Hanoi" have no word in common, but keys.
  assert.ok(shares(['vietnam', 'meet'], ['hanoi', 'summit']));
  assert.ok(keys(['hanoi']).has('vietnam') && keys(['summit']).has('meet'));
  assert.ok(!shares(['singapore'], ['panmunjom']));
  assert.ok(!shares(['election'], ['war']));
});

test('compareDateValues compares at the precision both give', () => {
  assert.equal(compareDateValues({ year: 2019 }, { year: 2019, month: 2 }), 'same');
  assert.equal(compareDateValues({ year: 2020, month: 2 }, { year: 2019, month: 2 }), 'different');
  assert.equal(compareDateValues({ year: 2018, month: 6, day: 12 }, { year: 2018, month: 6 }), 'same');
  assert.equal(compareDateValues({ year: 2018, month: 6, day: 12 }, { year: 2018, month: 6, day: 11 }), 'different');
  assert.equal(compareDateValues({ month: 6, day: 11 }, { year: 2025, month: 6, day: 11 }), 'same');
  assert.equal(compareDateValues({ year: 2018, month: 6 }, { year: 2018, month: 7 }), 'different');
  // A day without a month on either side cannot be compared.
  assert.equal(compareDateValues({ day: 11 }, { year: 2025, month: 6, day: 12 }), 'unknown');
  assert.equal(compareDateValues({ day: 11 }, { day: 12 }), 'unknown');
  assert.equal(compareDateValues({}, { year: 2019 }), 'unknown');
});

test('formatDateValue writes dates as news copy does', () => {
  assert.equal(formatDateValue({ year: 2019, month: 2 }), 'February 2019');
  assert.equal(formatDateValue({ year: 2018, month: 6, day: 11 }), 'June 11, 2018');
  assert.equal(formatDateValue({ year: 2018 }), '2018');
  assert.equal(formatDateValue({ month: 6, day: 11 }), 'June 11');
  assert.equal(formatDateValue({ day: 11 }), 'the 11th');
  assert.equal(formatDateValue({ day: 22 }), 'the 22nd');
  assert.equal(formatDateValue({}), '');
});

test('Reuters articles: dated sentences resolve against the article date', { skip: !fs.existsSync(path.join(sharedDataDir, 'reuters21578')) }, () => {
  const file = path.join(sharedDataDir, 'reuters21578', 'reuters21578.jsonl');
  const first = JSON.parse(fs.readFileSync(file, 'utf8').split('\n', 1)[0]) as { text: string; date: string };
  const mentions = datesOf(first.text, first.date.slice(0, 10));
  // "Arrivals for the week ended February 22 were 155,221 bags" in an article of 1987-02-26.
  assert.deepEqual(one(mentions, 'February 22').value, { year: 1987, month: 2, day: 22 });
  for (const m of mentions) assert.equal(first.text.slice(m.span.start, m.span.end), m.text);
});
