/**
 * Short quotes with a named speaker (issue 8, point 10 / follow-up 3), our
 * own sentences: a phrase others also say is still one person's where the
 * sources tell the draft's story; a quoted title is nobody's words; scare
 * quotes stay quiet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPeople } from '../../server/src/engine/extract/names';
import { extractQuotes } from '../../server/src/engine/extract/quotes';
import { splitSentences } from '../../server/src/engine/extract/sentences';
import { checkDraft, type CorpusIndex } from '../../server/src/engine/api';
import { corpusOfTexts, quoteCodesAt as quoteCodes } from './textCorpus';

function corpus(...articles: string[]): CorpusIndex {
  return corpusOfTexts(articles);
}


const STORIES = corpus(
  'Prime Minister Tony Marlow said Labour faced a "tough, tough fight" at the election. His chancellor Gordon Brant agreed the polls were close.',
  'Coach Sam Diaz said the cup final would be a "tough, tough fight" against the champions.',
);

test('a phrase two people say is still one person\'s in the story the draft tells', async () => {
  // Before: the words had two speakers in the corpus, so any speaker passed as "verified".
  assert.deepEqual(await quoteCodes(STORIES, 'Gordon Brant predicted a "tough, tough fight" at the election.', 'tough, tough'), ['quote-misattributed']);
  // The speaker the story gives them to, or the other story's speaker, is verified.
  assert.deepEqual(await quoteCodes(STORIES, 'Tony Marlow predicted a "tough, tough fight" at the election.', 'tough, tough'), ['quote-verified']);
  assert.deepEqual(await quoteCodes(STORIES, 'Sam Diaz expects a "tough, tough fight" in the final.', 'tough, tough'), ['quote-verified']);
});

test('a speaker no source story names, and scare quotes, stay quiet', async () => {
  assert.deepEqual(await quoteCodes(STORIES, 'Maria Osei predicted a "tough, tough fight" in the council vote.', 'tough, tough'), ['quote-verified']);
  const findings = await checkDraft('Voters expect a "tough, tough fight" this spring.', STORIES, { includeVerified: false });
  assert.deepEqual(findings.filter((f) => f.code.startsWith('quote-')), []);
});

test('a quoted title after "on", "in" or an outlet\'s possessive is nobody\'s words, and the clause goes on to the next quote', () => {
  const text = 'Ann Lestrade said on the BBC’s “Sunday Politics” that she would “take a look” at the bill. Ann Lestrade said he would “Make Britain Work Again”.';
  const sentences = splitSentences(text);
  const qs = extractQuotes(text, sentences, extractPeople(text, sentences));
  assert.equal(qs[0].speaker, undefined);
  assert.equal(qs[1].speaker?.resolved, 'Ann Lestrade');
  // A slogan in the speaker's own clause is theirs.
  assert.equal(qs[2].speaker?.resolved, 'Ann Lestrade');
});
