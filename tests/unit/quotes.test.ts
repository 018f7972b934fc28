import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractPeople } from '../../server/src/engine/extract/names';
import { extractQuotes } from '../../server/src/engine/extract/quotes';
import { splitSentences } from '../../server/src/engine/extract/sentences';
import type { QuoteMention } from '../../server/src/engine/types';
import { fixturesDir, sampleCorpusDir } from '../helpers';

function sample(prefix: string): string {
  const file = fs.readdirSync(sampleCorpusDir).find((f) => f.startsWith(prefix));
  assert.ok(file, `sample article ${prefix} present`);
  return fs.readFileSync(path.join(sampleCorpusDir, file), 'utf8');
}

function quotes(text: string): QuoteMention[] {
  const sentences = splitSentences(text);
  return extractQuotes(text, sentences, extractPeople(text, sentences));
}

function quoteStarting(found: QuoteMention[], start: string): QuoteMention {
  const q = found.find((x) => x.text.startsWith(start));
  assert.ok(q, `quote "${start}" found among ${JSON.stringify(found.map((x) => x.text.slice(0, 30)))}`);
  return q;
}

/** [quote start, resolved speaker or undefined] pairs for compact assertions. */
function speakers(found: QuoteMention[]): [string, string | undefined][] {
  return found.map((q) => [q.text.split(/\s+/).slice(0, 3).join(' '), q.speaker?.resolved]);
}

test('sample 000: Leavitt, Reuters, Lankov (with "He advised"), Politico; scare quotes have no speaker', () => {
  const text = sample('000_');
  const found = quotes(text);
  for (const q of found) {
    assert.equal(text.slice(q.span.start, q.span.end), q.text);
    assert.equal(q.outerSpan.start, q.span.start - 1);
    assert.equal(q.outerSpan.end, q.span.end + 1);
  }
  const leavitt1 = quoteStarting(found, 'The President remains receptive');
  assert.equal(leavitt1.speaker?.resolved, 'Caroline Leavitt');
  assert.equal(leavitt1.speaker?.text, 'Caroline Leavitt');
  assert.equal(leavitt1.cue, 'stated');
  // "…," adding, "…": the continuation keeps the speaker.
  assert.equal(quoteStarting(found, 'He would like to see').speaker?.resolved, 'Caroline Leavitt');
  const leavitt3 = quoteStarting(found, 'I will leave it');
  assert.equal(leavitt3.speaker?.text, 'Leavitt');
  assert.equal(leavitt3.speaker?.resolved, 'Caroline Leavitt');
  assert.equal(leavitt3.cue, 'went on to say');
  const reuters = quoteStarting(found, 'At the second North Korea-US summit');
  assert.deepEqual([reuters.speaker?.resolved, reuters.speaker?.isOrganisation], ['Reuters', true]);
  // The single quotes inside Reuters' quote stay inside it.
  assert.ok(reuters.text.includes("'no deal'"));
  const told = quoteStarting(found, 'Kim Jong Un does not need Trump');
  assert.equal(told.speaker?.resolved, 'Andrei Lankov');
  assert.equal(told.cue, 'told NK News');
  assert.equal(quoteStarting(found, 'North Korea is still interested in negotiations').speaker?.resolved, 'Andrei Lankov');
  const advised = quoteStarting(found, 'Trump needs to be patient');
  assert.deepEqual([advised.speaker?.text, advised.speaker?.resolved, advised.cue], ['He', 'Andrei Lankov', 'advised']);
  const politico = quoteStarting(found, "Kim Jong Un's possession");
  assert.deepEqual([politico.speaker?.text, politico.speaker?.resolved, politico.speaker?.isOrganisation], ['Politico', 'Politico', true]);
  assert.equal(quoteStarting(found, "Since Washington's previous").speaker?.resolved, 'Politico');
  // "President Trump referred to North Korea as a “nuclear power”": the clause's named subject owns the words (issue 8, attribution cues).
  assert.equal(quoteStarting(found, 'nuclear power').speaker?.resolved, 'Donald Trump');
  for (const scare of ['top-down diplomacy', 'complete denuclearization of North Korea', 'No Deal', 'Open to Letter Diplomacy']) {
    assert.equal(quoteStarting(found, scare).speaker, undefined, `no speaker for "${scare}"`);
  }
});

test('sample 003: State Department as organisation, Lankov, "he said" → Lankov, "He said" → Peter Ward, Ryu', () => {
  const text = sample('003_');
  const found = quotes(text);
  const state = quoteStarting(found, 'We do not comment');
  assert.deepEqual([state.speaker?.text, state.speaker?.isOrganisation], ['The U.S. State Department', true]);
  assert.equal(state.speaker?.resolved, 'U.S. State Department');
  assert.equal(text.slice(state.speaker!.span!.start, state.speaker!.span!.end), 'The U.S. State Department');
  assert.equal(quoteStarting(found, 'Kim Jong Un needs Trump').speaker?.resolved, 'Andrei Lankov');
  assert.deepEqual([quoteStarting(found, 'I still think').speaker?.text, quoteStarting(found, 'I still think').speaker?.resolved], ['he', 'Andrei Lankov']);
  const ward = quoteStarting(found, 'Last time, the White House');
  assert.deepEqual([ward.speaker?.text, ward.speaker?.resolved], ['He', 'Peter Ward']);
  assert.equal(quoteStarting(found, 'Chairman Kim will not make a move').speaker?.resolved, 'Ryu Hyunwoo');
  // "the outlet reported": a speaker in words, but no name to resolve it to.
  const outlet = quoteStarting(found, 'President Trump drafted');
  assert.equal(outlet.speaker?.text, 'the outlet');
  assert.equal(outlet.speaker?.resolved, undefined);
});

test('speaker before: "X said, “…”" and "X told NK News, “…”"', () => {
  assert.deepEqual(speakers(quotes('Maria Lopez said, “We will win.”')), [['We will win.', 'Maria Lopez']]);
  assert.deepEqual(speakers(quotes('Maria Lopez told NK News, "We will win."')), [['We will win."'.slice(0, 12), 'Maria Lopez']]);
});

test('speaker after: "“…,” X said" and "“…,” said X"; "according to X"', () => {
  assert.deepEqual(speakers(quotes('“We will win,” Maria Lopez said.')), [['We will win,', 'Maria Lopez']]);
  assert.deepEqual(speakers(quotes('"We will win," said John Smith, a lawyer.')), [['We will win,', 'John Smith']]);
  assert.deepEqual(speakers(quotes('“Talks are over,” according to Reuters.')), [['Talks are over,', 'Reuters']]);
  assert.deepEqual(speakers(quotes('According to Ana Kim, “the talks are over.”')), [['the talks are', 'Ana Kim']]);
});

test('verbs: added, noted, warned, argued, insisted, wrote, explained, assessed', () => {
  for (const verb of ['added', 'noted', 'warned', 'argued', 'insisted', 'wrote', 'explained', 'assessed', 'stated']) {
    const found = quotes(`Maria Lopez ${verb}, “Prices will rise.”`);
    assert.equal(found[0].speaker?.resolved, 'Maria Lopez', verb);
    assert.equal(found[0].cue, verb);
  }
});

test('a quote continued after an attribution break: “A,” he said, “B.” and “A,” but added, “B.”', () => {
  const a = quotes('Maria Lopez spoke first. “We will win,” she said, “and we will win big.”');
  assert.deepEqual(speakers(a), [
    ['We will win,', 'Maria Lopez'],
    ['and we will', 'Maria Lopez'],
  ]);
  const b = quotes('John Smith, an analyst at the Asan Institute, told reporters, “Talks are over,” but added, “They may resume.”');
  assert.deepEqual(speakers(b), [
    ['Talks are over,', 'John Smith'],
    ['They may resume.', 'John Smith'],
  ]);
});

test('pronouns resolve to the last person speaker, not to a person merely mentioned', () => {
  const found = quotes('Peter Ward, an expert at the Sejong Institute, said that President Trump wrote to Chairman Kim Jong Un. He said, “It was candid.”');
  assert.deepEqual(speakers(found), [['It was candid.', 'Peter Ward']]);
});

test('organisations as speakers: outlet cue and departments', () => {
  const found = quotes('US political outlet Politico also noted, “Talks will be hard.” The U.S. State Department, when asked, stated, “No comment.”');
  assert.deepEqual(
    found.map((q) => [q.speaker?.text, q.speaker?.resolved, q.speaker?.isOrganisation]),
    [
      ['Politico', 'Politico', true],
      ['The U.S. State Department', 'U.S. State Department', true],
    ],
  );
});

test('scare quotes inside running text get no speaker', () => {
  const found = quotes('The summit ended with \'no deal\' and the so-called "top-down diplomacy" failed, while Trump called it "nuclear power" talk.');
  assert.deepEqual(found.map((q) => q.text), ['no deal', 'top-down diplomacy', 'nuclear power']);
  assert.equal(found[0].speaker, undefined);
  assert.equal(found[1].speaker, undefined);
});

test('a partial quote in a reported clause is attributed to the reporting subject', () => {
  const found = quotes('Caroline Leavitt said the president "remains receptive" to letters.');
  assert.deepEqual(speakers(found), [['remains receptive', 'Caroline Leavitt']]);
});

test('an unclosed quote stops at the end of its paragraph', () => {
  const text = fs.readFileSync(path.join(fixturesDir, 'extract', 'unbalanced.txt'), 'utf8');
  const found = quotes(text);
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'The talks will resume soon. Nobody closed this quote.');
  assert.ok(found[0].outerSpan.end <= text.indexOf('\n\n'));
  assert.equal(found[0].speaker?.resolved, 'Kim Min-soo');
});

// A hang guard, not a speed measurement (speed lives in `npm run bench`): a
// quadratic scan over 20,000 paragraphs would run for minutes.
test('an unclosed quote in a long document does not swallow it', { timeout: 60_000 }, () => {
  const paragraph = 'Officials said the plan was on track and that nothing had changed since last week.\n\n';
  const text = 'John Smith said, "This never closes.\n\n' + paragraph.repeat(20000) + '"A real quote," Maria Lopez said.';
  const found = quotes(text);
  assert.equal(found[0].text, 'This never closes.');
  const last = found[found.length - 1];
  assert.equal(last.text, 'A real quote,');
  assert.equal(last.speaker?.resolved, 'Maria Lopez');
  assert.equal(found.length, 2);
});

test('a misspelled speaker in a draft is attributed as written', () => {
  const text = fs.readFileSync(path.join(fixturesDir, 'extract', 'draft-misspelled.md'), 'utf8');
  const found = quotes(text);
  assert.equal(quoteStarting(found, 'Kim Jong Un needs Trump').speaker?.resolved, 'Andrei Lankow');
});

test('apostrophes and inch marks are not quotes', () => {
  assert.deepEqual(quotes("It's the students' vote, he's 6'2\" tall, and it's the '90s."), []);
});
