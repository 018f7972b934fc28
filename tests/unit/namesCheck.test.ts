/**
 * Names and roles against a small hand-written corpus (tests/fixtures/names):
 * issue 8, points 5–9 and the name half of 11, each with sentences of our own.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, type CorpusIndex, type Finding, type FindingCode } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { fixturesDir } from '../helpers';

let index: CorpusIndex;

before(async () => {
  ({ index } = await buildCorpusIndex(createFsCorpusSource([path.join(fixturesDir, 'names')])));
});

type Covered = Finding & { covered: string };

async function findings(draft: string): Promise<Covered[]> {
  return (await checkDraft(draft, index)).map((f) => ({ ...f, covered: draft.slice(f.span.start, f.span.end) }));
}

function on(found: Covered[], words: string, code?: FindingCode): Covered[] {
  return found.filter((f) => f.covered === words && (code === undefined || f.code === code));
}

// Point 5: a given name alone never verifies a full name.

test('a full name whose surname the sources give with another first name is name-mismatch, with their full name', async () => {
  const found = await findings('Peter Lankov said the summit would change little. Kim Jong Un, the North Korean leader, did not comment.');
  const [f] = on(found, 'Peter Lankov', 'name-mismatch');
  assert.ok(f, JSON.stringify(found.map((x) => [x.code, x.covered])));
  assert.equal(f.severity, 'warning');
  assert.equal(f.suggestion, 'Andrei Lankov');
  assert.match(f.message, /Andrei Lankov/);
  assert.ok(f.evidence.length > 0);
  assert.equal(on(found, 'Peter Lankov', 'name-verified').length, 0, 'never verified by "Peter" (Peter Ward) and "Lankov"');
});

test('a first name swapped within the story is caught; the same person written right is verified', async () => {
  const found = await findings('Andrei Ward, a researcher at the Sejong Institute, disagreed with Andrei Lankov.');
  assert.equal(on(found, 'Andrei Ward', 'name-mismatch')[0]?.suggestion, 'Peter Ward');
  assert.equal(on(found, 'Andrei Lankov', 'name-verified').length, 1);
});

test('outside the stories the sources tell, another first name is an unknown person, not a mismatch', async () => {
  const found = await findings('Naomi Lankov said the film would open in June.');
  assert.equal(on(found, 'Naomi Lankov', 'name-mismatch').length, 0);
  assert.equal(on(found, 'Naomi Lankov', 'name-verified').length, 0);
  assert.equal(on(found, 'Naomi Lankov', 'name-unknown').length, 1);
});

// Point 6: a first name the sources never give.

test('a first name the sources never give is information, not verified', async () => {
  const found = await findings('Simon Hobbs said trade had collapsed since the spring.');
  const [f] = on(found, 'Simon Hobbs', 'name-unknown');
  assert.ok(f, JSON.stringify(found.map((x) => [x.code, x.covered])));
  assert.equal(f.severity, 'information');
  assert.match(f.message, /no first name for Hobbs/);
  assert.equal(on(found, 'Simon Hobbs', 'name-verified').length, 0);
  // The surname alone, as the sources write it, is the person they name.
  assert.equal(on(await findings('Mr Hobbs said trade had collapsed.'), 'Hobbs', 'name-verified').length, 1);
});

// Point 7: order, hyphenation, romanisation; near spellings beyond one edit.

test('order, hyphenation and spacing variants are the same person', async () => {
  for (const variant of ['Hyunwoo Ryu', 'Ryu Hyunwoo', 'Hyun-woo Ryu', 'Ryu Hyun Woo']) {
    const found = await findings(`${variant}, a former acting ambassador, said the regime could wait.`);
    assert.equal(on(found, variant, 'name-verified').length, 1, `${variant}: ${JSON.stringify(found.map((x) => [x.code, x.covered]))}`);
  }
  const kim = await findings('Kim Jong-un said nothing. Later Kim Jongun spoke.');
  assert.equal(on(kim, 'Kim Jong-un', 'name-verified').length, 1);
});

test('two edits in a short surname with the same given name and role are a misspelling', async () => {
  const found = await findings('Hyunwoo Ryoo, a former acting ambassador in Kuwait, said the regime could wait.');
  const [f] = on(found, 'Hyunwoo Ryoo', 'name-misspelled');
  assert.ok(f, JSON.stringify(found.map((x) => [x.code, x.covered, x.message])));
  assert.equal(f.suggestion, 'Hyun-woo Ryu');
});

test('the same stretch without a role that agrees is no misspelling', async () => {
  const found = await findings('Hyunwoo Rye, a chef in Busan, said the restaurant would close.');
  assert.equal(on(found, 'Hyunwoo Rye', 'name-misspelled').length, 0);
});

test('a long surname two edits off, or one that sounds the same, is a misspelling', async () => {
  assert.equal(on(await findings('Andrei Lankovv said the talks would fail.'), 'Andrei Lankovv', 'name-misspelled').length, 1);
  assert.equal(on(await findings('Andrei Lankof said the talks would fail.'), 'Andrei Lankof', 'name-misspelled').length, 1);
  assert.equal(on(await findings('Andrei Lnakov said the talks would fail.'), 'Andrei Lnakov', 'name-misspelled')[0]?.suggestion, 'Andrei Lankov');
});

// Point 11 (names): a spelling difference, and never a source's typo.

test('a spelling-only difference is reported as such, with the sources spelling; a source typo is never suggested', async () => {
  const karoline = await findings('Karoline Leavitt said the president remained open to a meeting.');
  const [f] = on(karoline, 'Karoline Leavitt', 'name-misspelled');
  assert.equal(f?.suggestion, 'Caroline Leavitt');
  // "Carolime Leavitt" stands once in the sources (a typo): the right spelling is verified, never corrected to it.
  const caroline = await findings('Caroline Leavitt said the president remained open to a meeting.');
  assert.equal(on(caroline, 'Caroline Leavitt', 'name-verified').length, 1);
  assert.equal(caroline.filter((x) => x.code === 'name-misspelled').length, 0);
});

// Point 8: people found, non-people left alone (the draft side; extraction tests in namesExtract.test.ts).

test('a bare name the corpus knows is checked; a title glued to it is no part of it', async () => {
  const found = await findings('Kevin Keegan resigned on Monday. Chancellor Gordon Brown said little.');
  assert.equal(on(found, 'Kevin Keegan', 'name-verified').length, 1, JSON.stringify(found.map((x) => [x.code, x.covered])));
  assert.equal(on(found, 'Gordon Brown', 'name-verified').length, 1);
});

test('clubs, parties, nationalities and plural nouns are never unknown people', async () => {
  const found = await findings(
    'Manchester City said the deal was off. Tory MPs and New Labour loyalists clashed. The Briton said he was delighted. Analysts warned that borrowing would rise. Monument Securities said shares fell.',
  );
  assert.deepEqual(found.filter((f) => f.code.startsWith('name-')).map((f) => f.covered), []);
});

// Point 9: roles.

test('a role the sources give the person another field of is role-mismatch', async () => {
  const found = await findings("Andrew Marr, the BBC's economics editor, said the speech was strong.");
  const [f] = on(found, "BBC's economics editor", 'role-mismatch');
  assert.ok(f, JSON.stringify(found.map((x) => [x.code, x.covered])));
  assert.match(f.message + (f.suggestion ?? ''), /political editor/);
});

test('another post in the same place is role-mismatch; equivalent wordings are not', async () => {
  const wrong = await findings('Mervyn King, the Bank of England chief economist, declined to comment. Gordon Brown, the Prime Minister, spoke.');
  assert.equal(on(wrong, 'Prime Minister', 'role-mismatch').length, 1, JSON.stringify(wrong.map((x) => [x.code, x.covered])));
  const right = await findings(
    'Mervyn King, the BoE governor, declined to comment. Vince Cable, the Lib Dem Treasury spokesman, said so. Caroline Leavitt, the White House spokesperson, said so.',
  );
  assert.deepEqual(right.filter((x) => x.code === 'role-mismatch').map((x) => x.covered), []);
});
