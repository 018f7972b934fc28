/**
 * JSON Lines read as a stream: a newsroom's export is often one file of a
 * million records, far more than a whole-file read can hold. The bytes come
 * in chunks; each line is decoded and parsed alone, so what is held at once
 * is one chunk and one record, and the limit that matters is per record (one
 * runaway line is skipped, the rest of the file is read).
 *
 * Every record gives exactly what {@link parseJsonLines} gives for the same
 * line of the whole file (same ids, same positions, same warnings): a test
 * holds the two to that.
 */

import type { CorpusWarning, ParsedArticle } from '../types';
import { parseJsonLine } from './parseJson';

/** Default for {@link JsonLinesStreamOptions.maxRecordBytes}: 40 MiB, what one whole file could hold before. */
export const DEFAULT_MAX_RECORD_BYTES = 40 * 1024 * 1024;

/** Options for {@link streamJsonLines}. */
export interface JsonLinesStreamOptions {
  /** A line longer than this many bytes is skipped with a warning (default 40 MiB). */
  maxRecordBytes?: number;
}

/** What a streamed JSON Lines file gives, record by record. */
export type JsonLinesItem = { article: ParsedArticle } | { warning: CorpusWarning };

/** How a stream ended: `whole` when the file must be read in one piece instead (UTF-16: lines are not bytes apart). */
export interface JsonLinesEnd {
  whole: boolean;
}

/**
 * The articles and warnings of a JSON Lines file whose bytes come in `chunks`,
 * record by record. Blank lines are ignored, a malformed line or one over the
 * record limit is a warning, a UTF-8 byte order mark is dropped. A file in
 * UTF-16 (it starts with its byte order mark) is not streamed: the generator
 * returns `{ whole: true }` before yielding anything, and the caller reads
 * the file whole.
 */
export async function* streamJsonLines(path: string, chunks: AsyncIterable<Uint8Array>, options: JsonLinesStreamOptions = {}): AsyncGenerator<JsonLinesItem, JsonLinesEnd, void> {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const usedIds = new Set<string>();
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const lossy = new TextDecoder('utf-8', { ignoreBOM: true });
  let lineIndex = 0;
  let first = true;
  let content = false;
  let invalid = 0;
  for await (const piece of splitLines(chunks, maxRecordBytes)) {
    if (typeof piece === 'number') {
      content = true;
      yield { warning: { path, message: `line ${lineIndex + 1}: record is ${formatBytes(piece)}, over the ${formatBytes(maxRecordBytes)} per-record limit, skipped` } };
      lineIndex++;
      continue;
    }
    let bytes = piece;
    if (first) {
      first = false;
      if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return { whole: true };
      if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    if (bytes.indexOf(0) >= 0) {
      // A NUL byte is never text: a file that opens with one is binary, a later line is a damaged record.
      if (!content) {
        yield { warning: { path, message: 'binary file (contains NUL bytes), skipped' } };
        return { whole: false };
      }
      yield { warning: { path, message: `line ${lineIndex + 1}: binary data (NUL bytes), skipped` } };
      lineIndex++;
      continue;
    }
    let text: string;
    try {
      text = strict.decode(bytes);
    } catch {
      text = lossy.decode(bytes);
      for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) invalid++;
    }
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    // A lone carriage return ends a line too (as in LSP and computeLineStarts).
    for (const line of text.indexOf('\r') < 0 ? [text] : text.split('\r')) {
      const parsed = parseJsonLine(path, line, lineIndex, usedIds);
      if (line.trim().length > 0) content = true;
      for (const warning of parsed.warnings) yield { warning };
      for (const article of parsed.articles) yield { article };
      lineIndex++;
    }
  }
  if (!content) yield { warning: { path, message: 'empty file' } };
  if (invalid > 0) yield { warning: { path, message: `${invalid} invalid UTF-8 byte sequence(s) replaced with U+FFFD` } };
  return { whole: false };
}

/**
 * The lines of a byte stream (split at `\n`, which never occurs inside a
 * UTF-8 sequence), each as its bytes without the `\n`, or, for a line over
 * `maxBytes`, its length: such a line is counted, never held.
 */
export async function* splitLines(chunks: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array | number, void, void> {
  let parts: Uint8Array[] = [];
  let length = 0;
  let over = false;
  for await (const chunk of chunks) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(10, from);
      const end = nl < 0 ? chunk.length : nl;
      if (!over && length + (end - from) > maxBytes) {
        over = true;
        parts = [];
      }
      if (!over && end > from) parts.push(chunk.subarray(from, end));
      length += end - from;
      if (nl < 0) break;
      yield over ? length : joined(parts, length);
      parts = [];
      length = 0;
      over = false;
      from = nl + 1;
    }
  }
  if (length > 0 || over) yield over ? length : joined(parts, length);
}

function joined(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;
}
