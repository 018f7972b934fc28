/**
 * Issue 10, item 6 (the extraction part): one large article must cost time
 * linear in its length, and be extractable in bounded steps a host can pause
 * between. Wall-clock time is measured by a script, not here: these tests
 * count the work (reads of the sentence and people lists by quote
 * attribution) and check the steps' results. Inputs are made at test time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractFacts } from '../../server/src/engine/extract/extractFacts';
import { extractPeople } from '../../server/src/engine/extract/names';
import { extractQuotes } from '../../server/src/engine/extract/quotes';
import { splitSentences } from '../../server/src/engine/extract/sentences';
import { ARTICLE_SECTION_LENGTH, HUGE_ARTICLE_LENGTH, extractArticleSteps, toArticleRecord } from '../../server/src/engine/index/articleRecord';
import { parseCorpusFile } from '../../server/src/engine/corpus/parseCorpusFile';
import type { ParsedArticle } from '../../server/src/engine/types';
import { sampleCorpusDir } from '../helpers';

/** The sample corpus's articles, as one text of news paragraphs with quotations, names and dates. */
const SAMPLE = fs
  .readdirSync(sampleCorpusDir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => fs.readFileSync(path.join(sampleCorpusDir, f), 'utf8').trim())
  .join('\n\n');

function repeated(copies: number): string {
  return Array.from({ length: copies }, () => SAMPLE).join('\n\n');
}

function parsed(text: string): ParsedArticle {
  const file = parseCorpusFile('big.txt', new TextEncoder().encode(text), { maxFileBytes: 1e9 });
  assert.equal(file.articles.length, 1);
  return file.articles[0];
}

/** An array that counts reads of its elements. */
function counted<T>(items: T[]): { list: T[]; reads: () => number } {
  let reads = 0;
  const list = new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { list, reads: () => reads };
}

/** Reads of the sentence and people lists while attributing the quotations of `text`. */
function attributionReads(text: string): { reads: number; quotes: number } {
  const sentences = splitSentences(text);
  const people = extractPeople(text, sentences);
  const s = counted(sentences);
  const p = counted(people);
  const quotes = extractQuotes(text, s.list, p.list);
  return { reads: s.reads() + p.reads(), quotes: quotes.length };
}

test('quote attribution reads the sentence and people lists a bounded number of times per quotation', () => {
  const small = attributionReads(repeated(8));
  const large = attributionReads(repeated(32));
  assert.ok(small.quotes > 50 && large.quotes === small.quotes * 4, `${small.quotes} and ${large.quotes} quotations`);
  // Linear: four times the text, about four times the reads (scans from the start made it sixteen).
  assert.ok(large.reads <= small.reads * 5, `reads grew from ${small.reads} to ${large.reads}`);
  assert.ok(large.reads / large.quotes < 200, `${Math.round(large.reads / large.quotes)} reads per quotation`);
});

test('an article of normal length is extracted in one step, exactly as before', () => {
  const article = parsed(SAMPLE);
  assert.ok(article.text.length < HUGE_ARTICLE_LENGTH);
  const steps = extractArticleSteps(article);
  const first = steps.next();
  assert.equal(first.done, true, 'no pause inside a normal article');
  const record = first.value!;
  const facts = extractFacts(article.text, { referenceDate: article.meta.date });
  assert.deepEqual(record.sentences.map(({ start, end }) => ({ start, end })), facts.sentences);
  assert.deepEqual(record.quotes, [...facts.quotes].sort((a, b) => a.span.start - b.span.start));
  assert.deepEqual(record.people, facts.people);
  assert.deepEqual(record.dates, facts.dates);
  assert.deepEqual(toArticleRecord(article), record);
});

test('a 2 MB article is extracted section by section, yielding between bounded sections, its offsets right', () => {
  let text = repeated(Math.ceil(2_000_000 / SAMPLE.length));
  text = text.slice(0, text.lastIndexOf('\n\n', 2_000_000));
  const article = parsed(text);
  const steps = extractArticleSteps(article);
  let yields = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) yields++;
  const record = step.value;
  // Sections of about ARTICLE_SECTION_LENGTH (at most twice it): the host can pause between them.
  assert.ok(yields + 1 >= text.length / (2 * ARTICLE_SECTION_LENGTH) && yields + 1 <= text.length / ARTICLE_SECTION_LENGTH + 1, `${yields} yields`);
  assert.equal(record.text, article.text);
  // Every offset, shifted back into the whole article, still points at its words.
  for (const q of record.quotes) {
    assert.equal(record.text.slice(q.span.start, q.span.end), q.text);
    assert.ok(q.outerSpan.start <= q.span.start && q.span.end <= q.outerSpan.end);
    if (q.speaker?.span) assert.equal(record.text.slice(q.speaker.span.start, q.speaker.span.end), q.speaker.text);
  }
  for (const p of record.people) {
    assert.equal(record.text.slice(p.span.start, p.span.end), p.text);
    if (p.role) assert.equal(record.text.slice(p.role.span.start, p.role.span.end), p.role.text);
  }
  for (const d of record.dates) assert.equal(record.text.slice(d.span.start, d.span.end), d.text);
  for (let i = 1; i < record.sentences.length; i++) assert.ok(record.sentences[i - 1].end <= record.sentences[i].start, 'sentences in order');
  for (let i = 1; i < record.quotes.length; i++) assert.ok(record.quotes[i - 1].span.start <= record.quotes[i].span.start, 'quotes in order');
  for (let i = 1; i < record.people.length; i++) assert.ok(record.people[i - 1].span.start <= record.people[i].span.start, 'people in order');
  assert.ok(record.quotes.length > 1000 && record.people.length > 1000 && record.dates.length > 100);
  // The sample repeats: each copy of a quotation found, with a speaker as often as the copies allow.
  assert.deepEqual(toArticleRecord(article), record);
});
