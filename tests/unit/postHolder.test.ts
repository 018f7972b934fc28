/**
 * A title the sources give someone else (issue 8, point 9 / follow-up 2):
 * "Alan Milburn, the Chancellor" when the sources give that post to Gordon
 * Brown, and the role moved from one person of a story to another. Our own
 * sentences; the corpus is built here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameExclusivePost } from '../../server/src/engine/match/roles';
import { checkDraft, type CorpusIndex, type Finding } from '../../server/src/engine/api';
import { corpusOfTexts } from './textCorpus';

function corpus(...articles: string[]): CorpusIndex {
  return corpusOfTexts(articles);
}

async function roleFindings(index: CorpusIndex, draft: string): Promise<Finding[]> {
  return (await checkDraft(draft, index, { includeVerified: true })).filter((f) => f.code === 'role-mismatch');
}

const BUDGET = corpus(
  'Chancellor Gordon Brown set out his Budget on Wednesday. Health Secretary Alan Milburn welcomed the extra money for hospitals. ' +
    'Mr Brown said growth would be strong. Mr Milburn said waiting lists would fall.',
  'Gordon Brown, the Chancellor, defended the spending plans in the Commons. Alan Milburn, the Health Secretary, toured a hospital in Leeds.',
);

// The sources give Milburn no post at all: nothing of his own contradicts "the Chancellor".
const NO_POST = corpus(
  'Chancellor Gordon Brown set out his Budget on Wednesday. Alan Milburn, who ran the election campaign, was not in the chamber. ' +
    'Mr Brown said growth would be strong.',
  'Gordon Brown, the Chancellor, defended the plans. Alan Milburn said voters wanted stability.',
);

const CLUB = corpus(
  'Rovers manager Tom Ashdown praised his players after the win. Club captain Gary Lindholm scored twice. Kevin Price came on late. Ashdown said the title was possible.',
  'Gary Lindholm, the Rovers captain, signed a new contract. Tom Ashdown, the Rovers manager, said Lindholm was vital.',
);

test('a one-holder post: same post in the same field and organisation, not a former or deputy holder', () => {
  assert.equal(sameExclusivePost('the Chancellor', 'Chancellor'), true);
  assert.equal(sameExclusivePost('Chancellor', 'Chancellor of the Exchequer'), true);
  assert.equal(sameExclusivePost('the Rovers manager', 'Rovers manager'), true);
  assert.equal(sameExclusivePost('the manager', 'Rovers manager'), false);
  assert.equal(sameExclusivePost('Health Secretary', 'Home Secretary'), false);
  assert.equal(sameExclusivePost('former Chancellor', 'Chancellor'), false);
  assert.equal(sameExclusivePost('an analyst', 'analyst'), false);
});

test('a title the sources give another person the draft names is flagged, naming the holder', async () => {
  const draft = 'Alan Milburn, the Chancellor, said the Budget was fair. Gordon Brown promised more money for schools.';
  const found = await roleFindings(BUDGET, draft);
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.match(found[0].message, /Gordon Brown/);
  assert.match(draft.slice(found[0].span.start, found[0].span.end), /Chancellor/);
});

test('a title held by someone else when the sources give the person no post', async () => {
  const draft = 'Alan Milburn, the Chancellor, said the Budget was fair. Gordon Brown promised more money for schools.';
  const found = await roleFindings(NO_POST, draft);
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.match(found[0].message, /Chancellor.*Gordon Brown.*not to .*Alan Milburn/);
  // Without the holder in the draft, a person the sources give no role at all is not judged (the corpus may not know their job).
  assert.deepEqual(await roleFindings(NO_POST, 'Alan Milburn, the Chancellor, said the Budget was fair.'), []);
});

test('a role moved from one person of a story to another', async () => {
  // Kevin Price has no role in the sources: only the holder tells that the post is not his.
  const draft = 'Rovers manager Kevin Price praised the squad. Tom Ashdown said the title was possible.';
  const found = await roleFindings(CLUB, draft);
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.match(found[0].message, /Tom Ashdown/);
  // Moved to someone with a post of his own there, the contradiction is still reported.
  assert.equal((await roleFindings(CLUB, 'Rovers manager Gary Lindholm praised the squad. Tom Ashdown agreed.')).length, 1);
});

test('a post of an organisation both people belong to may have changed hands: quiet', async () => {
  const index = corpus(
    'England captain Jason Rowe led the side on Saturday. England fly-half Jon Wilks kicked three penalties.',
    'Jason Rowe, the England captain, praised the forwards. Jon Wilks, the England fly-half, was injured.',
  );
  assert.deepEqual(await roleFindings(index, 'England captain Jon Wilks kicked the winner. Jason Rowe was rested.'), []);
});

test('the right holder, and a post both people held, stay quiet', async () => {
  assert.deepEqual(await roleFindings(BUDGET, 'Gordon Brown, the Chancellor, said the Budget was fair. Alan Milburn welcomed it.'), []);
  assert.deepEqual(await roleFindings(CLUB, 'Rovers manager Tom Ashdown praised the squad. Gary Lindholm scored.'), []);
  // A generic role shared by many is no one's post.
  assert.deepEqual(await roleFindings(CLUB, 'Gary Lindholm, a player, praised the squad. Tom Ashdown agreed.'), []);
});
