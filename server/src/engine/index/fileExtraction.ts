/**
 * Extraction of one corpus file, or of one batch of a JSON Lines file's
 * lines, as a pure function of its bytes: what the builder runs in its own
 * thread and what a host's worker threads run for it (see
 * {@link OffThreadExtractor}). Both sides run this same code, so a file
 * extracted on another thread gives exactly the records and warnings it
 * would give here.
 */
import type { CorpusWarning, ParsedArticle, ParsedCorpusFile } from '../types';
import { parseCorpusFile } from '../corpus/parseCorpusFile';
import { type IdClaim, JsonLinesReader } from '../corpus/streamJsonLines';
import { type ArticleRecord, extractArticleSteps } from './articleRecord';

/** A file's extraction: its records (absent when the file was skipped: unreadable) and the warnings reading it gave. */
export interface ExtractedFile {
  records?: ArticleRecord[];
  warnings: CorpusWarning[];
}

/**
 * One item of a JSON Lines batch, in line order: a warning, the id a record
 * claimed (given out for good only in file order, see {@link JsonLinesIds}),
 * the index of an extracted record in the batch's `records`, or a record
 * whose extraction failed (named by its id once that is final).
 */
export type BatchEntry = { warning: CorpusWarning } | IdClaim | { record: number } | { failed: string; error: string };

/** A batch of a JSON Lines file's lines extracted apart from the rest of the file. */
export interface ExtractedJsonLines {
  entries: BatchEntry[];
  /** The extracted records, with the ids they claimed (see {@link JsonLinesIds}). */
  records: ArticleRecord[];
  /** Invalid UTF-8 sequences replaced in the batch (the file's warning counts them all). */
  invalid: number;
}

/** What a host needs to extract a batch of JSON Lines elsewhere. */
export interface JsonLinesBatchRequest {
  path: string;
  /** Whole lines of the file, each without its `\n`, joined by `\n` (none over the record limit). */
  lines: Uint8Array;
  /** 0-based line number of the first line in the file. */
  firstLine: number;
  maxRecordBytes: number;
}

/** What a host needs to extract a whole file elsewhere. */
export interface FileExtractionRequest {
  path: string;
  bytes: Uint8Array;
  maxFileBytes: number;
}

/**
 * Extracts files and JSON Lines batches on other threads (a host's worker
 * pool; the engine keeps no threads). Each answer must be what
 * {@link extractFileRecords} / {@link extractJsonLinesBatch} give for the same
 * request; a rejected promise makes the builder extract the work itself.
 */
export interface OffThreadExtractor {
  /** How many requests it works on at once: the builder keeps about twice as many in flight. */
  readonly parallelism: number;
  extractFile(request: FileExtractionRequest): Promise<ExtractedFile>;
  extractJsonLines(request: JsonLinesBatchRequest): Promise<ExtractedJsonLines>;
  /**
   * The builder has read everything it was given: threads may stop now (a
   * later request starts them again). Called before the index is assembled,
   * the one moment of a build that needs the most memory, so the threads'
   * heaps are not held through it (Reuters ×5: −100 MB of peak RSS).
   */
  release?(): Promise<void>;
}

/**
 * Parses and extracts one file as a generator that yields between articles
 * and between the sections of a huge article (`extractArticleSteps`), so the
 * caller chooses whether to pause there. Never throws: an unreadable file
 * comes back without records, a failing article as a warning.
 */
export function* extractFileSteps(path: string, bytes: Uint8Array, maxFileBytes: number): Generator<void, ExtractedFile, void> {
  let parsed: ParsedCorpusFile;
  try {
    parsed = parseCorpusFile(path, bytes, { maxFileBytes });
  } catch (e) {
    return { warnings: [{ path, message: `could not read file: ${errorText(e)}` }] };
  }
  const records: ArticleRecord[] = [];
  const warnings = [...parsed.warnings];
  for (const [i, article] of parsed.articles.entries()) {
    if (i > 0) yield; // between articles only: the build loop pauses between files itself
    try {
      // A huge article is extracted section by section, yielding between sections.
      records.push(yield* extractArticleSteps(article));
    } catch (e) {
      warnings.push({ path, message: `could not read article ${article.id}: ${errorText(e)}` });
    }
  }
  return { records, warnings };
}

/** {@link extractFileSteps} run to the end (a worker thread, which has no event loop to keep free). */
export function extractFileRecords(request: FileExtractionRequest): ExtractedFile {
  return runSteps(extractFileSteps(request.path, request.bytes, request.maxFileBytes));
}

/**
 * Extracts a batch of a JSON Lines file's lines that follow content (never
 * the file's first line: byte order mark and binary-file checks are the
 * reader's in the builder's thread). Records are parsed with ids claimed as
 * if no id had been given out; {@link JsonLinesIds} gives the final ones.
 */
export function extractJsonLinesBatch(request: JsonLinesBatchRequest): ExtractedJsonLines {
  return runSteps(extractJsonLinesBatchSteps(request));
}

/** {@link extractJsonLinesBatch} yielding between records and sections (for the builder's own thread). */
export function* extractJsonLinesBatchSteps(request: JsonLinesBatchRequest): Generator<void, ExtractedJsonLines, void> {
  const reader = new JsonLinesReader(request.path, { maxRecordBytes: request.maxRecordBytes, firstLine: request.firstLine, continuation: true, isolateIds: true });
  const out: ExtractedJsonLines = { entries: [], records: [], invalid: 0 };
  const bytes = request.lines;
  for (let from = 0; from <= bytes.length; ) {
    let nl = bytes.indexOf(10, from);
    if (nl < 0) nl = bytes.length;
    yield* readLine(reader, bytes.subarray(from, nl), out);
    from = nl + 1;
  }
  out.invalid = reader.invalid;
  return out;
}

/**
 * Reads one line (bytes, or the length of a line over the record limit) with
 * `reader`, extracting its records into `out`. The reader must isolate ids.
 * Returns the reader's end when reading must stop (UTF-16, binary file).
 */
export function* readLine(reader: JsonLinesReader, piece: Uint8Array | number, out: ExtractedJsonLines): Generator<void, { whole: boolean } | undefined, void> {
  const read = reader.read(piece);
  for (const item of read.items) {
    if ('article' in item) {
      const article: ParsedArticle = item.article;
      try {
        out.entries.push({ record: out.records.length });
        out.records.push(yield* extractArticleSteps(article));
      } catch (e) {
        out.entries[out.entries.length - 1] = { failed: article.id, error: errorText(e) };
      }
      yield;
    } else {
      out.entries.push(item);
    }
  }
  return read.end;
}

/**
 * The ids of one JSON Lines file given out in file order, as the reader of
 * the whole file gives them: a record claiming an id already given out gets
 * `id@line`. Batches read apart claim their ids in isolation; feeding their
 * entries here in file order gives every record its final id and turns the
 * entries into the file's warnings, in order.
 */
export class JsonLinesIds {
  private readonly used = new Set<string>();
  private claimed: { base: string; final: string } | undefined;

  constructor(private readonly path: string) {}

  /** Takes one batch's entries (in order), renaming its records in place; appends records and warnings. */
  take(batch: ExtractedJsonLines, records: ArticleRecord[], warnings: CorpusWarning[]): void {
    for (const entry of batch.entries) {
      if ('claim' in entry) {
        const { id, line } = entry.claim;
        const final = this.used.has(id) ? `${id}@${line}` : id;
        this.used.add(final);
        this.claimed = { base: id, final };
      } else if ('record' in entry) {
        const record = batch.records[entry.record];
        if (this.claimed && record.id === this.claimed.base) record.id = this.claimed.final;
        records.push(record);
      } else if ('failed' in entry) {
        const id = this.claimed && entry.failed === this.claimed.base ? this.claimed.final : entry.failed;
        warnings.push({ path: this.path, message: `could not read article ${id}: ${entry.error}` });
      } else {
        warnings.push(entry.warning);
      }
    }
  }
}

function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
