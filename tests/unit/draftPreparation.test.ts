/**
 * A draft prepared before its store is ready (`DraftPreparation`, issue 13):
 * its first check starts from the prepared reading and claims, and finds what
 * a checker that prepared nothing finds.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, DraftChecker, DraftPreparation, type CheckConfig, type CorpusIndex, type CorpusStore, type DraftFacts } from '../../server/src/engine/api';
import type { AnyCheck } from '../../server/src/engine/check/check';
import { CHECKS } from '../../server/src/engine/check/checks';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { preparationSteps } from '../../server/src/lsp/extractionWarmUp';
import { repoRoot, sampleCorpusDir } from '../helpers';

let index: CorpusIndex;
let draft: string;
let interview: string;

before(async () => {
  ({ index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir])));
  draft = readFileSync(path.join(repoRoot, 'examples', 'draft.md'), 'utf8');
  interview = readFileSync(path.join(repoRoot, 'examples', 'interview-draft.md'), 'utf8');
});

/** The checks, each counting the drafts it lists claims of. */
function countingChecks(): { checks: AnyCheck[]; listed: () => number } {
  let listed = 0;
  const checks = CHECKS.map((check): AnyCheck => ({ ...check, claims: (d: DraftFacts) => (listed++, check.claims(d)) }));
  return { checks, listed: () => listed };
}

/** `store`, counting the calls of each method. */
function countingStore(store: CorpusStore): { store: CorpusStore; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const counted = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(key), (calls.get(String(key)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: counted, calls };
}

/** A draft whose capitalised names without a cue the sample corpus does not know as people (the plain reading stands). */
const UNKNOWN_NAMES_DRAFT = 'Talks resumed in Geneva on Tuesday, the ministry said.\n\n"We will not give up," said Andrei Lankov, a professor at Kookmin University.';

test('a prepared draft is checked without listing its claims again, and with the same findings and look-ups', async () => {
  const { checks, listed } = countingChecks();
  const preparation = new DraftPreparation({}, checks);
  preparation.prepare(UNKNOWN_NAMES_DRAFT);
  assert.equal(listed(), checks.length, 'each check lists its claims once while preparing');
  const prepared = countingStore(index);
  const found = await DraftChecker.fromPreparation(preparation, prepared.store).check(UNKNOWN_NAMES_DRAFT);
  assert.equal(listed(), checks.length, 'the check starts from the prepared claims');
  const fresh = countingStore(index);
  assert.deepEqual(found, await new DraftChecker(fresh.store, {}, checks).check(UNKNOWN_NAMES_DRAFT));
  assert.ok(found.length > 0, 'the draft has findings to compare');
  // The store is asked the same questions either way: the preparation asks it nothing.
  assert.deepEqual(prepared.calls, fresh.calls);
});

test('a name the store knows as a person: only the checks that read the people list their claims again', async () => {
  const { checks, listed } = countingChecks();
  const preparation = new DraftPreparation({}, checks);
  preparation.prepare(draft);
  const found = await DraftChecker.fromPreparation(preparation, index).check(draft);
  const relisted = listed() - checks.length;
  assert.ok(relisted > 0 && relisted < checks.length, `relisted ${relisted} of ${checks.length}`);
  assert.deepEqual(found, await checkDraft(draft, index));
});

test('findings are the same prepared or not, with a team list, a draft date and no verified findings', async () => {
  const configs: CheckConfig[] = [
    {},
    { includeVerified: false },
    { people: [{ name: 'Andrei Lankov', roles: ['professor at Kookmin University'] }] },
    { draftDate: '2019-06-12', maxEvidence: 1 },
  ];
  for (const config of configs) {
    for (const text of [draft, interview, UNKNOWN_NAMES_DRAFT]) {
      const preparation = new DraftPreparation(config);
      preparation.prepare(text);
      assert.deepEqual(await DraftChecker.fromPreparation(preparation, index).check(text), await checkDraft(text, index, config), JSON.stringify(config));
    }
  }
});

test('a preparation of another text, or one left unfinished, changes nothing', async () => {
  const edited = draft.replace('Lankov', 'Lankow');
  const checker = new DraftChecker(index);
  checker.prepare(draft);
  assert.deepEqual(await checker.check(edited), await checkDraft(edited, index));
  // Used once: the preparation of `draft` was dropped by the check of another text.
  assert.deepEqual(await checker.check(draft), await checkDraft(draft, index));

  const preparation = new DraftPreparation();
  const steps = preparationSteps(preparation, draft);
  assert.ok(steps.length > 1, 'prepared in parts');
  for (const step of steps.slice(0, -1)) await step();
  assert.deepEqual(await DraftChecker.fromPreparation(preparation, index).check(draft), await checkDraft(draft, index));
});

test('prepared in the server\'s steps, a draft is checked from its claims as when prepared whole', async () => {
  const { checks, listed } = countingChecks();
  const preparation = new DraftPreparation({}, checks);
  for (const step of preparationSteps(preparation, UNKNOWN_NAMES_DRAFT)) await step();
  const found = await DraftChecker.fromPreparation(preparation, index).check(UNKNOWN_NAMES_DRAFT);
  assert.equal(listed(), checks.length);
  assert.deepEqual(found, await checkDraft(UNKNOWN_NAMES_DRAFT, index));
  assert.deepEqual(preparationSteps(new DraftPreparation(), 'x'.repeat(40_000)), [], 'a long draft is not read in one step');
});
