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
 *     node out/bench/lspBench.js --corpus FILE --draft FILE [--edits 30] [--server dist/server.js] [--warm-runs 1] [--timeline] [--cpu-prof DIR] [--cache-dir DIR]
 *
 * `--warm-runs N` starts N warm servers one after the other (one cold build for
 * all; the figure is their median, each run in `lspWarmRunsMs`). `--timeline`
 * prints to stderr, for each warm start, the server's log lines with the time
 * since spawn each arrived at: where the time to the first diagnostics goes.
 * `--cpu-prof DIR` writes CPU profiles of the warm servers (main thread and
 * corpus worker) to DIR. `lspWarmCpuMs` (median) and `lspColdCpuMs`: the
 * server process's CPU time, every thread, from spawn to first diagnostics
 * (Linux `/proc`; what to compare under load, where wall time is waiting).
 *
 * `--cache-dir DIR` keeps the index cache in DIR (kept afterwards) instead of
 * a temporary folder; when DIR already holds a cache, the cold start is
 * skipped (no `lspCold*` figures): warm starts of two bundles back to back,
 * each with a folder of its own, without a cold build each time.
 *
 * `--server` times another server bundle (one built from an older commit, say,
 * for a before/after in one run); its folder must hold `corpusWorker.js` and
 * sit in a folder with a `package.json`.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serverPath, startHarness, uriOf, waitFor, type Harness } from '../tests/lsp/lspHarness';
import { timeOneWordEdits } from './lspEdits';
import { stats } from './stats';

interface Args {
  corpus: string[];
  draft: string;
  edits: number;
  server?: string;
  warmRuns: number;
  timeline: boolean;
  cpuProfDir?: string;
  cacheDir?: string;
}

function parse(argv: string[]): Args {
  const a: Args = { corpus: [], draft: '', edits: 30, warmRuns: 1, timeline: false };
  for (let i = 0; i < argv.length; i += 2) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--timeline') {
      a.timeline = true;
      i--;
    } else if (k === '--cpu-prof') a.cpuProfDir = path.resolve(v);
    else if (k === '--cache-dir') a.cacheDir = path.resolve(v);
    else if (k === '--warm-runs') a.warmRuns = Math.max(1, Number(v));
    else if (k === '--corpus') a.corpus.push(v);
    else if (k === '--draft') a.draft = v;
    else if (k === '--edits') a.edits = Number(v);
    else if (k === '--server') a.server = path.resolve(v);
    else throw new Error(`unknown argument ${k}`);
  }
  if (a.corpus.length === 0 || !a.draft) throw new Error('usage: lspBench --corpus FILE... --draft FILE [--edits N]');
  return a;
}

/** Starts a server on `folder` with `corpus` as its corpus, and times spawn → first diagnostics of the draft. */
/**
 * CPU time the process `pid` has used so far (every thread), in ms; undefined
 * where `/proc` is not there. Under load a wall-clock start is mostly waiting
 * for a core: the CPU it took compares two bundles.
 */
function processCpuMs(pid: number | undefined): number | undefined {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

async function firstDiagnostics(server: string, folder: string, corpus: string[], draftUri: string, text: string, timeline = false, nodeArgs: string[] = []): Promise<{ h: Harness; fromSpawnMs: number; fromOpenMs: number; cpuMs?: number }> {
  const spawned = performance.now();
  const h = await startHarness({ server, nodeArgs, folders: [folder], settings: { corpus: { paths: corpus } } });
  const opened = performance.now();
  if (timeline) {
    // The log lines so far, then each as it arrives, with the time since spawn.
    const at = (m: string) => process.stderr.write(`${String(Math.round(performance.now() - spawned)).padStart(6)} ms  ${m}\n`);
    at(`initialized (${h.logs.length} log lines before)`);
    const push = h.logs.push.bind(h.logs);
    h.logs.push = (...ms: string[]) => {
      for (const m of ms) at(m);
      return push(...ms);
    };
  }
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: draftUri, languageId: 'markdown', version: 1, text } });
  // Indexing a large corpus cold takes a while: wait up to 5 minutes.
  try {
    await waitFor('first diagnostics', () => h.publishes.find((p) => p.uri === draftUri && p.diagnostics.length > 0), 300_000);
  } catch (e) {
    await h.close();
    throw new Error(`${(e as Error).message}\nserver log:\n${h.logs.join('\n')}\n${h.stderr()}`);
  }
  const done = performance.now();
  const cpuMs = processCpuMs(h.proc.pid);
  return { h, fromSpawnMs: done - spawned, fromOpenMs: done - opened, ...(cpuMs !== undefined ? { cpuMs } : {}) };
}

/** Whether `dir` holds a saved index cache and no cache being written. */
function cacheSaved(dir: string): boolean {
  const files = existsSync(dir) ? readdirSync(dir) : [];
  return files.some((f) => f.endsWith('.fcidx')) && !files.some((f) => f.endsWith('.tmp'));
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'factcheck-lspbench-'));
  // The server caches its index where FACTCHECK_CACHE says: an empty folder for the cold start.
  process.env.FACTCHECK_CACHE = args.cacheDir ?? path.join(tmp, 'cache');
  const cached = args.cacheDir !== undefined && existsSync(args.cacheDir) && readdirSync(args.cacheDir).some((f) => f.endsWith('.fcidx'));
  const folder = path.join(tmp, 'workspace');
  const draftPath = path.join(folder, 'draft.md');
  const draftUri = uriOf(draftPath);
  const text = readFileSync(args.draft, 'utf8');
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
    const cold = cached ? undefined : await firstDiagnostics(server, folder, args.corpus, draftUri, text);
    // The server hands the index out before it saves the cache (issue 13): the warm starts need that cache.
    if (cold) await waitFor('the cold start\'s index cache', () => cacheSaved(process.env.FACTCHECK_CACHE!), 120_000);
    await cold?.h.close();
    const warmRunsMs: number[] = [];
    const warmCpuMs: number[] = [];
    const warmNodeArgs = args.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', args.cpuProfDir, '--cpu-prof-interval', '250'] : [];
    let warm = await firstDiagnostics(server, folder, args.corpus, draftUri, text, args.timeline, warmNodeArgs);
    for (let run = 1; ; run++) {
      warmRunsMs.push(warm.fromSpawnMs);
      if (warm.cpuMs !== undefined) warmCpuMs.push(warm.cpuMs);
      if (args.timeline) process.stderr.write(`warm start ${run}: first diagnostics ${Math.round(warm.fromSpawnMs)} ms after spawn, server CPU ${warm.cpuMs ?? '?'} ms\n`);
      if (run >= args.warmRuns) break;
      await warm.h.close();
      warm = await firstDiagnostics(server, folder, args.corpus, draftUri, text, args.timeline, warmNodeArgs);
    }
    const cacheLog = warm.h.logs.find((l) => /index cache (hit|miss|partial)/.test(l));
    if (!cacheLog?.includes('cache hit')) throw new Error(`the warm start did not use the cache: ${warm.h.logs.join('\n')}`);
    const h = warm.h;
    // One-word edits spread over the draft, as corpusBench makes them; each waits for its version's diagnostics.
    const editMs = await timeOneWordEdits(h, draftUri, text, args.edits, 30_000);
    await h.close();
    const round = (n: number): number => Math.round(n);
    process.stdout.write(
      `${JSON.stringify({
        ...(cold ? { lspColdFirstDiagnosticsMs: round(cold.fromSpawnMs), lspColdFromOpenMs: round(cold.fromOpenMs) } : {}),
        lspWarmFirstDiagnosticsMs: round(stats(warmRunsMs).median),
        ...(warmRunsMs.length > 1 ? { lspWarmRunsMs: warmRunsMs.map(round) } : {}),
        ...(warmCpuMs.length > 0 ? { lspWarmCpuMs: round(stats(warmCpuMs).median) } : {}),
        ...(cold?.cpuMs !== undefined ? { lspColdCpuMs: round(cold.cpuMs) } : {}),
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
