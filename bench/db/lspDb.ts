/**
 * What the editor feels like against a corpus on PostgreSQL: the language
 * server spoken to over stdio (as `bench/lspBench.ts` drives it), its corpus
 * `factcheck.corpus.database`. Times spawn → first diagnostics of a 2,000-word
 * draft and open → first diagnostics (the connection made, the draft's claims
 * all new), then one-word edits → the diagnostics of the edited version
 * (debounce included; the per-claim cache holds the sentences not edited).
 *
 *   node out/bench/db/lspDb.js --url URL [--edits 20] [--work /tmp/factcheck-bench-db]
 *
 * Drafts come from the bench's ×1 corpus (copy01), as `bench:db` makes them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCorpusIndex } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { startHarness, uriOf, waitFor, type Harness } from '../../tests/lsp/lspHarness';
import { makeDraft } from '../draft';
import { timeOneWordEdits } from '../lspEdits';
import { stats } from '../stats';
import { copyFolder } from './corpora';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function firstDiagnostics(h: Harness, uri: string, text: string): Promise<number> {
  const opened = performance.now();
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  try {
    await waitFor('first diagnostics', () => h.publishes.find((p) => p.uri === uri && p.diagnostics.length > 0), 300_000);
  } catch (e) {
    // What the server said meanwhile (a database timing out says so, once per outage).
    const said = [...h.messages.map((m) => m.message), ...h.logs.slice(-20)].join('\n');
    await h.close();
    throw new Error(`${(e as Error).message}\nserver messages and last log lines:\n${said}`);
  }
  return performance.now() - opened;
}

async function main(): Promise<void> {
  const url = arg('--url');
  if (!url) throw new Error('usage: lspDb --url URL [--edits N]');
  const work = arg('--work') ?? '/tmp/factcheck-bench-db';
  const edits = Number(arg('--edits') ?? 20);
  const { index } = await buildCorpusIndex(createFsCorpusSource([copyFolder(path.join(work, 'corpus'), 1)]));
  const folder = mkdtempSync(path.join(os.tmpdir(), 'factcheck-lspdb-'));
  try {
    const spawned = performance.now();
    const h = await startHarness({ folders: [folder], settings: { corpus: { database: url } } });
    const first = makeDraft(index, 2000, 101).text;
    const firstUri = uriOf(path.join(folder, 'first.md'));
    writeFileSync(path.join(folder, 'first.md'), first);
    const fromOpen = await firstDiagnostics(h, firstUri, first);
    const fromSpawn = performance.now() - spawned;
    // A second draft in the same session: the connection is up, its claims are new.
    const text = makeDraft(index, 2000, 102).text;
    const uri = uriOf(path.join(folder, 'second.md'));
    writeFileSync(path.join(folder, 'second.md'), text);
    const secondFromOpen = await firstDiagnostics(h, uri, text);
    const editMs = await timeOneWordEdits(h, uri, text, edits, 60_000);
    const status = (await h.conn.sendRequest('factcheck/status')) as { articles: number };
    await h.close();
    const round = (n: number): number => Math.round(n);
    process.stdout.write(
      `${JSON.stringify({ articles: status.articles, spawnToFirstDiagnosticsMs: round(fromSpawn), openToFirstDiagnosticsMs: round(fromOpen), secondDraftOpenToDiagnosticsMs: round(secondFromOpen), edit: stats(editMs) })}\n`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
