import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, DraftChecker, type Check, type CorpusIndex, type CorpusStore } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { repoRoot, sampleCorpusDir } from '../helpers';

let index: CorpusIndex;
let draft: string;

before(async () => {
  ({ index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir])));
  draft = readFileSync(path.join(repoRoot, 'examples', 'draft.md'), 'utf8');
});

type Lookup = Exclude<keyof CorpusStore, 'stats'>;

/**
 * A store that answers as the in-memory index does, but later (each answer
 * after a macrotask, as a database would) and counting every call: the
 * checks must not depend on answers being immediate, and must batch.
 */
function slowRecordingStore(inner: CorpusStore): { store: CorpusStore; calls: Array<{ method: Lookup; size: number }> } {
  const calls: Array<{ method: Lookup; size: number }> = [];
  const later = <T>(value: Promise<T>): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), 1));
  const store: CorpusStore = {
    get stats() {
      return inner.stats;
    },
    findQuotations: (q) => (calls.push({ method: 'findQuotations', size: q.length }), later(inner.findQuotations(q))),
    findPeople: (n, o) => (calls.push({ method: 'findPeople', size: n.length }), later(inner.findPeople(n, o))),
    knowsPeople: (c) => (calls.push({ method: 'knowsPeople', size: c.length }), later(inner.knowsPeople(c))),
    findPostHolders: (q, o) => (calls.push({ method: 'findPostHolders', size: q.length }), later(inner.findPostHolders(q, o))),
    hasPhrases: (p) => (calls.push({ method: 'hasPhrases', size: p.length }), later(inner.hasPhrases(p))),
    findDatesInContext: (q) => (calls.push({ method: 'findDatesInContext', size: q.length }), later(inner.findDatesInContext(q))),
    findDatesByEvent: (k) => (calls.push({ method: 'findDatesByEvent', size: k.length }), later(inner.findDatesByEvent(k))),
    findAlignedSentences: (q) => (calls.push({ method: 'findAlignedSentences', size: q.length }), later(inner.findAlignedSentences(q))),
    cite: (r) => (calls.push({ method: 'cite', size: r.length }), later(inner.cite(r))),
    search: (q, o) => (calls.push({ method: 'search', size: 1 }), later(inner.search(q, o))),
  };
  return { store, calls };
}

test('a store that answers later gives the same findings as the in-memory index', async () => {
  const { store } = slowRecordingStore(index);
  assert.deepEqual(await checkDraft(draft, store), await checkDraft(draft, index));
});

test('lookups are batched: at most one call per kind per check for a whole draft', async () => {
  const { store, calls } = slowRecordingStore(index);
  const findings = await checkDraft(draft, store);
  assert.ok(findings.length > 5, 'the example draft has findings');
  const perMethod = new Map<string, number>();
  for (const c of calls) perMethod.set(c.method, (perMethod.get(c.method) ?? 0) + 1);
  // Each lookup kind is asked once per check that uses it, for the whole draft (the aligned sentences serve the
  // date check and the facts check: two); citing is one batch for the draft.
  for (const [method, n] of perMethod) assert.equal(n, method === 'findAlignedSentences' ? 2 : 1, `${method} was called ${n} times`);
  assert.ok((perMethod.get('findQuotations') ?? 0) === 1 && calls.find((c) => c.method === 'findQuotations')!.size > 1);
  assert.equal(perMethod.get('cite'), 1);
});

test('an unchanged draft asks the store nothing; an edit asks only for the claims it touched', async () => {
  const { store, calls } = slowRecordingStore(index);
  const checker = new DraftChecker(store);
  await checker.check(draft);
  calls.length = 0;
  await checker.check(draft);
  assert.equal(calls.length, 0, JSON.stringify(calls));
  // A new sentence with one new quotation: one quotation looked up, nothing else re-asked.
  await checker.check(`${draft}\n\nShe added, "We will look at every option on the table."\n`);
  const quoteCalls = calls.filter((c) => c.method === 'findQuotations');
  assert.deepEqual(quoteCalls.map((c) => c.size), [1]);
  assert.ok(!calls.some((c) => c.method === 'findPeople' && c.size > 2), JSON.stringify(calls));
});

test('a check is one object of the Check shape: the checker runs any list of them', async () => {
  // A toy check: every quotation of more than ten words is reported, citing the first verbatim source if any.
  const longQuotes: Check<{ start: number; end: number; text: string }, boolean> = {
    name: 'long-quotes',
    claims: (d) => d.facts.quotes.filter((q) => q.text.split(/\s+/).length > 10).map((q) => ({ ...q.span, text: q.text })),
    key: (c) => c.text,
    start: (c) => c.start,
    retrieve: async (claims, store) => (await store.hasPhrases(claims.map((c) => c.text))),
    judge: (c, found) => [{ code: 'quote-unsourced', span: { start: c.start, end: c.end }, message: found ? 'long, sourced' : 'long, unsourced', evidence: [] }],
  };
  const findings = await new DraftChecker(index, {}, [longQuotes]).check(draft);
  assert.ok(findings.length > 0);
  assert.ok(findings.every((f) => f.message.startsWith('long') && f.severity === 'information'));
});

test('judges are pure: a near match whose words are already the sources spelling is no misspelling', async () => {
  const { nameCheck, resolveCheckConfig } = await import('../../server/src/engine/api');
  const mention = { text: 'TimeWarner', span: { start: 10, end: 20 }, fullName: 'Media TimeWarner', cue: 'speaker' as const };
  const person = { name: 'TimeWarner', spellings: ['TimeWarner'], mentions: [], roles: [] };
  const config = resolveCheckConfig();
  assert.deepEqual(nameCheck.judge({ mention, reportsUnknown: true, context: [] }, { match: { kind: 'near', person }, spelledSoInCorpus: false }, config), []);
  const typo = nameCheck.judge({ mention: { ...mention, text: 'TimeWarnr' }, reportsUnknown: true, context: [] }, { match: { kind: 'near', person }, spelledSoInCorpus: false }, config);
  assert.deepEqual(typo.map((f) => [f.code, f.suggestion]), [['name-misspelled', 'TimeWarner']]);
});
