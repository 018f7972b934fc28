/**
 * Entry of a corpus worker thread (`dist/corpusWorker.js`; in compiled tests
 * `out/server/src/host/corpusWorker.js`): one per corpus of the language
 * server. Parsing files, extracting articles and deriving the index take
 * seconds on a large corpus, in pieces too big to interleave with requests;
 * here they cannot stall the server's event loop. The worker holds the
 * builder and the `CorpusIndex`, opens and updates them with the same
 * `openFsCorpus`/`updateFsCorpus` as the CLI, and answers the store's
 * look-ups from the current index (see `corpusWorkerProtocol.ts`).
 *
 * Nothing here writes to stdout or stderr: the main thread may speak the
 * protocol on its stdout. Messages go back through `parentPort` only.
 */
import { parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { warmUpLookups, type CorpusIndex, type CorpusIndexBuilder, type CorpusWarning } from '../engine/api';
import { LOOKUP_METHODS } from './corpusWorkerProtocol';
import type { CorpusSnapshot, OpenResult, UpdateResult, WorkerMessage, WorkerOpenOptions, WorkerRequest } from './corpusWorkerProtocol';
import { openFsCorpus, updateFsCorpus } from './openFsCorpus';

/** Articles whose look-ups are asked in the background once an index is handed out (see `warmUpLookups`). */
export const BACKGROUND_WARM_UP_ARTICLES = 40;
/** How long after handing an index out the background warm-up starts (a draft already open is checked first). */
const BACKGROUND_WARM_UP_DELAY_MS = 1_000;

/**
 * How long after handing a newly built index out its cache is saved (issue
 * 13, cold start): encoding the cache is CPU work on this thread, and the
 * first check's look-ups come first. An open or update asked meanwhile saves
 * it at once, before it runs.
 */
export const DEFERRED_SAVE_DELAY_MS = 1_000;

/** Progress messages are sent at most this often (a folder of 20,000 small files would send 20,000). */
const PROGRESS_EVERY_MS = 50;

/**
 * How long a replaced index still answers look-ups made for it: a check that
 * began before an update finishes on the index it began with (as it would
 * in-process, holding the old index), instead of citing a changed article.
 */
const RETIRED_INDEX_MS = 10_000;

/** The worker's corpus: what it was opened from and what it holds. */
interface HeldCorpus {
  roots: readonly string[];
  options: WorkerOpenOptions;
  builder: CorpusIndexBuilder;
  index: CorpusIndex;
  listingProblems: CorpusWarning[];
  generation: number;
}

/** Serves one main thread over `port`. */
export function serveCorpus(port: MessagePort): void {
  let held: HeldCorpus | undefined;
  let generation = 0;
  /** Opens and updates run one after the other; look-ups are answered meanwhile from the index in place. */
  let mutations: Promise<unknown> = Promise.resolve();
  /** Indexes replaced in the last {@link RETIRED_INDEX_MS}, by generation. */
  const retired = new Map<number, CorpusIndex>();
  const retire = (h: HeldCorpus | undefined) => {
    if (!h) return;
    const gen = h.generation;
    retired.set(gen, h.index);
    setTimeout(() => retired.delete(gen), RETIRED_INDEX_MS).unref();
  };
  const send = (m: WorkerMessage) => port.postMessage(m);
  /** The cache save of the last opening, until it has run (see {@link DEFERRED_SAVE_DELAY_MS}). */
  let pendingSave: (() => Promise<void>) | undefined;
  /** Runs the pending save, if any (an open or update waits for it: what it saves was fixed at hand-out). */
  const flushSave = (): Promise<void> => {
    const save = pendingSave;
    pendingSave = undefined;
    return save ? save() : Promise.resolve();
  };

  const snapshot = (h: HeldCorpus): CorpusSnapshot => ({
    stats: h.index.stats,
    files: h.builder.paths(),
    warnings: [...h.listingProblems, ...h.builder.warnings()],
    generation: h.generation,
  });

  const open = async (id: number, roots: readonly string[], options: WorkerOpenOptions): Promise<OpenResult> => {
    let lastProgress = 0;
    // An earlier opening of the same roots lends its unchanged files (a rebuild reads them again anyway).
    const previous = held && sameRoots(held.roots, roots) ? held.builder : undefined;
    const opened = await openFsCorpus(roots, {
      buildId: options.buildId,
      cacheDir: options.cacheDir,
      maxFileBytes: options.maxFileBytes,
      previous,
      rebuild: options.rebuild,
      confineTo: options.confineTo,
      onProgress: (done, total, path, detail) => {
        const now = Date.now();
        if (done < total && now - lastProgress < PROGRESS_EVERY_MS) return;
        lastProgress = now;
        send({ kind: 'progress', id, done, total, path, detail });
      },
      onMessage: (message) => send({ kind: 'log', message }),
      // The index is handed out first; its cache is saved after (a crash meanwhile costs the next start a build).
      deferSave: true,
    });
    if (opened.save) {
      const save = opened.save;
      pendingSave = async () => {
        const saving = Date.now();
        if (await save()) send({ kind: 'log', message: `index cache saved in ${Date.now() - saving} ms` });
      };
      setTimeout(() => void flushSave(), DEFERRED_SAVE_DELAY_MS).unref();
    }
    // Right after the index is handed out (the reply is sent before this turn ends), every look-up path once
    // (a few dozen ms): the first check finds them compiled. It runs while the main thread reads the open
    // draft, before the check's first look-up arrives, instead of holding the index back from it. (Drafts are
    // read on the main thread, which warms its extractors while this corpus opens: nothing is extracted here.)
    const index = opened.index;
    setImmediate(() => {
      const warming = Date.now();
      // Yielding between its look-ups: a first check's arriving meanwhile is answered next, not after the warm-up.
      void warmUpLookups(index, index.articles, { betweenLookUps: () => new Promise((r) => setImmediate(r)) }).then(() =>
        send({ kind: 'log', message: `look-ups warmed up in ${Date.now() - warming} ms` }),
      );
    });
    // Then, once the first check of an open draft has had its turn, often enough to be optimised, one article
    // at a time, yielding between them so a check's look-ups are answered in between.
    const yieldTurn = (): Promise<void> => new Promise((r) => setImmediate(r));
    setTimeout(() => void warmUpLookups(index, index.articles, { articles: BACKGROUND_WARM_UP_ARTICLES, between: yieldTurn, betweenLookUps: yieldTurn }), BACKGROUND_WARM_UP_DELAY_MS).unref();
    retire(held);
    held = { roots: [...roots], options, builder: opened.builder, index: opened.index, listingProblems: opened.listingProblems, generation: ++generation };
    const c = opened.cache;
    return { snapshot: snapshot(held), cache: opened.cacheFile ? { status: c.status, reusedFiles: c.reusedFiles, extractedFiles: c.extractedFiles } : undefined };
  };

  const update = async (changed: readonly string[], removed: readonly string[]): Promise<UpdateResult> => {
    const h = held;
    if (!h) throw new Error('the corpus is not open');
    const result = await updateFsCorpus(h.builder, h.roots, { changed, removed }, { confineTo: h.options.confineTo });
    if (result.index) {
      retire(h);
      h.index = result.index;
      h.generation = ++generation;
    }
    return { snapshot: snapshot(h), warnings: result.warnings };
  };

  const lookup = (method: string, args: unknown[], gen: number): Promise<unknown> => {
    if (!held) throw new Error('the corpus is not open');
    if (!(LOOKUP_METHODS as readonly string[]).includes(method)) throw new Error(`unknown look-up: ${method}`);
    const found = gen === held.generation ? held.index : retired.get(gen);
    if (!found) throw new Error('the corpus changed while it was being asked; the check is made again');
    const index = found as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    return index[method](...args);
  };

  port.on('message', (request: WorkerRequest) => {
    const answer = (work: () => Promise<unknown>) => {
      // A failure costs this request only: the worker and its index stay.
      const run = async () => {
        try {
          send({ kind: 'done', id: request.id, result: await work() });
        } catch (err) {
          send({ kind: 'failed', id: request.id, message: err instanceof Error ? err.message : String(err) });
        }
      };
      return run();
    };
    switch (request.kind) {
      case 'open':
        mutations = mutations.then(flushSave).then(() => answer(() => open(request.id, request.roots, request.options)));
        break;
      case 'update':
        mutations = mutations.then(flushSave).then(() => answer(() => update(request.changed, request.removed)));
        break;
      case 'lookup':
        void answer(async () => lookup(request.method, request.args, request.generation));
        break;
      default:
        send({ kind: 'failed', id: (request as { id: number }).id, message: `unknown request: ${(request as { kind: string }).kind}` });
    }
  });
}

function sameRoots(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}

/** Sends whatever a dependency prints as log messages: the main thread neither reads nor forwards our stdout. */
function redirectOutput(port: MessagePort): void {
  const toLog = (...args: unknown[]) => port.postMessage({ kind: 'log', message: args.map(String).join(' ') } satisfies WorkerMessage);
  console.log = toLog;
  console.info = toLog;
  console.debug = toLog;
  console.warn = toLog;
  console.error = toLog;
  const write = (chunk: unknown): boolean => {
    toLog(String(chunk).trimEnd());
    return true;
  };
  process.stdout.write = write as typeof process.stdout.write;
  process.stderr.write = write as typeof process.stderr.write;
}

// Started as a worker: serve the thread that started it. Imported otherwise (a type check, a test): do nothing.
if (parentPort) {
  redirectOutput(parentPort);
  serveCorpus(parentPort);
}
