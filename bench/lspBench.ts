/**
 * The editor's view of speed: the language server spoken to over stdio as an
 * editor does. Opens a 2,000-word draft against a corpus and times the first
 * diagnostics with an empty cache (cold: the corpus is indexed) and again in a
 * new server with the cache it left (warm), then one-word edits → the
 * diagnostics of the edited version (debounce included; the sentence being
 * typed is still held back, as for a writer).
 *
 * Run by `npm run bench` (bench/run.ts) after the engine measurements, in a
 * process of its own; prints one JSON line.
 *
 *     node out/bench/lspBench.js --corpus FILE --draft FILE [--edits 30] [--server dist/server.js]
 *
 * `--server` times another server bundle (one built from an older commit, say,
 * for a before/after in one run); its folder must hold `corpusWorker.js` and
 * sit in a folder with a `package.json`.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serverPath, startHarness, uriOf, waitFor, type Harness } from '../tests/lsp/lspHarness';
import { stats } from './stats';

interface Args {
  corpus: string[];
  draft: string;
  edits: number;
  server?: string;
}

function parse(argv: string[]): Args {
  const a: Args = { corpus: [], draft: '', edits: 30 };
  for (let i = 0; i < argv.length; i += 2) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--corpus') a.corpus.push(v);
    else if (k === '--draft') a.draft = v;
    else if (k === '--edits') a.edits = Number(v);
    else if (k === '--server') a.server = path.resolve(v);
    else throw new Error(`unknown argument ${k}`);
  }
  if (a.corpus.length === 0 || !a.draft) throw new Error('usage: lspBench --corpus FILE... --draft FILE [--edits N]');
  return a;
}

/** Starts a server on `folder` with `corpus` as its corpus, and times spawn → first diagnostics of the draft. */
async function firstDiagnostics(server: string, folder: string, corpus: string[], draftUri: string, text: string): Promise<{ h: Harness; fromSpawnMs: number; fromOpenMs: number }> {
  const spawned = performance.now();
  const h = await startHarness({ server, folders: [folder], settings: { corpus: { paths: corpus } } });
  const opened = performance.now();
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: draftUri, languageId: 'markdown', version: 1, text } });
  // Indexing a large corpus cold takes a while: wait up to 5 minutes.
  try {
    await waitFor('first diagnostics', () => h.publishes.find((p) => p.uri === draftUri && p.diagnostics.length > 0), 300_000);
  } catch (e) {
    await h.close();
    throw new Error(`${(e as Error).message}\nserver log:\n${h.logs.join('\n')}\n${h.stderr()}`);
  }
  const done = performance.now();
  return { h, fromSpawnMs: done - spawned, fromOpenMs: done - opened };
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'factcheck-lspbench-'));
  // The server caches its index where FACTCHECK_CACHE says: an empty folder for the cold start.
  process.env.FACTCHECK_CACHE = path.join(tmp, 'cache');
  const folder = path.join(tmp, 'workspace');
  const draftPath = path.join(folder, 'draft.md');
  const draftUri = uriOf(draftPath);
  let text = readFileSync(args.draft, 'utf8');
  // A private copy of the bundle: the cache is keyed by the running build, and a
  // `npm run build` elsewhere between the cold and the warm start would make the
  // warm one a rebuild. (Inside the repository, so the bundle finds package.json.)
  const bundle = args.server ?? serverPath;
  const bundleDir = path.join(path.dirname(path.dirname(bundle)), `out-lspbench-${process.pid}`, 'dist');
  mkdirSync(bundleDir, { recursive: true });
  const distDir = path.dirname(bundle);
  for (const f of readdirSync(distDir)) if (f.endsWith('.js')) copyFileSync(path.join(distDir, f), path.join(bundleDir, f));
  const server = path.join(bundleDir, path.basename(bundle));
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(draftPath, text);
    const cold = await firstDiagnostics(server, folder, args.corpus, draftUri, text);
    await cold.h.close();
    const warm = await firstDiagnostics(server, folder, args.corpus, draftUri, text);
    const cacheLog = warm.h.logs.find((l) => /index cache (hit|miss|partial)/.test(l));
    if (!cacheLog?.includes('cache hit')) throw new Error(`the warm start did not use the cache: ${warm.h.logs.join('\n')}`);
    const h = warm.h;
    // One-word edits spread over the draft, as corpusBench makes them; each waits for its version's diagnostics.
    const editMs: number[] = [];
    let version = 1;
    for (let i = 0; i < args.edits; i++) {
      const at = text.indexOf(' ', Math.floor((text.length * ((i * 37) % 100)) / 100));
      if (at < 0) continue;
      const word = ` ${i % 2 ? 'also' : 'however'}`;
      const before = text.slice(0, at);
      const line = before.split('\n').length - 1;
      const character = at - (before.lastIndexOf('\n') + 1);
      text = `${before}${word}${text.slice(at)}`;
      version++;
      const v = version;
      const sent = performance.now();
      await h.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: draftUri, version: v },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: word }],
      });
      await waitFor(`diagnostics of version ${v}`, () => h.publishes.find((p) => p.uri === draftUri && p.version === v), 30_000);
      editMs.push(performance.now() - sent);
    }
    await h.close();
    const round = (n: number): number => Math.round(n);
    process.stdout.write(
      `${JSON.stringify({
        lspColdFirstDiagnosticsMs: round(cold.fromSpawnMs),
        lspColdFromOpenMs: round(cold.fromOpenMs),
        lspWarmFirstDiagnosticsMs: round(warm.fromSpawnMs),
        lspWarmFromOpenMs: round(warm.fromOpenMs),
        lspEdit: stats(editMs),
      })}\n`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(path.dirname(bundleDir), { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
