/**
 * The feature handlers without a connection: the wire citation, search over a
 * fake corpus, hover and code actions over open-document records.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Citation, Finding, SearchHit } from '../../server/src/engine/api';
import { toWireCitation } from '../../server/src/lsp/conversions';
import type { CorpusEntry } from '../../server/src/lsp/corpusManager';
import type { OpenDocument, OpenDocuments } from '../../server/src/lsp/documents';
import { codeActionsAt } from '../../server/src/lsp/features/codeActions';
import { hoverAt, wordDiffMarkdown } from '../../server/src/lsp/features/hover';
import { searchCorpus } from '../../server/src/lsp/features/search';
import { defaultSettings } from '../../server/src/lsp/settings';
import type { Folder, ResolvedSettings } from '../../server/src/lsp/workspace';

const corpusFile = path.resolve('/corpus/003.txt');
const citation: Citation = {
  articleId: corpusFile,
  path: corpusFile,
  title: 'Talks',
  publisher: 'NK News',
  range: { start: { line: 7, character: 0 }, end: { line: 7, character: -3 } },
  text: 'Lankov said so.',
  match: { start: 0, end: 6 },
};

/** A fake OpenDocuments holding one record. */
function documentsWith(record: OpenDocument): OpenDocuments {
  return { get: (uri: string) => (uri === record.uri ? record : undefined) } as unknown as OpenDocuments;
}

describe('toWireCitation', () => {
  test('keeps every engine field, adds the URI, clamps the range', () => {
    const wire = toWireCitation(citation);
    assert.equal(wire.uri, pathToFileURL(corpusFile).href);
    assert.equal(wire.articleId, corpusFile);
    assert.equal(wire.path, corpusFile);
    assert.deepEqual(wire.match, { start: 0, end: 6 });
    assert.deepEqual(wire.range.end, { line: 7, character: 0 });
    const hit: SearchHit = { ...citation, score: 2.5, terms: ['lankov'] };
    const wireHit = toWireCitation(hit);
    assert.equal(wireHit.score, 2.5);
    assert.deepEqual(wireHit.terms, ['lankov']);
  });
});

describe('searchCorpus', () => {
  const folder: Folder = { uri: 'file:///ws', path: path.resolve('/ws'), name: 'ws' };
  const resolved = (roots: string[]): ResolvedSettings => ({ folder, settings: defaultSettings(), corpusRoots: roots, skippedPaths: [], checkConfig: {} });

  function deps(index: unknown) {
    const asked: Array<{ query: string; limit?: number }> = [];
    const entry = {
      state: 'ready',
      ready: Promise.resolve(),
      index: index && {
        search: async (query: string, options: { limit?: number }) => {
          asked.push({ query, limit: options.limit });
          return [{ ...citation, score: 1, terms: ['lankov'] }];
        },
      },
    } as unknown as CorpusEntry;
    const resolvedFor: string[] = [];
    return {
      asked,
      resolvedFor,
      deps: {
        workspace: {
          folders: [folder],
          resolve: async (uri: string) => (resolvedFor.push(uri), resolved(['/by-uri'])),
          resolveFolder: async (f: Folder | undefined) => (resolvedFor.push(`folder ${f?.uri}`), resolved(['/first'])),
        },
        ensureCorpus: () => entry,
      },
    };
  }

  test('answers wire citations with score and terms, limit clamped, from the document\'s folder', async () => {
    const t = deps({});
    const result = await searchCorpus({ query: '  Lankov ', limit: 1000, uri: 'file:///ws/d.md' }, t.deps);
    assert.equal(result.state, 'ready');
    assert.equal(result.hits[0].uri, pathToFileURL(corpusFile).href);
    assert.equal(result.hits[0].score, 1);
    assert.deepEqual(t.asked, [{ query: 'Lankov', limit: 200 }]);
    assert.deepEqual(t.resolvedFor, ['file:///ws/d.md']);
  });

  test('an empty query, or no index, gives no hits; no document: the first folder', async () => {
    const t = deps({});
    assert.deepEqual((await searchCorpus({ query: ' ' }, t.deps)).hits, []);
    assert.deepEqual(t.resolvedFor, ['folder file:///ws']);
    assert.deepEqual(t.asked, []);
    assert.deepEqual((await searchCorpus(undefined, deps(undefined).deps)).hits, []);
  });
});

describe('hover and code actions over a record', () => {
  const uri = 'file:///ws/draft.md';
  const text = 'He said "Kim needs Trump much less now."\n';
  const quote = { start: text.indexOf('Kim'), end: text.indexOf('now') + 3 };
  const finding: Finding = {
    code: 'quote-altered',
    severity: 'warning',
    span: quote,
    message: 'Quotation differs from the source',
    suggestion: 'Kim needs Trump much less today',
    evidence: [citation],
    diff: [{ kind: 'same', text: 'Kim needs Trump much less' }, { kind: 'added', text: 'now' }, { kind: 'removed', text: 'today' }],
  };
  const record = (): OpenDocument => {
    const document = TextDocument.create(uri, 'markdown', 3, text);
    return { uri, document, result: { version: 3, text, findings: [finding] } };
  };

  test('hover shows the findings under the cursor, with the narrowest span as range', () => {
    const r = record();
    const hover = hoverAt(documentsWith(r), { textDocument: { uri }, position: r.document.positionAt(quote.start + 2) });
    assert.ok(hover);
    const card = (hover.contents as { value: string }).value;
    // The card renders the difference and does not repeat the diagnostic's message.
    assert.match(card, /~~now~~ \*\*today\*\*/);
    assert.doesNotMatch(card, new RegExp(finding.message));
    assert.deepEqual(hover.range, { start: r.document.positionAt(quote.start), end: r.document.positionAt(quote.end) });
    assert.equal(hoverAt(documentsWith(r), { textDocument: { uri }, position: { line: 0, character: 0 } }), null, 'no finding there');
    assert.equal(hoverAt(documentsWith(r), { textDocument: { uri: 'file:///other.md' }, position: { line: 0, character: 12 } }), null, 'not open');
  });

  test('no hover while the last check is of an older text', () => {
    const r = record();
    r.document = TextDocument.create(uri, 'markdown', 4, `${text}more`);
    assert.equal(hoverAt(documentsWith(r), { textDocument: { uri }, position: { line: 0, character: quote.start + 2 } }), null);
  });

  test('the Markdown word diff strikes draft words and bolds source words', () => {
    assert.equal(wordDiffMarkdown(finding.diff!), 'Kim needs Trump much less ~~now~~ **today**');
  });

  test('code actions: replace and ignore while the claim reads as checked, nothing for a closed document', () => {
    const r = record();
    const claim = text.slice(quote.start, quote.end);
    const diagnostic: Diagnostic = {
      range: { start: r.document.positionAt(quote.start), end: r.document.positionAt(quote.end) },
      message: finding.message,
      source: 'factcheck',
      data: { code: finding.code, claim, suggestion: finding.suggestion, evidence: [] },
    };
    const actions = codeActionsAt(documentsWith(r), { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    assert.deepEqual(actions.map((a) => a.title), [
      `Replace with the sources' wording: "Kim needs Trump much less today"`,
      'Ignore this claim here',
      'Ignore this claim in this file',
      'Ignore this claim everywhere in the workspace',
      'Disable "quote-altered" for this line (comment in the draft)',
    ]);
    assert.deepEqual(codeActionsAt(documentsWith(r), { textDocument: { uri: 'file:///closed.md' }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }), []);
  });
});
