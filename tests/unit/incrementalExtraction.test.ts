/**
 * An editor's checker reads an edited draft again only where the edit
 * reached: sentences paragraph by paragraph, date event words sentence by
 * sentence, people line by line (`peopleByParagraph.ts`). Each must give
 * exactly what a reading of the whole text gives, after any edit, and must
 * really read only what changed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { splitSentences } from '../../server/src/engine/extract/sentences';
import { extractPeople } from '../../server/src/engine/extract/names';
import { extractPeopleByParagraph } from '../../server/src/engine/extract/peopleByParagraph';
import { extractDates } from '../../server/src/engine/extract/dates';
import { RecentMemo } from '../../server/src/engine/text/recentMemo';
import { fixturesDir, repoRoot, sampleCorpusDir, seededRandom } from '../helpers';

/** Texts with people, quotations, dates and headlines, and pieces whose cues cross a line break. */
function drafts(): Array<{ name: string; text: string }> {
  const fixture = (...parts: string[]) => readFileSync(path.join(fixturesDir, ...parts), 'utf8');
  const corpus = readdirSync(sampleCorpusDir).filter((f) => f.endsWith('.md') || f.endsWith('.txt')).slice(0, 3);
  return [
    { name: 'examples/draft.md', text: readFileSync(path.join(repoRoot, 'examples', 'draft.md'), 'utf8') },
    { name: 'dates/draft-summits.md', text: fixture('dates', 'draft-summits.md') },
    ...readdirSync(path.join(fixturesDir, 'names')).map((f) => ({ name: `names/${f}`, text: fixture('names', f) })),
    ...corpus.map((f) => ({ name: `corpus/${f}`, text: readFileSync(path.join(sampleCorpusDir, f), 'utf8') })),
    {
      name: 'cues across line breaks',
      text: [
        'Talks Resume In Seoul Today',
        'The talks were led by the Secretary of',
        'State John Kerry, who met officials.',
        'Andrei Lankov',
        'said the summit in June was a success. Lankov,',
        'a professor at Kookmin University, disagreed.',
        '',
        'Peter Ward: we will see. Experts said Ward also',
        '',
        'noted the risk. According to',
        'Kim Jong Un the plan stands. Kim said so on the 11th.',
      ].join('\n'),
    },
  ];
}

/** A writer's edits: a word typed or deleted, a letter changed, a line split or joined, a name typed. */
function edit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  switch (Math.floor(rnd() * 6)) {
    case 0:
      return `${text.slice(0, at)} ${['however', 'Lankov', 'said', 'Secretary', 'in', 'Seoul', 'June', 'of', 'Experts'][Math.floor(rnd() * 9)]}${text.slice(at)}`;
    case 1: {
      const m = /\S+\s?/.exec(text.slice(at));
      return m ? text.slice(0, at + m.index) + text.slice(at + m.index + m[0].length) : text;
    }
    case 2:
      return at < text.length ? `${text.slice(0, at)}${'aEo,'[Math.floor(rnd() * 4)]}${text.slice(at + 1)}` : text;
    case 3:
      return `${text.slice(0, at)}\n${rnd() < 0.5 ? '\n' : ''}${text.slice(at)}`;
    case 4: {
      const i = text.indexOf('\n', at);
      return i < 0 ? text : `${text.slice(0, i)} ${text.slice(i + 1)}`;
    }
    default:
      return `${text.slice(0, at)} Maria Lopez said${text.slice(at)}`;
  }
}

/** A memo that counts what is written to it under each key prefix. */
class CountingMemo extends RecentMemo<unknown> {
  readonly writes = new Map<string, number>();
  override set(key: string, value: unknown): void {
    const prefix = key.slice(0, key.indexOf('\u0000'));
    this.writes.set(prefix, (this.writes.get(prefix) ?? 0) + 1);
    super.set(key, value);
  }
}

test('sentences split paragraph by paragraph through a memo are the sentences of the whole text, edit after edit', () => {
  for (const [k, d] of drafts().entries()) {
    const rnd = seededRandom(300 + k);
    const memo = new RecentMemo<unknown>();
    let text = d.text;
    for (let i = 0; i <= 25; i++) {
      if (i > 0) text = edit(text, rnd);
      assert.deepEqual(splitSentences(text, undefined, memo), splitSentences(text), `${d.name}, edit ${i}`);
      memo.nextGeneration();
    }
  }
});

test('date event words read sentence by sentence through a memo are those of the whole text', () => {
  for (const [k, d] of drafts().entries()) {
    const rnd = seededRandom(400 + k);
    const memo = new RecentMemo<unknown>();
    let text = d.text;
    for (let i = 0; i <= 15; i++) {
      if (i > 0) text = edit(text, rnd);
      const sentences = splitSentences(text);
      assert.deepEqual(extractDates(text, sentences, { referenceDate: '2019-06-12', sentenceMemo: memo }), extractDates(text, sentences, { referenceDate: '2019-06-12' }), `${d.name}, edit ${i}`);
      memo.nextGeneration();
    }
  }
});

test('people read line by line through a memo are the people of the whole text, edit after edit, with and without known names', () => {
  let mentions = 0;
  for (const [k, d] of drafts().entries()) {
    const rnd = seededRandom(500 + k);
    const memo = new RecentMemo<unknown>();
    let text = d.text;
    for (let i = 0; i <= 25; i++) {
      if (i > 0) text = edit(text, rnd);
      const sentences = splitSentences(text);
      // A corpus that knows some names and not others: the answers change which runs are people.
      const known = (candidate: string) => candidate.length % 3 === 0;
      const asked: string[] = [];
      const plain = extractPeopleByParagraph(text, sentences, {}, memo, 'plain');
      assert.deepEqual(plain, extractPeople(text, sentences), `${d.name}, edit ${i}`);
      const withKnown = extractPeopleByParagraph(text, sentences, { isKnownPerson: (c) => (asked.push(c), known(c)) }, memo, 'known');
      const wantAsked: string[] = [];
      assert.deepEqual(withKnown, extractPeople(text, sentences, { isKnownPerson: (c) => (wantAsked.push(c), known(c)) }), `${d.name}, edit ${i}, known names`);
      // Every name the whole reading asks about is asked about again (a caller records what it was asked).
      assert.deepEqual([...new Set(asked)].sort(), [...new Set(wantAsked)].sort(), `${d.name}, edit ${i}, names asked`);
      mentions += plain.length;
      memo.nextGeneration();
    }
  }
  assert.ok(mentions > 300, `${mentions} mentions compared`);
});

test('a one-word edit splits and reads again only the paragraph it changed', () => {
  const lines = Array.from({ length: 30 }, (_, i) => `Paragraph ${i}: the minister, Andrei Lankov${i}, said talks in Seoul went well, according to officials who spoke at length about the plans for the coming year and what they would mean for trade.`);
  const text = lines.join('\n\n');
  const memo = new CountingMemo();
  const sentences = splitSentences(text, undefined, memo);
  extractPeopleByParagraph(text, sentences, {}, memo);
  memo.nextGeneration();
  memo.writes.clear();
  const at = text.indexOf('went well', text.length / 2);
  const edited = `${text.slice(0, at)}also ${text.slice(at)}`;
  const editedSentences = splitSentences(edited, undefined, memo);
  assert.deepEqual(extractPeopleByParagraph(edited, editedSentences, {}, memo), extractPeople(edited, editedSentences));
  assert.equal(memo.writes.get('sentences'), 1, 'one paragraph split again');
  assert.equal(memo.writes.get('peopleLine'), 1, 'one line read again');
});
