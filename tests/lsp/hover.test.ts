/**
 * Hover Markdown and the pure helpers of the server and client: escaping of
 * untrusted corpus text, emphasis, word diffs, the typing hold-back, chunks,
 * settings validation, citations. Plus one end-to-end check that a hostile
 * corpus article renders inert in a real hover over the protocol.
 */
import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol/node';
import { formatCitation, isInCorpus, statusBarText } from '../../client/src/format';
import type { Finding } from '../../server/src/engine/api';
import { splitForChecking } from '../../server/src/lsp/chunks';
import { openSentenceSpan } from '../../server/src/lsp/diagnostics';
import { emphasiseEvidence, escapeMarkdown, formatHover } from '../../server/src/lsp/features/hover';
import { parseSettings } from '../../server/src/lsp/settings';
import { openAndWait, serverPath, startHarness, uriOf } from './lspHarness';
import { scratchDir } from '../helpers';

const HOSTILE = 'Click [here](command:workbench.action.terminal.new) or <img src=x onerror=alert(1)> **now** `code` https://evil.example/x\n# Heading';

describe('escapeMarkdown', () => {
  test('defuses links, command URIs, HTML, emphasis, code, autolinks and block structure', () => {
    const out = escapeMarkdown(HOSTILE);
    // Every markup character is preceded by a backslash: none can act.
    assert.ok(!/(^|[^\\])\]\(command:/.test(out), out);
    assert.ok(!/(^|[^\\])</.test(out), out);
    assert.ok(!/(^|[^\\])\*\*now/.test(out), out);
    assert.ok(!/(^|[^\\])`/.test(out), out);
    assert.ok(!out.includes('https://'), out);
    assert.ok(!out.includes('\n'), 'no line break can start a block');
    assert.equal(out.replace(/\\(.)/g, '$1'), HOSTILE.replace(/\s+/g, ' '), 'unescaping gives the original characters');
  });
});

describe('hover formatting', () => {
  const finding: Finding = {
    code: 'quote-altered',
    severity: 'warning',
    span: { start: 10, end: 40 },
    message: 'Quotation differs from the source',
    suggestion: 'needs Trump much less now than he did in 2018',
    evidence: [
      {
        articleId: 'a', path: '/c/a.txt', title: 'T [x](command:evil)', publisher: '<b>P</b>', date: '2025-06-12',
        range: { start: { line: 7, character: 0 }, end: { line: 7, character: 50 } },
        text: 'Lankov said, "Kim Jong Un needs Trump much less now than he did in 2018."',
      },
    ],
    diff: [
      { kind: 'same', text: 'needs Trump much less now than he did in' },
      { kind: 'added', text: '2017' },
      { kind: 'removed', text: '2018' },
    ],
  };
  const draft = '0123456789needs Trump much less now than he did in 2017 and more';

  test('shows the diff, escaped source metadata and the emphasised sentence, not the message again', () => {
    const md = formatHover([finding], draft)!;
    assert.ok(!md.includes(finding.message), 'the diagnostic hover shows the message');
    assert.match(md, /~~2017~~/);
    assert.match(md, /\*\*2018\*\*/);
    assert.match(md, /2025\\-06\\-12/);
    // The card's own links go to the extension's commands only; the corpus's never become links.
    assert.ok(!/(^|[^\\])\]\(command:(?!factcheck\.(openSource|copyCitation|searchCorpus|showSources)\?)/.test(md), md);
    assert.ok(!md.includes('](command:evil'), md);
    assert.ok(!/(^|[^\\])<b>/.test(md), md);
  });

  test('emphasises the engine\'s match span, else the shared content words', () => {
    const ev = finding.evidence[0];
    assert.equal(emphasiseEvidence({ ...ev, match: { start: 0, end: 6 } }, 'x'), `**Lankov** said, "Kim Jong Un needs Trump much less now than he did in 2018."`.replace(/[!-/:-@[-`{-~]/g, (c) => (c === '*' ? c : `\\${c}`)));
    const words = emphasiseEvidence(ev, 'needs Trump much less');
    assert.match(words, /\*\*needs Trump much less\*\*/);
  });
});

describe('typing hold-back', () => {
  test('an unfinished last sentence is held back, a finished paragraph is not', () => {
    const text = 'Done here.\n\nFirst sentence. Andrei Lankoff said that';
    const span = openSentenceSpan(text, text.length)!;
    assert.equal(text.slice(span.start, span.end), 'Andrei Lankoff said that');
    assert.equal(openSentenceSpan('Done here.\n\nAll finished."', 20), undefined);
    assert.equal(openSentenceSpan(text, 3), undefined, 'the edit was in a finished paragraph');
  });
});

describe('chunks', () => {
  test('short documents are one piece; long ones split at paragraph breaks and cover the text', () => {
    assert.deepEqual(splitForChecking('abc'), [{ start: 0, end: 3 }]);
    const para = 'A sentence of some length here.\n\n';
    const text = para.repeat(5000);
    const spans = splitForChecking(text, 10_000, 50_000);
    assert.ok(spans.length > 10);
    assert.equal(spans[0].start, 0);
    assert.equal(spans[spans.length - 1].end, text.length);
    for (let i = 1; i < spans.length; i++) assert.equal(spans[i].start, spans[i - 1].end);
    for (const s of spans.slice(0, -1)) assert.ok(text.slice(0, s.end).endsWith('\n\n'));
  });
});

describe('settings', () => {
  test('valid settings are taken; bad ones reported and defaulted', () => {
    const ok = parseSettings({ enable: false, corpus: { paths: ['a', ' '] }, severity: { 'quote-unsourced': 'hint' }, languages: ['markdown'] });
    assert.deepEqual(ok.problems, []);
    assert.equal(ok.settings.enable, false);
    assert.deepEqual(ok.settings.corpusPaths, ['a']);
    assert.equal(ok.settings.severity['quote-unsourced'], 'hint');
    assert.equal(ok.settings.severity['quote-verified'], 'off');
    const bad = parseSettings({ enable: 'yes', corpus: 5, severity: { 'quote-altered': 3 } });
    assert.equal(bad.problems.length, 3);
    assert.equal(bad.settings.enable, true);
    assert.equal(bad.settings.severity['quote-altered'], 'warning');
    assert.equal(parseSettings('nonsense').problems.length, 1);
  });
});

describe('client helpers', () => {
  test('citations, corpus membership and status text', () => {
    assert.equal(formatCitation({ title: 'Trump Looks to Rekindle Talks', publisher: 'The Asia Business Daily', date: '2025-06-12' }), '(Trump Looks to Rekindle Talks, The Asia Business Daily, 2025-06-12)');
    assert.equal(formatCitation({ publisher: 'NK News' }), '(NK News)');
    assert.equal(formatCitation({ uri: 'file:///c/my%20article.txt' }), '(my article.txt)');
    assert.ok(isInCorpus('/w/sources/a.md', ['/w/sources']));
    assert.ok(!isInCorpus('/w/sources2/a.md', ['/w/sources']));
    assert.equal(statusBarText({ state: 'ready', articles: 2, sentences: 40, files: 2, folders: [] }).text, '$(book) 2 articles');
    assert.match(statusBarText({ state: 'indexing', articles: 0, sentences: 0, files: 0, folders: [] }).text, /indexing/);
  });
});

describe('hostile corpus text over the protocol', { skip: !existsSync(serverPath) && 'dist/server.js missing' }, () => {
  test('a corpus article with markdown, HTML and a command link renders inert in the hover', async () => {
    const folder = scratchDir('factcheck-hostile-');
    await fs.mkdir(path.join(folder, 'src'));
    await fs.writeFile(
      path.join(folder, 'src', 'evil.md'),
      '---\ntitle: "Evil [link](command:workbench.action.terminal.new) <script>alert(1)</script>"\npublisher: "**Bold** Press"\ndate: 2025-01-02\n---\n\n' +
        'Mary Major, the mayor of Springfield, said, "The bridge will [reopen](command:workbench.action.reloadWindow) <img src=x onerror=alert(1)> in March."\n',
    );
    const h = await startHarness({ folders: [folder], settings: { corpus: { paths: ['src'] } } });
    try {
      const text = 'Mary Major, the mayor of Springfield, said, "The bridge will reopen in April."\n';
      const uri = uriOf(path.join(folder, 'draft.md'));
      await openAndWait(h, uri, text);
      const hover = await h.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: text.indexOf('bridge') } });
      assert.ok(hover, 'hover expected on the quote');
      const value = (hover.contents as { value: string }).value;
      assert.match(value, /bridge/);
      assert.ok(!/(^|[^\\])\]\(command:(?!factcheck\.(openSource|copyCitation|searchCorpus|showSources)\?)/.test(value), value);
      assert.ok(!value.includes('](command:workbench'), value);
      assert.ok(!/(^|[^\\])<(img|script)/i.test(value), value);
      assert.ok(value.includes('\\<img') || value.includes('\\[reopen'), 'the hostile text is shown, escaped');
      assert.ok(!/(^|[^\\*])\*\*Bold\*\*/.test(value), value);
    } finally {
      await h.close();
    }
  });
});
