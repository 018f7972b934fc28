/**
 * An apposition that is a title and another person's name ("DiCaprio,
 * director Martin Scorsese, Mr Mann and Mr King") is a list of people, not
 * the first person's role (issue 8, point 9: a role the sources never give is
 * a false role-mismatch on the unchanged article).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPeople } from '../../server/src/engine/extract/names';
import { splitSentences } from '../../server/src/engine/extract/sentences';

function roles(text: string): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const p of extractPeople(text, splitSentences(text))) if (!out.get(p.fullName)) out.set(p.fullName, p.role?.text);
  return out;
}

test('a title and a name after a comma name another person of a list, not a role', () => {
  const r = roles('He had his photo taken with Mary Okafor, producer Daniel Whitcombe, Mr Mann and Mr King at the party.');
  assert.equal(r.get('Mary Okafor'), undefined);
  const s = roles('The minister met Paul Ferris, coach Andy Robinson and two players on Friday.');
  assert.equal(s.get('Paul Ferris'), undefined);
});

test('roles whose capitalised words come first or after a preposition are still roles', () => {
  assert.equal(roles('Andrei Lankov, a professor at Kookmin University, said it was unlikely.').get('Andrei Lankov'), 'professor at Kookmin University');
  assert.equal(roles('Peter Ward, a North Korea expert, said talks would resume.').get('Peter Ward'), 'North Korea expert');
  assert.equal(roles('Ryu Hyunwoo, former acting ambassador in Kuwait, said little.').get('Ryu Hyunwoo'), 'former acting ambassador in Kuwait');
});
