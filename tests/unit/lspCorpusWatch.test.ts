/**
 * The corpus watch without a connection: watcher patterns, status over the
 * corpora, and watched-file events (ignore files vs corpus files).
 */
import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { FileSystemWatcher } from 'vscode-languageserver';
import type { CorpusEntry } from '../../server/src/lsp/corpusManager';
import { CorpusWatch, statusOf, watchersFor } from '../../server/src/lsp/corpusWatch';
import type { WatchedCorpora } from '../../server/src/lsp/corpusWatch';
import { defaultSettings } from '../../server/src/lsp/settings';
import type { ResolvedSettings } from '../../server/src/lsp/workspace';
import { scratchDir } from '../helpers';

const folderPath = path.resolve('/ws/a');
const sources = path.join(folderPath, 'sources');
const uri = (p: string) => pathToFileURL(p).href;

function resolved(roots: string[], skipped: string[] = []): ResolvedSettings {
  return { folder: { uri: uri(folderPath), path: folderPath, name: 'a' }, settings: defaultSettings(), corpusRoots: roots, skippedPaths: skipped, checkConfig: {} };
}

function entry(roots: string[], state: CorpusEntry['state'], articles: number): CorpusEntry {
  const index = { stats: { files: articles, articles, sentences: articles * 10 } } as unknown as CorpusEntry['index'];
  return { key: JSON.stringify(roots), roots, state, index, files: new Set(), warnings: [{ path: '/x.bin', message: 'binary' }], ready: Promise.resolve() };
}

function fakeCorpus(entries: CorpusEntry[], changedPaths: string[] = []): WatchedCorpora & { settledCalls: number } {
  const fake = {
    settledCalls: 0,
    ensure: (roots: readonly string[]) => entries.find((e) => e.key === JSON.stringify(roots))!,
    peek: (roots: readonly string[]) => entries.find((e) => e.key === JSON.stringify(roots)),
    all: () => entries,
    retain: () => undefined,
    fileChanged: (p: string) => changedPaths.includes(p),
    settled: async () => {
      fake.settledCalls++;
    },
  };
  return fake;
}

describe('watchersFor', () => {
  test('folders get every corpus file, a file root itself, plus the team files (ignore list, configuration)', () => {
    const file = path.join(folderPath, 'one.jsonl');
    const relative = watchersFor([sources, file, sources], true);
    assert.deepEqual(relative, [
      { globPattern: '**/.factcheck/ignore.json' },
      { globPattern: '**/.factcheck/config.json' },
      { globPattern: { baseUri: uri(sources), pattern: '**/*.{txt,md,markdown,html,htm,json,jsonl,vtt,srt}' } },
      { globPattern: { baseUri: uri(folderPath), pattern: 'one.jsonl' } },
    ]);
    const plain = watchersFor([sources], false);
    assert.equal(plain[2].globPattern, `${sources.split(path.sep).join('/')}/**/*.{txt,md,markdown,html,htm,json,jsonl,vtt,srt}`);
  });

  test('what a root is comes from the disk, not its name: a folder named news.archive is watched as a folder', () => {
    const archive = path.join(folderPath, 'news.archive');
    const feed = path.join(folderPath, 'feed.v2');
    const kinds = new Map([[archive, 'folder' as const], [feed, 'file' as const]]);
    assert.deepEqual(watchersFor([archive, feed], true, kinds).slice(2), [
      { globPattern: { baseUri: uri(archive), pattern: '**/*.{txt,md,markdown,html,htm,json,jsonl,vtt,srt}' } },
      { globPattern: { baseUri: uri(folderPath), pattern: 'feed.v2' } },
    ]);
    // Missing on disk: only a corpus extension makes it a file.
    assert.deepEqual(watchersFor([archive], true).slice(2), [{ globPattern: { baseUri: uri(archive), pattern: '**/*.{txt,md,markdown,html,htm,json,jsonl,vtt,srt}' } }]);
  });
});

describe('statusOf', () => {
  test('per-folder state and warnings, totals over distinct corpora, indexing wins over error', () => {
    const ready = entry([sources], 'ready', 3);
    const status = statusOf([resolved([sources], ['/outside'])], { peek: () => ready, all: () => [ready] });
    assert.equal(status.state, 'ready');
    assert.equal(status.articles, 3);
    assert.equal(status.folders[0].folder, uri(folderPath));
    assert.deepEqual(status.folders[0].warnings, ['not read in an untrusted workspace or without a folder: /outside', '/x.bin: binary']);
    const failed = entry(['/b'], 'error', 0);
    assert.equal(statusOf([], { peek: () => undefined, all: () => [ready, failed] }).state, 'error');
    assert.equal(statusOf([], { peek: () => undefined, all: () => [failed, entry(['/c'], 'indexing', 0)] }).state, 'indexing');
    assert.equal(statusOf([resolved([sources])], { peek: () => undefined, all: () => [] }).folders[0].state, 'indexing', 'not started yet');
  });
});

describe('CorpusWatch', () => {
  test('registers watchers once per set of roots, replacing the previous registration', async () => {
    const registered: FileSystemWatcher[][] = [];
    let disposed = 0;
    let roots = [sources];
    const watch = new CorpusWatch({
      corpus: fakeCorpus([entry([sources], 'ready', 1), entry(['/other'], 'ready', 1)]),
      resolveAll: async () => [resolved(roots)],
      registerWatchers: async (w) => {
        registered.push(w);
        return { dispose: () => void disposed++ };
      },
      ignoreFileChanged: () => undefined,
      log: () => undefined,
    });
    await watch.refresh();
    assert.equal(registered.length, 0, 'no dynamic registration before the client says it can');
    watch.setClientSupport({ dynamicRegistration: true, relativePatterns: true });
    await watch.refresh();
    await watch.refresh();
    assert.equal(registered.length, 1);
    roots = ['/other'];
    await watch.refresh();
    assert.equal(registered.length, 2);
    assert.equal(disposed, 1);
  });

  test('stats the roots on disk before registering: a folder named like a file gets a folder watcher', async () => {
    const dir = realpathSync(scratchDir('factcheck-watch-kind-'));
    const archive = path.join(dir, 'news.archive');
    mkdirSync(archive);
    const feed = path.join(dir, 'feed.jsonl');
    writeFileSync(feed, '');
    const registered: FileSystemWatcher[][] = [];
    const watch = new CorpusWatch({
      corpus: fakeCorpus([entry([archive, feed], 'ready', 1)]),
      resolveAll: async () => [resolved([archive, feed])],
      registerWatchers: async (w) => {
        registered.push(w);
        return { dispose: () => undefined };
      },
      ignoreFileChanged: () => undefined,
      log: () => undefined,
    });
    watch.setClientSupport({ dynamicRegistration: true, relativePatterns: true });
    await watch.refresh();
    assert.deepEqual(registered[0].slice(2), [
      { globPattern: { baseUri: uri(feed).replace(/\/feed\.jsonl$/, ''), pattern: 'feed.jsonl' } },
      { globPattern: { baseUri: uri(archive), pattern: '**/*.{txt,md,markdown,html,htm,json,jsonl,vtt,srt}' } },
    ]);
  });

  test('an ignore file change forgets that folder\'s file; a corpus change waits for the index', async () => {
    const article = path.join(sources, 'new.txt');
    const corpus = fakeCorpus([], [article]);
    const forgotten: string[] = [];
    const watch = new CorpusWatch({
      corpus,
      resolveAll: async () => [],
      registerWatchers: async () => ({ dispose: () => undefined }),
      ignoreFileChanged: (p) => forgotten.push(p),
      log: () => undefined,
    });
    assert.equal(await watch.filesChanged([{ uri: uri(path.join(folderPath, '.factcheck', 'ignore.json')), type: 3 }]), true);
    assert.deepEqual(forgotten, [folderPath]);
    assert.equal(corpus.settledCalls, 0);
    assert.equal(await watch.filesChanged([{ uri: uri(article), type: 1 }]), true);
    assert.equal(corpus.settledCalls, 1);
    assert.equal(await watch.filesChanged([{ uri: uri(path.join(folderPath, 'unrelated.txt')), type: 2 }, { uri: 'untitled:1', type: 2 }]), false);
  });
});
