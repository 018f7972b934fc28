/**
 * Worker threads that extract corpus files for a builder (the engine's
 * {@link OffThreadExtractor}), so a cold build uses every core: the builder
 * reads and orders, the workers parse and extract (`extractionWorker.ts`).
 *
 * Threads start on the first request (a build whose files all come from a
 * cache starts none) and stop after a moment without work, so a pool can
 * stay with its builder for later updates at no cost. A worker holds the
 * process open only while it has work. A worker that fails or dies costs
 * only its request: that request is rejected (the builder then extracts it
 * itself) and the next one starts a fresh worker; after a few deaths the
 * pool stops starting workers and every request is the builder's.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { decodeRecordChunk, type ExtractedFile, type ExtractedJsonLines, type FileExtractionRequest, type JsonLinesBatchRequest, type OffThreadExtractor } from '../engine/api';
import type { ExtractionReply, ExtractionRequest } from './extractionProtocol';

/**
 * The worker script beside this module: `dist/extractionWorker.js` beside the
 * bundles, `out/server/src/host/extractionWorker.js` beside the compiled
 * sources (tests, benchmarks).
 */
export const DEFAULT_EXTRACTION_WORKER_SCRIPT = path.join(__dirname, 'extractionWorker.js');

/** Workers that may die before the pool gives up starting new ones. */
const MAX_WORKER_DEATHS = 3;

/** Options of {@link ExtractionPool}. */
export interface ExtractionPoolOptions {
  /** Worker threads (default: the cores the process may use, `os.availableParallelism()`). */
  workers?: number;
  /** The worker script (default {@link DEFAULT_EXTRACTION_WORKER_SCRIPT}). */
  script?: string;
  /** Problems (a worker died, its request is extracted in the builder's thread) and what workers print; never fatal. */
  onMessage?: (message: string) => void;
  /** Workers with nothing to do stop after this long (default 2 s). */
  idleMs?: number;
}

type Reply = Exclude<ExtractionReply, { kind: 'failed' } | { kind: 'log' }>;

interface Job {
  message: ExtractionRequest;
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker?: Worker;
  job?: Job;
}

/** The cores this process may use (Node 18.14+ knows its CPU affinity; older ones count CPUs). */
export function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : Math.max(1, os.cpus().length);
}

/** A pool of extraction worker threads; see the module comment. */
export class ExtractionPool implements OffThreadExtractor {
  readonly parallelism: number;
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private answered = 0;
  private deaths = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly say: (message: string) => void;

  constructor(private readonly options: ExtractionPoolOptions = {}) {
    this.parallelism = Math.max(1, Math.floor(options.workers ?? availableCores()));
    this.slots = Array.from({ length: this.parallelism }, () => ({}));
    this.say = options.onMessage ?? (() => undefined);
  }

  /** Requests a worker answered with extracted records (for tests and the bench). */
  get requestsDone(): number {
    return this.answered;
  }

  /** Workers started and not stopped (for tests and the bench). */
  get liveWorkers(): number {
    return this.slots.filter((s) => s.worker).length;
  }

  async extractFile(request: FileExtractionRequest): Promise<ExtractedFile> {
    const reply = await this.run({ id: this.nextId++, kind: 'file', request });
    if (reply.kind !== 'file') throw new Error('extraction worker: unexpected reply');
    return { records: reply.records && decodeRecordChunk(reply.records, request.path), warnings: reply.warnings };
  }

  async extractJsonLines(request: JsonLinesBatchRequest): Promise<ExtractedJsonLines> {
    const reply = await this.run({ id: this.nextId++, kind: 'lines', request });
    if (reply.kind !== 'lines') throw new Error('extraction worker: unexpected reply');
    return { records: decodeRecordChunk(reply.records, request.path), entries: reply.entries, invalid: reply.invalid };
  }

  /** Stops every worker now; requests waiting or running are rejected (their builder extracts them itself). */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    for (const job of this.queue.splice(0)) job.reject(new Error('extraction pool closed'));
    await Promise.all(
      this.slots.map(async (slot) => {
        const { worker, job } = slot;
        slot.worker = undefined;
        slot.job = undefined;
        job?.reject(new Error('extraction pool closed'));
        if (worker) await worker.terminate();
      }),
    );
  }

  /** Stops the workers now if none is at work (the builder has read everything); the next request starts them again. */
  release(): Promise<void> {
    clearTimeout(this.idleTimer);
    return this.stopIdle();
  }

  private run(message: ExtractionRequest): Promise<Reply> {
    if (this.deaths >= MAX_WORKER_DEATHS) return Promise.reject(new Error('extraction workers keep failing'));
    clearTimeout(this.idleTimer);
    return new Promise<Reply>((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      this.dispatch();
    });
  }

  /** Gives waiting requests to free workers (starting them as needed). */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (slot.job) continue;
      if (this.deaths >= MAX_WORKER_DEATHS) {
        for (const job of this.queue.splice(0)) job.reject(new Error('extraction workers keep failing'));
        return;
      }
      let worker: Worker;
      try {
        worker = slot.worker ?? this.start(slot);
      } catch (e) {
        // No thread can be started here (no script, no threads): everything is the builder's.
        this.deaths = MAX_WORKER_DEATHS;
        this.say(`extraction workers cannot start (${e instanceof Error ? e.message : String(e)}); extracting in the main thread`);
        continue;
      }
      const job = this.queue.shift()!;
      slot.job = job;
      worker.ref(); // a worker at work keeps the process alive until it answers
      // Copied, not transferred: the builder keeps the bytes to extract them itself should this worker die.
      worker.postMessage(job.message);
    }
    clearTimeout(this.idleTimer);
    if (this.slots.every((s) => !s.job)) this.idleTimer = setTimeout(() => void this.stopIdle(), this.options.idleMs ?? 2_000).unref();
  }

  private start(slot: Slot): Worker {
    // Its stdout and stderr are not the process's (the server speaks its protocol there); the worker sends
    // what anything prints as `log` messages. (Reading the streams here would hold the process open.)
    const worker = new Worker(this.options.script ?? DEFAULT_EXTRACTION_WORKER_SCRIPT, { stdout: true, stderr: true });
    slot.worker = worker;
    worker.on('message', (reply: ExtractionReply) => {
      if (reply.kind === 'log') {
        this.say(`extraction worker: ${reply.message}`);
        return;
      }
      const job = slot.job;
      if (slot.worker !== worker || !job || job.message.id !== reply.id) return;
      slot.job = undefined;
      worker.unref();
      if (reply.kind === 'failed') {
        this.say(`extraction worker could not extract ${job.message.request.path} (${reply.message}); extracting it in the main thread`);
        job.reject(new Error(reply.message));
      } else {
        this.answered++;
        job.resolve(reply);
      }
      this.dispatch();
    });
    const died = (reason: string) => {
      if (slot.worker !== worker) return; // stopped on purpose, or already reported
      slot.worker = undefined;
      this.deaths++;
      const job = slot.job;
      slot.job = undefined;
      this.say(`extraction worker stopped (${reason})${job ? `; extracting ${job.message.request.path} in the main thread` : ''}`);
      job?.reject(new Error(`extraction worker stopped (${reason})`));
      this.dispatch();
    };
    worker.on('error', (e: Error) => died(e.message));
    worker.on('exit', (code) => died(`exit code ${code}`));
    return worker;
  }

  private async stopIdle(): Promise<void> {
    if (this.slots.some((s) => s.job) || this.queue.length > 0) return;
    await Promise.all(
      this.slots.map(async (slot) => {
        const worker = slot.worker;
        slot.worker = undefined;
        if (worker) await worker.terminate();
      }),
    );
  }
}
