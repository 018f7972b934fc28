/**
 * Cue forms of quotation attribution found missing in the PolNeAR error
 * analysis (issue 8, point 4 / follow-up 1), each with our own sentences:
 * a party tag after the name, a quotation in the predicate of a named
 * subject's clause with a verb that is no speech verb, a description
 * standing for the person the text gave that role, a dash signature, a
 * name and verb after a quotation that ended its sentence, and the
 * negative cases that must stay unattributed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPeople } from '../../server/src/engine/extract/names';
import { extractQuotes } from '../../server/src/engine/extract/quotes';
import { splitSentences } from '../../server/src/engine/extract/sentences';
import { speakerOf } from './quoteSpeaker';

test('a party-and-state tag between the name and the verb', () => {
  assert.equal(speakerOf('At the hearing, Sen. Maria Lindqvist (D-Ore.) said the budget was “a moral failure” for the state.', 'a moral'), 'Maria Lindqvist');
  assert.equal(speakerOf('The vote was close. “We will be back next year,” Rep. Tomas Abernathy (R-Kan.) said on Tuesday.', 'We will'), 'Tomas Abernathy');
});

test('reported speech where the nearest verb has no subject of its own', () => {
  assert.equal(speakerOf('Frustrated with the delays, Hal Brennick explained the mayor’s refusal to call the flooding a “man-made disaster” was a mistake.', 'man-made'), 'Hal Brennick');
});

test('a quotation in the predicate of a named subject with a verb that is no speech verb', () => {
  assert.equal(speakerOf('Walter Pennington sniped that the new manager was “learning on the job” and left the room.', 'learning'), 'Walter Pennington');
  assert.equal(speakerOf('After the debate, Carla Ostrova knocked her rival and branded his plan “fantasy economics”.', 'fantasy'), 'Carla Ostrova');
  assert.equal(speakerOf('The reform stalled when Dmitri Falk in a radio interview likened it to “a tax on breathing”.', 'a tax'), 'Dmitri Falk');
  assert.equal(speakerOf('Senator Ruth Okafor is stressing the need to protect “every single family farm” this year.', 'every single'), 'Ruth Okafor');
});

test('a description in a subject stands for the person the text gave that role', () => {
  const text = 'Sen. Gwen Halloway spoke in Dayton on Friday. The Ohio senator attacked the plan, calling it “reckless and cruel”.';
  assert.equal(speakerOf(text, 'reckless'), 'Gwen Halloway');
});

test('a dash signature after a quotation', () => {
  const text = 'Readers wrote in.\n“We need a bridge, not another study.” ― Marta Quiroga\n“The council has ignored us for years.” ― Dev Ramaswamy, Leeds';
  assert.equal(speakerOf(text, 'We need'), 'Marta Quiroga');
  assert.equal(speakerOf(text, 'The council'), 'Dev Ramaswamy');
});

test('a named subject and any past verb right after a quotation left open by a comma', () => {
  assert.equal(speakerOf('Oliver Grant spoke next. “Sit down, please,” Grant snapped as the room fell silent.', 'Sit down'), 'Oliver Grant');
});

test('a name and its verb alone after a quotation that ended its sentence', () => {
  assert.equal(speakerOf('Susan Petrov arrived late. “I hope you find the missing files.” Petrov said.', 'I hope'), 'Susan Petrov');
});

test('a description with a capitalised modifier in a closing tag', () => {
  assert.equal(speakerOf('The crowd cheered. “This is just a scripted show and we are all props,” said Ohio delegate Beau Marchetti, who left early.', 'This is'), 'Beau Marchetti');
});

test('no attribution where the named subject is described, not speaking', () => {
  // A copula or passive: the quoted words describe the subject; they are not the subject's.
  assert.equal(speakerOf('Tom Harlow was “unfit for office”, the report found.', 'unfit'), undefined);
  assert.equal(speakerOf('Tom Harlow is “a disgrace” to the party.', 'a disgrace'), undefined);
  // A possessor is not the subject.
  assert.equal(speakerOf('Tom Harlow’s plan to build “a wall of steel” was dropped.', 'a wall'), undefined);
  // An indefinite or plural description names no one.
  assert.equal(speakerOf('Sen. Gwen Halloway spoke on Friday. A senator attacked the plan, calling it “reckless”.', 'reckless'), undefined);
});

test('words owned by a person named right before them stay that person’s, not the clause subject’s', () => {
  const text = 'Lena Moravec said the tax was “daylight robbery”. Later Oscar Beltran repeated Moravec’s “daylight robbery” at a rally.';
  const sentences = splitSentences(text);
  const qs = extractQuotes(text, sentences, extractPeople(text, sentences));
  assert.equal(qs[1].speaker?.resolved, undefined);
});
