/**
 * A corpus held by a worker thread (`corpusWorker.ts`), seen from the main
 * thread: {@link WorkerCorpus} starts the worker, opens, updates and reindexes
 * the corpus there, and gives the checks a {@link CorpusStore} whose every
 * look-up is one message with the whole batch. Indexing a large corpus then
 * never blocks the language server's event loop; the checks, hovers and
 * judges are unchanged, as they only ever see a `CorpusStore`.
 *
 * A worker that throws or exits rejects every pending call with the reason,
 * reports it through `onFailure`, and is replaced by a new one at the next
 * {@link WorkerCorpus.open}: the server never dies with its corpus.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CorpusReadProgress, CorpusStats, CorpusStore } from '../engine/api';
import type { CorpusSnapshot, LookupMethod, OpenResult, UpdateResult, WorkerMessage, WorkerOpenOptions, WorkerRequest } from './corpusWorkerProtocol';

/**
 * The worker script beside this module: `dist/corpusWorker.js` beside the
 * server bundle, `out/server/src/host/corpusWorker.js` beside the compiled
 * module in tests (both keep the two files in one folder).
 */
export const DEFAULT_WORKER_SCRIPT = path.join(__dirname, 'corpusWorker.js');

/** How long a worker started ahead ({@link startCorpusWorkerAhead}) waits to be taken before it is stopped (default). */
const AHEAD_WORKER_IDLE_MS = 60_000;

/** A worker thread started before any corpus asked for one, and its script. */
let ahead: { script: string; worker: Worker; timer: NodeJS.Timeout } | undefined;

/**
 * Starts a corpus worker thread now, for the first {@link WorkerCorpus} of
 * this process to take (with the same script). A worker's boot (a thread, its
 * bundle loaded: ~0.2 s) then overlaps the server's own bundle loading and
 * the editor's handshake instead of following them: on a warm start it is on
 * the path to the first diagnostics. Not taken within `idleMs` (no corpus on
 * disk configured, say), it is stopped. Never keeps the process alive.
 */
export function startCorpusWorkerAhead(script: string = DEFAULT_WORKER_SCRIPT, idleMs = AHEAD_WORKER_IDLE_MS): void {
  if (ahead) return;
  const worker = newCorpusWorker(script);
  const drop = () => {
    if (ahead?.worker !== worker) return;
    clearTimeout(ahead.timer);
    ahead = undefined;
    void worker.terminate();
  };
  // An early failure (a missing script, say) is met again, and reported, by the worker started in its place.
  worker.once('error', drop);
  worker.once('exit', drop);
  const timer = setTimeout(drop, idleMs);
  timer.unref();
  ahead = { script, worker, timer };
}

/** The worker started ahead for `script`, handed over (once), or undefined. */
function takeWorkerAhead(script: string): Worker | undefined {
  if (!ahead || ahead.script !== script) return undefined;
  const { worker, timer } = ahead;
  ahead = undefined;
  clearTimeout(timer);
  worker.removeAllListeners('error');
  worker.removeAllListeners('exit');
  return worker;
}

/** A new corpus worker thread, not holding the process alive. */
function newCorpusWorker(script: string): Worker {
  // The worker's stdout and stderr are not piped to ours (stdout may be the protocol); the worker sends any
  // output as `log` messages instead. (Reading the streams here would hold the process alive.)
  const worker = new Worker(script, { stdout: true, stderr: true });
  worker.unref();
  return worker;
}

/** Options of {@link WorkerCorpus}. */
export interface WorkerCorpusOptions {
  /** The worker script (default {@link DEFAULT_WORKER_SCRIPT}). */
  script?: string;
  /** Messages from the worker (cache status, stray output); never fatal. */
  onLog?(message: string): void;
  /** The worker stopped unexpectedly; its pending calls have already been rejected with `reason`. */
  onFailure?(reason: string): void;
}

/** Called after each file while opening. */
export type ProgressListener = (done: number, total: number, path: string, detail?: CorpusReadProgress) => void;

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: ProgressListener;
}

/** One corpus in one worker thread (a new thread after a failure). */
export class WorkerCorpus {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, PendingCall>();
  private opened: { roots: readonly string[]; options: WorkerOpenOptions } | undefined;
  private current: WorkerCorpusStore | undefined;
  private failure: string | undefined;
  private disposed = false;

  constructor(private readonly options: WorkerCorpusOptions = {}) {}

  /** The store of the index the worker holds now; a new object whenever that index is replaced (a checker made for an older one is made again). */
  get store(): CorpusStore | undefined {
    return this.current;
  }

  /** Why the worker stopped, if it stopped unexpectedly and none has been started since. */
  get failed(): string | undefined {
    return this.failure;
  }

  /** Opens `roots` in the worker (starting one if none runs) and makes its index the current store. */
  async open(roots: readonly string[], options: WorkerOpenOptions, onProgress?: ProgressListener): Promise<OpenResult> {
    const result = (await this.request({ kind: 'open', roots, options }, onProgress, true)) as OpenResult;
    this.opened = { roots: [...roots], options: { ...options, rebuild: false } };
    this.settle(result.snapshot);
    return result;
  }

  /** Applies watcher events in the worker; the current store changes only when the index did. */
  async update(changed: Iterable<string>, removed: Iterable<string>): Promise<UpdateResult> {
    const result = (await this.request({ kind: 'update', changed: [...changed], removed: [...removed] })) as UpdateResult;
    this.settle(result.snapshot);
    return result;
  }

  /** Opens the same roots again from disk, reusing neither memory nor the cache. */
  reindex(onProgress?: ProgressListener): Promise<OpenResult> {
    if (!this.opened) return Promise.reject(new Error('the corpus was never opened'));
    return this.open(this.opened.roots, { ...this.opened.options, rebuild: true }, onProgress);
  }

  /** Stops the worker; pending calls are rejected. */
  dispose(): void {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.current = undefined;
    this.rejectAll('the corpus was closed');
    void worker?.terminate();
  }

  /** A look-up of the store standing for index `generation`: one message. */
  lookup(method: LookupMethod, args: unknown[], generation: number): Promise<unknown> {
    // A look-up never starts a worker: a new one holds no corpus until it is opened again.
    if (!this.worker) return Promise.reject(new Error(`the corpus is not available: ${this.failure ?? 'not opened'}`));
    return this.request({ kind: 'lookup', method, args, generation });
  }

  private settle(snapshot: CorpusSnapshot): void {
    if (this.current?.generation !== snapshot.generation) this.current = new WorkerCorpusStore(this, snapshot.stats, snapshot.generation);
  }

  private request(message: DistributiveOmit<WorkerRequest, 'id'>, onProgress?: ProgressListener, start = false): Promise<unknown> {
    if (this.disposed) return Promise.reject(new Error('the corpus was closed'));
    const worker = this.worker ?? (start ? this.start() : undefined);
    if (!worker) return Promise.reject(new Error(`the corpus is not available: ${this.failure ?? 'not opened'}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      // Held open only while it owes an answer: an idle worker never keeps the process alive.
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ ...message, id } as WorkerRequest);
    });
  }

  private start(): Worker {
    this.failure = undefined;
    const script = this.options.script ?? DEFAULT_WORKER_SCRIPT;
    const worker = takeWorkerAhead(script) ?? newCorpusWorker(script);
    this.worker = worker;
    worker.on('message', (m: WorkerMessage) => this.receive(m));
    worker.on('messageerror', (err) => this.options.onLog?.(`corpus worker: a message could not be read: ${err.message}`));
    worker.on('error', (err) => this.stopped(worker, `the corpus worker crashed: ${err?.message ?? err}`));
    worker.on('exit', (code) => this.stopped(worker, `the corpus worker exited (code ${code})`));
    return worker;
  }

  private receive(m: WorkerMessage): void {
    if (m.kind === 'log') {
      this.options.onLog?.(m.message);
      return;
    }
    const call = this.pending.get(m.id);
    if (!call) return;
    if (m.kind === 'progress') {
      call.onProgress?.(m.done, m.total, m.path, m.detail);
      return;
    }
    this.pending.delete(m.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (m.kind === 'done') call.resolve(m.result);
    else call.reject(new Error(m.message));
  }

  /** The worker is gone: its calls fail with the reason, its store with it; the next open starts another. */
  private stopped(worker: Worker, reason: string): void {
    if (worker !== this.worker) return; // already handled (an 'error' is followed by an 'exit'), or disposed
    this.worker = undefined;
    this.current = undefined;
    this.failure = reason;
    this.rejectAll(reason);
    void worker.terminate();
    if (!this.disposed) this.options.onFailure?.(reason);
  }

  private rejectAll(reason: string): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const c of calls) c.reject(new Error(reason));
  }
}

/**
 * The {@link CorpusStore} of one index held by a worker: `stats` is the
 * snapshot the worker sent with it; every look-up is one message, answered by
 * that index. Once an update or reindex replaces it, the worker keeps it a
 * few seconds for the checks already running (afterwards their look-ups fail
 * with a clear message; the checks are made again with the new store).
 */
export class WorkerCorpusStore implements CorpusStore {
  constructor(private readonly corpus: WorkerCorpus, readonly stats: CorpusStats, readonly generation: number) {}

  findQuotations(...args: Parameters<CorpusStore['findQuotations']>): ReturnType<CorpusStore['findQuotations']> {
    return this.call('findQuotations', args);
  }

  findPeople(...args: Parameters<CorpusStore['findPeople']>): ReturnType<CorpusStore['findPeople']> {
    return this.call('findPeople', args);
  }

  knowsPeople(...args: Parameters<CorpusStore['knowsPeople']>): ReturnType<CorpusStore['knowsPeople']> {
    return this.call('knowsPeople', args);
  }

  findPostHolders(...args: Parameters<CorpusStore['findPostHolders']>): ReturnType<CorpusStore['findPostHolders']> {
    return this.call('findPostHolders', args);
  }

  hasPhrases(...args: Parameters<CorpusStore['hasPhrases']>): ReturnType<CorpusStore['hasPhrases']> {
    return this.call('hasPhrases', args);
  }

  findDatesInContext(...args: Parameters<CorpusStore['findDatesInContext']>): ReturnType<CorpusStore['findDatesInContext']> {
    return this.call('findDatesInContext', args);
  }

  findDatesByEvent(...args: Parameters<CorpusStore['findDatesByEvent']>): ReturnType<CorpusStore['findDatesByEvent']> {
    return this.call('findDatesByEvent', args);
  }

  findAlignedSentences(...args: Parameters<CorpusStore['findAlignedSentences']>): ReturnType<CorpusStore['findAlignedSentences']> {
    return this.call('findAlignedSentences', args);
  }

  cite(...args: Parameters<CorpusStore['cite']>): ReturnType<CorpusStore['cite']> {
    return this.call('cite', args);
  }

  search(...args: Parameters<CorpusStore['search']>): ReturnType<CorpusStore['search']> {
    return this.call('search', args);
  }

  private call<M extends LookupMethod>(method: M, args: unknown[]): ReturnType<CorpusStore[M]> {
    // An empty batch needs no round trip (the checks ask for one when a draft has no claim of a kind).
    if (method !== 'search' && Array.isArray(args[0]) && args[0].length === 0) return Promise.resolve([]) as ReturnType<CorpusStore[M]>;
    return this.corpus.lookup(method, args, this.generation) as ReturnType<CorpusStore[M]>;
  }
}

/** `Omit` applied to each member of a union (a plain `Omit` would merge the members). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
