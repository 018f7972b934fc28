/**
 * One-word edits over the protocol, as a writer makes them: each inserts
 * "also" or "however" at a space spread over the draft and waits for the
 * diagnostics of that document version. Shared by the LSP benchmarks
 * (`bench/lspBench.ts`, `bench/db/lspDb.ts`) so both time the same typing.
 */
import { performance } from 'node:perf_hooks';
import { waitFor, type Harness } from '../tests/lsp/lspHarness';

/** Sends `count` one-word edits to `uri` (open at version 1 with `text`); returns each edit → diagnostics time in ms. */
export async function timeOneWordEdits(h: Harness, uri: string, text: string, count: number, timeoutMs: number): Promise<number[]> {
  const editMs: number[] = [];
  let version = 1;
  for (let i = 0; i < count; i++) {
    const at = text.indexOf(' ', Math.floor((text.length * ((i * 37) % 100)) / 100));
    if (at < 0) continue;
    const word = ` ${i % 2 ? 'also' : 'however'}`;
    const before = text.slice(0, at);
    const line = before.split('\n').length - 1;
    const character = at - (before.lastIndexOf('\n') + 1);
    text = `${before}${word}${text.slice(at)}`;
    const v = ++version;
    const sent = performance.now();
    await h.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: word }],
    });
    await waitFor(`diagnostics of version ${v}`, () => h.publishes.find((p) => p.uri === uri && p.version === v), timeoutMs);
    editMs.push(performance.now() - sent);
  }
  return editMs;
}
