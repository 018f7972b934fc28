/**
 * Short quotes in a named speaker's mouth are statements (issue 8, point
 * 10): a two- or three-word quote whose words differ from what the aligned
 * source sentence quotes the speaker saying is altered; a scare quote with no
 * speaker stays quiet. Our own sentences.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDraft, type CorpusIndex, type Finding } from '../../server/src/engine/api';
import { corpusOfTexts } from './textCorpus';

function corpus(...articles: string[]): CorpusIndex {
  return corpusOfTexts(articles, 'short');
}

const SOURCES = corpus(
  'Harriet Mowbray told the conference that the coming winter would be a "bleak season" for coastal farmers. ' +
    'The Fishing Council said the quotas were "deeply unfair" to small boats in the western harbours.',
  'Councillor Owen Trask warned that the new bypass plan was "utterly reckless" and would split the village of Elmstead in two.',
);

async function quoteFindings(draft: string): Promise<Array<Finding & { words: string }>> {
  return (await checkDraft(draft, SOURCES, { includeVerified: true }))
    .filter((f) => f.code.startsWith('quote-'))
    .map((f) => ({ ...f, words: draft.slice(f.span.start, f.span.end) }));
}

test('a two-word quote a named speaker said otherwise in the aligned source sentence is altered', async () => {
  const found = await quoteFindings('Harriet Mowbray told the conference that the coming winter would be a "grim season" for coastal farmers.');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0].code, 'quote-altered');
  assert.equal(found[0].words, 'grim season');
  assert.equal(found[0].suggestion, 'bleak season');
});

test('a three-word quote with a surname speaker, altered', async () => {
  const found = await quoteFindings('Councillor Owen Trask warned that the new bypass plan was "totally reckless, frankly" and would split the village of Elmstead in two.');
  assert.deepEqual(found.map((f) => f.code), ['quote-altered'], JSON.stringify(found));
  assert.equal(found[0].suggestion, 'utterly reckless');
});

test('the same short words are no alteration; a scare quote without a speaker stays quiet', async () => {
  const same = await quoteFindings('Harriet Mowbray told the conference that the coming winter would be a "bleak season" for coastal farmers.');
  assert.ok(!same.some((f) => f.code === 'quote-altered'), JSON.stringify(same));
  const scare = await quoteFindings('The coming winter would be a "grim season" for coastal farmers, the conference heard from many delegates.');
  assert.ok(!scare.some((f) => f.code === 'quote-altered'), JSON.stringify(scare));
});

test('an organisation speaker\'s short quote is not judged by its sentence', async () => {
  const found = await quoteFindings('The Fishing Council said the quotas were "grossly unfair" to small boats in the western harbours.');
  assert.ok(!found.some((f) => f.code === 'quote-altered'), JSON.stringify(found));
});
