/**
 * Presentation defects seen in the E2E's code-server screenshots
 * (`tests/e2e/artifacts/`), each pinned here so it stays fixed:
 * - a changed word of a quotation read "**negotiations** ~~talks~~" — the
 *   source's word before the draft's, the reverse of every other card
 *   ("~~draft~~ → **source**");
 * - a long article title took two lines of a card that must fit without
 *   scrolling;
 * - a spelling from the team's people list (the source writes "Caroline")
 *   was introduced as "In the sources: … → Karoline Leavitt";
 * - in "Show Ignored Claims" a whole quotation as the label pushed the code
 *   and the scope (the row's description) out of sight.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ignoredItemText } from '../../client/src/format';
import type { Finding } from '../../server/src/engine/api';
import { formatFindingHover, wordDiffMarkdown } from '../../server/src/lsp/features/hover';

describe('hover and list presentation, as seen in the editor', () => {
  test("a changed word reads draft first: '~~talks~~ **negotiations**'", () => {
    const md = wordDiffMarkdown([
      { kind: 'same', text: 'North Korea is still interested in' },
      { kind: 'removed', text: 'negotiations,' },
      { kind: 'added', text: 'talks,' },
      { kind: 'same', text: 'although the deal it wants' },
    ]);
    assert.equal(md, 'North Korea is still interested in ~~talks\\,~~ **negotiations\\,** although the deal it wants');
  });

  test('a long source title is cut to one line of the card', () => {
    const title = 'Trump Looks to Rekindle Stalled North Korea-US Talks... "Open to Letter Diplomacy with Kim"';
    const finding: Finding = {
      code: 'name-misspelled',
      severity: 'warning',
      message: "Name spelled differently in the sources: 'Andrei Lankow' → 'Andrei Lankov'",
      span: { start: 5, end: 18 },
      suggestion: 'Andrei Lankov',
      evidence: [
        {
          path: '/corpus/000.txt',
          title,
          publisher: 'The Asia Business Daily',
          text: 'Andrei Lankov, a professor at Kookmin University, told NK News.',
          range: { start: { line: 40, character: 0 }, end: { line: 40, character: 63 } },
        } as Finding['evidence'][number],
      ],
    } as Finding;
    const md = formatFindingHover(finding, 'Andrei Lankow', 'file:///w/d.md');
    const head = md.split('\n').find((l) => l.includes('The Asia Business Daily'))!;
    const shown = head.replace(/\\(.)/g, '$1').replace(/\*/g, '');
    assert.ok(shown.length <= 90, `one line: ${shown}`);
    assert.match(shown, /^Trump Looks to Rekindle Stalled North Korea-US Talks.*… · The Asia Business Daily$/);
  });

  test("a spelling the sources do not write (the team's people list) is not said to be in the sources", () => {
    const evidence = {
      path: '/corpus/000.txt',
      publisher: 'The Asia Business Daily',
      text: 'White House spokesperson Caroline Leavitt stated during a briefing on the 11th.',
      range: { start: { line: 19, character: 0 }, end: { line: 19, character: 80 } },
    } as Finding['evidence'][number];
    const base = { code: 'name-misspelled', severity: 'warning', span: { start: 0, end: 16 }, evidence: [evidence] } as unknown as Finding;
    const fromList = formatFindingHover({ ...base, message: 'm', suggestion: 'Karoline Leavitt' }, 'Caroline Leavitt');
    assert.match(fromList, /^\*\*Spelling to use:\*\* ~~Caroline Leavitt~~ → \*\*Karoline Leavitt\*\*/);
    const fromSources = formatFindingHover({ ...base, message: 'm', suggestion: 'Caroline Leavitt' }, 'Karoline Leavitt');
    assert.match(fromSources, /^\*\*In the sources:\*\* ~~Karoline Leavitt~~ → \*\*Caroline Leavitt\*\*/);
  });

  test('an ignored claim row keeps its code and scope in sight', () => {
    const row = ignoredItemText({ code: 'quote-misattributed', text: 'Chairman Kim will not make a move until he knows what President Trump can offer.', scope: 'file', file: 'draft.md' });
    assert.ok(row.label.length <= 50, row.label);
    assert.equal(row.description, 'quote-misattributed · in this file');
  });
});
