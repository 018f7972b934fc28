import type { CorpusFileInfo, CorpusSource, CorpusWarning } from '../types';
import { corpusExtension, DEFAULT_MAX_FILE_BYTES } from '../corpus/parseCorpusFile';
import { DEFAULT_MAX_RECORD_BYTES, JsonLinesReader, splitLines, streamJsonLines } from '../corpus/streamJsonLines';
import { type ArticleRecord, extractArticleSteps } from './articleRecord';
import { type ExtractedFile, type ExtractedJsonLines, extractFileSteps, extractJsonLinesBatchSteps, JsonLinesIds, type OffThreadExtractor, readLine } from './fileExtraction';
import { CorpusIndex } from './corpusIndex';
import { postingsFit, withPostings, type Postings, type TokenStream } from './tokenIndex';

/** Options for {@link CorpusIndexBuilder}. */
export interface CorpusIndexBuilderOptions {
  /** Corpus files read whole (all but streamed JSON Lines) larger than this are skipped with a warning (default 40 MB). */
  maxFileBytes?: number;
  /** Records of a streamed JSON Lines file larger than this are skipped with a warning (default 40 MB). */
  maxRecordBytes?: number;
  /**
   * Extracts files and JSON Lines batches on other threads (a host's worker
   * pool), so a cold build uses every core. The records are the same as
   * without it; work it fails is done here. Used only once a read has more
   * than {@link OFF_THREAD_AFTER_BYTES} to extract (a small update stays here).
   */
  extractor?: OffThreadExtractor;
  /** Bytes a read meets before it sends work to the extractor (default {@link OFF_THREAD_AFTER_BYTES}; tests use less). */
  offThreadAfterBytes?: number;
  /** Bytes of lines per JSON Lines batch sent to the extractor (default {@link JSON_LINES_BATCH_BYTES}). */
  batchBytes?: number;
}

/**
 * A read sends work to the builder's {@link CorpusIndexBuilderOptions.extractor}
 * once it has met this many bytes to extract: below it, starting threads costs
 * more than it saves (a saved file, a two-article corpus).
 */
export const OFF_THREAD_AFTER_BYTES = 256 * 1024;
/** A JSON Lines batch sent off-thread holds about this many bytes of lines (a few hundred news records). */
export const JSON_LINES_BATCH_BYTES = 256 * 1024;
/** Whole files in flight off-thread hold at most about this many bytes (at least one file is always sent). */
const MAX_BYTES_IN_FLIGHT = 64 * 1024 * 1024;

/** What identifies a file's content well enough to reuse its extraction: its size and a content hash (hex). */
export interface FileFingerprint {
  size: number;
  hash: string;
}

/** A file held by the builder, as a cache stores it: path, fingerprint and the warnings extracting it gave. */
export interface HeldFileEntry extends FileFingerprint {
  path: string;
  warnings: CorpusWarning[];
}

/** What the builder knows of one corpus file it was given. */
interface FileState {
  /** The extracted articles; absent for a file that was skipped (too large, unreadable). */
  records?: ArticleRecord[];
  /** The warnings reading it gave (replayed when its extraction is reused). */
  warnings: CorpusWarning[];
  /** Set when the reader knew the content hash: lets a later build reuse the records. */
  fingerprint?: FileFingerprint;
}

/**
 * Holds the extracted articles of each corpus file, so that a changed file is
 * re-extracted alone, and derives a {@link CorpusIndex} from them on demand.
 * Also remembers the warnings of every file it was given, skipped files
 * included, so the corpus's warnings always describe the files as they are now.
 */
export class CorpusIndexBuilder {
  private readonly files = new Map<string, FileState>();
  readonly maxFileBytes: number;
  readonly maxRecordBytes: number;
  readonly extractor: OffThreadExtractor | undefined;
  readonly offThreadAfterBytes: number;
  readonly batchBytes: number;

  constructor(options: CorpusIndexBuilderOptions = {}) {
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.extractor = options.extractor;
    this.offThreadAfterBytes = options.offThreadAfterBytes ?? OFF_THREAD_AFTER_BYTES;
    this.batchBytes = options.batchBytes ?? JSON_LINES_BATCH_BYTES;
  }

  /**
   * Parses and extracts one file, replacing an earlier version of it, in one
   * synchronous call (scripts and tests; a host that must stay responsive
   * uses {@link extractFile}). Never throws: problems come back as warnings
   * and the file is skipped.
   */
  setFile(path: string, bytes: Uint8Array, fingerprint?: FileFingerprint): CorpusWarning[] {
    const steps = this.extractionSteps(path, bytes, fingerprint);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * Like {@link setFile}, awaiting `pause` between articles: a JSONL file of
   * 100 MB is minutes of extraction, which must not hold a server's event
   * loop in one piece. The host's pause decides when to really yield.
   */
  async extractFile(path: string, bytes: Uint8Array, pause: () => Promise<void>, fingerprint?: FileFingerprint): Promise<CorpusWarning[]> {
    const steps = this.extractionSteps(path, bytes, fingerprint);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await pause();
    }
  }

  /**
   * The work of {@link setFile} as a generator that yields between articles
   * and between the sections of a huge article (`extractArticleSteps`), so
   * the caller chooses whether to pause there. The file is put in place
   * only once every article is extracted: a reader never sees half a file.
   */
  private *extractionSteps(path: string, bytes: Uint8Array, fingerprint?: FileFingerprint): Generator<void, CorpusWarning[], void> {
    return this.setExtracted(path, yield* extractFileSteps(path, bytes, this.maxFileBytes), fingerprint);
  }

  /**
   * Puts a file's extraction in place (records), or marks it skipped (none),
   * as extracted by {@link extractFileSteps} here or on another thread;
   * returns its warnings.
   */
  setExtracted(path: string, extracted: ExtractedFile, fingerprint?: FileFingerprint): CorpusWarning[] {
    if (!extracted.records) return this.skipFile(path, extracted.warnings);
    this.files.set(path, { records: extracted.records, warnings: extracted.warnings, fingerprint });
    return extracted.warnings;
  }

  /**
   * Extracts a whole file on the extractor's threads, or here when it fails
   * (a worker crashed, ran out of memory): the same records either way. Does
   * not put the file in place (the caller does, in listing order).
   */
  async extractOffThread(path: string, bytes: Uint8Array, pause: (() => Promise<void>) | undefined): Promise<ExtractedFile> {
    try {
      if (this.extractor) return await this.extractor.extractFile({ path, bytes, maxFileBytes: this.maxFileBytes });
    } catch {
      // The extractor reports its own failures; the file is extracted here instead.
    }
    const steps = extractFileSteps(path, bytes, this.maxFileBytes);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await pause?.();
    }
  }

  /**
   * Extracts a JSON Lines file whose bytes come in `chunks`, record by record
   * (see `streamJsonLines`): the file is never held whole, only its records'
   * extraction. Awaits `pause` between records and sections. The fingerprint
   * is asked for once the stream has ended (it is computed on the way).
   * Returns undefined, holding nothing, when the file must be read whole
   * instead (UTF-16). A read error is thrown to the caller.
   */
  async extractJsonLinesStream(
    path: string,
    chunks: AsyncIterable<Uint8Array>,
    pause: (() => Promise<void>) | undefined,
    fingerprint: () => FileFingerprint | undefined,
    onRecord?: (records: number) => void,
  ): Promise<CorpusWarning[] | undefined> {
    if (this.extractor) return this.extractJsonLinesInBatches(path, chunks, this.extractor, pause, fingerprint, onRecord);
    const records: ArticleRecord[] = [];
    const warnings: CorpusWarning[] = [];
    const items = streamJsonLines(path, chunks, { maxRecordBytes: this.maxRecordBytes });
    for (;;) {
      const item = await items.next();
      if (item.done) {
        if (item.value.whole) return undefined;
        break;
      }
      if ('warning' in item.value) {
        warnings.push(item.value.warning);
        continue;
      }
      const article = item.value.article;
      try {
        const steps = extractArticleSteps(article);
        for (let step = steps.next(); ; step = steps.next()) {
          if (step.done) {
            records.push(step.value);
            onRecord?.(records.length);
            break;
          }
          await pause?.();
        }
      } catch (e) {
        warnings.push({ path, message: `could not read article ${article.id}: ${errorText(e)}` });
      }
      await pause?.();
    }
    this.files.set(path, { records, warnings, fingerprint: fingerprint() });
    return warnings;
  }

  /**
   * {@link extractJsonLinesStream} with the extractor: lines are read here and
   * sent in batches of about {@link JSON_LINES_BATCH_BYTES}, about twice the
   * extractor's parallelism in flight; the batches' records and warnings are
   * taken back in file order (ids given out as one reader would, see
   * {@link JsonLinesIds}), so the file is the same as read in one thread.
   * Lines up to the first with content (byte order mark, UTF-16, binary
   * file), lines over the record limit, and everything until the read has
   * met {@link OFF_THREAD_AFTER_BYTES}, are read here. A batch the extractor
   * fails is extracted here.
   */
  private async extractJsonLinesInBatches(
    path: string,
    chunks: AsyncIterable<Uint8Array>,
    extractor: OffThreadExtractor,
    pause: (() => Promise<void>) | undefined,
    fingerprint: () => FileFingerprint | undefined,
    onRecord?: (records: number) => void,
  ): Promise<CorpusWarning[] | undefined> {
    const maxRecordBytes = this.maxRecordBytes;
    const reader = new JsonLinesReader(path, { maxRecordBytes, isolateIds: true });
    const ids = new JsonLinesIds(path);
    const records: ArticleRecord[] = [];
    const warnings: CorpusWarning[] = [];
    let invalid = 0;
    /** Batches and lines read here, in file order, not yet taken. */
    const queue: Array<Promise<ExtractedJsonLines>> = [];
    const inFlight = Math.max(1, extractor.parallelism * 2);
    const take = (batch: ExtractedJsonLines): void => {
      ids.take(batch, records, warnings);
      invalid += batch.invalid;
      onRecord?.(records.length);
    };
    const drain = async (keep: number): Promise<void> => {
      while (queue.length > keep) take(await queue.shift()!);
    };
    let lines: Uint8Array[] = [];
    let batchBytes = 0;
    let batchFirstLine = 0;
    let seen = 0;
    const send = (): void => {
      if (lines.length === 0) return;
      const request = { path, lines: joinLines(lines, batchBytes), firstLine: batchFirstLine, maxRecordBytes };
      lines = [];
      batchBytes = 0;
      queue.push(
        extractor.extractJsonLines(request).catch(async () => {
          // The extractor reports its own failures; the batch is extracted here instead, the same way.
          const steps = extractJsonLinesBatchSteps(request);
          for (;;) {
            const step = steps.next();
            if (step.done) return step.value;
            await pause?.();
          }
        }),
      );
    };
    for await (const piece of splitLines(chunks, maxRecordBytes)) {
      if (typeof piece !== 'number') seen += piece.length + 1;
      if (typeof piece !== 'number' && reader.content && seen > this.offThreadAfterBytes) {
        if (lines.length === 0) batchFirstLine = reader.lineIndex;
        lines.push(piece);
        batchBytes += piece.length + 1;
        reader.lineIndex += JsonLinesReader.linesIn(piece);
        if (batchBytes >= this.batchBytes) {
          send();
          await drain(inFlight);
        }
        continue;
      }
      send(); // what came before this line goes first
      const here: ExtractedJsonLines = { entries: [], records: [], invalid: 0 };
      const steps = readLine(reader, piece, here);
      let end: { whole: boolean } | undefined;
      for (;;) {
        const step = steps.next();
        if (step.done) {
          end = step.value;
          break;
        }
        await pause?.();
      }
      if (end?.whole) {
        // UTF-16: met on the first line, before anything was sent.
        await drain(0);
        return undefined;
      }
      queue.push(Promise.resolve(here));
      if (end) break; // a binary file: nothing more is read
    }
    send();
    await drain(0);
    reader.invalid += invalid;
    for (const item of reader.finish()) if ('warning' in item) warnings.push(item.warning);
    this.files.set(path, { records, warnings, fingerprint: fingerprint() });
    return warnings;
  }

  /** Puts already extracted articles in place for a file (as loaded from a cache), with the warnings they came with. */
  setRecords(path: string, records: ArticleRecord[], warnings: CorpusWarning[] = [], fingerprint?: FileFingerprint): void {
    this.files.set(path, { records, warnings, fingerprint });
  }

  /**
   * Keeps a file's place in the order files were first given while it is
   * extracted elsewhere (a file new to the builder is not held meanwhile).
   */
  reserve(path: string): void {
    if (!this.files.has(path)) this.files.set(path, { warnings: [] });
  }

  /** Marks a file as not indexed (too large, unreadable), keeping why; returns the warnings. */
  skipFile(path: string, warnings: CorpusWarning[]): CorpusWarning[] {
    this.files.set(path, { warnings });
    return warnings;
  }

  /** The extracted articles of one file, if it is held. */
  recordsOf(path: string): readonly ArticleRecord[] | undefined {
    return this.files.get(path)?.records;
  }

  /** A held file's fingerprint and warnings, when its content hash is known (what a cache manifest lists). */
  entryOf(path: string): HeldFileEntry | undefined {
    const f = this.files.get(path);
    return f?.records && f.fingerprint ? { path, ...f.fingerprint, warnings: f.warnings } : undefined;
  }

  /** Forgets a file (held or skipped); true if it was held. */
  removeFile(path: string): boolean {
    const held = this.hasFile(path);
    this.files.delete(path);
    return held;
  }

  /** True when the file's articles are in the index. */
  hasFile(path: string): boolean {
    return this.files.get(path)?.records !== undefined;
  }

  /** Every file the builder knows, skipped ones included, in the order first given. */
  knownPaths(): string[] {
    return [...this.files.keys()];
  }

  /** Paths of the files held, sorted. */
  paths(): string[] {
    return this.knownPaths().filter((p) => this.hasFile(p)).sort();
  }

  /** The warnings of every file as last read, in the order the files were first given. */
  warnings(): CorpusWarning[] {
    return [...this.files.values()].flatMap((f) => f.warnings);
  }

  /** Derives the searchable index from the files held now. Articles are ordered by path for stable output. */
  build(): CorpusIndex {
    const articles = this.articles();
    return new CorpusIndex(articles, this.paths().length);
  }

  /**
   * Like {@link build}, reusing a token stream saved from an index built over
   * exactly the files held now (a cache hit): skips re-tokenising the corpus.
   * A stream that does not fit the articles (count or text lengths) is
   * ignored and the tokens are rebuilt, so a wrong stream can cost time but
   * never give wrong offsets.
   */
  buildWithTokens(stream: TokenStream): CorpusIndex {
    const articles = this.articles();
    return new CorpusIndex(articles, this.paths().length, streamFits(stream, articles) ? withPostings(stream) : undefined);
  }

  /**
   * {@link buildWithTokens} when `stream` fits the articles held now, else
   * undefined (the caller builds and saves anew): the stream is checked once.
   * With `postings` saved beside the stream, those are used when they fit it
   * ({@link postingsFit}), and the whole is refused (undefined) when they do not.
   */
  buildIfTokensFit(stream: TokenStream, postings?: Postings): CorpusIndex | undefined {
    const articles = this.articles();
    if (!streamFits(stream, articles) || (postings && !postingsFit(stream, postings))) return undefined;
    return new CorpusIndex(articles, this.paths().length, withPostings(stream, undefined, postings));
  }

  /** Whether a saved token stream can stand for the articles held now (count, bounds; see {@link buildWithTokens}). */
  fitsTokens(stream: TokenStream): boolean {
    return streamFits(stream, this.articles());
  }

  /** The articles held, in index order (by path, then file order). */
  articles(): ArticleRecord[] {
    const articles: ArticleRecord[] = [];
    for (const p of this.paths()) for (const r of this.files.get(p)!.records!) articles.push(r);
    return articles;
  }
}

/** Extraction that can stand for a file's content without reading it again (from a cache or an earlier build). */
export interface ReusableFile {
  records: ArticleRecord[];
  warnings: CorpusWarning[];
}

/** A hash fed piece by piece (SHA-256 in the hosts): `digest` gives what `hash` gives for all the pieces at once. */
export interface IncrementalHash {
  update(bytes: Uint8Array): void;
  /** Hex. */
  digest(): string;
}

/** How far a corpus read has come, in articles and bytes (a 100 MB JSON Lines file is one file for minutes). */
export interface CorpusReadProgress {
  /** Articles extracted or reused so far. */
  articles: number;
  /** Bytes of the listed files read so far (of the finished files, and of the file being read). */
  bytesDone: number;
  /** Bytes of all listed files (as listed; 0 when the source gives no sizes). */
  bytesTotal: number;
}

/** The options the loop passes down: the public ones and where a record-by-record read reports its records. */
type ReadOneFileOptions = ReadCorpusOptions & { onRecord?: (records: number, bytesInFile: number) => void };

/** Options for {@link readCorpusInto}. */
export interface ReadCorpusOptions {
  /**
   * Called after each file (`done` of `total` files), and after each record
   * of a file read record by record (`done` still counts whole files; the
   * articles and bytes in `detail` move).
   */
  onProgress?: (done: number, total: number, path: string, detail?: CorpusReadProgress) => void;
  /**
   * Awaited between files, between the articles of a file and between the
   * sections of a huge article. The host decides whether to really yield to
   * its event loop (a server does every ~20 ms, so it stays responsive while
   * it indexes); the engine keeps no clock and sets no timer.
   */
  pause?: () => Promise<void>;
  /** Content hash of a file's bytes (hex). Without it no fingerprint is kept and nothing can be reused. */
  hash?: (bytes: Uint8Array) => string | Promise<string>;
  /**
   * The same hash computed over bytes given piece by piece, for files read as
   * a stream (JSON Lines): without it a streamed file has no fingerprint.
   */
  hasher?: () => IncrementalHash;
  /**
   * Offers earlier extraction of a file whose size and hash are these;
   * undefined to extract it. May answer later (a promise): a cache still
   * loading while the files are listed and hashed.
   */
  reuse?: (path: string, fingerprint: FileFingerprint) => ReusableFile | undefined | Promise<ReusableFile | undefined>;
  /**
   * Whether {@link reuse} may have something for this path: a streamed file
   * is hashed in a pass of its own before it is parsed only then (otherwise
   * its hash is computed while it is parsed). Default: always.
   */
  mayReuse?: (path: string) => boolean;
  /**
   * Which files already known to the builder the source speaks for: those it
   * no longer lists are removed. Default: every file (a full build). An
   * update over a few changed paths passes "inside one of those paths".
   */
  covers?: (path: string) => boolean;
}

/** What {@link readCorpusInto} did. */
export interface ReadCorpusReport {
  /** Warnings of the files read now (the builder keeps every file's, see {@link CorpusIndexBuilder.warnings}). */
  warnings: CorpusWarning[];
  /** Files whose extraction was reused through {@link ReadCorpusOptions.reuse}. */
  reusedFiles: number;
  /** Files parsed and extracted. */
  extractedFiles: number;
  /** Files the source listed. */
  listedFiles: number;
}

/**
 * The one loop that reads a corpus source into a builder, used for a full
 * build, a build from a cache and an incremental update alike, so that every
 * path applies the same size limit, warning wording, reuse rule and removal
 * of deleted files. Never throws for a corpus problem: unreadable, oversized
 * and malformed files come back as warnings and are left out of the index.
 */
export async function readCorpusInto(builder: CorpusIndexBuilder, source: CorpusSource, options: ReadCorpusOptions = {}): Promise<ReadCorpusReport> {
  const files = await source.listFiles();
  const listed = new Set(files.map((f) => f.path));
  const covers = options.covers ?? (() => true);
  for (const p of builder.knownPaths()) if (covers(p) && !listed.has(p)) builder.removeFile(p);
  const report: ReadCorpusReport = { warnings: [], reusedFiles: 0, extractedFiles: 0, listedFiles: files.length };
  const bytesTotal = files.reduce((n, f) => n + (f.size ?? 0), 0);
  const progress: CorpusReadProgress = { articles: 0, bytesDone: 0, bytesTotal };
  // Files read (or being extracted on the builder's extractor), in listing order: their warnings and progress
  // are taken in that order, whichever finishes first. A file read here is done when it is pushed.
  const pending: Array<{ i: number; warnings: Promise<CorpusWarning[]> | CorpusWarning[]; bytes: number }> = [];
  let bytesInFlight = 0;
  // In flight: about twice the extractor's threads; without one, each file is done before the next is read.
  const limit = builder.extractor ? Math.max(1, builder.extractor.parallelism * 2) : 0;
  const done = async (keep: number): Promise<void> => {
    while (pending.length > keep || (pending.length > 1 && bytesInFlight > MAX_BYTES_IN_FLIGHT)) {
      const { i, warnings, bytes } = pending.shift()!;
      bytesInFlight -= bytes;
      report.warnings.push(...(await warnings));
      progress.articles += builder.recordsOf(files[i].path)?.length ?? 0;
      progress.bytesDone += files[i].size ?? 0;
      options.onProgress?.(i + 1, files.length, files[i].path, { ...progress });
      await options.pause?.();
    }
  };
  const met = { bytes: 0 };
  for (let i = 0; i < files.length; i++) {
    // A streamed file reports progress record by record from where the files before it left it.
    if (isStreamed(source, files[i])) await done(0);
    const before = { ...progress };
    const onRecord = (records: number, bytesInFile: number) => {
      progress.articles = before.articles + records;
      progress.bytesDone = before.bytesDone + Math.min(bytesInFile, files[i].size ?? bytesInFile);
      options.onProgress?.(i, files.length, files[i].path, { ...progress });
    };
    const fileOptions: ReadOneFileOptions = options.onProgress ? { ...options, onRecord } : options;
    const read = await readOneFile(builder, source, files[i], fileOptions, report, met);
    if (Array.isArray(read) && isStreamed(source, files[i])) {
      // Its progress was reported on the way: what it added is counted from where it started.
      progress.articles = before.articles;
      progress.bytesDone = before.bytesDone;
    }
    pending.push({ i, warnings: Array.isArray(read) ? read : read.warnings, bytes: Array.isArray(read) ? 0 : read.bytes });
    if (!Array.isArray(read)) bytesInFlight += read.bytes;
    await done(limit);
  }
  await done(0);
  await builder.extractor?.release?.();
  return report;
}

/** Whether a listed file is read as a stream (JSON Lines from a source that can give chunks). */
function isStreamed(source: CorpusSource, info: CorpusFileInfo): boolean {
  return source.readChunks !== undefined && corpusExtension(info.path) === '.jsonl';
}

/** A file being extracted on the builder's extractor: its warnings once it is in place, and the bytes it holds meanwhile. */
interface OffThreadRead {
  warnings: Promise<CorpusWarning[]>;
  bytes: number;
}

/**
 * Reads, reuses or extracts one listed file; returns its warnings, or, when
 * its extraction was sent to the builder's extractor (once this read has met
 * {@link OFF_THREAD_AFTER_BYTES} to extract, counted in `met`), its warnings
 * to come. The file keeps its place in the builder's order either way.
 */
async function readOneFile(
  builder: CorpusIndexBuilder,
  source: CorpusSource,
  info: CorpusFileInfo,
  options: ReadOneFileOptions,
  counts: ReadCorpusReport,
  met: { bytes: number },
): Promise<CorpusWarning[] | OffThreadRead> {
  const tooLarge = (size: number): CorpusWarning[] =>
    builder.skipFile(info.path, [{ path: info.path, message: `skipped: file is ${formatBytes(size)}, over the ${formatBytes(builder.maxFileBytes)} limit` }]);
  if (isStreamed(source, info)) {
    try {
      const warnings = await readStreamedFile(builder, source, info.path, options, counts);
      if (warnings) return warnings;
    } catch (e) {
      return builder.skipFile(info.path, [{ path: info.path, message: `could not read file: ${errorText(e)}` }]);
    }
    // Not streamable (UTF-16): read whole below, within the file limit.
  }
  // A size known from the listing spares reading a huge file at all.
  if (info.size !== undefined && info.size > builder.maxFileBytes) return tooLarge(info.size);
  let bytes: Uint8Array;
  try {
    bytes = await source.readFile(info.path);
  } catch (e) {
    return builder.skipFile(info.path, [{ path: info.path, message: `could not read file: ${errorText(e)}` }]);
  }
  if (bytes.length > builder.maxFileBytes) return tooLarge(bytes.length);
  const fingerprint = options.hash ? { size: bytes.length, hash: await options.hash(bytes) } : undefined;
  const reusable = fingerprint && (await options.reuse?.(info.path, fingerprint));
  if (reusable) {
    builder.setRecords(info.path, reusable.records, reusable.warnings, fingerprint);
    counts.reusedFiles++;
    return reusable.warnings;
  }
  counts.extractedFiles++;
  met.bytes += bytes.length;
  if (builder.extractor && met.bytes > builder.offThreadAfterBytes) {
    builder.reserve(info.path);
    const extracted = builder.extractOffThread(info.path, bytes, options.pause);
    return { warnings: extracted.then((e) => builder.setExtracted(info.path, e, fingerprint)), bytes: bytes.length };
  }
  return options.pause ? builder.extractFile(info.path, bytes, options.pause, fingerprint) : builder.setFile(info.path, bytes, fingerprint);
}

/**
 * Reads a JSON Lines file as a stream: when earlier extraction may serve it,
 * a first pass hashes it (cheap beside parsing) and reuses that extraction if
 * the fingerprint matches; otherwise it is parsed and extracted record by
 * record, hashed on the way. Undefined when the file must be read whole.
 */
async function readStreamedFile(builder: CorpusIndexBuilder, source: CorpusSource, path: string, options: ReadOneFileOptions, counts: ReadCorpusReport): Promise<CorpusWarning[] | undefined> {
  const readChunks = source.readChunks!.bind(source);
  if (options.hasher && options.reuse && (options.mayReuse?.(path) ?? true)) {
    const hash = options.hasher();
    let size = 0;
    for await (const chunk of readChunks(path, { scratch: true })) {
      hash.update(chunk);
      size += chunk.length;
    }
    const fingerprint = { size, hash: hash.digest() };
    const reusable = await options.reuse(path, fingerprint);
    if (reusable) {
      builder.setRecords(path, reusable.records, reusable.warnings, fingerprint);
      counts.reusedFiles++;
      return reusable.warnings;
    }
  }
  const hash = options.hasher?.();
  let size = 0;
  async function* hashed(): AsyncGenerator<Uint8Array, void, void> {
    for await (const chunk of readChunks(path)) {
      hash?.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  }
  const onRecord = options.onRecord && ((records: number) => options.onRecord!(records, size));
  const warnings = await builder.extractJsonLinesStream(path, hashed(), options.pause, () => (hash ? { size, hash: hash.digest() } : undefined), onRecord);
  if (warnings) counts.extractedFiles++;
  return warnings;
}

/** Options for {@link buildCorpusIndex}. */
export interface BuildCorpusIndexOptions extends CorpusIndexBuilderOptions, Pick<ReadCorpusOptions, 'onProgress' | 'pause' | 'hash' | 'hasher'> {}

/** The result of {@link buildCorpusIndex}. */
export interface BuildCorpusIndexResult {
  index: CorpusIndex;
  warnings: CorpusWarning[];
  builder: CorpusIndexBuilder;
}

/**
 * Reads every file of a corpus source and builds the index, without any
 * cache (hosts open corpora through `openCorpus`, which adds one).
 *
 * @example
 * const { index, warnings } = await buildCorpusIndex(createFsCorpusSource(['corpus']));
 */
export async function buildCorpusIndex(source: CorpusSource, options: BuildCorpusIndexOptions = {}): Promise<BuildCorpusIndexResult> {
  const builder = new CorpusIndexBuilder(options);
  const { warnings } = await readCorpusInto(builder, source, options);
  return { index: builder.build(), warnings, builder };
}

/** Whether a token stream can stand for these articles: same count, every token inside its article's text. */
function streamFits(stream: TokenStream, articles: readonly ArticleRecord[]): boolean {
  const { articleFirstToken: first, tokenWord, tokenStart, tokenEnd, words } = stream;
  if (first.length !== articles.length + 1 || first[articles.length] !== tokenWord.length) return false;
  if (tokenStart.length !== tokenWord.length || tokenEnd.length !== tokenWord.length) return false;
  for (let a = 0; a < articles.length; a++) {
    if (first[a] > first[a + 1]) return false;
    const len = articles[a].text.length;
    if (first[a + 1] > first[a] && tokenEnd[first[a + 1] - 1] > len) return false;
  }
  for (let i = 0; i < tokenWord.length; i++) if (tokenWord[i] >= words.length || tokenStart[i] >= tokenEnd[i]) return false;
  return true;
}

/** Lines (each without its `\n`) joined by `\n` into one buffer: `bytes` is their lengths plus one per line. */
function joinLines(lines: readonly Uint8Array[], bytes: number): Uint8Array {
  const out = new Uint8Array(bytes - 1);
  let at = 0;
  for (const [i, line] of lines.entries()) {
    if (i > 0) out[at++] = 10;
    out.set(line, at);
    at += line.length;
  }
  return out;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
