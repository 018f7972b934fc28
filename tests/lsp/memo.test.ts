/**
 * `factcheck/exportMemo` over the protocol: the memo of an open draft against
 * the folder's corpus (a transcript among its articles), with the ignore file
 * and disable comments honoured, and the file name beside the draft; and the
 * hover of a transcript-backed finding says when and who.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol/node';
import { ExportMemoRequest, type ExportMemoResult } from '../../server/src/lsp/protocol';
import { repoRoot, sampleCorpusDir, scratchDir } from '../helpers';
import { openAndWait, serverPath, startHarness, uriOf } from './lspHarness';

test('export memo: rows with statuses, transcript sources, the target beside the draft; hover shows time and speaker', { skip: !existsSync(serverPath) && 'run npm run build first' }, async () => {
  const folder = scratchDir('factcheck-lsp-memo-');
  const corpus = path.join(folder, 'sources');
  mkdirSync(corpus);
  for (const f of readdirSync(sampleCorpusDir)) copyFileSync(path.join(sampleCorpusDir, f), path.join(corpus, f));
  copyFileSync(path.join(repoRoot, 'examples', 'interview-ward.vtt'), path.join(corpus, 'interview-ward.vtt'));
  mkdirSync(path.join(folder, '.factcheck'));
  writeFileSync(path.join(folder, '.factcheck', 'ignore.json'), JSON.stringify({ version: 2, ignored: [{ code: 'name-misspelled', text: 'Andrei Lankow', scope: 'file', file: 'story.md', by: 'Ann Editor', added: '2025-11-30T10:00:00Z' }] }));
  const h = await startHarness({ folders: [folder], settings: { corpus: { paths: ['sources'] } } });
  try {
    const text = [
      'Andrei Lankow, a professor at Kookmin University, spoke.',
      '',
      '"Seoul seems far more worried about the troops in Russia than about letters," said Peter Ward.',
      '',
      '<!-- factcheck-disable-next-line -->',
      'The second meeting, the Vietnam summit in February 2020, ended with no deal.',
      '',
    ].join('\n');
    const uri = uriOf(path.join(folder, 'story.md'));
    await openAndWait(h, uri, text);
    const res = await h.conn.sendRequest<ExportMemoResult>(ExportMemoRequest.method, { uri, format: 'json' });
    assert.equal(res.error, undefined);
    assert.equal(res.targetUri, uriOf(path.join(folder, 'story.factcheck.json')));
    const memo = JSON.parse(res.text!);
    assert.deepEqual(memo.corpus.sources, ['sources']);
    assert.equal(memo.drafts[0].path, 'story.md');
    const rows = memo.drafts[0].rows as Array<{ claim: string; status: string; code?: string; statusNote?: string; line: number; kind: string; sources: Array<{ place: string; file: string }> }>;
    const ignored = rows.find((r) => r.claim === 'Andrei Lankow')!;
    assert.equal(ignored.status, 'ignored');
    assert.equal(ignored.statusNote, 'ignored in .factcheck/ignore.json by Ann Editor on 2025-11-30 (everywhere in this draft)');
    assert.equal(rows.find((r) => r.line === 6 && r.kind === 'date')?.status, 'disabled');
    const mis = rows.find((r) => r.code === 'quote-misattributed')!;
    assert.equal(mis.status, 'needs attention');
    assert.deepEqual(mis.sources.map((s) => [s.file, s.place]), [['sources/interview-ward.vtt', 'interview-ward.vtt 00:12:53 Jane Kim']]);
    assert.deepEqual(res.counts, memo.counts);
    // Markdown by default, and the same request twice gives the same text.
    const md1 = await h.conn.sendRequest<ExportMemoResult>(ExportMemoRequest.method, { uri });
    const md2 = await h.conn.sendRequest<ExportMemoResult>(ExportMemoRequest.method, { uri });
    assert.equal(md1.format, 'md');
    assert.equal(md1.text, md2.text);
    assert.match(md1.text!, /^# Fact-check memo\n/);
    // A document that is not open: a message, not a throw.
    const none = await h.conn.sendRequest<ExportMemoResult>(ExportMemoRequest.method, { uri: uriOf(path.join(folder, 'other.md')) });
    assert.match(none.error!, /not open/);
    const hover = await h.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 10 } });
    const value = (hover!.contents as { value: string }).value;
    assert.match(value, /^> interview\\-ward\\\.vtt 00\\:12\\:53 Jane Kim: \*\*Seoul seems/m);
    // "Open source" opens the transcript at the cue's line.
    assert.match(value, /factcheck\.openSource\?[^)]*%22line%22%3A29%2C/);
    assert.doesNotMatch(value, /%22end%22%3A%7B%22line%22%3A3[0-9]/, 'the range ends on the cue\'s own line');
  } finally {
    await h.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
