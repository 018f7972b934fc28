import type { CorpusFileInfo, CorpusSource, CorpusWarning, ParsedCorpusFile } from '../types';
import { corpusExtension, DEFAULT_MAX_FILE_BYTES, parseCorpusFile } from '../corpus/parseCorpusFile';
import { DEFAULT_MAX_RECORD_BYTES, streamJsonLines } from '../corpus/streamJsonLines';
import { type ArticleRecord, extractArticleSteps } from './articleRecord';
import { CorpusIndex } from './corpusIndex';
import { withPostings, type TokenStream } from './tokenIndex';

/** Options for {@link CorpusIndexBuilder}. */
export interface CorpusIndexBuilderOptions {
  /** Corpus files read whole (all but streamed JSON Lines) larger than this are skipped with a warning (default 40 MB). */
  maxFileBytes?: number;
  /** Records of a streamed JSON Lines file larger than this are skipped with a warning (default 40 MB). */
  maxRecordBytes?: number;
}

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

  constructor(options: CorpusIndexBuilderOptions = {}) {
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
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
    let parsed: ParsedCorpusFile;
    try {
      parsed = parseCorpusFile(path, bytes, { maxFileBytes: this.maxFileBytes });
    } catch (e) {
      return this.skipFile(path, [{ path, message: `could not read file: ${errorText(e)}` }]);
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
    this.files.set(path, { records, warnings, fingerprint });
    return warnings;
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

  /** Puts already extracted articles in place for a file (as loaded from a cache), with the warnings they came with. */
  setRecords(path: string, records: ArticleRecord[], warnings: CorpusWarning[] = [], fingerprint?: FileFingerprint): void {
    this.files.set(path, { records, warnings, fingerprint });
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
  /** Offers earlier extraction of a file whose size and hash are these; undefined to extract it. */
  reuse?: (path: string, fingerprint: FileFingerprint) => ReusableFile | undefined;
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
  for (let i = 0; i < files.length; i++) {
    const before = { ...progress };
    const onRecord = (records: number, bytesInFile: number) => {
      progress.articles = before.articles + records;
      progress.bytesDone = before.bytesDone + Math.min(bytesInFile, files[i].size ?? bytesInFile);
      options.onProgress?.(i, files.length, files[i].path, { ...progress });
    };
    const fileOptions: ReadOneFileOptions = options.onProgress ? { ...options, onRecord } : options;
    report.warnings.push(...(await readOneFile(builder, source, files[i], fileOptions, report)));
    progress.articles = before.articles + (builder.recordsOf(files[i].path)?.length ?? 0);
    progress.bytesDone = before.bytesDone + (files[i].size ?? 0);
    options.onProgress?.(i + 1, files.length, files[i].path, { ...progress });
    await options.pause?.();
  }
  return report;
}

/** Reads, reuses or extracts one listed file; returns its warnings. */
async function readOneFile(builder: CorpusIndexBuilder, source: CorpusSource, info: CorpusFileInfo, options: ReadOneFileOptions, counts: ReadCorpusReport): Promise<CorpusWarning[]> {
  const tooLarge = (size: number): CorpusWarning[] =>
    builder.skipFile(info.path, [{ path: info.path, message: `skipped: file is ${formatBytes(size)}, over the ${formatBytes(builder.maxFileBytes)} limit` }]);
  if (source.readChunks && corpusExtension(info.path) === '.jsonl') {
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
  const reusable = fingerprint && options.reuse?.(info.path, fingerprint);
  if (reusable) {
    builder.setRecords(info.path, reusable.records, reusable.warnings, fingerprint);
    counts.reusedFiles++;
    return reusable.warnings;
  }
  counts.extractedFiles++;
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
    for await (const chunk of readChunks(path)) {
      hash.update(chunk);
      size += chunk.length;
    }
    const fingerprint = { size, hash: hash.digest() };
    const reusable = options.reuse(path, fingerprint);
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

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
