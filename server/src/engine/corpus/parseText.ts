/**
 * Plain-text corpus files: one article per file. The article text is the
 * exact slice of the file between the boilerplate, so `locate` only adds the
 * slice's start.
 */

import type { ParsedCorpusFile } from '../types';
import { makeArticle } from './article';
import { computeLineStarts } from '../text/lineIndex';

/**
 * Parses a `.txt` article: navigation lines before the headline and page
 * furniture after the body are cut off; a headline-like first line becomes
 * the title and a copyright line gives the publisher.
 */
export function parseText(path: string, source: string): ParsedCorpusFile {
  const article = makeArticle({
    id: path,
    path,
    derived: source,
    lineStarts: computeLineStarts(source),
    meta: {},
    titleFromHeadline: true,
  });
  return article
    ? { articles: [article], warnings: [] }
    : { articles: [], warnings: [{ path, message: 'no article text (only boilerplate), skipped' }] };
}
