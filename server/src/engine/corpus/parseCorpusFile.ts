import type { ParsedCorpusFile } from '../types';

/** File extensions the corpus parser reads. */
export const CORPUS_EXTENSIONS: readonly string[] = ['.txt', '.md', '.markdown', '.html', '.htm', '.json', '.jsonl'];

/** Options for {@link parseCorpusFile}. */
export interface ParseCorpusOptions {
  /** Files larger than this many bytes are skipped with a warning (default 20 MB). */
  maxFileBytes?: number;
}

/** Parses one corpus file into articles. PLACEHOLDER: being written. */
export function parseCorpusFile(path: string, bytes: Uint8Array, _options: ParseCorpusOptions = {}): ParsedCorpusFile {
  const text = new TextDecoder().decode(bytes);
  return { articles: [{ id: path, path, meta: {}, text, locate: () => ({ line: 0, character: 0 }) }], warnings: [] };
}
