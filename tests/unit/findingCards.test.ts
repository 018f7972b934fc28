/**
 * What a reporter reads around a finding: messages as one short sentence
 * (no diff markup, no internal keywords), the hover card (the difference
 * rendered, the source, the trimmed sentence, links to our own commands
 * only), the quick fixes of every kind, and the client's search rows and
 * ignored-claim rows.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';
import { ignoredItemText, locateIgnored, searchWindow } from '../../client/src/format';
import { checkDraft, CorpusIndex } from '../../server/src/engine/api';
import type { Citation, Finding } from '../../server/src/engine/api';
import { describeChanges } from '../../server/src/engine/check/findingText';
import { claimContext } from '../../server/src/host/ignoreRules';
import { codeActionsFor, speakerRange } from '../../server/src/lsp/features/codeActions';
import { evidenceExcerpt, formatHover, HOVER_COMMANDS, shownAt } from '../../server/src/lsp/features/hover';
import { openFsCorpus } from '../../server/src/host/openFsCorpus';
import { sampleCorpusDir } from '../helpers';

const citation: Citation = {
  articleId: 'a',
  path: '/corpus/003.txt',
  title: 'Talks [x](command:workbench.action.terminal.new)',
  publisher: 'NK News',
  date: '2025-06-12',
  range: { start: { line: 7, character: 0 }, end: { line: 7, character: 40 } },
  text: 'In a long interview given last week to several newspapers about the summit, the expert Andrei Lankov said, "Kim Jong Un needs Trump much less now than he did in 2018 or 2019," and he went on at length about sanctions, the economy and the border.',
};
citation.match = { start: citation.text.indexOf('Kim Jong Un'), end: citation.text.indexOf('2019') + 4 };

function finding(partial: Partial<Finding> & Pick<Finding, 'code' | 'span'>): Finding {
  return { severity: 'warning', message: 'A message.', evidence: [citation], ...partial };
}

/** Every `command:` link of a Markdown text, as command ids. */
function linkedCommands(md: string): string[] {
  return [...md.matchAll(/(?<!\\)\]\(command:([\w.]+)/g)].map((m) => m[1]);
}

describe('messages are one short human sentence', () => {
  test('describeChanges names replacements, additions and omissions without markup', () => {
    const s = describeChanges([
      { kind: 'same', text: 'the president was' },
      { kind: 'added', text: 'hesitant' },
      { kind: 'removed', text: 'reluctant' },
      { kind: 'same', text: 'to meet' },
      { kind: 'added', text: 'very' },
      { kind: 'same', text: 'soon' },
    ]);
    assert.equal(s, "'hesitant' → 'reluctant', 'very' added");
    assert.doesNotMatch(s, /\[-|\{\+/);
  });

  test('on the sample corpus: no diff markup, no keyword lists, one line', async () => {
    const { index } = await openFsCorpus([sampleCorpusDir], { buildId: 'test' });
    const draft =
      'Lankov said, "Kim Jong Un wants Trump much less now than he did in 2018 or 2019." Andrei Lankow agreed. ' +
      'The two leaders met in Singapore in June 2018 and again in Vietnam in February 2020.';
    const found = await checkDraft(draft, index as CorpusIndex);
    const altered = found.find((f) => f.code === 'quote-altered');
    assert.equal(altered?.message, "Quote differs from the source: 'wants' → 'needs'");
    for (const f of found) {
      assert.doesNotMatch(f.message, /\[-|-\]|\{\+|\+\}|\(\w+(, \w+){2,}\)/, f.message);
      assert.ok(!f.message.includes('\n'));
      assert.ok(f.message.length < 200, f.message);
    }
  });
});

describe('the hover card', () => {
  const draft = 'Lankov said, "Kim Jong Un needs Trump much less today than he did in 2018 or 2019." More.';
  const quote = { start: draft.indexOf('Kim'), end: draft.indexOf('2019') + 4 };
  const altered = finding({
    code: 'quote-altered',
    span: quote,
    message: "Quote differs from the source: 'today' → 'now'",
    suggestion: 'Kim Jong Un needs Trump much less now than he did in 2018 or 2019.',
    diff: [
      { kind: 'same', text: 'Kim Jong Un needs Trump much less' },
      { kind: 'added', text: 'today' },
      { kind: 'removed', text: 'now' },
      { kind: 'same', text: 'than he did in 2018 or 2019' },
    ],
  });

  test('renders the difference, the source and the trimmed sentence, without repeating the message', () => {
    const md = formatHover([altered], draft, 'file:///w/d.md')!;
    assert.match(md, /~~today~~ \*\*now\*\*/);
    assert.ok(!md.includes(altered.message), 'the diagnostic hover already shows the message');
    assert.ok(!/\[-|\{\+/.test(md), 'no raw diff markup');
    assert.ok(md.includes('*Talks \\[x\\]\\(command\\:workbench\\.action\\.terminal\\.new\\)* · NK News · 2025\\-06\\-12'), 'the corpus title escaped');
    assert.match(md, /^> ….*\*\*Kim Jong Un needs Trump much less now than he did in 2018 or 2019\*\*.*…$/m, 'trimmed around the bold match');
    const sentence = md.split('\n').find((l) => l.startsWith('> '))!;
    assert.ok(sentence.replace(/\\(.)/g, '$1').length < 200, sentence);
  });

  test('links only to our own commands, with arguments that cannot end the link', () => {
    const md = formatHover([altered], draft, 'file:///w/d (1).md')!;
    const commands = linkedCommands(md);
    assert.deepEqual(commands, ['factcheck.openSource', 'factcheck.copyCitation']);
    for (const c of commands) assert.ok(HOVER_COMMANDS.includes(c));
    for (const [, url] of md.matchAll(/\]\((command:[^)]*)\)/g)) assert.doesNotMatch(url, /[\s()[\]]/);
    const args = JSON.parse(decodeURIComponent(/openSource\?([^)]*)\)/.exec(md)![1]));
    assert.deepEqual(args, [{ uri: 'file:///corpus/003.txt', range: citation.range }]);
  });

  test('each kind says what the message cannot', () => {
    const misattributed = finding({ code: 'quote-misattributed', span: quote, attribution: { draftSpeaker: 'Peter Ward', sourceSpeakers: ['Ryu Hyunwoo'] } });
    assert.match(formatHover([misattributed], draft)!, /~~Peter Ward~~ → \*\*Ryu Hyunwoo\*\*/);
    const name = finding({ code: 'name-misspelled', span: { start: 0, end: 6 }, suggestion: 'Lankov,' });
    assert.match(formatHover([name], draft)!, /~~Lankov~~ → \*\*Lankov\*\*/, 'no trailing comma shown');
    const unsourced = finding({ code: 'quote-unsourced', span: quote, evidence: [] });
    const md = formatHover([unsourced], draft, 'file:///w/d.md')!;
    assert.deepEqual(linkedCommands(md), ['factcheck.searchCorpus']);
    assert.equal(JSON.parse(decodeURIComponent(/searchCorpus\?([^)]*)\)/.exec(md)![1]))[0].query, draft.slice(quote.start, quote.end));
    const verified = finding({ code: 'quote-verified', span: quote, severity: 'hint' });
    assert.match(formatHover([verified], draft)!, /^\*\*Quote verified\*\* in 1 source/);
  });

  test('a verified name inside a flagged quote is not stacked above the warning', () => {
    const nameInQuote = finding({ code: 'name-verified', span: { start: quote.start, end: quote.start + 11 }, severity: 'hint' });
    assert.deepEqual(shownAt([nameInQuote, altered], quote.start + 3).map((f) => f.code), ['quote-altered']);
    assert.deepEqual(shownAt([nameInQuote], quote.start + 3).map((f) => f.code), ['name-verified']);
  });

  test('more sources are a link, not a longer card', () => {
    const two = { ...altered, evidence: [citation, { ...citation, title: 'Other' }] };
    const md = formatHover([two], draft, 'file:///w/d.md')!;
    assert.ok(!md.includes('Other'));
    assert.match(md, /\[1 more source\]\(command:factcheck\.showSources\?/);
  });

  test('evidenceExcerpt keeps a short sentence whole', () => {
    assert.equal(evidenceExcerpt({ text: 'He said so.', match: { start: 3, end: 7 } }, 'x'), 'He **said** so\\.');
  });
});

describe('quick fixes for every finding', () => {
  const uri = 'file:///w/d.md';
  const text =
    'Peter Ward said, "Chairman Kim will not make a move until he knows what President Trump can offer."\n\n' +
    'Lankov said, "one two three four five." Then "six seven eight nine." And "ten eleven twelve thirteen."\n';
  const doc = TextDocument.create(uri, 'markdown', 1, text);
  const span = (words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });
  const diag = (f: Finding, extra: Record<string, unknown> = {}): Diagnostic => ({
    range: { start: doc.positionAt(f.span.start), end: doc.positionAt(f.span.end) },
    message: f.message,
    source: 'factcheck',
    code: f.code,
    data: { code: f.code, claim: text.slice(f.span.start, f.span.end), suggestion: f.suggestion, evidence: [], ...extra },
  });
  const actionsFor = (f: Finding, findings: Finding[] = [f], extra: Record<string, unknown> = {}) =>
    codeActionsFor(uri, [diag(f, extra)], (d) => doc.getText(d.range), { document: doc, findings });

  test('a misattributed quote: change the attribution to each source speaker', () => {
    const quote = span('Chairman Kim will not make a move until he knows what President Trump can offer.');
    const f = finding({ code: 'quote-misattributed', span: quote });
    const actions = actionsFor(f, [f], { attribution: { draftSpeaker: 'Peter Ward', sourceSpeakers: ['Ryu Hyunwoo'] } });
    const change = actions.find((a) => a.title === 'Change the attribution to Ryu Hyunwoo');
    assert.ok(change, actions.map((a) => a.title).join(' | '));
    const edit = change.edit!.changes![uri][0];
    assert.equal(doc.getText(edit.range), 'Peter Ward');
    assert.equal(edit.newText, 'Ryu Hyunwoo');
    assert.deepEqual(actions.filter((a) => a.title.startsWith('Ignore')).length, 3);
  });

  test('an unsourced quote: search the corpus for its words', () => {
    const f = finding({ code: 'quote-unsourced', span: span('one two three four five.'), evidence: [] });
    const search = actionsFor(f).find((a) => a.title === 'Search the corpus for these words');
    assert.equal(search?.command?.command, 'factcheck.searchCorpus');
    assert.deepEqual(search?.command?.arguments, [{ query: 'one two three four five.', uri }]);
  });

  test('fix all of this kind in the file: one edit per finding of that code, the others untouched', () => {
    const a = finding({ code: 'quote-altered', span: span('one two three four five.'), suggestion: 'one two three four six.' });
    const b = finding({ code: 'quote-altered', span: span('six seven eight nine.'), suggestion: 'six seven eight ten.' });
    const c = finding({ code: 'name-misspelled', span: span('Lankov'), suggestion: 'Lankow' });
    const actions = actionsFor(a, [a, b, c]);
    const all = actions.find((x) => x.title.startsWith('Fix all 2 "quote-altered"'));
    assert.ok(all, actions.map((x) => x.title).join(' | '));
    assert.deepEqual(all.edit!.changes![uri].map((e) => e.newText), ['one two three four six.', 'six seven eight ten.']);
    assert.equal(actionsFor(c, [a, b, c]).filter((x) => x.title.startsWith('Fix all')).length, 0, 'one finding of its kind: no fix-all');
  });

  test('the ignore fixes carry their scope and place; Markdown gets a disable comment above the line', () => {
    const f = finding({ code: 'name-misspelled', span: span('Lankov'), suggestion: 'Lankow' });
    const actions = actionsFor(f);
    const scopes = actions.filter((a) => a.command?.command === 'factcheck.ignoreClaim').map((a) => (a.command!.arguments![0] as { scope: string }).scope);
    assert.deepEqual(scopes, ['occurrence', 'file', 'workspace']);
    const disable = actions.find((a) => a.title.startsWith('Disable'))!;
    assert.equal(disable.edit!.changes![uri][0].newText, '<!-- factcheck-disable-next-line name-misspelled -->\n');
  });

  test('speakerRange finds the speaker beside the quote, not in another paragraph', () => {
    const quote = span('Chairman Kim will not make a move until he knows what President Trump can offer.');
    const r = speakerRange(doc, { start: doc.positionAt(quote.start), end: doc.positionAt(quote.end) }, 'Lankov');
    assert.equal(r, undefined);
  });
});

describe('client rows', () => {
  test('a search row shows the window around the matched words, far into a long sentence', () => {
    const text = `${'Opening words of a long sentence that goes on and on '.repeat(4)}before the paper trail was found in the White House archive.`;
    const start = text.indexOf('paper');
    const row = searchWindow(text, [{ start, end: start + 5 }, { start: start + 6, end: start + 11 }]);
    assert.match(row, /^…/);
    assert.match(row, /paper trail was found/);
    assert.ok(row.length <= 112, row);
  });

  test('an ignored entry is found again at its own place; its row says scope, author and date', () => {
    const draft = 'He said "same words here." Later he said "same words here." again.';
    const second = draft.lastIndexOf('same words here.');
    const entry = { code: 'quote-altered', text: 'same words here.', scope: 'occurrence' as const, context: claimContext(draft, second, second + 16) };
    assert.equal(locateIgnored(draft, entry)?.start, second);
    assert.equal(locateIgnored(draft, { ...entry, scope: 'file' })?.start, draft.indexOf('same words'));
    const row = ignoredItemText({ ...entry, file: 'drafts/a.md', by: 'Jane Roe', added: '2026-11-30T10:00:00.000Z' });
    assert.equal(row.description, 'quote-altered · here only');
    assert.equal(row.detail, 'drafts/a.md — by Jane Roe, 2026-11-30');
    assert.match(ignoredItemText({ code: 'c', text: 't' }).description, /in every draft \(older entry\)/);
  });
});
