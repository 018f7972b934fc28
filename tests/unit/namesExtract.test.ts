/**
 * Who is a person (issue 8, point 8): organisations, parties, nationalities,
 * places and plural nouns are not; people with a title, a trade or a
 * post-nominal glued to the name are, under their own name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPeople } from '../../server/src/engine/extract/names';
import { splitSentences } from '../../server/src/engine/extract/sentences';

function names(text: string): string[] {
  return extractPeople(text, splitSentences(text)).map((p) => p.fullName);
}

test('clubs, companies, parties and nicknames are not people', () => {
  assert.deepEqual(names('Manchester United said the deal was off. Monument Securities said shares fell.'), []);
  assert.deepEqual(names('Leeds Rovers said they would appeal. United Auto Workers said the strike was over.'), []);
  assert.deepEqual(names('Tory said nothing. New Labour said it would win. Lib Dem said so.'), []);
});

test('nationalities and plural nouns opening a sentence are not people', () => {
  assert.deepEqual(names('Briton said he was delighted. Economists warned that growth would slow. Campaigners said the plan was unfair.'), []);
});

test('a place the text puts after "in" is not a person when it speaks', () => {
  assert.deepEqual(names('Jobs were lost in Burnley last year. Burnley said it would recover.'), []);
});

test('titles, trades, parties and nationalities before a name are no part of it', () => {
  assert.deepEqual(names('Chancellor Gordon Brown said the figures were sound.'), ['Gordon Brown']);
  assert.deepEqual(names('Actress Sandra Dee said she was delighted.'), ['Sandra Dee']);
  assert.deepEqual(names('American Bershawn Jackson said he would race again.'), ['Bershawn Jackson']);
  const tory = extractPeople('Tory MP Boris Johnson said the plan was dead.', splitSentences('Tory MP Boris Johnson said the plan was dead.'));
  assert.equal(tory[0]?.fullName, 'Boris Johnson');
  assert.equal(tory[0]?.role?.text, 'Tory MP');
});

test('a post-nominal is no part of the name; a constituency before it is a role, not a name', () => {
  assert.deepEqual(names('Frank Field MP said the reform had failed.'), ['Frank Field']);
  assert.deepEqual(names('The plan was attacked by the Salford MP. Later the Salford MP said more.'), []);
});

test('an organisation named in full before a title belongs to the role', () => {
  const text = 'Bank of England governor Mervyn King spoke. Work and Pensions Secretary Alan Johnson agreed.';
  const people = extractPeople(text, splitSentences(text));
  assert.equal(people.find((p) => p.fullName === 'Mervyn King')?.role?.text, 'Bank of England governor');
  assert.equal(people.find((p) => p.fullName === 'Alan Johnson')?.role?.text, 'Work and Pensions Secretary');
  const two = 'Italian Prime Minister Silvio Berlusconi and German Chancellor Gerhard Schroeder met.';
  assert.equal(extractPeople(two, splitSentences(two)).find((p) => p.fullName === 'Gerhard Schroeder')?.role?.text, 'German Chancellor');
});

test('an apposition is a noun phrase: a clause after a name gives no role', () => {
  const text = 'He praised Wilkinson, coach Andy Robinson has given youngsters a chance.';
  const people = extractPeople(text, splitSentences(text));
  assert.ok(people.every((p) => !p.role || !/given/.test(p.role.text)), JSON.stringify(people));
});

test('people without a speech cue: a common given name and a surname, a demonym, a speaker tag', () => {
  const bare = extractPeople('Kevin Keegan resigned on Monday.', splitSentences('Kevin Keegan resigned on Monday.'));
  assert.deepEqual(bare.map((p) => [p.fullName, p.cue]), [['Kevin Keegan', 'given-name']]);
  assert.deepEqual(names('Briton Kelly Holmes won the final.'), ['Kelly Holmes']);
  assert.deepEqual(names('Peter Ward: We will not see a deal this year.'), ['Peter Ward']);
  // A given name before a word the text also writes in lower case, or before a place word, is no person.
  assert.deepEqual(names('The Rose Garden was full. Mark Time was called as the ranks held time.'), []);
});
