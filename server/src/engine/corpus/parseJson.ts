/**
 * JSON and JSON Lines corpus files: many articles per file, one per record.
 *
 * Records carry `id`, `title`, `date`, `source`/`publisher`, `author`, `url`
 * and `text` (or `body` / `content`), the shape of the evaluation corpora.
 * A bad record or line costs only itself: it becomes a warning and the rest
 * of the file is kept.
 */

import type { ArticleMeta, CorpusWarning, ParsedArticle, ParsedCorpusFile } from '../types';
import { makeArticle } from './article';
import { arrayElements, decodeJsonString, objectMembers, skipSpace, type SourceRange } from './jsonScan';
import { type OffsetMap } from './locate';
import { computeLineStarts, positionAt } from '../text/lineIndex';
import { cleanAuthor, cleanMetaString, normalizeDate } from './meta';

/** Fields that may hold the article text, in order of preference. */
const TEXT_FIELDS = ['text', 'body', 'content', 'article', 'story'] as const;

/** Top-level keys of an object that wraps a list of records. */
const LIST_FIELDS = ['articles', 'records', 'documents', 'items', 'data'] as const;

function field(rec: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const k of keys) {
    const v = rec[k];
    if (v !== undefined && v !== null && !(typeof v === 'string' && cleanMetaString(v) === undefined)) return v;
  }
  return undefined;
}

function recordMeta(rec: Record<string, unknown>): ArticleMeta {
  return {
    title: cleanMetaString(field(rec, ['title', 'headline'])),
    date: normalizeDate(field(rec, ['date', 'published', 'published_at', 'publishedAt', 'pubDate', 'datePublished', 'date_publish'])),
    publisher: cleanMetaString(field(rec, ['publisher', 'source', 'outlet', 'site_name'])),
    author: cleanAuthor(field(rec, ['author', 'authors', 'byline'])),
    url: cleanMetaString(field(rec, ['url', 'link', 'source_url'])),
  };
}

/** Everything {@link recordToArticle} needs to know about one file. */
interface FileContext {
  path: string;
  source: string;
  lineStarts: readonly number[];
  /** Ids already given out in this file, to keep ids unique. */
  usedIds: Set<string>;
  /**
   * Lines of the file before `source` (a JSON Lines record read alone, from a
   * stream): added to every line number, so positions are the file's.
   */
  lineOffset: number;
  articles: ParsedArticle[];
  warnings: CorpusWarning[];
}

/**
 * Turns one parsed record into an article. `range` is where the record's
 * object stands in the source, so the text can be located exactly.
 */
function recordToArticle(ctx: FileContext, value: unknown, range: SourceRange, label: string): void {
  const line = positionAt(ctx.lineStarts, range.start).line + 1 + ctx.lineOffset;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    ctx.warnings.push({ path: ctx.path, message: `${label}: not a JSON object, skipped` });
    return;
  }
  const rec = value as Record<string, unknown>;
  const textKey = TEXT_FIELDS.find((k) => typeof rec[k] === 'string' && (rec[k] as string).trim().length > 0);
  const recordId = cleanMetaString(rec.id ?? rec._id ?? rec.article_id ?? rec.doc_id);
  const name = recordId !== undefined ? `record "${recordId}"` : label;
  if (textKey === undefined) {
    ctx.warnings.push({ path: ctx.path, message: `${name}: no text (expected a "text", "body" or "content" field), skipped` });
    return;
  }
  const text = rec[textKey] as string;
  let id = `${ctx.path}#${recordId ?? line}`;
  if (ctx.usedIds.has(id)) id = `${id}@${line}`;
  ctx.usedIds.add(id);

  // Exact positions: find the text's string literal in the source and decode
  // it with an offset map. If anything disagrees with JSON.parse, fall back to
  // the record's line, which is always right.
  let derived = text;
  let map: OffsetMap | undefined;
  if (ctx.source.charCodeAt(range.start) === 123) {
    const at = objectMembers(ctx.source, range.start).get(textKey);
    if (at !== undefined && ctx.source.charCodeAt(at.start) === 34) {
      const decoded = decodeJsonString(ctx.source, at);
      if (decoded.text === text) {
        derived = decoded.text;
        map = decoded.map;
      }
    }
  }
  if (map === undefined) {
    map = { textStarts: [0], sourceStarts: [range.start], linear: [false], textLength: text.length, sourceEnd: range.start };
  }
  const article = makeArticle({
    id,
    path: ctx.path,
    derived,
    lineStarts: ctx.lineStarts,
    map,
    meta: recordMeta(rec),
    titleFromHeadline: true,
  });
  if (article) ctx.articles.push(ctx.lineOffset === 0 ? article : shiftLines(article, ctx.lineOffset));
  else ctx.warnings.push({ path: ctx.path, message: `${name}: no text after removing boilerplate, skipped` });
}

/** The article with every position moved `lines` lines down (its source was one line of a longer file). */
function shiftLines(article: ParsedArticle, lines: number): ParsedArticle {
  const locate = article.locate;
  return {
    ...article,
    locate: (offset) => {
      const p = locate(offset);
      return { line: p.line + lines, character: p.character };
    },
  };
}

function newContext(path: string, source: string, usedIds = new Set<string>(), lineOffset = 0): FileContext {
  return { path, source, lineStarts: computeLineStarts(source), usedIds, lineOffset, articles: [], warnings: [] };
}

/**
 * One line of a JSON Lines file read alone (from a stream): `line` is its
 * text without the line break, `lineIndex` its 0-based line number in the
 * file, `usedIds` the ids given out so far in the file (updated). Gives what
 * {@link parseJsonLines} gives for that line of the whole file: the same
 * article (same id, positions in the file) or the same warning; nothing for
 * a blank line.
 */
export function parseJsonLine(path: string, line: string, lineIndex: number, usedIds: Set<string>): ParsedCorpusFile {
  const ctx = newContext(path, line, usedIds, lineIndex);
  const done = (): ParsedCorpusFile => ({ articles: ctx.articles, warnings: ctx.warnings });
  const start = skipSpace(line, 0);
  if (start >= line.length) return done();
  let value: unknown;
  try {
    value = JSON.parse(line.slice(start));
  } catch (e) {
    ctx.warnings.push({ path, message: `line ${lineIndex + 1}: malformed JSON (${errorMessage(e)}), skipped` });
    return done();
  }
  recordToArticle(ctx, value, { start, end: line.length }, `line ${lineIndex + 1}`);
  return done();
}

/**
 * Parses a JSON Lines file: one record per line. A malformed line is reported
 * with its (1-based) line number and skipped; blank lines are ignored.
 */
export function parseJsonLines(path: string, source: string): ParsedCorpusFile {
  const ctx = newContext(path, source);
  const starts = ctx.lineStarts;
  for (let n = 0; n < starts.length; n++) {
    let end = n + 1 < starts.length ? starts[n + 1] : source.length;
    while (end > starts[n] && (source.charCodeAt(end - 1) === 10 || source.charCodeAt(end - 1) === 13)) end--;
    const start = skipSpace(source, starts[n]);
    if (start >= end) continue;
    const line = source.slice(start, end);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      ctx.warnings.push({ path, message: `line ${n + 1}: malformed JSON (${errorMessage(e)}), skipped` });
      continue;
    }
    recordToArticle(ctx, value, { start, end }, `line ${n + 1}`);
  }
  return { articles: ctx.articles, warnings: ctx.warnings };
}

/**
 * Parses a JSON file holding an array of records, one record, or an object
 * with the records under `articles` (or `records`, `documents`, `items`,
 * `data`). A file that is not valid JSON but is valid JSON Lines is read as such.
 */
export function parseJson(path: string, source: string): ParsedCorpusFile {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (e) {
    if (/^\s*\{[^\n]*\}\s*\r?\n\s*\{/.test(source)) {
      const asLines = parseJsonLines(path, source);
      if (asLines.articles.length > 0) return asLines;
    }
    return { articles: [], warnings: [{ path, message: `malformed JSON (${errorMessage(e)}), skipped` }] };
  }
  const ctx = newContext(path, source);
  const top = skipSpace(source, 0);
  if (Array.isArray(data)) {
    addRecords(ctx, data, arrayElements(source, top));
  } else if (data !== null && typeof data === 'object') {
    const obj = data as Record<string, unknown>;
    const listKey = LIST_FIELDS.find((k) => Array.isArray(obj[k]));
    if (listKey !== undefined && !TEXT_FIELDS.some((k) => typeof obj[k] === 'string')) {
      const at = objectMembers(source, top).get(listKey);
      addRecords(ctx, obj[listKey] as unknown[], at ? arrayElements(source, at.start) : []);
    } else {
      recordToArticle(ctx, obj, { start: top, end: source.length }, 'record');
    }
  } else {
    ctx.warnings.push({ path, message: 'JSON holds no records (expected an array or an object), skipped' });
  }
  return { articles: ctx.articles, warnings: ctx.warnings };
}

function addRecords(ctx: FileContext, records: readonly unknown[], ranges: readonly SourceRange[]): void {
  records.forEach((rec, i) => {
    const range = ranges.length === records.length ? ranges[i] : { start: 0, end: 0 };
    recordToArticle(ctx, rec, range, `record ${i + 1}`);
  });
}

function errorMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
