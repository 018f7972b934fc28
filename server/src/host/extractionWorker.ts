/**
 * Entry of an extraction worker thread (`dist/extractionWorker.js`; in
 * compiled tests `out/server/src/host/extractionWorker.js`), started by an
 * {@link ExtractionPool}: extracts the files and JSON Lines batches it is
 * sent with the engine's own per-file functions and sends the records back
 * encoded. Holds nothing between requests.
 *
 * Nothing here writes to stdout: the language server speaks its protocol on
 * the process's stdout (the pool reads this thread's output as log lines).
 */
import { parentPort } from 'node:worker_threads';
import { encodeRecordChunk, extractFileRecords, extractJsonLinesBatch } from '../engine/api';
import type { ExtractionReply, ExtractionRequest } from './extractionProtocol';

/** Answers one request (never throws: a failure is a `failed` reply, and the pool extracts the work itself). */
export function answer(message: ExtractionRequest): { reply: ExtractionReply; transfer: ArrayBuffer[] } {
  try {
    if (message.kind === 'file') {
      const file = extractFileRecords(message.request);
      const records = file.records && ownBuffer(encodeRecordChunk(file.records));
      return { reply: { id: message.id, kind: 'file', records, warnings: file.warnings }, transfer: records ? [records.buffer as ArrayBuffer] : [] };
    }
    const batch = extractJsonLinesBatch(message.request);
    const records = ownBuffer(encodeRecordChunk(batch.records));
    return { reply: { id: message.id, kind: 'lines', records, entries: batch.entries, invalid: batch.invalid }, transfer: [records.buffer as ArrayBuffer] };
  } catch (e) {
    return { reply: { id: message.id, kind: 'failed', message: e instanceof Error ? e.message : String(e) }, transfer: [] };
  }
}

/** The bytes in a buffer of their own, which can be transferred whole. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

// Started as a worker: serve the pool that started it. Imported otherwise (a type check, a test): do nothing.
if (parentPort) {
  const port = parentPort;
  // Whatever a dependency prints goes to the pool as a log line, never to the process's stdout.
  const toLog = (...args: unknown[]) => port.postMessage({ kind: 'log', message: args.map(String).join(' ') } satisfies ExtractionReply);
  console.log = console.info = console.debug = console.warn = console.error = toLog;
  const write = (chunk: unknown): boolean => {
    toLog(String(chunk).trimEnd());
    return true;
  };
  process.stdout.write = write as typeof process.stdout.write;
  process.stderr.write = write as typeof process.stderr.write;
  port.on('message', (message: ExtractionRequest) => {
    const { reply, transfer } = answer(message);
    port.postMessage(reply, transfer);
  });
}
