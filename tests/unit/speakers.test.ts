/**
 * Who said it (issue 8, the speaker side): pronouns, organisation speakers,
 * "verified" only with a confirmed speaker, short quotes with a named
 * speaker, spelling-only differences inside quotes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPeople } from '../../server/src/engine/extract/names';
import { extractQuotes } from '../../server/src/engine/extract/quotes';
import { splitSentences } from '../../server/src/engine/extract/sentences';
import { organisationAnaphor, organisationKey, representedOrganisation, sameOrganisation } from '../../server/src/engine/extract/organisations';
import { compatibleSpeakers, sameSpeaker } from '../../server/src/engine/match/speakers';
import { spellingOnly } from '../../server/src/engine/check/quoteCheck';
import { checkDraft, type CorpusIndex, type Finding, type QuoteMention } from '../../server/src/engine/api';
import { corpusOfTexts } from './textCorpus';

function quotes(text: string): QuoteMention[] {
  const sentences = splitSentences(text);
  return extractQuotes(text, sentences, extractPeople(text, sentences));
}

function speakerOf(text: string, quoteStart: string): string | undefined {
  const q = quotes(text).find((x) => x.text.startsWith(quoteStart));
  assert.ok(q, `quote "${quoteStart}" found`);
  return q.speaker?.resolved;
}

function corpus(...articles: string[]): CorpusIndex {
  return corpusOfTexts(articles);
}

/** The findings on the quotation starting with `quoteStart` in `draft`. */
async function onQuote(index: CorpusIndex, draft: string, quoteStart: string): Promise<Finding[]> {
  const at = draft.indexOf(quoteStart);
  assert.ok(at >= 0, 'quote in the draft');
  const findings = await checkDraft(draft, index, { includeVerified: true });
  return findings.filter((f) => f.span.start <= at && at < f.span.end && f.code.startsWith('quote-'));
}

const codes = (fs: Finding[]): string[] => fs.map((f) => f.code);

// ---------------------------------------------------------------------------
// 1. Pronouns
// ---------------------------------------------------------------------------

test('a pronoun after a quote is the person the paragraph is about, never a name inside the quotation', () => {
  const text =
    'Mirela Vasquez teaches economics at the University of Porto. "Greece needs Brussels far less than Brussels admits," she said.';
  assert.equal(speakerOf(text, 'Greece needs'), 'Mirela Vasquez');
  const text2 =
    'Tomasz Wirth is a historian of the Cold War. "Nobody believed Gorbachev would let the wall fall in 1989," he said.';
  assert.equal(speakerOf(text2, 'Nobody believed'), 'Tomasz Wirth');
});

test('a pronoun goes to the newest subject of the passage, not to an earlier speaker', () => {
  const text =
    'Peter Holm said the vote was close. Karin Lund is a lawyer in Oslo. "The court will not hear the appeal before spring," she said.';
  assert.equal(speakerOf(text, 'The court will'), 'Karin Lund');
});

test('gender the text tells decides between two candidates', () => {
  // Ms Lund is a woman by her honorific; "he" cannot be her, so it stays with the man speaking before.
  const text =
    'Peter Holm, a senator, said the vote was close. Ms Karin Lund, his opponent, disagreed. "We counted every ballot twice in every district," he said.';
  assert.equal(speakerOf(text, 'We counted'), 'Peter Holm');
});

test('a quote opening the next sentence continues its speaker', () => {
  const text = '"The harbour will reopen on Monday," Ana Ferreira said. "The cranes were never at risk."';
  assert.equal(speakerOf(text, 'The cranes'), 'Ana Ferreira');
  // Someone else named between: no carrying over.
  const text2 = '"The harbour will reopen on Monday," Ana Ferreira said. Jorge Maia disagreed. "The cranes were never safe."';
  assert.equal(speakerOf(text2, 'The cranes'), undefined);
});

test('speakers the people extractor does not know: descriptions before the name, a name after the verb', () => {
  assert.equal(speakerOf('"We will appeal the ruling at once," said retired judge Helen Marsh.', 'We will appeal'), 'Helen Marsh');
  assert.equal(speakerOf('"Prices rose faster than wages," former finance minister Otto Brandt said.', 'Prices rose'), 'Otto Brandt');
  assert.equal(speakerOf('"The budget is balanced at last," said Sen. Lydia Crane, a Republican.', 'The budget'), 'Lydia Crane');
  assert.equal(speakerOf('"Turnout will be high in the cities," said Mr. Obi, the party chairman.', 'Turnout will'), 'Obi');
});

// ---------------------------------------------------------------------------
// 2. Organisation speakers
// ---------------------------------------------------------------------------

test('names of one body share a key; different bodies do not', () => {
  assert.ok(sameOrganisation('U.S. State Department', 'State Department'));
  assert.ok(sameOrganisation('the Department of State', 'State Department'));
  assert.ok(sameOrganisation('Ministry of Defence', 'the Defence Ministry'));
  assert.ok(!sameOrganisation('State Department', 'Defense Department'));
  assert.ok(!sameOrganisation('White House', 'State Department'));
  assert.equal(organisationKey('the U.S. Treasury Department'), 'treasury department');
  assert.ok(sameSpeaker('U.S. State Department', 'Department of State'));
  assert.ok(!sameSpeaker('Justice Department', 'State Department'));
});

test('a spokesperson speaks for the body; "the department" refers back to it', () => {
  assert.equal(representedOrganisation('a Home Office spokesperson'), 'Home Office');
  assert.equal(representedOrganisation('White House officials'), 'White House');
  assert.equal(representedOrganisation('a senior official'), undefined);
  const text = 'The Treasury Department issued rules on Friday. Later the department said it would wait.';
  assert.equal(organisationAnaphor(text, 'the department', text.indexOf('the department')), 'Treasury Department');
  assert.equal(organisationAnaphor(text, 'the man', text.indexOf('the department')), undefined);
  const found = quotes('The Treasury Department issued rules. The department said, "Banks have ninety days to comply with them."');
  assert.equal(found[0].speaker?.resolved, 'Treasury Department');
  assert.ok(found[0].speaker?.isOrganisation);
});

test('a press secretary named with the body speaks for it', () => {
  const found = quotes('"The president will sign the bill tomorrow," White House press secretary Dana Kroll said.');
  assert.equal(found[0].speaker?.resolved, 'Dana Kroll');
  assert.equal(found[0].speaker?.affiliation, 'White House');
  assert.ok(compatibleSpeakers({ text: 'The White House', resolved: 'White House', isOrganisation: true }, found[0].speaker!));
  assert.ok(!compatibleSpeakers({ text: 'The Pentagon', resolved: 'Pentagon', isOrganisation: true }, found[0].speaker!));
});

test('organisation speakers named differently: quiet when equivalent, flagged when another body', async () => {
  const index = corpus('The U.S. Treasury Department said, "We will not comment on the talks with the lenders." Officials left at noon.');
  for (const draft of [
    'The Treasury Department said, "We will not comment on the talks with the lenders."',
    'A Treasury Department spokesperson said, "We will not comment on the talks with the lenders."',
    'The Department of the Treasury said, "We will not comment on the talks with the lenders."',
  ]) {
    assert.deepEqual(codes(await onQuote(index, draft, 'We will not')), ['quote-verified'], draft);
  }
  assert.deepEqual(codes(await onQuote(index, 'The Justice Department said, "We will not comment on the talks with the lenders."', 'We will not')), ['quote-misattributed']);
});

// ---------------------------------------------------------------------------
// 3. Never "verified" without a confirmed speaker
// ---------------------------------------------------------------------------

const UNATTRIBUTED =
  'Olga Petrova, the chair of the port authority in Varna, opened the terminal. Analysts expect traffic to fall. "The new terminal will double our container capacity by next year." The board met on Tuesday.';

test('a named speaker the article holding the words never mentions: misattributed, naming who the source names nearest', async () => {
  const index = corpus(UNATTRIBUTED);
  const found = await onQuote(index, 'Senator Rafael Duarte said, "The new terminal will double our container capacity by next year."', 'The new terminal');
  assert.deepEqual(codes(found), ['quote-misattributed']);
  assert.match(found[0].message, /never mentions Rafael Duarte/);
  assert.match(found[0].message, /Olga Petrova/);
});

test('a speaker mentioned but not tied to the words: words verified, speaker not confirmed', async () => {
  const index = corpus(UNATTRIBUTED);
  const found = await onQuote(index, 'Olga Petrova said, "The new terminal will double our container capacity by next year."', 'The new terminal');
  assert.deepEqual(codes(found), ['quote-speaker-unconfirmed']);
  assert.equal(found[0].severity, 'information');
  // The same words without a speaker in the draft: plainly verified.
  assert.deepEqual(codes(await onQuote(index, 'Traffic: "The new terminal will double our container capacity by next year."', 'The new terminal')), ['quote-verified']);
});

test('the article itself as a draft stays silent', async () => {
  const index = corpus(UNATTRIBUTED);
  const findings = await checkDraft(UNATTRIBUTED, index, { includeVerified: false });
  assert.deepEqual(findings.filter((f) => f.code.startsWith('quote-')), []);
});

test('a pronoun in the draft read as someone the source does not give the words to', async () => {
  const source = 'Dmitri Orlov studies Arctic shipping at the Nansen Institute. "The northern route will not replace Suez within twenty years," he said.';
  const index = corpus(source, 'Lena Berg sails the northern route every summer. Orlov was not there.');
  assert.deepEqual(codes(await onQuote(index, source, 'The northern route')), ['quote-verified']);
  const draft = 'Lena Berg sails the northern route every summer. "The northern route will not replace Suez within twenty years," she said.';
  assert.deepEqual(codes(await onQuote(index, draft, 'The northern route')), ['quote-misattributed']);
});

// ---------------------------------------------------------------------------
// 10. Short quotes with a named speaker
// ---------------------------------------------------------------------------

test('a short quote given to a named speaker whose source gives it to someone else is misattributed', async () => {
  const index = corpus('Prime Minister Carla Ruiz said the campaign would be a "long, hard slog" for her party. Her rival Ben Ortega stayed silent.');
  assert.deepEqual(codes(await onQuote(index, 'Ben Ortega said the campaign would be a "long, hard slog" for his party.', 'long, hard slog')), ['quote-misattributed']);
  assert.deepEqual(codes(await onQuote(index, 'Carla Ruiz warned of a "long, hard slog" ahead.', 'long, hard slog')), ['quote-verified']);
});

test('unattributed scare quotes stay quiet, and a phrase two speakers use is nobody\'s', async () => {
  const index = corpus(
    'Carla Ruiz said it would be a "long, hard slog" for the party.',
    'Ben Ortega said the talks would be a "long, hard slog" as well.',
    'Voters face another "long slog" this winter.',
  );
  const draft = 'Voters expect a "long, hard slog" this year. Maria Soto predicted a "long, hard slog" too.';
  const findings = await checkDraft(draft, index, { includeVerified: false });
  assert.deepEqual(findings.filter((f) => f.code.startsWith('quote-')), []);
});

// ---------------------------------------------------------------------------
// 11. Spelling-only differences inside quotes
// ---------------------------------------------------------------------------

test('a quote differing only in spelling is a spelling difference, with no suggestion of the source typo', async () => {
  const index = corpus('"We will cut carbon emmissions by half before the end of the decade," the minister said.');
  const found = await onQuote(index, '"We will cut carbon emissions by half before the end of the decade," the minister said.', 'We will cut');
  assert.deepEqual(codes(found), ['quote-spelling']);
  assert.equal(found[0].severity, 'information');
  assert.equal(found[0].suggestion, undefined);
  assert.match(found[0].message, /emissions/);
  assert.match(found[0].message, /emmissions/);
  // A changed word is still an altered quote.
  assert.deepEqual(codes(await onQuote(index, '"We will cut carbon taxes by half before the end of the decade," the minister said.', 'We will cut')), ['quote-altered']);
});

test('spellingOnly: one-word spelling changes only; inflections and other words are not spelling', () => {
  assert.deepEqual(spellingOnly([{ kind: 'same', text: 'cut' }, { kind: 'removed', text: 'emmissions' }, { kind: 'added', text: 'emissions' }]), [['emissions', 'emmissions']]);
  assert.deepEqual(spellingOnly([{ kind: 'removed', text: 'organize' }, { kind: 'added', text: 'organise' }, { kind: 'same', text: 'it' }]), [['organise', 'organize']]);
  assert.equal(spellingOnly([{ kind: 'removed', text: 'increases' }, { kind: 'added', text: 'increase' }]), undefined);
  // A number is a fact, not a spelling: a changed year in a quotation is an altered quote.
  assert.equal(spellingOnly([{ kind: 'same', text: 'in' }, { kind: 'removed', text: '2018' }, { kind: 'added', text: '2017' }]), undefined);
  assert.equal(spellingOnly([{ kind: 'removed', text: '£5m,' }, { kind: 'added', text: '£6m,' }]), undefined);
  assert.equal(spellingOnly([{ kind: 'removed', text: 'taxes' }, { kind: 'added', text: 'emissions' }]), undefined);
  assert.equal(spellingOnly([{ kind: 'added', text: 'very' }, { kind: 'same', text: 'good' }]), undefined);
});
