/**
 * Benchmarks one corpus in its own process (so peak RSS is this corpus's):
 *
 *   node out/bench/corpusBench.js build --corpus PATH... --cache-dir DIR --draft-out FILE [--draft FILE] [--rg-dir DIR]
 *   node out/bench/corpusBench.js load  --corpus PATH... --cache-dir DIR --draft FILE
 *   node out/bench/corpusBench.js build-only --corpus PATH... [--workers N]
 *
 * `--no-warm-up` skips the warm-up a host runs when a corpus opens (to see what it saves);
 * `--no-prepare` leaves only the draft's preparation out of it.
 * `--workers N` extracts on N worker threads (default: one per core, as the hosts do; 0: in this thread).
 *
 * `build` times a cold build, saving the cache, checks, edits, search and the
 * quote lookup; `load` times starting from the cache; `build-only` times a
 * cold build alone (the same-run baseline of one worker). Prints one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, DraftChecker, DraftPreparation, encodeIndexCacheParts, extractFacts, INDEX_FORMAT_VERSION, quoteCheck, resolveCheckConfig, warmUpLookups, type CorpusIndex } from '../server/src/engine/api';
import { contentHash, contentHasher } from '../server/src/host/contentHash';
import { createFsCorpusSource } from '../server/src/host/fsCorpusSource';
import { availableCores, ExtractionPool } from '../server/src/host/extractionPool';
import { cacheFileFor, writeIndexCacheFile } from '../server/src/host/fsIndexCache';
import { openFsCorpus } from '../server/src/host/openFsCorpus';
import { BACKGROUND_WARM_UP_ARTICLES } from '../server/src/host/corpusWorker';
import { draftWarmUpSteps, fixedWarmUpSteps, preparationSteps, runWarmUpSteps } from '../server/src/lsp/extractionWarmUp';
import { round, stats } from './stats';
import { makeDraft } from './draft';

const ENGINE = 'bench';

interface Args {
  mode: 'build' | 'load' | 'build-only';
  corpus: string[];
  cacheDir: string;
  draft?: string;
  draftOut?: string;
  rgDir?: string;
  /** Skip the warm-up a host runs on opening (to measure what it saves). */
  noWarmUp?: boolean;
  /** Leave the draft's preparation out of the warm-up (to measure what it saves). */
  noPrepare?: boolean;
  /** Extraction worker threads of the cold build (0: in this thread). */
  workers: number;
}

function parse(argv: string[]): Args {
  const a: Args = { mode: argv[0] === 'load' || argv[0] === 'build-only' ? argv[0] : 'build', corpus: [], cacheDir: '', workers: availableCores() };
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '--no-warm-up') {
      a.noWarmUp = true;
      continue;
    }
    if (argv[i] === '--no-prepare') {
      a.noPrepare = true;
      continue;
    }
    const v = argv[++i];
    switch (argv[i - 1]) {
      case '--corpus': a.corpus.push(v); break;
      case '--cache-dir': a.cacheDir = v; break;
      case '--draft': a.draft = v; break;
      case '--draft-out': a.draftOut = v; break;
      case '--rg-dir': a.rgDir = v; break;
      case '--workers': a.workers = Number(v); break;
      default: throw new Error(`unknown argument ${argv[i - 1]}`);
    }
  }
  return a;
}


async function time<T>(f: () => T | Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
}

/** `reps` process CPU times (ms) of `f`, each run timed alone; CPU time also counts the JIT's and GC's helper threads. */
async function cpuRepeat(f: () => unknown, reps: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c = process.cpuUsage();
    await f();
    const d = process.cpuUsage(c);
    out.push((d.user + d.system) / 1000);
  }
  return out;
}

function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024);
}

function corpusBytes(roots: string[]): number {
  return roots.reduce((n, r) => n + statSync(r).size, 0);
}

/**
 * The draft side of the language server's warm-up, as its main thread runs it while the corpus opens, in its
 * order (`lsp/extractionWarmUp.ts`): the open draft's paragraphs; the draft prepared for its check (read whole,
 * its claims listed: timed apart, as `prepareMs`); the warm-up text's rounds and the checks against the warm-up
 * index. Returns the draft's checker once the index is there (`DraftChecker.fromPreparation`, as the server's
 * `checkerFor`), with the timings in ms; `--no-prepare` leaves the preparation out (a fresh checker).
 */
async function extractionWarmUp(draft: string, names: Set<string>, prepare: boolean): Promise<{ ms: number; prepareMs: number; prepareCpuMs: number; checker: (index: CorpusIndex) => DraftChecker }> {
  const preparation = new DraftPreparation();
  let [, ms] = await time(() => runWarmUpSteps(draftWarmUpSteps(draft, (name) => names.add(name))));
  const cpu = process.cpuUsage();
  const [, prepareMs] = prepare ? await time(() => runWarmUpSteps(preparationSteps(preparation, draft))) : [undefined, 0];
  const used = process.cpuUsage(cpu);
  ms += (await time(() => runWarmUpSteps(fixedWarmUpSteps())))[1];
  const checker = (index: CorpusIndex): DraftChecker => (prepare ? DraftChecker.fromPreparation(preparation, index) : new DraftChecker(index));
  return { ms: round(ms), prepareMs: round(prepareMs), prepareCpuMs: prepare ? round((used.user + used.system) / 1000) : 0, checker };
}

/** A check's process CPU time (ms) beside its result: the first check's figure on a busy machine. */
async function cpuTimed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const c = process.cpuUsage();
  const r = await f();
  const d = process.cpuUsage(c);
  return [r, round((d.user + d.system) / 1000)];
}

/**
 * The draft's names the warm-up noted, asked of the index as the server asks them when the corpus is ready (its
 * corpus worker answers them while the first check reads the draft on the main thread), in ms.
 */
async function prefetchNames(index: CorpusIndex, names: Set<string>): Promise<number> {
  return round((await time(() => index.knowsPeople([...names])))[1]);
}

/** The corpus worker's look-up warm-up over `articles` sampled articles, in ms (one before handing the index out, more after). */
async function lookupWarmUp(index: CorpusIndex, articles = 1): Promise<number> {
  return round((await time(() => warmUpLookups(index, index.articles, { articles })))[1]);
}

/** `reps` timings of `f` after `warm` untimed runs. */
async function repeat(f: () => unknown, reps: number, warm = 3): Promise<number[]> {
  for (let i = 0; i < warm; i++) await f();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) out.push((await time(f))[1]);
  return out;
}

/** One-word edits spread over the draft (a word typed after a space), each re-checked by the same DraftChecker. */
async function editLatencies(index: CorpusIndex, draft: string, edits: number): Promise<{ ms: number[]; cpuMs: number[]; sameAsCheckDraft: boolean }> {
  const checker = new DraftChecker(index);
  (await checker.check(draft));
  let text = draft;
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < edits; i++) {
    const at = text.indexOf(' ', Math.floor((text.length * ((i * 37) % 100)) / 100));
    if (at < 0) continue;
    text = `${text.slice(0, at)} ${i % 2 ? 'also' : 'however'}${text.slice(at)}`;
    const c = process.cpuUsage();
    ms.push((await time(() => checker.check(text)))[1]);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { ms, cpuMs: cpu, sameAsCheckDraft: JSON.stringify((await checker.check(text))) === JSON.stringify((await checkDraft(text, index))) };
}

/** Checks `other` 50 times and re-checks 300 one-word edits of it: a session's first minutes, untimed. */
async function settleCheckPath(index: CorpusIndex, other: string): Promise<void> {
  for (let i = 0; i < 50; i++) await checkDraft(other, index);
  const checker = new DraftChecker(index);
  let text = other;
  for (let i = 0; i < 300; i++) {
    const at = text.indexOf(' ', Math.floor((text.length * ((i * 53) % 100)) / 100));
    if (at < 0) continue;
    text = `${text.slice(0, at)} ${i % 2 ? 'still' : 'reportedly'}${text.slice(at)}`;
    await checker.check(text);
  }
}

/** The user's alternative today: `rg -F` for each quotation over the corpus exported as one text file per article. */
function rgBaseline(index: CorpusIndex, quotes: string[], dir: string): { ms: number; found: number } | { skipped: string } {
  const probe = spawnSync('rg', ['--version']);
  if (probe.error || probe.status !== 0) return { skipped: 'ripgrep (rg) is not installed' };
  mkdirSync(dir, { recursive: true });
  index.articles.forEach((a, i) => writeFileSync(path.join(dir, `${i}.txt`), a.text));
  let found = 0;
  const t = performance.now();
  for (const q of quotes) {
    const r = spawnSync('rg', ['-F', '-l', '--no-messages', '--', q, dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.stdout.trim()) found++;
  }
  return { ms: round(performance.now() - t), found };
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const bytes = corpusBytes(args.corpus);
  const out: Record<string, unknown> = { bytes };
  if (args.mode === 'load') {
    const t = performance.now();
    // Default limits: a JSONL file of any size is streamed (Reuters ×5 is one 103 MB file).
    const { index, cache } = await openFsCorpus(args.corpus, { cacheDir: args.cacheDir, buildId: ENGINE });
    out.cacheLoadMs = round(performance.now() - t);
    out.cacheStatus = cache.status;
    const draft = readFileSync(args.draft!, 'utf8');
    // As the language server does: its main thread warms the draft side while the corpus opens (so that time
    // overlaps the load), its corpus worker warms the look-ups before handing the index out.
    let checker = new DraftChecker(index);
    if (!args.noWarmUp) {
      const names = new Set<string>();
      const warm = await extractionWarmUp(draft, names, !args.noPrepare);
      Object.assign(out, { loadWarmUpExtractionMs: warm.ms, loadPrepareMs: warm.prepareMs, loadPrepareCpuMs: warm.prepareCpuMs });
      checker = warm.checker(index);
      Object.assign(out, { loadWarmUpMs: await lookupWarmUp(index), loadWarmUpBackgroundMs: await lookupWarmUp(index, BACKGROUND_WARM_UP_ARTICLES) });
      out.loadPrefetchNamesMs = await prefetchNames(index, names);
    }
    // What the server does once the store is ready: the draft's first check (from its preparation).
    const [[found, firstMs], firstCpuMs] = await cpuTimed(() => time(() => checker.check(draft)));
    Object.assign(out, { loadFirstCheckMs: round(firstMs), loadFirstCheckCpuMs: firstCpuMs, loadedFindings: found.length });
    out.loadPeakRssMb = peakRssMb();
    // The steady state in this process, as after a build (settled on another draft, then CPU time of re-checks).
    await settleCheckPath(index, makeDraft(index, 2000, 7).text);
    out.loadCheckCpu = stats(await cpuRepeat(() => checkDraft(draft, index), 20));
    out.loadFirstCheckRatio = round(firstCpuMs / (out.loadCheckCpu as { median: number }).median);
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  const source = createFsCorpusSource(args.corpus);
  // Extraction on worker threads as the hosts do (openFsCorpus); process CPU time counts every thread.
  const extractor = args.workers > 0 ? new ExtractionPool({ workers: args.workers }) : undefined;
  let t = performance.now();
  const cpuBefore = process.cpuUsage();
  // Hashed as the host does (a streamed JSONL file on the way), so the cache saved below is the host's.
  const { index, builder, warnings } = await buildCorpusIndex(source, { hash: contentHash, hasher: contentHasher, extractor });
  if (index.stats.articles === 0) throw new Error(`nothing indexed: ${warnings.map((w) => w.message).join('; ')}`);
  const buildMs = performance.now() - t;
  const cpu = process.cpuUsage(cpuBefore);
  Object.assign(out, { workers: args.workers, buildCpuMs: round((cpu.user + cpu.system) / 1000) });
  await extractor?.close();
  if (args.mode === 'build-only') {
    Object.assign(out, { articles: index.stats.articles, buildMs: round(buildMs), buildPeakRssMb: peakRssMb() });
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  out.buildPeakRssMb = peakRssMb();
  // What the index holds once built (run with --expose-gc, as bench/run.ts does): per article and per token.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    const m = process.memoryUsage();
    const held = m.heapUsed + m.arrayBuffers;
    const tokens = index.tokens.tokenWord.length;
    Object.assign(out, { heldMb: round(held / 1024 / 1024), tokens, bytesPerArticle: Math.round(held / index.stats.articles), bytesPerToken: round(held / tokens) });
  }
  Object.assign(out, {
    articles: index.stats.articles,
    sentences: index.stats.sentences,
    quotes: index.stats.quotes,
    people: index.stats.people,
    buildMs: round(buildMs),
    articlesPerSec: Math.round(index.stats.articles / (buildMs / 1000)),
    mbPerSec: round(bytes / 1024 / 1024 / (buildMs / 1000)),
  });
  // Save as the host does (encode, authenticate, write atomically).
  t = performance.now();
  const files = builder.paths().flatMap((p) => builder.entryOf(p) ?? []);
  const body = encodeIndexCacheParts(
    { formatVersion: INDEX_FORMAT_VERSION, engineVersion: ENGINE, files: [...files].sort((x, y) => (x.path < y.path ? -1 : 1)), createdAt: new Date().toISOString() },
    (p) => builder.recordsOf(p),
    index.tokens,
  );
  const cacheFile = cacheFileFor(args.cacheDir, args.corpus);
  await writeIndexCacheFile(cacheFile, body);
  out.cacheSaveMs = round(performance.now() - t);
  out.indexBytesOnDisk = statSync(cacheFile).size;

  const draft = args.draft ? { text: readFileSync(args.draft, 'utf8') } : makeDraft(index, 2000, 42);
  if (args.draftOut) writeFileSync(args.draftOut, draft.text);
  const facts = extractFacts(draft.text);
  out.draftWords = draft.text.split(/\s+/).filter(Boolean).length;
  out.draftQuotes = facts.quotes.length;
  // The look-up warm-up a host runs when a corpus opens (the language server's corpus worker does), timed
  // apart; then the draft side's, which the server's main thread runs while the corpus builds (the extractors are
  // warm already here: the build ran them in this thread).
  let checker = new DraftChecker(index);
  if (!args.noWarmUp) {
    Object.assign(out, { warmUpMs: await lookupWarmUp(index), warmUpBackgroundMs: await lookupWarmUp(index, BACKGROUND_WARM_UP_ARTICLES) });
    const names = new Set<string>();
    const warm = await extractionWarmUp(draft.text, names, !args.noPrepare);
    Object.assign(out, { warmUpExtractionMs: warm.ms, prepareMs: warm.prepareMs, prepareCpuMs: warm.prepareCpuMs });
    checker = warm.checker(index);
    out.prefetchNamesMs = await prefetchNames(index, names);
  }
  // The first check of a draft after it pays for what the warm-up did not reach (the draft's own names, JIT of
  // rarer paths); reported apart from the steady state.
  const [[, firstMs], firstCpuMs] = await cpuTimed(() => time(() => checker.check(draft.text)));
  Object.assign(out, { firstCheckMs: round(firstMs), firstCheckCpuMs: firstCpuMs });
  out.findings = (await checkDraft(draft.text, index)).length;
  // The steady state a writer sees after the first minutes of a session: the check path has run often enough for
  // the JIT to optimise it. Without this the next checks of a fresh process still run half-compiled code (about
  // 2× slower for the first ~60 checks and ~300 edits, measured in session 5), which the first check above
  // already reports. The settling runs on ANOTHER draft so the timed draft's own memos are not primed by it.
  out.settleMs = round((await time(() => settleCheckPath(index, makeDraft(index, 2000, 7).text)))[1]);
  out.check = stats(await repeat(() => checkDraft(draft.text, index), 20));
  // The same runs as process CPU time: on a busy machine wall-clock time also counts waiting for a core.
  out.checkCpu = stats(await cpuRepeat(() => checkDraft(draft.text, index), 20));
  out.firstCheckRatio = round(firstCpuMs / (out.checkCpu as { median: number }).median);
  const edits = await editLatencies(index, draft.text, 40);
  out.edit = stats(edits.ms);
  out.editCpu = stats(edits.cpuMs);
  out.editSameAsCheckDraft = edits.sameAsCheckDraft;
  const queries = ['oil prices', 'interest rates bank', 'shareholders merger agreement', 'crop weather drought', 'minister said talks', 'dollar yen', 'coffee export quotas', 'strike workers union'];
  out.search = stats((await repeat(() => Promise.all(queries.map((q) => index.search(q, { limit: 10 }))), 5, 1)).map((ms) => ms / queries.length));
  const quoteTexts = facts.quotes.map((q) => q.text).filter((q) => q.split(/\s+/).length >= 4);
  // The quote check's own work for every long quotation: look-ups through the store (verbatim, else the
  // closest passage), the verdicts, and the citations of what the verdicts keep.
  const longQuotes = { text: draft.text, facts: { ...facts, quotes: facts.quotes.filter((q) => q.text.split(/\s+/).length >= 4) }, people: [], quoteSpans: [] };
  const quoteClaims = quoteCheck.claims(longQuotes);
  const lookUpQuotes = async (): Promise<void> => {
    const hits = await quoteCheck.retrieve(quoteClaims, index, resolveCheckConfig());
    await index.cite(quoteClaims.flatMap((c, i) => quoteCheck.judge(c, hits[i], resolveCheckConfig()).flatMap((f) => f.evidence.slice(0, 5))));
  };
  out.quoteLookup = { quotes: quoteTexts.length, ...stats(await repeat(lookUpQuotes, 10)) };
  if (args.rgDir) {
    const rg = rgBaseline(index, quoteTexts, args.rgDir);
    out.rg = rg;
    const lookup = out.quoteLookup as { median: number };
    if ('ms' in rg) out.rgRatio = round(rg.ms / Math.max(lookup.median, 0.001));
  }
  out.peakRssMb = peakRssMb();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
