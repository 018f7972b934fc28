/**
 * Indexing progress that moves: reading a corpus reports articles and bytes
 * while one large JSON Lines file is read record by record, not "0/1 files"
 * until it ends; the server's message says articles and a percentage.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CorpusIndexBuilder } from '../../server/src/engine/api';
import type { CorpusReadProgress } from '../../server/src/engine/api';
import { readCorpusInto } from '../../server/src/engine/index/builder';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { indexingReport } from '../../server/src/lsp/progress';

describe('indexing progress', () => {
  test('a single JSON Lines file reports its articles and bytes as they are read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'factcheck-progress-'));
    try {
      const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: `a${i}`, title: `Story ${i}`, text: `Reporter ${i} wrote that the council met on Tuesday. "We will decide soon," said Mayor Ann Lee. ${'More words follow here. '.repeat(20)}` }));
      const file = path.join(dir, 'big.jsonl');
      writeFileSync(file, lines.join('\n') + '\n');
      writeFileSync(path.join(dir, 'small.txt'), 'One short article about the council.\n');
      const reports: Array<{ done: number; total: number; detail?: CorpusReadProgress }> = [];
      const builder = new CorpusIndexBuilder();
      await readCorpusInto(builder, createFsCorpusSource([dir]), { onProgress: (done, total, _p, detail) => reports.push({ done, total, detail }) });
      const midFile = reports.filter((r) => r.done === 0);
      assert.ok(midFile.length >= 100, `reports while the first file is read (${midFile.length})`);
      const articles = midFile.map((r) => r.detail!.articles);
      const bytes = midFile.map((r) => r.detail!.bytesDone);
      assert.deepEqual(articles, [...articles].sort((a, b) => a - b), 'articles only go up');
      assert.deepEqual(bytes, [...bytes].sort((a, b) => a - b), 'bytes only go up');
      assert.ok(articles.at(-1)! >= 390);
      const last = reports.at(-1)!;
      assert.equal(last.done, 2);
      assert.equal(last.detail!.articles, 401);
      assert.equal(last.detail!.bytesDone, last.detail!.bytesTotal);
      assert.ok(midFile[Math.floor(midFile.length / 2)].detail!.bytesDone < last.detail!.bytesTotal, 'half way is not the end');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the message: articles and a percentage; files when the read gives no detail', () => {
    assert.deepEqual(indexingReport(0, 1, '/c/news.jsonl', { articles: 12345, bytesDone: 48, bytesTotal: 100 }), { percentage: 48, message: '12,345 articles · 48% · news.jsonl' });
    assert.equal(indexingReport(3, 10, '/c/d.txt', { articles: 3, bytesDone: 30, bytesTotal: 100 }).message, '3 articles · 30% · file 4 of 10 · d.txt');
    assert.deepEqual(indexingReport(1, 4, '/c/d.txt'), { percentage: 25, message: '1/4 files · d.txt' });
  });
});
