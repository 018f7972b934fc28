/**
 * The team's people list in the names check (`engine/check/teamPeople.ts`),
 * on the sample corpus, which spells the White House press secretary
 * "Caroline Leavitt": a name the team confirms is verified, its spelling wins
 * over the source's, an alias stands for the person, a confirmed role is no
 * mismatch; a draft's front matter is not checked.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { buildCorpusIndex, checkDraft, DraftChecker } from '../../server/src/engine/api';
import type { CorpusIndex, Finding, TeamPerson } from '../../server/src/engine/api';
import { blankFrontMatter } from '../../server/src/engine/check/draftFrontMatter';
import { nearTeamPerson, preferredSpelling, resolveTeamPeople } from '../../server/src/engine/check/teamPeople';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { sampleCorpusDir } from '../helpers';

const PEOPLE: TeamPerson[] = [
  { name: 'Karoline Leavitt', roles: ['White House press secretary'] },
  { name: 'Maria Gonzalez-Ruiz', aliases: ['Maria Gonzalez'] },
  { name: 'Andrei Lankov', roles: ['director of the Asia desk'] },
];

const quote = '"The President remains receptive to an exchange of letters with Kim Jong Un."';

function about(text: string, findings: Finding[], words: string): Finding[] {
  return findings.filter((f) => text.slice(f.span.start, f.span.end) === words);
}

describe('team people list', () => {
  let index: CorpusIndex;
  before(async () => {
    index = (await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]))).index;
  });

  test("the team's spelling is not a misspelling, though the source spells it otherwise", async () => {
    const draft = `White House spokesperson Karoline Leavitt said, ${quote}\n`;
    const without = about(draft, await checkDraft(draft, index), 'Karoline Leavitt');
    assert.deepEqual(without.map((f) => f.code), ['name-misspelled'], 'without the list, the source spelling wins');
    const found = about(draft, await checkDraft(draft, index, { people: PEOPLE }), 'Karoline Leavitt');
    assert.deepEqual(found.map((f) => f.code), ['name-verified']);
    assert.match(found[0].message, /confirmed by the team's people list/);
  });

  test("the source's typo in a draft is flagged, with the team's spelling as the suggestion", async () => {
    const draft = `White House spokesperson Caroline Leavitt said, ${quote}\n`;
    assert.deepEqual(about(draft, await checkDraft(draft, index), 'Caroline Leavitt').map((f) => f.code), ['name-verified']);
    const found = about(draft, await checkDraft(draft, index, { people: PEOPLE }), 'Caroline Leavitt');
    assert.deepEqual(found.map((f) => [f.code, f.suggestion]), [['name-misspelled', 'Karoline Leavitt']]);
    assert.match(found[0].message, /team's people list/);
    // The quotation is still the source's, attributed to the same person.
    assert.ok((await checkDraft(draft, index, { people: PEOPLE })).some((f) => f.code === 'quote-verified'));
  });

  test('an interviewee the sources never name is confirmed, by name or alias', async () => {
    const draft = 'Maria Gonzalez, a nurse in Queens, said the clinic was full.\n';
    assert.deepEqual(about(draft, await checkDraft(draft, index), 'Maria Gonzalez').map((f) => f.code), ['name-unknown']);
    const found = about(draft, await checkDraft(draft, index, { people: PEOPLE }), 'Maria Gonzalez');
    assert.deepEqual(found.map((f) => f.code), ['name-verified']);
    assert.match(found[0].message, /Maria Gonzalez-Ruiz is confirmed by the team's people list \(as Maria Gonzalez\)/);
  });

  test('a role the team confirms is no mismatch; other roles still are', async () => {
    const draft = 'Andrei Lankov, director of the Asia desk, said the talks were over.\n';
    assert.ok((await checkDraft(draft, index)).some((f) => f.code === 'role-mismatch'), 'the sources say professor');
    assert.ok(!(await checkDraft(draft, index, { people: PEOPLE })).some((f) => f.code === 'role-mismatch'));
    const other = 'Andrei Lankov, a senator from Ohio, said the talks were over.\n';
    const withList = await checkDraft(other, index, { people: PEOPLE });
    assert.ok(withList.some((f) => f.code === 'role-mismatch'), 'a role neither the team nor the sources give is still flagged');
  });

  test('near spellings: word for word within the typo budget, one word is never enough, ties give nothing', () => {
    const people = resolveTeamPeople(PEOPLE);
    assert.equal(nearTeamPerson(people, 'Caroline Leavitt')?.name, 'Karoline Leavitt');
    assert.equal(nearTeamPerson(people, 'Karoline Leavitt'), undefined, 'the same name is no near spelling');
    assert.equal(nearTeamPerson(people, 'Leavit'), undefined);
    assert.equal(nearTeamPerson(people, 'Caroline Kennedy'), undefined);
    assert.equal(nearTeamPerson(people, 'Karoline Deavitt'), undefined, 'another surname initial is another family');
    const twins = resolveTeamPeople([{ name: 'Jon Smith' }, { name: 'Jan Smith' }]);
    assert.equal(nearTeamPerson(twins, 'Jen Smith'), undefined);
    assert.equal(preferredSpelling('Leavit', 'Karoline Leavitt'), 'Leavitt');
    assert.equal(preferredSpelling('Caroline Leavitt', 'Karoline Leavitt'), 'Karoline Leavitt');
  });

  test('an incremental checker with the list agrees with a fresh check', async () => {
    const checker = new DraftChecker(index, { people: PEOPLE });
    const a = `White House spokesperson Caroline Leavitt said, ${quote}\n`;
    const b = a.replace('Caroline', 'Karoline');
    await checker.check(a);
    assert.deepEqual(await checker.check(b), await checkDraft(b, index, { people: PEOPLE }));
  });
});

describe('draft front matter', () => {
  let index: CorpusIndex;
  before(async () => {
    index = (await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]))).index;
  });

  const body = 'Andrei Lankoff, a professor at Kookmin University, spoke.\n';
  const front = '---\ntitle: Talks\nsummary: Andrei Lankoff, a professor at Kookmin University, said "the talks are dead and buried now".\n---\n';

  test('is blanked, offsets kept', () => {
    const blanked = blankFrontMatter(front + body);
    assert.equal(blanked.length, (front + body).length);
    assert.ok(blanked.endsWith(body));
    assert.equal(blanked.slice(0, front.length).replace(/[ \n]/g, ''), '');
    assert.equal(blankFrontMatter(body), body);
    assert.equal(blankFrontMatter('---\nno closing line\n' + body), '---\nno closing line\n' + body, 'an unclosed block is text');
  });

  test('gives no findings inside it, and the same findings after it', async () => {
    const asBody = await checkDraft(front.replace(/---\n/g, '') + body, index);
    assert.ok(asBody.some((f) => f.code === 'name-misspelled' && f.span.start < front.length - 8), 'the same lines as body text are checked');
    const found = await checkDraft(front + body, index);
    assert.ok(found.every((f) => f.span.start >= front.length), JSON.stringify(found.map((f) => [f.code, f.span])));
    assert.deepEqual(found.map((f) => f.code), ['name-misspelled']);
  });
});
