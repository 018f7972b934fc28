/** A fact-check memo beside its draft is never checked as a draft (server, Check Workspace, CLI folder walk). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMemoFile } from '../../server/src/host/memo/memoFileName';
import { skipReason } from '../../server/src/lsp/checking';
import { checkConfigFor, defaultSettings } from '../../server/src/lsp/settings';
import type { ResolvedSettings } from '../../server/src/lsp/workspace';

test('memo file names: draft.factcheck.<md|html|csv|json>, nothing else', () => {
  for (const name of ['story.factcheck.md', '/a/b/Story.FactCheck.HTML', 'file:///w/x.factcheck.csv', 'x.factcheck.json']) assert.equal(isMemoFile(name), true, name);
  for (const name of ['factcheck.md', 'story.md', 'story.factcheck.txt', 'story.factchecked.md', 'factcheck/notes.md']) assert.equal(isMemoFile(name), false, name);
});

test('the language server does not check a memo as a draft, and does check the draft beside it', () => {
  const settings = defaultSettings();
  const resolved: ResolvedSettings = { folder: undefined, settings, corpusRoots: ['/corpus'], skippedPaths: [], checkConfig: checkConfigFor(settings) };
  assert.equal(skipReason('file:///w/story.factcheck.md', 'Andrei Lankow said "x y z w".', 'markdown', resolved, 1_000_000), '');
  assert.equal(skipReason('file:///w/story.md', 'Andrei Lankow said "x y z w".', 'markdown', resolved, 1_000_000), undefined);
});
