/**
 * The client's setup helpers without VS Code: what "Add Corpus Folder…" writes,
 * the status bar for each state (off, not found, empty, bad config file), and
 * the corpus notices the server and the client show once.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { addCorpusPaths, configCorpusPaths, withConfigCorpusPaths, writtenPath } from '../../client/src/corpusPaths';
import { statusBarView } from '../../client/src/statusText';
import { corpusNotices } from '../../server/src/lsp/corpusNotices';
import type { FolderStatus, StatusResult } from '../../server/src/lsp/protocol';

const ws = path.resolve('/ws');

describe('corpus paths written by Add Corpus Folder', () => {
  const options = (existing: string[]) => ({ base: ws, workspaceFolder: ws, homeDir: '/h', exists: (p: string) => existing.includes(p) });

  test('inside the folder: relative, POSIX separators; outside: absolute', () => {
    assert.equal(writtenPath(path.join(ws, 'news', 'wire'), ws), 'news/wire');
    assert.equal(writtenPath(ws, ws), '.');
    assert.equal(writtenPath(path.resolve('/data/archive'), ws), path.resolve('/data/archive'));
    assert.equal(writtenPath(path.resolve('/data/archive'), undefined), path.resolve('/data/archive'));
  });

  test('a wrong path is replaced; a good one is kept; nothing twice', () => {
    const exists = [path.join(ws, 'wire'), path.join(ws, 'sources')];
    assert.deepEqual(addCorpusPaths(['sourcez'], [path.join(ws, 'sources')], options(exists)), ['sources']);
    assert.deepEqual(addCorpusPaths(['wire', '${workspaceFolder}/sourcez'], [path.join(ws, 'sources')], options(exists)), ['wire', 'sources']);
    assert.deepEqual(addCorpusPaths(['sources'], [path.join(ws, 'sources')], options(exists)), ['sources']);
    assert.deepEqual(addCorpusPaths([], [path.join(ws, 'a'), path.join(ws, 'a')], options([])), ['a']);
  });

  test('config.json: corpus.paths set, every other key kept; invalid JSON is refused, not overwritten', () => {
    const text = '{\n  "severity": {"name-unknown": "off"},\n  "corpus": {"paths": ["old"], "note": "desk"}\n}\n';
    assert.deepEqual(configCorpusPaths(text), ['old']);
    const next = JSON.parse(withConfigCorpusPaths(text, ['sources']));
    assert.deepEqual(next, { severity: { 'name-unknown': 'off' }, corpus: { paths: ['sources'], note: 'desk' } });
    assert.deepEqual(JSON.parse(withConfigCorpusPaths('{}', ['a'])), { corpus: { paths: ['a'] } });
    assert.throws(() => withConfigCorpusPaths('{"corpus": ', ['a']));
    assert.deepEqual(configCorpusPaths('{"people": []}'), []);
  });
});

function folder(over: Partial<FolderStatus>): FolderStatus {
  return { folder: 'file:///ws', corpusPaths: [path.join(ws, 'sources')], state: 'ready', files: 2, articles: 10, sentences: 90, warnings: [], enabled: true, corpusFrom: 'settings', ...over };
}

function status(folders: FolderStatus[], state: StatusResult['state'] = 'ready'): StatusResult {
  return { state, articles: folders.reduce((n, f) => n + f.articles, 0), sentences: 0, files: 0, folders };
}

describe('status bar', () => {
  test('ready: the article count, a click searches', () => {
    const v = statusBarView(status([folder({})]));
    assert.equal(v.text, '$(book) 10 articles');
    assert.deepEqual(v.click, { kind: 'search' });
    assert.equal(v.warning, false);
  });

  test('a wrong corpus path: a warning, a click opens the setting (or the config file that set it)', () => {
    const missing = folder({ articles: 0, files: 0, missingPaths: [path.join(ws, 'sourcez')] });
    const v = statusBarView(status([missing]));
    assert.equal(v.text, '$(warning) Fact Check: corpus not found');
    assert.equal(v.warning, true);
    assert.deepEqual(v.click, { kind: 'settings', setting: 'factcheck.corpus.paths' });
    assert.match(v.tooltip, /sourcez/);
    const fromConfig = statusBarView(status([{ ...missing, corpusFrom: 'config', configFile: 'file:///ws/.factcheck/config.json' }]));
    assert.deepEqual(fromConfig.click, { kind: 'open', uri: 'file:///ws/.factcheck/config.json' });
  });

  test('an empty corpus, a bad config file, checking off', () => {
    assert.equal(statusBarView(status([folder({ articles: 0 })])).text, '$(warning) Fact Check: corpus empty');
    const bad = statusBarView(status([folder({ configFile: 'file:///ws/.factcheck/config.json', configProblems: ['not valid JSON (line 2, column 1: …)'] })]));
    assert.equal(bad.text, '$(warning) Fact Check: config.json problem');
    assert.match(bad.tooltip, /line 2, column 1/);
    const off = statusBarView(status([folder({ enabled: false })]));
    assert.equal(off.text, '$(circle-slash) Fact Check: off');
    assert.deepEqual(off.click, { kind: 'settings', setting: 'factcheck.enable' });
    const partly = statusBarView(status([folder({}), folder({ folder: 'file:///other', enabled: false, articles: 0 })]));
    assert.equal(partly.text, '$(book) 10 articles');
    assert.match(partly.tooltip, /off in 1 folder/);
    assert.match(statusBarView(status([folder({ articles: 0 })], 'indexing')).text, /indexing/, 'indexing first: an empty corpus is not known yet');
  });
});

describe('corpus notices', () => {
  test('one per folder whose corpus is not found or empty, none when fine or off', () => {
    assert.deepEqual(corpusNotices(status([folder({})])), []);
    assert.deepEqual(corpusNotices(status([folder({ articles: 0, enabled: false })])), []);
    const [missing] = corpusNotices(status([folder({ articles: 0, missingPaths: [path.join(ws, 'sourcez')] })]));
    assert.equal(missing.kind, 'missing');
    assert.match(missing.message, /^Fact Check: corpus not found — .*sourcez does not exist \(folder ws\)\. Drafts are not checked until the corpus has articles: fix factcheck\.corpus\.paths\.$/);
    const [empty] = corpusNotices(status([folder({ articles: 0 })]));
    assert.equal(empty.kind, 'empty');
    assert.match(empty.message, /the corpus is empty/);
    const [viaConfig] = corpusNotices(status([folder({ articles: 0, missingPaths: ['/x'], corpusFrom: 'config', configFile: 'file:///ws/.factcheck/config.json' })]));
    assert.match(viaConfig.message, /fix ws\/\.factcheck\/config\.json/);
    assert.equal(corpusNotices(status([folder({ articles: 0 })], 'indexing'))[0]?.kind, 'empty', 'decided per folder');
    assert.deepEqual(corpusNotices(status([folder({ state: 'indexing', articles: 0 })])), [], 'not while its corpus is indexing');
    assert.deepEqual(corpusNotices(status([folder({ state: 'indexing', articles: 0, missingPaths: ['/x'] })])), [], 'a missing path neither: the others may give articles');
  });
});
