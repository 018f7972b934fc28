import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sampleCorpusDir, sharedDataDir } from '../helpers';
import { splitSentences } from '../../server/src/engine/extract/sentences';
import { parseCorpusFile } from '../../server/src/engine/corpus/parseCorpusFile';

function sentences(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.start, s.end));
}

function sampleText(name: string): string {
  const p = path.join(sampleCorpusDir, name);
  return parseCorpusFile(p, fs.readFileSync(p)).articles[0].text;
}

test('sample 003: 16 sentences with the known hard boundaries', () => {
  const text = sampleText('003_4a9a46e10c6725df.txt');
  const s = sentences(text);
  assert.equal(s.length, 16);
  assert.equal(
    s[4],
    'The U.S. State Department, when asked about the matter, stated, "We do not comment on potential diplomatic communications," and recommended contacting the White House directly.',
  );
  assert.equal(s[5], 'However, NK News reported that the White House has also not provided a response.');
  // A multi-sentence quotation stays with its attribution.
  assert.ok(s[12].startsWith('He said, "Last time, the White House was very candid. They released'));
  assert.ok(s[12].endsWith('leave a paper trail," NK News reported.'));
  // "?" used as a dash is not a sentence end.
  assert.ok(s[14].startsWith('He assessed that, as long as North Korea’s close relationship with Russia?which has deepened'));
  assert.ok(s[14].endsWith('according to NK News.'));
  assert.ok(s[15].startsWith('President Trump and Chairman Kim met three times?in June 2018'));
  assert.ok(s[15].endsWith('but failed to reach an agreement.'));
  assert.ok(s[0].endsWith('restore the North Korea-U.S. communication channel.'));
});

test('sample 000: 27 sentences; headlines are sentences; the Lankov quote pair is one sentence', () => {
  const text = sampleText('000_5f232754d814ddaa.txt');
  const s = sentences(text);
  assert.equal(s.length, 27);
  assert.equal(s[0], 'Trump Looks to Rekindle Stalled North Korea-US Talks... "Open to Letter Diplomacy with Kim"');
  assert.equal(s[1], 'Trump Wants Progress Like the First North Korea-US Summit');
  assert.equal(s[2], "Key Factor: North Korea's Response");
  assert.equal(s[3], 'Hanoi "No Deal" Trauma and North Korea-Russia Relations as Variables');
  const lankov = s.find((x) => x.startsWith('Andrei Lankov'));
  assert.equal(
    lankov,
    'Andrei Lankov, a professor at Kookmin University, told NK News, "Kim Jong Un does not need Trump as much as he did in 2018 or 2019," but added, "North Korea is still interested in negotiations, although the deal it wants this time will be much less attractive to the US than what was on offer in Hanoi in 2019."',
  );
  assert.ok(s.includes('He advised, "Trump needs to be patient in bringing North Korea back to the negotiating table."'));
  // The Reuters paraphrase is a two-sentence quotation: kept whole.
  assert.ok(s.some((x) => x.startsWith('Reuters interpreted the situation as follows: "At the second') && x.endsWith('\'trauma\' for Kim Jong Un."')));
});

test('spans are trimmed, ordered, non-overlapping and cover every word', () => {
  for (const name of ['000_5f232754d814ddaa.txt', '003_4a9a46e10c6725df.txt']) {
    const text = sampleText(name);
    const spans = splitSentences(text);
    let last = 0;
    let covered = '';
    for (const sp of spans) {
      assert.ok(sp.start >= last && sp.end > sp.start);
      assert.ok(!/^\s|\s$/.test(text.slice(sp.start, sp.end)));
      covered += text.slice(last, sp.start);
      last = sp.end;
    }
    // Only white space lies between sentences.
    assert.ok(/^\s*$/.test(covered + text.slice(last)));
  }
});

test('abbreviations and initials do not end sentences; real ends after them do', () => {
  assert.deepEqual(sentences('Donald J. Trump met Mr. Kim in Jan. 2019 at St. Louis. Then he left.'), [
    'Donald J. Trump met Mr. Kim in Jan. 2019 at St. Louis.',
    'Then he left.',
  ]);
  assert.deepEqual(sentences('Gen. Smith and Sen. Jones spoke. Dr. Lee and Prof. Park agreed.'), [
    'Gen. Smith and Sen. Jones spoke.',
    'Dr. Lee and Prof. Park agreed.',
  ]);
  assert.deepEqual(sentences('The U.K. Foreign Office and the U.S. Army agreed. They met.'), [
    'The U.K. Foreign Office and the U.S. Army agreed.',
    'They met.',
  ]);
  assert.deepEqual(sentences('It moved to the U.S. He said so.'), ['It moved to the U.S.', 'He said so.']);
  assert.deepEqual(sentences('Apple Inc. The company rose.'), ['Apple Inc.', 'The company rose.']);
  assert.deepEqual(sentences('Acme Corp. Chairman John Roe Jr. said No. 2 was fine, e.g. Mrs. Roe. Ms. Lee agreed.'), [
    'Acme Corp. Chairman John Roe Jr. said No. 2 was fine, e.g. Mrs. Roe.',
    'Ms. Lee agreed.',
  ]);
});

test('quotations: no break inside a continuing quote; a closed quote ends a sentence', () => {
  assert.deepEqual(sentences('She said, "I will go." Then he left.'), ['She said, "I will go."', 'Then he left.']);
  assert.deepEqual(sentences('“It is over. We lost,” he said. Nobody replied.'), ['“It is over. We lost,” he said.', 'Nobody replied.']);
  // Unbalanced quotes (a quote continued in the next paragraph): ICU's breaks stand.
  assert.deepEqual(sentences('"It is over. We lost.\n\n"Next year," he said.'), ['"It is over.', 'We lost.', '"Next year," he said.']);
});

test('"?" or "!" directly followed by a word is not a break; before a lower-case word neither', () => {
  assert.deepEqual(sentences('Jeb! was better. What? Nobody knows.'), ['Jeb! was better.', 'What?', 'Nobody knows.']);
  assert.deepEqual(sentences('Talks?which stalled?resumed. Next.'), ['Talks?which stalled?resumed.', 'Next.']);
});

test('line breaks: blank lines and headline lines split, hard-wrapped prose does not', () => {
  assert.deepEqual(sentences('Headline One\nSecond Headline\n\nBody starts here. It ends.'), [
    'Headline One',
    'Second Headline',
    'Body starts here.',
    'It ends.',
  ]);
  assert.deepEqual(sentences('This is a sentence that was\nhard wrapped by the editor. And\nanother one.'), [
    'This is a sentence that was\nhard wrapped by the editor.',
    'And\nanother one.',
  ]);
  assert.deepEqual(sentences('One.\r\nTwo.\r\n\r\nThree'), ['One.', 'Two.', 'Three']);
  assert.deepEqual(sentences('- first item\n- second item'), ['- first item', '- second item']);
});

test('within restricts splitting to a span, offsets stay absolute', () => {
  const text = 'Skip this. Keep this one. And this.';
  const spans = splitSentences(text, { start: 11, end: text.length });
  assert.deepEqual(spans, [
    { start: 11, end: 25 },
    { start: 26, end: 35 },
  ]);
  assert.deepEqual(splitSentences(text, { start: 5, end: 5 }), []);
  assert.deepEqual(splitSentences(''), []);
  assert.deepEqual(splitSentences('  \n\n '), []);
});

const reutersPath = path.join(sharedDataDir, 'reuters21578', 'reuters21578.jsonl');

test('reuters21578: splits the first 2,000 articles, every sentence trimmed', { timeout: 60_000, skip: !fs.existsSync(reutersPath) && 'shared data absent' }, () => {
  const lines = fs.readFileSync(reutersPath, 'utf8').split('\n').slice(0, 2000).filter((l) => l.length > 0);
  const texts = lines.map((l) => (JSON.parse(l) as { text: string }).text);
  let count = 0;
  for (const t of texts) {
    for (const s of splitSentences(t)) {
      assert.ok(s.end > s.start);
      count++;
    }
  }
  assert.ok(count > texts.length * 3, `${count} sentences`);
});

test('list markers and bare attributions after a closed quote stay with their sentence', () => {
  assert.deepEqual(sentences('1. FIREWORKS FLY IN DEBATE. Clinton spoke.'), ['1. FIREWORKS FLY IN DEBATE.', 'Clinton spoke.']);
  assert.deepEqual(sentences('“I hope you find the emails.” Trump said. Clinton objected.'), [
    '“I hope you find the emails.” Trump said.',
    'Clinton objected.',
  ]);
  // An attribution that goes on is a sentence of its own.
  assert.deepEqual(sentences('"We lost." Trump said he would appeal the ruling.'), ['"We lost."', 'Trump said he would appeal the ruling.']);
});

test('a quotation opening while another seems open ends the sentence (unclosed quoted paragraph)', () => {
  assert.deepEqual(sentences('The Bishop said: "Theories are fun. "Dan Brown is the best," he said. Others disagree.'), [
    'The Bishop said: "Theories are fun.',
    '"Dan Brown is the best," he said.',
    'Others disagree.',
  ]);
});

test('a long passage without punctuation is cut at white space into sentences of bounded length (issue 10)', () => {
  // ~1.1 MB of words on one line, no full stop: it must not become one "sentence".
  const word = (i: number): string => `w${(i * 7919) % 100003}x`;
  const words: string[] = [];
  for (let i = 0; words.length < 140_000; i++) words.push(word(i));
  const passage = words.join(' ');
  const text = `A real sentence first. ${passage} And a last one.`;
  const spans = splitSentences(text);
  assert.ok(spans.length > 250, `${spans.length} sentences`);
  for (const s of spans) {
    assert.ok(s.end - s.start <= 4000, `a sentence of ${s.end - s.start} characters`);
    // Cut between words, never inside one.
    assert.ok(!/\s/.test(text[s.start]) && !/\s/.test(text[s.end - 1]));
    assert.ok(s.start === 0 || /\s/.test(text[s.start - 1]), 'starts at a word');
    assert.ok(s.end === text.length || /\s/.test(text[s.end]), 'ends at a word');
  }
  // Every word is in exactly one sentence, in order.
  assert.equal(spans.map((s) => text.slice(s.start, s.end)).join(' '), text);
});

test('a long stretch without white space is cut at the cap, never inside a surrogate pair', () => {
  const text = '𝔸'.repeat(6000); // 12,000 UTF-16 units, no space at all
  const spans = splitSentences(text);
  assert.ok(spans.length >= 3);
  for (const s of spans) {
    assert.ok(s.end - s.start <= 4000);
    assert.ok(text.codePointAt(s.start)! > 0xffff, 'starts on a whole character');
  }
  assert.equal(spans.map((s) => text.slice(s.start, s.end)).join(''), text);
});
