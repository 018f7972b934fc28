/**
 * Attribution cue forms from the second PolNeAR error analysis (issue 8,
 * follow-up of "people2"; decided on the train and dev splits), each with our
 * own sentences: a description whose modifiers the text never stated, a
 * participle after a quotation, titles glued before a name after the verb,
 * a speech-verb form used as a noun, and a name and verb after a quotation
 * that stood inside a clause of its own sentence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { speakerOf } from './quoteSpeaker';

test('a definite description with modifiers the text never stated stands for the passage’s person', () => {
  const text = 'Marcus Delaney toured three farms in Iowa on Monday. “Nobody out here trusts Washington,” the Ohio congressman said.';
  assert.equal(speakerOf(text, 'Nobody out'), 'Marcus Delaney');
  const nominee = 'Leanne Pruitt spent the weekend in Denver. The Republican nominee told supporters, “We are going to win this state.”';
  assert.equal(speakerOf(nominee, 'We are going'), 'Leanne Pruitt');
});

test('a description whose role the text gives someone else does not fall back to the passage’s person', () => {
  const text = 'Gov. Alan Whitcombe signed the bill. Hannah Ostrow opposed it. “This is a sad day,” the governor said.';
  assert.equal(speakerOf(text, 'This is a sad'), 'Alan Whitcombe');
});

test('a participle after a quotation is no inverted subject: the clause before the quotation speaks', () => {
  const text = 'Rosa Calderon has delivered a spirited defence of “small-town values,” saying the region embodied the country’s best.';
  assert.equal(speakerOf(text, 'small-town'), 'Rosa Calderon');
  // The inversion with a finite verb still works.
  assert.equal(speakerOf('“We will appeal,” said Rosa Calderon on Friday.', 'We will'), 'Rosa Calderon');
});

test('titles glued before a name after an inverted verb are not part of the name', () => {
  const text = 'Turnout was low. “I do not know what it will take,” said Senate Minority Whip Harold Brandt (D-Ore.) in an interview.';
  assert.equal(speakerOf(text, 'I do not know'), 'Harold Brandt');
  // Capitalised words with no title among them are not stripped: an organisation stays no person.
  assert.notEqual(speakerOf('“We disagree,” said Northwind Shipping Holdings in a statement.', 'We disagree'), 'Shipping Holdings');
});

test('a speech-verb form used as a plural noun names no speaker', () => {
  assert.equal(speakerOf('Analysts have discounted Pyongyang’s claims, but say the test may have raised its “explosive yield” by other means.', 'explosive'), undefined);
  assert.equal(speakerOf('The panel released transcripts to disprove Republican claims of “significant breakthroughs” in the inquiry.', 'significant'), undefined);
  // A party word heading a subject is still its speaker.
  const text = 'Rep. Cole Barnaby wrote to the attorney general. In the letter, the Utah Republican asks for an inquiry into whether “rules were broken”.';
  assert.notEqual(speakerOf(text, 'rules were'), undefined);
});

test('a name and verb after a quotation inside a clause start the next piece of news, not its attribution', () => {
  const text = 'Ines Marlow called her rival a “pathological liar.” Teodor Vance said the race had turned ugly.';
  assert.equal(speakerOf(text, 'pathological'), 'Ines Marlow');
  // A quotation standing as its own sentence is still attributed by a bare tag after it.
  assert.equal(speakerOf('The polls closed at eight. “Nothing is missing.” Teodor Vance said.', 'Nothing is'), 'Teodor Vance');
});

test('a quotation opening its sentence after a sentence opened by a named person is theirs', () => {
  const text = 'Senator Odile Varga touted her record on labour rights at the rally. “We need to protect every worker who wants a union.”';
  assert.equal(speakerOf(text, 'We need'), 'Odile Varga');
  // Someone else named between: no speaker.
  const other = 'Senator Odile Varga touted her record, and Gregor Lind praised it. “We need to protect every worker.”';
  assert.notEqual(speakerOf(other, 'We need'), 'Odile Varga');
});
