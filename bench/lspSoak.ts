/**
 * Memory over a long editing session: the language server spoken to over
 * stdio as an editor does (`dist/server.js --stdio`, started with
 * `--expose-gc`), a 2,000-word draft opened against a corpus (Reuters-21578
 * when `../shared/data` has it, else the bundled sample), then thousands of
 * one-word edits. Edits are sent in bursts (a writer typing faster than the
 * debounce); after each burst the bench waits for the diagnostics of the
 * latest version, so every burst is checked. The server's memory is sampled
 * through `factcheck/debug/memory` (after a full collection, so the heap is
 * live data) and `/proc/<pid>/status` (VmRSS), and printed as a curve with
 * the growth per 1,000 edits in the first and second halves: a leak keeps
 * growing in the second half, a bounded cache levels off.
 *
 *     npm run bench:soak -- [--edits 5000] [--burst 10] [--sample 500] [--corpus PATH] [--words 2000] [--server BUNDLE]
 *
 * Not part of `npm test` (it runs for minutes).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCorpusIndex } from '../server/src/engine/api';
import { createFsCorpusSource } from '../server/src/host/fsCorpusSource';
import type { MemoryReport } from '../server/src/lsp/protocol';
import { repoRoot, sampleCorpusDir, sharedDataDir } from '../tests/helpers';
import { serverPath, startHarness, uriOf, waitFor } from '../tests/lsp/lspHarness';
import type { Harness } from '../tests/lsp/lspHarness';
import { makeDraft, seededRandom } from './draft';

interface SoakArgs {
  edits: number;
  burst: number;
  sample: number;
  corpus: string;
  words: number;
  /** The server bundle (default `dist/server.js`): another build to compare with. */
  server: string;
}

interface Sample {
  edits: number;
  rssMb: number;
  heapMb: number;
  vmRssMb: number | undefined;
  seconds: number;
}

function parseArgs(argv: readonly string[]): SoakArgs {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const reuters = path.join(sharedDataDir, 'reuters21578', 'reuters21578.jsonl');
  return {
    edits: Number(value('edits') ?? 5000),
    burst: Math.max(1, Number(value('burst') ?? 10)),
    sample: Math.max(1, Number(value('sample') ?? 500)),
    corpus: value('corpus') ?? (existsSync(reuters) ? reuters : sampleCorpusDir),
    words: Number(value('words') ?? 2000),
    server: path.resolve(value('server') ?? serverPath),
  };
}

const mb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

/** The server's resident set as the kernel reports it (Linux only). */
function vmRssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : undefined;
  } catch {
    return undefined;
  }
}

/** LSP position of an offset (the draft is a few thousand lines at most: a scan is cheap). */
function positionOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/**
 * One one-word edit: a word of the draft replaced by another word of the
 * draft (so quotations, names and dates are touched as a writer would touch
 * them, and new claim keys keep appearing). Returns the change and the new text.
 */
function oneWordEdit(text: string, vocabulary: readonly string[], random: () => number) {
  const words = /[\p{L}\p{N}]+/gu;
  words.lastIndex = Math.floor(random() * text.length);
  let m = words.exec(text);
  if (!m) {
    words.lastIndex = 0;
    m = words.exec(text)!;
  }
  const start = m.index;
  const end = start + m[0].length;
  const replacement = vocabulary[Math.floor(random() * vocabulary.length)];
  const change = { range: { start: positionOf(text, start), end: positionOf(text, end) }, text: replacement };
  return { change, text: text.slice(0, start) + replacement + text.slice(end) };
}

async function memory(h: Harness): Promise<MemoryReport> {
  const report = await h.conn.sendRequest<MemoryReport | null>('factcheck/debug/memory');
  if (!report) throw new Error('factcheck/debug/memory failed');
  return report;
}

/** Growth per 1,000 edits between two samples. */
function slope(a: Sample, b: Sample, key: 'heapMb' | 'rssMb'): number {
  return Math.round(((b[key] - a[key]) / Math.max(1, b.edits - a.edits)) * 1000 * 100) / 100;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.server)) throw new Error(`${args.server} missing: run npm run build`);
  const log = (m: string) => process.stderr.write(`${m}\n`);
  log(`soak: ${path.relative(repoRoot, args.server)}, corpus ${args.corpus}, ${args.edits} edits in bursts of ${args.burst}, a sample every ${args.sample}`);

  // The draft is made in this process from the same corpus (the server builds its own index).
  const { index } = await buildCorpusIndex(createFsCorpusSource([args.corpus]));
  const draft = makeDraft(index, args.words, 7);
  const vocabulary = [...new Set(draft.text.match(/[\p{L}\p{N}]+/gu) ?? [])];
  const folder = mkdtempSync(path.join(os.tmpdir(), 'factcheck-soak-'));
  const draftFile = path.join(folder, 'draft.md');
  writeFileSync(draftFile, draft.text);
  const uri = uriOf(draftFile);

  const h = await startHarness({ folders: [folder], settings: { corpus: { paths: [args.corpus] } }, nodeArgs: ['--expose-gc'], server: args.server });
  const started = Date.now();
  const samples: Sample[] = [];
  const take = async (edits: number) => {
    const m = await memory(h);
    const s: Sample = { edits, rssMb: mb(m.rss), heapMb: mb(m.heapUsed), vmRssMb: vmRssMb(h.proc.pid), seconds: Math.round((Date.now() - started) / 1000) };
    samples.push(s);
    log(`  edits ${String(edits).padStart(5)}: heap ${s.heapMb} MB, rss ${s.rssMb} MB (VmRSS ${s.vmRssMb ?? '?'} MB), ${s.seconds} s${m.collected ? '' : ' (no --expose-gc: heap not collected)'}`);
  };
  try {
    let text = draft.text;
    let version = 1;
    let before = h.publishes.length;
    await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    await waitFor('the first diagnostics', () => h.publishes.slice(before).find((p) => p.uri === uri), 600_000);
    await take(0);
    const random = seededRandom(1234);
    for (let done = 0; done < args.edits; ) {
      before = h.publishes.length;
      const burst = Math.min(args.burst, args.edits - done);
      for (let i = 0; i < burst; i++) {
        const edit = oneWordEdit(text, vocabulary, random);
        text = edit.text;
        version++;
        await h.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [edit.change] });
      }
      done += burst;
      const wanted = version;
      await waitFor(`diagnostics of version ${wanted}`, () => h.publishes.slice(before).find((p) => p.uri === uri && p.version === wanted), 120_000);
      if (done % args.sample === 0 || done === args.edits) await take(done);
    }
  } finally {
    await h.close();
  }

  const first = samples[0];
  const mid = samples[Math.floor((samples.length - 1) / 2)];
  const last = samples[samples.length - 1];
  const summary = {
    corpus: path.relative(repoRoot, args.corpus) || args.corpus,
    draftWords: draft.words,
    edits: args.edits,
    burst: args.burst,
    samples,
    heapMbPer1kEdits: { firstHalf: slope(first, mid, 'heapMb'), secondHalf: slope(mid, last, 'heapMb') },
    rssMbPer1kEdits: { firstHalf: slope(first, mid, 'rssMb'), secondHalf: slope(mid, last, 'rssMb') },
  };
  log(`heap growth per 1,000 edits: first half ${summary.heapMbPer1kEdits.firstHalf} MB, second half ${summary.heapMbPer1kEdits.secondHalf} MB`);
  log(`rss growth per 1,000 edits: first half ${summary.rssMbPer1kEdits.firstHalf} MB, second half ${summary.rssMbPer1kEdits.secondHalf} MB`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
