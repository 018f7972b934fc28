/**
 * Cue forms found missing in the PolNeAR train/dev error analysis of issue 8,
 * point 4 (fourth session), each with our own sentences: a long adjunct
 * between a quotation and the tag closing its sentence, a tag whose subject
 * carries a lower-case title and whose verb a short adjunct, a sentence
 * opening with an age, a lone surname ending in "s" that the text writes as
 * a name, a lone surname before an apposition, a parenthetical inverted tag
 * ("…, says X, …"), and a quotation closing a fronted subordinate clause.
 * The negative cases keep the words from the wrong person.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { speakerOf } from './quoteSpeaker';

test('a long adjunct between the quotation and the tag closing the sentence', () => {
  const text = 'Spending rose again. "These groups have been setting the table for voters," in sharp contrast to earlier years when the campaigns took on that work, says Dora Kellner, a historian at Marlow College.';
  assert.equal(speakerOf(text, 'These groups have been'), 'Dora Kellner');
});

test('a tag with a lower-case title before the name and an adjunct after the verb', () => {
  const text = 'Rep. Anna Kohl spoke. "If the agency finds more records, it intends to search them for records" that would answer requests from the watchdog, Justice Department senior trial counsel Marian Trask Holloway wrote in a court filing.';
  assert.equal(speakerOf(text, 'If the agency finds'), 'Marian Trask Holloway');
});

test('a sentence opening with an age is the subject’s own sentence', () => {
  const text = 'For many, that candidate is Hale. 74-year-old Walker Dunn, a nominal Republican who voted for Carter and Hale, said that given the field:\n\n"There is only one choice. He pays for his own campaign."';
  assert.equal(speakerOf(text, 'There is only one choice'), 'Walker Dunn');
});

test('a lone surname ending in "s" that the text writes as a name', () => {
  const text = 'Turnout grew, and support for Willems grew with it.\n\n"We are doing very well with young voters," Willems told a radio host in late May. "The splits are by age."';
  assert.equal(speakerOf(text, 'We are doing very well'), 'Willems');
  // A plural written with a capital is no speaker: "Officials" opens sentences only.
  const plural = 'The agency met on Monday.\n\n"We are reviewing every case," Officials told reporters in a statement.';
  assert.equal(speakerOf(plural, 'We are reviewing'), undefined);
});

test('a lone surname before an apposition opened by "who"', () => {
  const text = 'Mara Lindqvist, Tom Okafor and Ruth Daley have all attacked the mandate — and Okafor, who is third in the polls, was bold enough to say so at a farm summit.\n\n“The answer you’d like me to give is, ‘I’m for the mandate, darn it,’” Okafor, who has proposed repealing it over five years, said at the time.';
  assert.equal(speakerOf(text, 'The answer you’d like'), 'Tom Okafor');
});

test('a parenthetical inverted tag gives the words to the person after the verb', () => {
  const text = 'Nora Whitfield died on Sunday. The paradox of Nora, says Carl Benning, historian at the Whitfield Library, is that she was "one of the most powerful first ladies of her era," not for her policies.';
  assert.equal(speakerOf(text, 'one of the most powerful'), 'Carl Benning');
});

test('a quotation closing a fronted subordinate clause is that clause’s speaker’s', () => {
  const text = 'Justice Aldo Ferrante spoke in December. After Ferrante said that some students might do better at "less advanced schools," Governor Lena Marsh said: "I don’t like what he said."';
  assert.equal(speakerOf(text, 'less advanced schools'), 'Aldo Ferrante');
  assert.equal(speakerOf(text, 'I don’t like what he said'), 'Lena Marsh');
});
