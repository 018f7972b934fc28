/**
 * What issue 13's start-up work changed (session 5): the draft side's
 * warm-up (the open draft's paragraphs, then the checks against a small
 * index of the warm-up text), the corpus worker's look-up warm-up yielding
 * between its look-ups so a first check's are answered in between, the
 * names a waiting draft's check will ask about (asked of the store when it is
 * ready), and a cache's token stream checked once. Speed is the benchmark's business; here,
 * what runs, and that answers do not change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, decodeIndexCache, encodeIndexCache, INDEX_FORMAT_VERSION, warmUpChecks, warmUpExtraction, warmUpLookups, WARM_UP_CHECKED_DRAFT, type CorpusStore } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { draftWarmUpSteps, fixedWarmUpSteps, runWarmUpSteps, takeDraftNames, warmUpIndex, warmUpOnDraft, yieldExtractionWarmUp } from '../../server/src/lsp/extractionWarmUp';
import { repoRoot, sampleCorpusDir } from '../helpers';

const draft = readFileSync(path.join(repoRoot, 'examples', 'draft.md'), 'utf8');

test('the warm-up draft, checked against the warm-up index, takes every check\'s finding paths', async () => {
  const found = await checkDraft(WARM_UP_CHECKED_DRAFT, warmUpIndex(), { includeVerified: true });
  const codes = new Set<string>(found.map((f) => f.code));
  for (const code of ['quote-altered', 'name-misspelled', 'role-mismatch', 'number-mismatch', 'date-mismatch', 'date-verified', 'name-verified']) assert.ok(codes.has(code), `${code} missing: ${[...codes].join(', ')}`);
  // Thrown away, never failing.
  await warmUpChecks(warmUpIndex());
});

test('the draft side\'s steps: the open draft by paragraphs (long ones skipped, a long draft cut), then the fixed ones', async () => {
  assert.equal(draftWarmUpSteps('One.\n\nTwo.\r\n\r\nThree.\n\n\n').length, 3);
  assert.equal(draftWarmUpSteps(`Short one.\n\n${'word '.repeat(2_000)}\n\nAnother.`).length, 2, 'a 10,000-character paragraph is one step too long');
  assert.ok(draftWarmUpSteps(Array.from({ length: 2_000 }, (_, i) => `Paragraph ${i} says little.`).join('\n\n')).length < 2_000, 'a long draft is read in part');
  assert.equal(draftWarmUpSteps('').length, 0);
  // Every step runs (each in its own turn) without failing; a stop drops the rest.
  let ran = 0;
  const steps = [...draftWarmUpSteps(draft), ...fixedWarmUpSteps()].map((s) => () => (ran++, s()));
  await runWarmUpSteps(steps);
  assert.equal(ran, steps.length);
  ran = 0;
  await runWarmUpSteps(steps, () => ran >= 3);
  assert.equal(ran, 3);
});

test('the draft side\'s warm-up changes no finding', async () => {
  const { index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]));
  const before = await checkDraft(draft, index, { includeVerified: true });
  await runWarmUpSteps([...draftWarmUpSteps(draft), ...fixedWarmUpSteps()]);
  assert.deepEqual(await checkDraft(draft, index, { includeVerified: true }), before);
});

test('the look-up warm-up pauses between its look-ups when asked: a look-up arriving meanwhile is answered before it ends', async () => {
  const { index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]));
  let lookUps = 0;
  const counting = new Proxy(index, {
    get(target, name, receiver) {
      const v = Reflect.get(target, name, receiver) as unknown;
      if (typeof v !== 'function' || name === 'search') return v;
      return (...args: unknown[]) => (lookUps++, (v as (...a: unknown[]) => unknown).apply(target, args));
    },
  }) as CorpusStore;
  let pauses = 0;
  let answeredMeanwhile = false;
  let ended = false;
  const warming = warmUpLookups(counting, index.articles, {
    betweenLookUps: async () => {
      pauses++;
      // A first check's look-up arriving while the warm-up runs.
      if (pauses === 1) void index.knowsPeople(['Andrei Lankov']).then(() => (answeredMeanwhile = !ended));
      await new Promise((r) => setImmediate(r));
    },
  });
  await warming;
  ended = true;
  assert.ok(lookUps >= 5, `look-ups asked: ${lookUps}`);
  assert.equal(pauses, lookUps - 1, 'a pause between every two look-ups');
  assert.ok(answeredMeanwhile, 'answered before the warm-up ended');
});

test('a saved token stream is checked once: an index when it fits, none when it does not', async () => {
  const { index, builder } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]));
  const manifest = { formatVersion: INDEX_FORMAT_VERSION, engineVersion: 't', files: builder.paths().map((p) => ({ path: p, size: 1, hash: 'h', warnings: [] })), createdAt: 'now' };
  const decoded = decodeIndexCache(encodeIndexCache(manifest, (p) => builder.recordsOf(p), index.tokens));
  const restored = builder.buildIfTokensFit(decoded.tokens!);
  assert.ok(restored);
  assert.deepEqual(restored.tokens.postings, index.tokens.postings);
  assert.deepEqual(await checkDraft(draft, restored), await checkDraft(draft, index));
  const short = { ...decoded.tokens!, articleFirstToken: decoded.tokens!.articleFirstToken.slice(0, -1) };
  assert.equal(builder.buildIfTokensFit(short), undefined);
});

test('the warm-up notes the names a check would ask the store about; the server takes them once', async () => {
  const paragraph = 'Stefan Harrow met the board on Monday. Harrow later spoke to Agnes Vellacott about the plan.';
  const asked = new Set<string>();
  const { index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]));
  const recording = new Proxy(index, {
    get(target, name, receiver) {
      const v = Reflect.get(target, name, receiver) as unknown;
      if (name === 'knowsPeople') return (names: string[]) => (names.forEach((n) => asked.add(n)), target.knowsPeople(names));
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as CorpusStore;
  await checkDraft(paragraph, recording);
  assert.ok(asked.size > 0, 'the check asks about the names');
  const noted = new Set<string>();
  warmUpExtraction(paragraph, (name) => noted.add(name));
  for (const name of asked) assert.ok(noted.has(name), `${name} noted (${[...noted].join(', ')})`);
  // The server's read-ahead of a waiting draft collects them; they are taken once.
  warmUpOnDraft(paragraph);
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  const taken = takeDraftNames();
  yieldExtractionWarmUp();
  for (const name of asked) assert.ok(taken.includes(name), `${name} taken (${taken.join(', ')})`);
  assert.deepEqual(takeDraftNames(), []);
});
