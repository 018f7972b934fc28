/**
 * The warm-up a host runs when a corpus opens (engine/check/warmUp.ts for the
 * draft side, engine/index/warmUpLookups.ts for the store's), and the look-ups
 * made faster for issue 13 (closest-passage votes merged, not mapped): speed
 * is the benchmark's business; here, that answers do not change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, tokenize, warmUpExtraction, warmUpLookups, WARM_UP_DRAFT, type CorpusStore } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { repoRoot, sampleCorpusDir, scratchDir } from '../helpers';

const draft = readFileSync(path.join(repoRoot, 'examples', 'draft.md'), 'utf8');

type Lookup = Exclude<keyof CorpusStore, 'stats'>;

/** A store answering as `inner` does, recording which look-ups were asked and with how many queries. */
function recording(inner: CorpusStore): { store: CorpusStore; asked: Map<Lookup, number> } {
  const asked = new Map<Lookup, number>();
  const note = (m: Lookup, n: number) => asked.set(m, (asked.get(m) ?? 0) + n);
  const store: CorpusStore = {
    get stats() {
      return inner.stats;
    },
    findQuotations: (q) => (note('findQuotations', q.filter((x) => x.closest).length), inner.findQuotations(q)),
    findPeople: (n, o) => (note('findPeople', n.length), inner.findPeople(n, o)),
    knowsPeople: (c) => (note('knowsPeople', c.length), inner.knowsPeople(c)),
    findPostHolders: (q, o) => (note('findPostHolders', q.length), inner.findPostHolders(q, o)),
    hasPhrases: (p) => (note('hasPhrases', p.length), inner.hasPhrases(p)),
    findDatesInContext: (q) => (note('findDatesInContext', q.length), inner.findDatesInContext(q)),
    findDatesByEvent: (k) => (note('findDatesByEvent', k.length), inner.findDatesByEvent(k)),
    findAlignedSentences: (q) => (note('findAlignedSentences', q.length), inner.findAlignedSentences(q)),
    cite: (r) => (note('cite', r.length), inner.cite(r)),
    search: (q, o) => (note('search', 1), inner.search(q, o)),
  };
  return { store, asked };
}

test('the look-up warm-up asks what a check asks: quotations (verbatim and near), people, alignment, dates, citations', async () => {
  const { index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]));
  const { store, asked } = recording(index);
  await warmUpLookups(store, index.articles);
  for (const m of ['findQuotations', 'knowsPeople', 'findPeople', 'findPostHolders', 'findAlignedSentences', 'cite'] as const) assert.ok((asked.get(m) ?? 0) > 0, `${m} was not asked`);
  assert.equal(asked.get('findQuotations'), 2, 'a quotation as written and once changed');
  assert.equal(asked.get('search'), undefined, 'search serves the search command, not the typing path');
});

test('the look-up warm-up asks the titles of a sampled article (up to four) and whether names are spelled so', async () => {
  const dir = scratchDir('factcheck-warmup-titles-');
  writeFileSync(
    path.join(dir, 'board.md'),
    [
      '# Board changes',
      '',
      'Acme chairman John Halloway said on Monday: "We will keep the plant open for at least another five years."',
      'Acme president Mary Colter and finance director Peter Lindqvist backed the plan, said treasurer Anna Berg.',
    ].join('\n'),
  );
  const { index } = await buildCorpusIndex(createFsCorpusSource([dir]));
  const titled = index.articles[0].people.filter((p) => p.role !== undefined).length;
  assert.ok(titled >= 2, `the article gives titles (${titled})`);
  const { store, asked } = recording(index);
  await warmUpLookups(store, index.articles);
  assert.equal(asked.get('findPostHolders'), Math.min(titled, 4), 'every title of the article, up to four');
  assert.ok((asked.get('hasPhrases') ?? 0) > 0, 'a name as written is looked for');
});

test('a warmed-up index gives the findings a fresh one gives', async () => {
  const { index: fresh } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]));
  const { index: warmed } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]));
  await warmUpLookups(warmed, warmed.articles);
  warmUpExtraction();
  const expected = await checkDraft(draft, fresh);
  assert.ok(expected.length > 5, 'the example draft has findings');
  assert.deepEqual(await checkDraft(draft, warmed), expected);
});

test('the extraction warm-up reads its text as a draft is read (dates, quotations, people)', () => {
  assert.ok(/"[^"]+," said/.test(WARM_UP_DRAFT) && /March 3, 1987/.test(WARM_UP_DRAFT));
  warmUpExtraction(WARM_UP_DRAFT);
  warmUpExtraction('');
});

test('an empty corpus asks nothing; a failing store does not make the warm-up fail', async () => {
  const dir = scratchDir('factcheck-warmup-');
  const { store, asked } = recording((await buildCorpusIndex(createFsCorpusSource([dir]))).index);
  await warmUpLookups(store, []);
  assert.equal(asked.size, 0);
  const { index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]));
  const fail = async (): Promise<never> => {
    throw new Error('the store is down');
  };
  const broken: CorpusStore = {
    stats: index.stats,
    findQuotations: fail,
    findPeople: fail,
    knowsPeople: fail,
    findPostHolders: fail,
    hasPhrases: fail,
    findDatesInContext: fail,
    findDatesByEvent: fail,
    findAlignedSentences: fail,
    cite: fail,
    search: fail,
  };
  await warmUpLookups(broken, index.articles);
});

test('of two equally close passages, the closest is the first in corpus order', async () => {
  const dir = scratchDir('factcheck-closest-');
  const body = 'Harbour Story\n\nThe port authority said the new cranes would double the harbour capacity by the end of next spring, officials told reporters.\n';
  writeFileSync(path.join(dir, 'a.txt'), body);
  writeFileSync(path.join(dir, 'b.txt'), body);
  const { index } = await buildCorpusIndex(createFsCorpusSource([dir]));
  const words = tokenize('the new cranes would triple the harbour capacity by the end of next spring');
  const [hits] = await index.findQuotations([{ segments: [{ tokens: words }], closest: true }]);
  assert.equal(hits.exact.length, 0);
  assert.ok(hits.closest, 'a changed word still finds the passage');
  assert.equal(path.basename(hits.closest.ref.articleId.split('#')[0]), 'a.txt');
});
