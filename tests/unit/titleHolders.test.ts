/**
 * The title look-up (issue 8, point 9): who the sources give a title
 * (`CorpusStore.findPostHolders`), and the name check's verdicts on it — a
 * title someone else holds at that time, a past or shared title the sources
 * give others and never this person, a title several people hold at once
 * (quiet), a holder of another time (quiet). Our own articles in
 * tests/fixtures/titles/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CorpusIndexBuilder, checkDraft, postKeys, postQueryKeys, type CorpusIndex, type Finding } from '../../server/src/engine/api';
import { roleAgrees, sameTitle } from '../../server/src/engine/match/roles';
import { repoRoot } from '../helpers';

const FIXTURES = path.join(repoRoot, 'tests', 'fixtures', 'titles');

function corpus(...files: string[]): CorpusIndex {
  const builder = new CorpusIndexBuilder();
  for (const f of files) builder.setFile(path.join(FIXTURES, f), fs.readFileSync(path.join(FIXTURES, f)));
  return builder.build();
}

const ALL = corpus('politics-2015.md', 'politics-2016.md', 'sport-2004.md', 'wire-1987.md');

async function roleFindings(index: CorpusIndex, draft: string): Promise<Array<Finding & { words: string }>> {
  return (await checkDraft(draft, index, { includeVerified: true }))
    .filter((f) => f.code === 'role-mismatch')
    .map((f) => ({ ...f, words: draft.slice(f.span.start, f.span.end) }));
}

test('roles are filed under their post, its fields and its organisation words', () => {
  assert.deepEqual(postKeys("the BBC's political editor"), ['editor', 'editor political', 'editor bbc']);
  assert.deepEqual(postQueryKeys('the Chancellor'), ['chancellor']);
  assert.deepEqual(postQueryKeys('Senate Minority Leader'), ['leader minority', 'leader senate']);
  assert.deepEqual(postKeys('a keen gardener'), []);
});

test('sameTitle: same post, fields and organisation; a former holder only for a "former" title', () => {
  assert.equal(sameTitle('former CIA director', 'Former CIA director'), true);
  assert.equal(sameTitle('former CIA director', 'CIA director'), true);
  assert.equal(sameTitle('CIA director', 'former CIA director'), false);
  assert.equal(sameTitle('the Chancellor', 'Lord Chancellor'), false);
  assert.equal(sameTitle('Senate Minority Leader', 'Senate Majority Leader'), false);
  assert.equal(sameTitle('Channel Nine reporter', 'a reporter for Channel Nine'), true);
  // "National" is in many bodies' names: it does not make two bodies one.
  assert.equal(sameTitle('director of the National Center for Disaster Preparedness', 'executive director of National Nurses United'), false);
});

test('a secretary of state is a minister: "Development Secretary" agrees with "Aid minister"', () => {
  assert.equal(roleAgrees('International Development Secretary', ['Aid minister']), true);
  // A bare "minister" beside "Finance Minister" is the Finance Minister: not the Foreign Secretary.
  assert.equal(roleAgrees('Foreign Secretary', ['minister', 'Finance Minister']), false);
  // Other fields are still other jobs.
  assert.equal(roleAgrees('Home Secretary', ['Foreign Secretary']), false);
});

test('the store answers who holds a title, and the person\'s own roles of that post apart', async () => {
  const [leader, own] = await ALL.findPostHolders(
    [{ role: 'Senate Minority Leader', person: 'Dana Whitcombe' }, { role: 'Senate Minority Leader', person: 'Harold Bexley' }],
    { maxHolders: 8 },
  );
  assert.deepEqual(leader.holders.map((h) => h.name), ['Harold Bexley', 'Arthur Quill']);
  assert.equal(leader.own, undefined);
  assert.equal(leader.holders[0].firstDate, '2015-10-02');
  assert.equal(leader.holders[0].lastDate, '2016-01-12');
  assert.equal(leader.personFirstDate, '2015-10-02');
  assert.deepEqual(own.holders.map((h) => h.name), ['Arthur Quill']);
  assert.ok(own.own && own.own.roles.length > 0);
});

test('asked again, the store gives the same answer, which no caller can change; another holder limit is another answer', async () => {
  const index = corpus('politics-2015.md', 'politics-2016.md');
  const query = [{ role: 'Senate Minority Leader', person: 'Dana Whitcombe' }];
  const [first] = await index.findPostHolders(query, { maxHolders: 8 });
  const [again] = await index.findPostHolders(query, { maxHolders: 8 });
  assert.deepEqual(again, first);
  assert.ok(Object.isFrozen(again) && Object.isFrozen(again.holders) && Object.isFrozen(again.holders[0].roles[0].ref));
  assert.throws(() => (again.holders as unknown as unknown[]).push({}), TypeError);
  const [one] = await index.findPostHolders(query, { maxHolders: 1 });
  assert.equal(one.holders.length, 1);
  assert.equal(one.holders[0].name, first.holders[0].name);
});

test('a one-holder title the sources give someone else at that time, with the holder not in the draft', async () => {
  const found = await roleFindings(ALL, 'Senate Minority Leader Dana Whitcombe said the deal was fair.');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0].words, 'Senate Minority Leader');
  assert.match(found[0].message, /Harold Bexley/);
});

test('a past or shared title the sources give others, never this person, is unsupported', async () => {
  for (const [draft, holder] of [
    ['Former President Dana Whitcombe urged both sides to compromise.', 'Walter Grange'],
    ['Former CIA director Lena Ostrow said security spending was safe.', 'Martin Calloway'],
    ['Channel Nine reporter Lena Ostrow asked about the vote.', 'Priya Venkat'],
  ] as const) {
    const found = await roleFindings(ALL, draft);
    assert.equal(found.length, 1, `${draft}: ${JSON.stringify(found)}`);
    assert.match(found[0].message, new RegExp(`never call.*${holder}`), draft);
  }
});

test('a title that names no one job is nobody\'s in particular: quiet', async () => {
  // "reporter" alone: the sources' reporter is Priya Venkat, but a reporter is no one post.
  assert.deepEqual(await roleFindings(ALL, 'Lena Ostrow, a reporter, asked about the vote.'), []);
});

test('a national side\'s nickname is its country: "Wallabies coach" is the Australia coach', () => {
  assert.equal(roleAgrees('Wallabies coach', ['Australia coach']), true);
  assert.equal(roleAgrees('Springboks coach', ['South Africa coach']), true);
  assert.equal(roleAgrees('Wallabies coach', ['Ireland coach']), false);
});

test('the sources\' own titles stay quiet', async () => {
  for (const draft of [
    'Senate Minority Leader Harold Bexley welcomed the deal.',
    'Former President Walter Grange praised Congress.',
    'Rep. Lena Ostrow said the deal was fair.',
    'Former CIA director Martin Calloway was relieved.',
    'Channel Nine reporter Priya Venkat asked about the vote.',
  ]) assert.deepEqual(await roleFindings(ALL, draft), [], draft);
});

test('a title several people hold at once names no one job: quiet, even beside a holder', async () => {
  // "England captain": the rugby side's and the football side's.
  assert.deepEqual(await roleFindings(ALL, 'England captain Neil Bray praised the forwards. Marcus Dell was rested.'), []);
});

test('a holder of another time does not hold the title now', async () => {
  // Arthur Quill led the minority in 1987; the sources speak of Dana Whitcombe in 2015–16, when Bexley did.
  const only = corpus('politics-2015.md', 'wire-1987.md');
  const found = await roleFindings(only, 'Senate Minority Leader Dana Whitcombe said the deal was fair.');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.match(found[0].message, /Harold Bexley/);
  assert.doesNotMatch(found[0].message, /Arthur Quill/);
});

test('an apposition without an article that is a short lower-case role is a role', async () => {
  const { extractFacts } = await import('../../server/src/engine/api');
  const people = extractFacts('"It is early," said Selma Ruud, insurance analyst at Brandt & Co. Ruud, meanwhile, left.').people;
  assert.equal(people[0].role?.text.replace(/\.$/, ''), 'insurance analyst at Brandt & Co');
  // A clause between commas is no role.
  assert.equal(extractFacts('Tom Kettle, economists say, is wrong.').people[0]?.role, undefined);
});
