/**
 * Markdown corpus files: YAML front matter for metadata, the rest as text.
 * Markup stays in the text (it is harmless to the extractors) so that the
 * text is an exact slice of the file and `locate` stays exact.
 */

import { parse as parseYaml } from 'yaml';
import type { ArticleMeta, CorpusWarning, ParsedCorpusFile } from '../types';
import { makeArticle } from './article';
import { computeLineStarts } from '../text/lineIndex';
import { cleanAuthor, cleanMetaString, normalizeDate } from './meta';

/** Front matter: a `---` line at the very top, closed by a `---` or `...` line. */
const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)(?:\r?\n|^)(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/** Where the front matter ends, and its YAML (both absent when there is none). Drafts use it too (`check/draftFrontMatter.ts`). */
export function splitFrontMatter(source: string): { yaml?: string; bodyStart: number } {
  if (!source.startsWith('---')) return { bodyStart: 0 };
  const m = FRONT_MATTER.exec(source);
  if (!m || m.index !== 0) return { bodyStart: 0 };
  return { yaml: m[1], bodyStart: m[0].length };
}

function pick(data: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const k of keys) {
    const v = data[k];
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

/** Article metadata from parsed front matter. */
function metaFromFrontMatter(data: Record<string, unknown>): ArticleMeta {
  return {
    title: cleanMetaString(pick(data, ['title', 'headline'])),
    date: normalizeDate(pick(data, ['date', 'published', 'published_at', 'publishedAt', 'pubDate', 'datePublished'])),
    publisher: cleanMetaString(pick(data, ['publisher', 'source', 'site_name', 'outlet', 'site'])),
    author: cleanAuthor(pick(data, ['author', 'authors', 'byline'])),
    url: cleanMetaString(pick(data, ['url', 'link', 'canonical_url', 'canonical', 'source_url'])),
  };
}

/** The text of a first ATX (`# Title`) or setext (`Title` / `=====`) level-1 heading. */
function firstHeading(source: string, from: number, to: number): string | undefined {
  const rest = source.slice(from, Math.min(to, from + 2000));
  const m = /^\s*(?:#[ \t]+(.+?)[ \t#]*(?:\r?\n|$)|([^\r\n#].*?)[ \t]*\r?\n=+[ \t]*(?:\r?\n|$))/.exec(rest);
  if (!m) return undefined;
  return cleanMetaString((m[1] ?? m[2]).replace(/[*_`]+/g, ''));
}

/**
 * Parses a Markdown article: front matter `title`, `date`, `source`/`publisher`,
 * `author` and `url`; without a front-matter title, a first `# Heading` (or a
 * headline-like first line) serves. The body is the exact file slice after the
 * front matter, boilerplate cut off as for text files.
 */
export function parseMarkdown(path: string, source: string): ParsedCorpusFile {
  const warnings: CorpusWarning[] = [];
  const { yaml, bodyStart } = splitFrontMatter(source);
  let meta: ArticleMeta = {};
  if (yaml !== undefined) {
    try {
      const data: unknown = parseYaml(yaml);
      if (data !== null && typeof data === 'object' && !Array.isArray(data)) meta = metaFromFrontMatter(data as Record<string, unknown>);
      else if (data !== null && data !== undefined) warnings.push({ path, message: 'front matter is not a mapping; metadata ignored' });
    } catch (e) {
      warnings.push({ path, message: `invalid YAML front matter (${firstLine(e)}); metadata ignored` });
    }
  }
  if (meta.title === undefined) meta.title = firstHeading(source, bodyStart, source.length);
  const article = makeArticle({
    id: path,
    path,
    derived: source,
    from: bodyStart,
    lineStarts: computeLineStarts(source),
    meta,
    titleFromHeadline: true,
  });
  if (!article) return { articles: [], warnings: [...warnings, { path, message: 'no article text, skipped' }] };
  return { articles: [article], warnings };
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
