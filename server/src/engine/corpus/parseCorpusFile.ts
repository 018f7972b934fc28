/**
 * Corpus file → articles, by extension. Every failure becomes a
 * {@link CorpusWarning}; nothing here throws, so one bad file never stops
 * indexing of the others.
 */

import type { ParsedCorpusFile } from '../types';
import { decodeCorpusBytes } from './decode';
import { parseHtml } from './parseHtml';
import { parseJson, parseJsonLines } from './parseJson';
import { parseMarkdown } from './parseMarkdown';
import { parseText } from './parseText';
import { parsePlainTranscriptFile, parseSubRipFile, parseWebVttFile } from './parseTranscript';

/** File extensions the corpus parser reads. */
export const CORPUS_EXTENSIONS: readonly string[] = ['.txt', '.md', '.markdown', '.html', '.htm', '.json', '.jsonl', '.vtt', '.srt'];

/** Default for {@link ParseCorpusOptions.maxFileBytes}: 40 MiB (Reuters-21578 in one JSONL file is 21 MB; a 50 MB file is taken for a mistake). */
export const DEFAULT_MAX_FILE_BYTES = 40 * 1024 * 1024;

/** Options for {@link parseCorpusFile}. */
export interface ParseCorpusOptions {
  /** Files larger than this many bytes are skipped with a warning (default 40 MB). */
  maxFileBytes?: number;
}

/** The lower-case extension of a path or URI (`.md`), or `''`. Query strings and fragments are ignored. */
export function corpusExtension(path: string): string {
  const clean = path.replace(/[?#].*$/, '');
  const slash = Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\'));
  const dot = clean.lastIndexOf('.');
  return dot > slash + 1 ? clean.slice(dot).toLowerCase() : '';
}

/**
 * Parses one corpus file into articles.
 *
 * - `.txt`: one article; navigation and page furniture cut off; the headline
 *   line gives the title, a copyright line the publisher.
 * - `.md` / `.markdown`: YAML front matter (`title`, `date`, `source`/`publisher`,
 *   `author`, `url`), else a first `# Heading` as title; the rest as for `.txt`.
 * - `.html` / `.htm`: the text of `<article>`/`<main>`/`<body>` without chrome;
 *   `<title>`, `<meta>`, `<time datetime>` and JSON-LD as metadata.
 * - `.json` (array, one record, or `{ articles: [...] }`) and `.jsonl` (one
 *   record per line): one article per record, id `path#<record id>` or
 *   `path#<line>`.
 * - `.vtt` (WebVTT) and `.srt` (SubRip) transcripts, and `.txt`/`.md` files
 *   shaped like plain transcripts (`[00:12:31] Name: words` or
 *   `NAME (00:12:31): words` turns): one article of `Speaker: words`
 *   paragraphs with the turns, speakers and cue times (`parseTranscript.ts`).
 *
 * Empty, binary and oversized files, malformed JSON and records without text
 * are skipped with a warning naming the file (and line or record). Article
 * text offsets map back to the file through each article's `locate`.
 *
 * @example
 * const { articles, warnings } = parseCorpusFile('corpus/a.md', bytes);
 * const pos = articles[0].locate(42); // { line, character } in corpus/a.md
 */
export function parseCorpusFile(path: string, bytes: Uint8Array, options: ParseCorpusOptions = {}): ParsedCorpusFile {
  const skip = (message: string): ParsedCorpusFile => ({ articles: [], warnings: [{ path, message }] });
  const ext = corpusExtension(path);
  if (!CORPUS_EXTENSIONS.includes(ext)) return skip(`unsupported file type "${ext || path}", skipped`);
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.length > limit) {
    return skip(`file too large (${formatBytes(bytes.length)} > ${formatBytes(limit)} limit), skipped`);
  }
  if (bytes.length === 0) return skip('empty file');
  const decoded = decodeCorpusBytes(bytes);
  if (!decoded.ok) return skip(decoded.message);
  if (decoded.source.trim().length === 0) return skip('empty file');

  let parsed: ParsedCorpusFile;
  try {
    parsed = parseSource(path, ext, decoded.source);
  } catch (e) {
    // The parsers are written not to throw; this is the last line of defence.
    return skip(`could not parse (${e instanceof Error ? e.message : String(e)}), skipped`);
  }
  if (decoded.note !== undefined) parsed.warnings.unshift({ path, message: decoded.note });
  return parsed;
}

function parseSource(path: string, ext: string, source: string): ParsedCorpusFile {
  switch (ext) {
    case '.vtt':
      return parseWebVttFile(path, source);
    case '.srt':
      return parseSubRipFile(path, source);
    case '.md':
    case '.markdown':
      return parsePlainTranscriptFile(path, source) ?? parseMarkdown(path, source);
    case '.html':
    case '.htm':
      return parseHtml(path, source);
    case '.json':
      return parseJson(path, source);
    case '.jsonl':
      return parseJsonLines(path, source);
    default:
      return parsePlainTranscriptFile(path, source) ?? parseText(path, source);
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;
}
