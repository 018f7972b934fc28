/**
 * Cue forms found missing in the PolNeAR train/dev error analysis of issue 8,
 * point 4 (second session), each with our own sentences: people the person
 * extractor did not recognise, a campaign or office speaking for a person,
 * quotation-mark typography, a speaker named before an adjunct or after a
 * dateline, absolute phrases, digest bylines, "as X put it", inverted "said X",
 * continuations across an attribution or a paragraph, and the negative cases
 * that must stay as they were.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { speakerOf } from './quoteSpeaker';

test('a name the text once puts after "in" still speaks when a speech verb follows it', () => {
  const text = 'Voters have lost confidence in Okonkwo after the vote.\n\n"We cannot ignore the fact that the levee failed," Okonkwo said at a meeting on Thursday.';
  assert.equal(speakerOf(text, 'We cannot'), 'Okonkwo');
});

test('a nested quotation closed by a spaced double mark', () => {
  const text = `"The state has put its thumb on the scale, telling people 'you are outsiders,' " Halvorsen wrote in the ruling. "And that is unlawful."`;
  assert.equal(speakerOf(text, 'The state'), 'Halvorsen');
});

test('an opening curly mark typed for the closing one', () => {
  const text = '“It is unusual,“ said Larry Brandt, an attorney with the Fair Elections Center. “It is a hard thing to pull off.”';
  assert.equal(speakerOf(text, 'It is unusual'), 'Larry Brandt');
});

test('a sentence-initial name the text writes as a name elsewhere', () => {
  const text = 'Support for Marchetti has grown.\n\nAt the rally, Marchetti stepped up his attack on the budget, saying, "We have to stop borrowing against our children."';
  assert.equal(speakerOf(text, 'We have to stop'), 'Marchetti');
});

test('a connective adverb between subject and verb', () => {
  const text = 'Defence Secretary Alan Pruett spoke in Singapore. Pruett however said he would welcome a “principled security network” for the region.';
  assert.equal(speakerOf(text, 'principled'), 'Alan Pruett');
});

test('a dateline before the subject of a participle', () => {
  const text = 'Paris (AFP) – Hillary Clinton has taken a swipe at her rival’s stance on trade, saying that “bombastic comments” do more harm than good.';
  assert.equal(speakerOf(text, 'bombastic'), 'Hillary Clinton');
});

test('a campaign, office or spokesperson speaks for the person named', () => {
  const text = 'Speaker Paul Kessler met the nominee on Thursday.\n\nKessler’s office said in a statement that the talks were “productive and frank.”';
  assert.equal(speakerOf(text, 'productive'), 'Paul Kessler');
  const after = 'Senator Ada Morrow lost the vote. “We will keep fighting for these families,” Morrow’s campaign said.';
  assert.equal(speakerOf(after, 'We will keep'), 'Ada Morrow');
});

test('a description resolved before reported speech gives it a speaker', () => {
  const text = 'The U.S. State Department released the last batch on Monday. The department said it would “be adding the missing data in January.”';
  assert.equal(speakerOf(text, 'be adding'), 'U.S. State Department');
});

test('a person of a body, and titles joined by "and" or abbreviated', () => {
  assert.equal(speakerOf('"It was the least bad outcome," Mr. Henley of the Sierra Club said.', 'It was the least'), 'Henley');
  assert.equal(speakerOf('“He is reprising that role,” said former Ohio Gov. and Democratic Party Chairman Ed Marlowe.', 'He is reprising'), 'Ed Marlowe');
  assert.equal(speakerOf('“The candidates just do not understand the military,” said Army Capt. Rosa Delgado, who voted early.', 'The candidates'), 'Rosa Delgado');
  assert.equal(speakerOf('“They are simply wrong,” said 9/11 widow Terry Albrecht.', 'They are simply'), 'Terry Albrecht');
});

test('the subject of an absolute phrase at its participle', () => {
  const text = 'Senators complained about the lack of detail, with Sen. John Ridley calling it a “Chinese menu.”';
  assert.equal(speakerOf(text, 'Chinese menu'), 'John Ridley');
  const two = 'Both sides issued statements – Paul Garner saying he was “very encouraged” and Dana Voss calling it a “great meeting.”';
  assert.equal(speakerOf(two, 'very encouraged'), 'Paul Garner');
  assert.equal(speakerOf(two, 'great meeting'), 'Dana Voss');
});

test('a digest byline before a colon', () => {
  const text = 'POLLS WERE NOT WRONG, JUST EARLY - Mark Feldstein and Jon Ruiz: “Although the polls failed to predict the result, it is not because they were wrong.”\n\nMore from Feldstein: “Our data show a late shift.”';
  assert.equal(speakerOf(text, 'Although'), 'Jon Ruiz');
  assert.equal(speakerOf(text, 'Our data'), 'Mark Feldstein');
});

test('"as X put it" and an inverted "said X"', () => {
  assert.equal(speakerOf('As the Denver Ledger put it, “Nobody saw this coming.”', 'Nobody'), 'Denver Ledger');
  assert.equal(speakerOf('The museum reopened on Friday. Said Dorothy Keane, who grew up next door, “We were all so proud.”', 'We were all'), 'Dorothy Keane');
});

test('a continuation past an object named in the attribution', () => {
  const text = '“This agreement is the best chance we have had,” Obama said at the White House after a round of golf with Jim Yong Kim. “Together we have shown what is possible.”';
  assert.equal(speakerOf(text, 'Together'), 'Obama');
});

test('a quotation opening the paragraph after reported speech', () => {
  const text = 'Defence Secretary Ash Corder said that for decades critics had predicted a withdrawal from the region.\n\n“That is because this region remains the most consequential for our security.”';
  assert.equal(speakerOf(text, 'That is because'), 'Ash Corder');
});

test('a partial quotation in the next sentence of the speaker’s line', () => {
  const text = '“It could technically be a violation,” Hennessey added. But that is not the same thing as “properly chargeable under the law.”';
  assert.equal(speakerOf(text, 'properly'), 'Hennessey');
});

test('still unattributed or someone else’s', () => {
  // A plural group written capitalised everywhere is no one's name.
  assert.equal(speakerOf('Support for Democrats grew. Democrats stepped up their attack, saying “enough is enough.”', 'enough'), undefined);
  // Someone else acting in the attribution takes the next quotation over.
  const other = '“We are ready,” Lankov said, and Foreign Minister Pak Il-sung agreed. “We have waited long enough.”';
  assert.notEqual(speakerOf(other, 'We have waited'), 'Lankov');
  // A new paragraph after a sentence that is no one's speech stays unattributed.
  assert.equal(speakerOf('The council voted on Monday.\n\n“A new day for the city.”', 'A new day'), undefined);
});
