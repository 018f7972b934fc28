import type { CorpusSource, CorpusWarning } from '../types';
import { DEFAULT_MAX_FILE_BYTES, parseCorpusFile } from '../corpus/parseCorpusFile';
import { type ArticleRecord, toArticleRecord } from './articleRecord';
import { CorpusIndex } from './corpusIndex';
import { withPostings, type TokenStream } from './tokenIndex';

/** Options for {@link CorpusIndexBuilder}. */
export interface CorpusIndexBuilderOptions {
  /** Corpus files larger than this are skipped with a warning (default 40 MB). */
  maxFileBytes?: number;
}


/**
 * Holds the extracted articles of each corpus file, so that a changed file is
 * re-extracted alone, and derives a {@link CorpusIndex} from them on demand.
 */
export class CorpusIndexBuilder {
  private readonly files = new Map<string, ArticleRecord[]>();
  private readonly maxFileBytes: number;

  constructor(options: CorpusIndexBuilderOptions = {}) {
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  /**
   * Parses and extracts one file, replacing an earlier version of it.
   * Never throws: problems come back as warnings and the file is skipped.
   */
  setFile(path: string, bytes: Uint8Array): CorpusWarning[] {
    try {
      const parsed = parseCorpusFile(path, bytes, { maxFileBytes: this.maxFileBytes });
      const records: ArticleRecord[] = [];
      const warnings = [...parsed.warnings];
      for (const article of parsed.articles) {
        try {
          records.push(toArticleRecord(article));
        } catch (e) {
          warnings.push({ path, message: `could not read article ${article.id}: ${errorText(e)}` });
        }
      }
      this.files.set(path, records);
      return warnings;
    } catch (e) {
      this.files.delete(path);
      return [{ path, message: `could not read file: ${errorText(e)}` }];
    }
  }

  /** Puts already extracted articles in place for a file (as loaded from a cache). */
  setRecords(path: string, records: ArticleRecord[]): void {
    this.files.set(path, records);
  }

  /** The extracted articles of one file, if it is held. */
  recordsOf(path: string): readonly ArticleRecord[] | undefined {
    return this.files.get(path);
  }

  /** Forgets a file; true if it was held. */
  removeFile(path: string): boolean {
    return this.files.delete(path);
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  /** Paths of the files held, sorted. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  /** Derives the searchable index from the files held now. Articles are ordered by path for stable output. */
  build(): CorpusIndex {
    return new CorpusIndex(this.articles(), this.files.size);
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
    return new CorpusIndex(articles, this.files.size, streamFits(stream, articles) ? withPostings(stream) : undefined);
  }

  /** The articles held, in index order (by path, then file order). */
  articles(): ArticleRecord[] {
    const articles: ArticleRecord[] = [];
    for (const p of this.paths()) for (const r of this.files.get(p)!) articles.push(r);
    return articles;
  }
}

/** Options for {@link buildCorpusIndex}. */
export interface BuildCorpusIndexOptions extends CorpusIndexBuilderOptions {
  /** Called after each file. */
  onProgress?: (done: number, total: number, path: string) => void;
  /** Polled between files; when it returns true the build stops early and returns what it has. */
  isCancelled?: () => boolean;
  /** An existing builder to update: files not in the source any more are removed, the others re-read. */
  builder?: CorpusIndexBuilder;
}

/** The result of {@link buildCorpusIndex}. */
export interface BuildCorpusIndexResult {
  index: CorpusIndex;
  warnings: CorpusWarning[];
  builder: CorpusIndexBuilder;
}

/**
 * Reads every file of a corpus source and builds the index. Yields to the
 * event loop between files so a server stays responsive while it indexes.
 *
 * @example
 * const { index, warnings } = await buildCorpusIndex(createFsCorpusSource(['corpus']));
 */
export async function buildCorpusIndex(source: CorpusSource, options: BuildCorpusIndexOptions = {}): Promise<BuildCorpusIndexResult> {
  const builder = options.builder ?? new CorpusIndexBuilder(options);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const warnings: CorpusWarning[] = [];
  const files = await source.listFiles();
  const listed = new Set(files.map((f) => f.path));
  for (const p of builder.paths()) if (!listed.has(p)) builder.removeFile(p);
  let lastYield = Date.now();
  for (let i = 0; i < files.length; i++) {
    if (options.isCancelled?.()) break;
    const file = files[i];
    if (file.size !== undefined && file.size > maxBytes) {
      builder.removeFile(file.path);
      warnings.push({ path: file.path, message: `skipped: file is ${formatBytes(file.size)}, over the ${formatBytes(maxBytes)} limit` });
    } else {
      try {
        warnings.push(...builder.setFile(file.path, await source.readFile(file.path)));
      } catch (e) {
        builder.removeFile(file.path);
        warnings.push({ path: file.path, message: `could not read file: ${errorText(e)}` });
      }
    }
    options.onProgress?.(i + 1, files.length, file.path);
    if (Date.now() - lastYield > 20) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      lastYield = Date.now();
    }
  }
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
