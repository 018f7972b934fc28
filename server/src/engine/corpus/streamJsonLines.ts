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
  const reader = new JsonLinesReader(path, options);
  for await (const piece of splitLines(chunks, reader.maxRecordBytes)) {
    const read = reader.read(piece);
    for (const item of read.items) yield item as JsonLinesItem;
    if (read.end) return read.end;
  }
  for (const item of reader.finish()) yield item;
  return { whole: false };
}

/** Options for {@link JsonLinesReader}: a stream's, and where a reader of part of a file starts. */
export interface JsonLinesReaderOptions extends JsonLinesStreamOptions {
  /** 0-based number of the first line this reader is given (a batch from the middle of a file); default 0. */
  firstLine?: number;
  /**
   * The lines given follow content read elsewhere (a later batch of the file):
   * no byte order mark is looked for, and a NUL byte marks a damaged record,
   * never a binary file.
   */
  continuation?: boolean;
  /**
   * Parse every record as if no id had been given out yet, and report each id
   * a record claims as an {@link IdClaim} before the record's items: the
   * caller, reading batches of one file apart, gives out the final ids in
   * file order (see `resolveJsonLinesIds`).
   */
  isolateIds?: boolean;
}

/** The id a record of a JSON Lines file claimed (`isolateIds`), and its 1-based line: a later duplicate becomes `id@line`. */
export interface IdClaim {
  claim: { id: string; line: number };
}

/**
 * The state of reading one JSON Lines file line by line: what
 * {@link streamJsonLines} keeps between lines, and what a batch read on
 * another thread starts from (line number, content seen).
 */
export class JsonLinesReader {
  readonly maxRecordBytes: number;
  /** 0-based number of the next line. */
  lineIndex: number;
  /** Whether a line with content was read (a later NUL byte is a damaged record, not a binary file). */
  content: boolean;
  /** Invalid UTF-8 sequences replaced so far. */
  invalid = 0;
  private first: boolean;
  private readonly usedIds = new Set<string>();
  private readonly isolateIds: boolean;
  private readonly strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly lossy = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(
    readonly path: string,
    options: JsonLinesReaderOptions = {},
  ) {
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.lineIndex = options.firstLine ?? 0;
    this.first = !options.continuation;
    this.content = options.continuation ?? false;
    this.isolateIds = options.isolateIds ?? false;
  }

  /**
   * How many line numbers a line (its bytes without the `\n`) takes: a lone
   * carriage return inside it ends a line too. What {@link read} advances by.
   */
  static linesIn(bytes: Uint8Array): number {
    if (bytes.indexOf(0) >= 0) return 1;
    let n = 1;
    for (let i = bytes.indexOf(13); i >= 0; i = bytes.indexOf(13, i + 1)) if (i < bytes.length - 1) n++;
    return n;
  }

  /**
   * The items of one line: its bytes without the `\n` (see {@link splitLines}),
   * or the length of a line over the record limit. `end` is set when reading
   * must stop: the file is UTF-16 (read it whole) or binary.
   */
  read(piece: Uint8Array | number): { items: Array<JsonLinesItem | IdClaim>; end?: JsonLinesEnd } {
    const items: Array<JsonLinesItem | IdClaim> = [];
    const path = this.path;
    if (typeof piece === 'number') {
      this.content = true;
      items.push({ warning: { path, message: `line ${this.lineIndex + 1}: record is ${formatBytes(piece)}, over the ${formatBytes(this.maxRecordBytes)} per-record limit, skipped` } });
      this.lineIndex++;
      return { items };
    }
    let bytes = piece;
    if (this.first) {
      this.first = false;
      if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return { items, end: { whole: true } };
      if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    if (bytes.indexOf(0) >= 0) {
      // A NUL byte is never text: a file that opens with one is binary, a later line is a damaged record.
      if (!this.content) {
        items.push({ warning: { path, message: 'binary file (contains NUL bytes), skipped' } });
        return { items, end: { whole: false } };
      }
      items.push({ warning: { path, message: `line ${this.lineIndex + 1}: binary data (NUL bytes), skipped` } });
      this.lineIndex++;
      return { items };
    }
    let text: string;
    try {
      text = this.strict.decode(bytes);
    } catch {
      text = this.lossy.decode(bytes);
      for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) this.invalid++;
    }
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    // A lone carriage return ends a line too (as in LSP and computeLineStarts).
    for (const line of text.indexOf('\r') < 0 ? [text] : text.split('\r')) {
      const ids = this.isolateIds ? new Set<string>() : this.usedIds;
      const parsed = parseJsonLine(path, line, this.lineIndex, ids);
      if (this.isolateIds) for (const id of ids) items.push({ claim: { id, line: this.lineIndex + 1 } });
      if (line.trim().length > 0) this.content = true;
      for (const warning of parsed.warnings) items.push({ warning });
      for (const article of parsed.articles) items.push({ article });
      this.lineIndex++;
    }
    return { items };
  }

  /** The warnings about the whole file, once every line is read: empty, invalid UTF-8 replaced. */
  finish(): JsonLinesItem[] {
    const items: JsonLinesItem[] = [];
    if (!this.content) items.push({ warning: { path: this.path, message: 'empty file' } });
    if (this.invalid > 0) items.push({ warning: { path: this.path, message: `${this.invalid} invalid UTF-8 byte sequence(s) replaced with U+FFFD` } });
    return items;
  }
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
