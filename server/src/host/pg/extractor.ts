/**
 * Extraction for ingestion, off the writing thread: files go to a worker
 * thread (`pgExtractWorker.js` beside this module, in `dist/` and in compiled
 * tests alike) and come back as rows, so parsing the next files overlaps with
 * writing the last ones. Without the worker script (or with `inThread`), the
 * same code runs in this thread.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { runningBuildId } from '../buildId';
import { extractFile, type ExtractedFile, type ExtractRequest } from './extraction';

/** The worker script beside this module. */
export const EXTRACT_WORKER_SCRIPT = path.join(__dirname, 'pgExtractWorker.js');

/**
 * Which extraction writes the rows: the id of the extraction worker's build
 * (in `dist/` a bundle of the engine's parsers and extractors, so it changes
 * when they do, not when the editor's code does). Stored per file, so an
 * ingest by another factcheck re-extracts what it would read differently.
 */
export function extractionBuildId(script: string = EXTRACT_WORKER_SCRIPT): string {
  return runningBuildId(script);
}

/** Extracts files, in order of the calls. */
export interface Extractor {
  extract(req: ExtractRequest): Promise<ExtractedFile>;
  close(): Promise<void>;
}

/** An extractor on a worker thread when the script is there (and `inThread` is not asked), else in this thread. */
export function createExtractor(options: { inThread?: boolean; script?: string } = {}): Extractor {
  const script = options.script ?? EXTRACT_WORKER_SCRIPT;
  if (options.inThread || !existsSync(script)) {
    return { extract: async (req) => extractFile(req), close: async () => undefined };
  }
  const worker = new Worker(script);
  worker.unref();
  const pending = new Map<number, { resolve: (f: ExtractedFile) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failed: Error | undefined;
  const failAll = (e: Error): void => {
    failed = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on('message', (msg: { id: number; file?: ExtractedFile; error?: string }) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error !== undefined) p.reject(new Error(`extraction failed: ${msg.error}`));
    else p.resolve(msg.file!);
  });
  worker.on('error', (e) => failAll(e instanceof Error ? e : new Error(String(e))));
  worker.on('exit', (code) => {
    if (pending.size > 0) failAll(new Error(`the extraction worker stopped (exit code ${code})`));
  });
  return {
    extract(req: ExtractRequest): Promise<ExtractedFile> {
      if (failed) return Promise.reject(failed);
      const id = nextId++;
      return new Promise<ExtractedFile>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // The bytes are copied, not transferred: the caller's buffer may be a view of a shared pool.
        worker.postMessage({ id, req });
      });
    },
    async close(): Promise<void> {
      await worker.terminate();
    },
  };
}
