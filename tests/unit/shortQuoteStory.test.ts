/**
 * Short quotes with a named speaker judged by the articles that tell the
 * draft's story (issue 8, point 10, third session), our own sentences: a
 * phrase common elsewhere is still someone's where the story's articles only
 * quote it from others; an article echoing its own quotation without a cue
 * does not make it a scare quote; two other speakers in the story are still
 * not the draft's. Quiet when the story's own article uses the words as its
 * own, or quotes them from nobody.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type CorpusIndex } from '../../server/src/engine/api';
import { corpusOfTexts, quoteCodesAt as quoteCodes } from './textCorpus';

function corpus(...articles: string[]): CorpusIndex {
  return corpusOfTexts(articles);
}


// Wording many articles use as their own: the phrase alone says nothing of who spoke.
const COMMON = [
  'Voters in Ohio will help choose the next president in November, and turnout is expected to be high.',
  'Whoever becomes the next president will face a divided Congress and a tight budget.',
  'Markets wonder how the next president will handle trade with Asia.',
  'The next president inherits a war, a deficit and a crowded court docket.',
];

test('a phrase common elsewhere is still one person’s where the story’s article quotes it from them', async () => {
  const index = corpus(...COMMON, 'Senate leader Bob Keller has said repeatedly "the next president" should choose the nominee. Ann Lestrade, a law professor, disagreed with the senator on Monday.');
  // Before: four articles use the words as their own, so any speaker passed as "verified".
  assert.deepEqual(await quoteCodes(index, 'Ann Lestrade has said repeatedly "the next president" should choose the nominee.', 'the next president'), ['quote-misattributed']);
  assert.deepEqual(await quoteCodes(index, 'Bob Keller has said repeatedly "the next president" should choose the nominee.', 'the next president'), ['quote-verified']);
});

test('an article repeating its own quotation without a cue still ties the words to its speaker', async () => {
  const index = corpus(
    'FBI Director Jim Colby called the handling of the files "extremely careless," but said no charges would follow. Critics seized on the "extremely careless" finding, and lawyer Larry Kleinman filed a new suit.',
  );
  assert.deepEqual(await quoteCodes(index, 'Lawyer Larry Kleinman called the handling of the files "extremely careless," but said no charges would follow.', 'extremely careless'), ['quote-misattributed']);
});

test('words the story gives to two other people are not the draft speaker’s', async () => {
  const index = corpus(
    'Senator Chuck Garner compared the remark to Justice Sonia Solano calling herself "a wise Latina." Garner said "a wise Latina" was no worse. President Barry Olsen stayed silent. Solano has said that "a wise Latina" can bring a different view to the bench.',
  );
  assert.deepEqual(await quoteCodes(index, 'Barry Olsen has said that "a wise Latina" can bring a different view to the bench.', 'a wise Latina'), ['quote-misattributed']);
});

test('quiet when the story’s article uses the words as its own or quotes them from nobody', async () => {
  const own = corpus(...COMMON, 'Senate leader Bob Keller has said repeatedly "the next president" should choose the nominee. Ann Lestrade said the next president would have no such mandate.');
  assert.deepEqual(await quoteCodes(own, 'Ann Lestrade has said repeatedly "the next president" should choose the nominee.', 'the next president'), ['quote-verified']);
  const scare = corpus(...COMMON, 'Ann Lestrade wrote that so-called "next president" lists were guesswork. Bob Keller has said repeatedly "the next president" should choose the nominee.', 'Ann Lestrade doubts that "the next president" will act at all.');
  assert.deepEqual(await quoteCodes(scare, 'Ann Lestrade has said repeatedly "the next president" should choose the nominee.', 'the next president'), ['quote-verified']);
});
