/**
 * A cache is an accelerator, never a source of truth: before what it holds is
 * used, it is checked against what it stands for.
 *
 * Records: before the records cached for a file are used, they must be the
 * ones that file gives. Size and
 * hash matching prove only that the file is the one the manifest names; a
 * cache written by someone else could pair that file with fabricated
 * sentences (and a recomputed checksum). Parsing is cheap beside extraction,
 * so the file is parsed again and every article's id, text, metadata and the
 * source position of every sentence compared. What extraction found in the
 * text (quotations, people, dates) cannot be checked without redoing it, but
 * its spans were bounded by the text on load, so it can only point into text
 * the file really holds.
 */
import type { ParsedArticle } from '../types';
import type { ArticleRecord } from '../index/articleRecord';
import type { TokenStream } from '../index/tokenIndex';
import { tokenize } from '../text/tokens';
import { parseCorpusFile } from '../corpus/parseCorpusFile';

const META_FIELDS = ['title', 'date', 'publisher', 'author', 'url'] as const;

/**
 * Why cached records are not what the parsed file gives (a short reason for
 * the rebuild message), or undefined when they are exactly that.
 */
export function cachedRecordsMismatch(records: readonly ArticleRecord[], parsed: readonly ParsedArticle[]): string | undefined {
  if (records.length !== parsed.length) return `${records.length} articles cached, ${parsed.length} in the file`;
  for (let i = 0; i < records.length; i++) {
    const why = articleMismatch(records[i], parsed[i]);
    if (why !== undefined) return `article ${parsed[i].id}: ${why}`;
  }
  return undefined;
}

function articleMismatch(record: ArticleRecord, article: ParsedArticle): string | undefined {
  if (record.id !== article.id) return 'another id';
  if (record.text !== article.text) return 'another text';
  for (const field of META_FIELDS) if (record.meta[field] !== article.meta[field]) return `another ${field}`;
  for (const s of record.sentences) {
    if (!samePosition(s.from, article.locate(s.start)) || !samePosition(s.to, article.locate(s.end))) return 'a sentence placed elsewhere in the file';
  }
  return undefined;
}

function samePosition(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line === b.line && a.character === b.character;
}

/**
 * Why a cached token stream is not the one these texts give (in order, one
 * article per text), or undefined when it is exactly that, word for word and
 * offset for offset. The vocabulary must hold each word once. A generator
 * that yields after each article, so a host can pause (a whole corpus is
 * hundreds of milliseconds of work).
 */
export function* cachedTokensMismatch(stream: TokenStream, texts: readonly string[]): Generator<void, string | undefined, void> {
  const { words, tokenWord, tokenStart, tokenEnd, articleFirstToken } = stream;
  if (articleFirstToken.length !== texts.length + 1) return 'another number of articles';
  if (tokenStart.length !== tokenWord.length || tokenEnd.length !== tokenWord.length) return 'token arrays of different lengths';
  if (new Set(words).size !== words.length) return 'a word twice in the vocabulary';
  let k = 0;
  for (let a = 0; a < texts.length; a++) {
    if (articleFirstToken[a] !== k) return `article ${a} starts at another token`;
    for (const t of tokenize(texts[a])) {
      if (k >= tokenWord.length || words[tokenWord[k]] !== t.norm || tokenStart[k] !== t.start || tokenEnd[k] !== t.end) return `a token of article ${a} differs from its text`;
      k++;
    }
    yield;
  }
  return articleFirstToken[texts.length] === k && k === tokenWord.length ? undefined : 'tokens beyond the texts';
}

/**
 * Why the records cached for a file are not what its bytes parse to (see
 * {@link cachedRecordsMismatch}), or undefined when they are.
 */
export function cachedFileMismatch(path: string, bytes: Uint8Array, records: readonly ArticleRecord[], maxFileBytes: number): string | undefined {
  let articles: ParsedArticle[];
  try {
    articles = parseCorpusFile(path, bytes, { maxFileBytes }).articles;
  } catch (e) {
    return `the file does not parse: ${e instanceof Error ? e.message : String(e)}`;
  }
  return cachedRecordsMismatch(records, articles);
}
