import MiniSearch, { type Options, type SearchOptions as MiniSearchOptions } from 'minisearch';
import type { ArticleRecord } from './articleRecord';

/** A sentence as MiniSearch sees it: the id is its global ordinal. */
interface SearchDocument {
  id: number;
  text: string;
  title: string;
}

/**
 * MiniSearch options, kept in one place: `loadJSON` must get the same
 * options the index was built with.
 */
export const SENTENCE_SEARCH_OPTIONS: Options<SearchDocument> = {
  fields: ['text', 'title'],
  storeFields: [],
};

/** Default query options: prefix and fuzzy matching, the sentence text weighted above the title. */
export const SENTENCE_QUERY_OPTIONS: MiniSearchOptions = {
  prefix: true,
  fuzzy: 0.2,
  combineWith: 'AND',
  boost: { text: 2, title: 1 },
};

/** Full-text search over corpus sentences, with the way back from a hit to its article. */
export interface SentenceSearch {
  engine: MiniSearch<SearchDocument>;
  /** Article of the sentence with global ordinal `i`. */
  sentenceArticle: Uint32Array;
  /** Index of that sentence within its article. */
  sentenceIndex: Uint32Array;
}

/** Indexes every sentence of the given articles. */
export function buildSentenceSearch(articles: readonly ArticleRecord[]): SentenceSearch {
  let total = 0;
  for (const a of articles) total += a.sentences.length;
  const sentenceArticle = new Uint32Array(total);
  const sentenceIndex = new Uint32Array(total);
  const engine = new MiniSearch<SearchDocument>(SENTENCE_SEARCH_OPTIONS);
  let id = 0;
  articles.forEach((art, a) => {
    const title = art.meta.title ?? '';
    art.sentences.forEach((s, i) => {
      sentenceArticle[id] = a;
      sentenceIndex[id] = i;
      engine.add({ id, text: art.text.slice(s.start, s.end), title });
      id++;
    });
  });
  return { engine, sentenceArticle, sentenceIndex };
}
