/**
 * The last step every format shares: cut the body out of a derived text,
 * fill metadata the page furniture gave away, and attach `locate`.
 */

import type { ArticleMeta, ParsedArticle } from '../types';
import { findBody } from './boilerplate';
import { createLocator, type OffsetMap } from './locate';
import { compactMeta } from './meta';

/** Input of {@link makeArticle}. */
export interface ArticleSource {
  id: string;
  path: string;
  /** The text the article is cut from: the file itself, or text derived from it through `map`. */
  derived: string;
  /** Part of `derived` holding the article (default: all of it). */
  from?: number;
  to?: number;
  /** Line starts of the source file. */
  lineStarts: readonly number[];
  /** Derived-text → source offsets; absent when `derived` is the source itself. */
  map?: OffsetMap;
  meta: ArticleMeta;
  /** Use a headline-like first line as title when `meta.title` is absent. */
  titleFromHeadline: boolean;
}

/**
 * Builds the article, or returns undefined when no text is left once the
 * boilerplate is gone (the caller turns that into a warning).
 */
export function makeArticle(src: ArticleSource): ParsedArticle | undefined {
  const from = src.from ?? 0;
  const to = src.to ?? src.derived.length;
  const body = findBody(src.derived, from, to);
  if (body.end <= body.start) return undefined;
  const meta: ArticleMeta = { ...src.meta };
  if (meta.publisher === undefined && body.publisher !== undefined) meta.publisher = body.publisher;
  if (meta.title === undefined && src.titleFromHeadline && body.headline !== undefined) meta.title = body.headline;
  return {
    id: src.id,
    path: src.path,
    meta: compactMeta(meta),
    text: src.derived.slice(body.start, body.end),
    locate: createLocator(src.lineStarts, body.start, src.map),
  };
}
