import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractPeople, nameKey, nameTokens, sameName } from '../../server/src/engine/extract/names';
import { splitSentences } from '../../server/src/engine/extract/sentences';
import type { PersonMention } from '../../server/src/engine/types';
import { fixturesDir, sampleCorpusDir } from '../helpers';

function sample(prefix: string): string {
  const file = fs.readdirSync(sampleCorpusDir).find((f) => f.startsWith(prefix));
  assert.ok(file, `sample article ${prefix} present`);
  return fs.readFileSync(path.join(sampleCorpusDir, file), 'utf8');
}

function people(text: string, isKnownPerson?: (c: string) => boolean): PersonMention[] {
  return extractPeople(text, splitSentences(text), { isKnownPerson });
}

function first(found: PersonMention[], fullName: string): PersonMention {
  const m = found.find((p) => p.fullName === fullName);
  assert.ok(m, `${fullName} found among ${JSON.stringify(found.map((p) => p.fullName))}`);
  return m;
}

test('sample 000: Leavitt by title, Lankov by apposition, repeats resolve, no organisations', () => {
  const text = sample('000_');
  const found = people(text);
  const leavitt = first(found, 'Caroline Leavitt');
  assert.equal(leavitt.cue, 'title');
  assert.equal(leavitt.role?.text, 'White House spokesperson');
  assert.equal(text.slice(leavitt.role!.span.start, leavitt.role!.span.end), 'White House spokesperson');
  const lankov = first(found, 'Andrei Lankov');
  assert.equal(lankov.cue, 'apposition');
  assert.equal(lankov.role?.text, 'professor at Kookmin University');
  const repeat = found.find((p) => p.text === 'Leavitt');
  assert.equal(repeat?.cue, 'repeat');
  assert.equal(repeat?.fullName, 'Caroline Leavitt');
  const trump = found.find((p) => p.text === 'Trump' && p.cue === 'title');
  assert.equal(trump?.role?.text, 'President');
  assert.ok(found.some((p) => p.fullName === 'Lee Jaemyung'));
  const names = new Set(found.map((p) => p.fullName));
  for (const notPerson of ['NK News', 'White House', 'Kookmin University', 'Reuters', 'Politico', 'Washington', 'Singapore', 'Hanoi', 'Yongbyon', 'Panmunjom', 'Korean Peninsula', 'North Korea', 'North Korea-US']) {
    assert.ok(!names.has(notPerson), `${notPerson} is not a person`);
  }
  // The Title Case headline lines give no people.
  const headlineEnd = text.indexOf('For the first time');
  assert.ok(!found.some((p) => p.span.start < headlineEnd), 'no person from headlines');
});

test('sample 003: roles of Lankov, Ward and Ryu; Chairman Kim resolves to Kim Jong Un', () => {
  const text = sample('003_');
  const found = people(text);
  assert.equal(first(found, 'Peter Ward').role?.text, 'North Korea expert at the Sejong Institute');
  assert.equal(first(found, 'Ryu Hyunwoo').role?.text, 'former acting ambassador at the North Korean Embassy in Kuwait');
  assert.equal(first(found, 'Andrei Lankov').role?.text, 'professor at Kookmin University');
  const donald = first(found, 'Donald Trump');
  assert.equal(donald.role?.text, 'President');
  const chairmanKim = found.filter((p) => p.text === 'Kim');
  assert.ok(chairmanKim.length >= 2);
  for (const k of chairmanKim) assert.equal(k.fullName, 'Kim Jong Un');
  assert.ok(found.filter((p) => p.text === 'Trump').every((p) => p.fullName === 'Donald Trump'));
  const names = new Set(found.map((p) => p.fullName));
  for (const notPerson of ['NK News', 'TopNK News', 'White House', 'State Department', 'U.S. State Department', 'Sejong Institute', 'Manhattan', 'New York']) {
    assert.ok(!names.has(notPerson), `${notPerson} is not a person`);
  }
  // Spans point at the words as written.
  for (const p of found) assert.equal(text.slice(p.span.start, p.span.end), p.text);
});

test('title cues: abbreviations, initials, department titles, particles', () => {
  const found = people('Sen. Ted Cruz met Secretary of State John Kerry and Dr. Ludwig van Beethoven. Then Mr. Donald J. Trump spoke.');
  assert.deepEqual(
    found.map((p) => [p.text, p.cue]),
    [
      ['Ted Cruz', 'title'],
      ['John Kerry', 'title'],
      ['Ludwig van Beethoven', 'title'],
      ['Donald J. Trump', 'title'],
    ],
  );
  assert.equal(found[0].role?.text, 'Sen.');
  assert.equal(found[1].role?.text, 'Secretary of State');
});

test('speech-verb cues: "X said", "said X", "according to X", "X went on to say"', () => {
  const found = people('Maria Lopez said the vote was close. "It was," said John Smith. According to Ana Kim, it was not. Lopez went on to say more.');
  assert.deepEqual(
    found.map((p) => [p.text, p.cue, p.fullName]),
    [
      ['Maria Lopez', 'speaker', 'Maria Lopez'],
      ['John Smith', 'speaker', 'John Smith'],
      ['Ana Kim', 'speaker', 'Ana Kim'],
      ['Lopez', 'repeat', 'Maria Lopez'],
    ],
  );
});

test('a misspelled name in a draft is still found through its speech verb', () => {
  const text = fs.readFileSync(path.join(fixturesDir, 'extract', 'draft-misspelled.md'), 'utf8');
  const found = people(text);
  const lankow = found.find((p) => p.text === 'Andrei Lankow');
  assert.equal(lankow?.cue, 'speaker');
  assert.equal(lankow?.fullName, 'Andrei Lankow');
  assert.equal(first(found, 'Caroline Leavitt').role?.text, 'White House spokesperson');
  // "Trump" and "Kim" in the Title Case heading are not introduced there.
  assert.ok(!found.some((p) => p.span.start < text.indexOf('Andrei')));
});

test('known people: a bare capitalised name counts only when the caller knows it', () => {
  const text = 'The talks involved Kim Jong Un and Moon Jae-in at Panmunjom.';
  assert.deepEqual(people(text), []);
  const known = people(text, (c) => ['kimjongun', 'moonjaein'].includes(nameKey(c)));
  assert.deepEqual(known.map((p) => [p.text, p.cue]), [
    ['Kim Jong Un', 'known'],
    ['Moon Jae-in', 'known'],
  ]);
});

test('organisations and places are not people even with speech verbs', () => {
  const found = people('Reuters reported the deal. NK News said so. The State Department said nothing. Washington said no. Experts said yes. Kookmin University said it.');
  assert.deepEqual(found, []);
});

test('apposition with an organisation head is not a person', () => {
  assert.deepEqual(people('NK News, a U.S.-based North Korea-focused media outlet, reported on June 11.'), []);
});

test('sameName, nameKey and nameTokens accept spelling variants but not misspellings', () => {
  assert.ok(sameName('Kim Jong-un', 'Kim Jong Un'));
  assert.ok(sameName('Kim Jong un', 'KIM JONG-UN'));
  assert.ok(sameName('Lee Jae-myung', 'Lee Jaemyung'));
  assert.ok(sameName('José Martí', 'Jose Marti'));
  assert.ok(!sameName('Andrei Lankow', 'Andrei Lankov'));
  assert.ok(!sameName('Kim Jong Un', 'Kim Yo Jong'));
  assert.equal(nameKey('Kim Jong-un'), nameKey('Kim Jong Un'));
  assert.deepEqual(nameTokens('Kim Jong-un’s'), ['kim', 'jong', 'un']);
  assert.deepEqual(nameTokens('Donald J. Trump'), ['donald', 'j', 'trump']);
});
