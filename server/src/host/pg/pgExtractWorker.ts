/**
 * Entry of the ingestion's extraction worker thread (`dist/pgExtractWorker.js`;
 * in compiled tests `out/server/src/host/pg/pgExtractWorker.js`): extracts the
 * files the main thread sends while the main thread writes earlier ones to
 * PostgreSQL. Messages: `{ id, req: ExtractRequest }` in, `{ id, file }` or
 * `{ id, error }` out.
 */
import { parentPort } from 'node:worker_threads';
import { extractFile, type ExtractRequest } from './extraction';

parentPort?.on('message', (msg: { id: number; req: ExtractRequest }) => {
  try {
    parentPort!.postMessage({ id: msg.id, file: extractFile(msg.req) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
