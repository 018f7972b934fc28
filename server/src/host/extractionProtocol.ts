/**
 * Messages between an {@link ExtractionPool} (`extractionPool.ts`) and its
 * worker threads (`extractionWorker.ts`). Records cross as one binary chunk
 * (`encodeRecordChunk`), transferred, not copied: cloning tens of thousands
 * of record objects costs the receiving thread more than decoding the chunk.
 */
import type { BatchEntry, CorpusWarning, FileExtractionRequest, JsonLinesBatchRequest } from '../engine/api';

/** A request to a worker: a whole file, or a batch of a JSON Lines file's lines. */
export type ExtractionRequest = { id: number; kind: 'file'; request: FileExtractionRequest } | { id: number; kind: 'lines'; request: JsonLinesBatchRequest };

/** A worker's answer: the request's extraction, records encoded; or why it failed. */
export type ExtractionReply =
  | { id: number; kind: 'file'; records?: Uint8Array; warnings: CorpusWarning[] }
  | { id: number; kind: 'lines'; records: Uint8Array; entries: BatchEntry[]; invalid: number }
  | { id: number; kind: 'failed'; message: string }
  /** What something in the worker printed (its stdout and stderr are not the process's). */
  | { kind: 'log'; message: string };
