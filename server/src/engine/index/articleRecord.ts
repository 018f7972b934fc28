import type { ArticleMeta, DateMention, ParsedArticle, PersonMention, QuoteMention, SourcePosition, TextSpan } from '../types';
import { extractFacts } from '../extract/extractFacts';
import { lastAtOrBefore } from '../text/sortedSearch';

/** A corpus sentence with its place in the article text and in the source file. */
export interface SentenceRecord extends TextSpan {
  /** Where the sentence stands in the source file (for citations). */
  from: SourcePosition;
  to: SourcePosition;
}

/**
 * An article with everything extracted from it: the unit the index is built
 * from, and the unit a cache stores (plain data, JSON-serialisable).
 */
export interface ArticleRecord {
  id: string;
  path: string;
  meta: ArticleMeta;
  text: string;
  /** Sorted by start. */
  sentences: SentenceRecord[];
  /** Sorted by span start. */
  quotes: QuoteMention[];
  people: PersonMention[];
  dates: DateMention[];
}

/** Extracts the facts of one parsed article into an {@link ArticleRecord}. */
export function toArticleRecord(article: ParsedArticle): ArticleRecord {
  // Everything kept (the text, quote texts sliced from it) refers to this copy, not to the parser's strings.
  const text = detached(article.text);
  const facts = extractFacts(text, { referenceDate: article.meta.date });
  const sentences = facts.sentences.map((s) => ({
    start: s.start,
    end: s.end,
    from: article.locate(s.start),
    to: article.locate(s.end),
  }));
  return {
    id: article.id,
    path: article.path,
    meta: article.meta,
    text,
    sentences,
    quotes: [...facts.quotes].sort((a, b) => a.span.start - b.span.start),
    people: facts.people,
    dates: facts.dates,
  };
}

/** Index of the sentence of `record` containing `offset` (or the last one starting before it), or -1. */
export function sentenceAt(record: ArticleRecord, offset: number): number {
  return lastAtOrBefore(record.sentences.length, offset, (i) => record.sentences[i].start);
}

/**
 * A copy of `text` that does not keep a larger string alive: a parser's slice
 * of a whole file (a JSONL corpus of 20 MB) would otherwise stay in memory as
 * long as any one article from it. Flattening a concatenation makes V8 copy
 * the characters into a string of their own.
 */
function detached(text: string): string {
  return (' ' + text).slice(1);
}
