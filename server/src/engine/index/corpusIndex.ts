import type { Citation, TextSpan } from '../types';
import { type ArticleRecord, sentenceAt } from './articleRecord';
import { buildTokenIndex, type TokenIndex } from './tokenIndex';
import { buildPeopleTable, type PeopleTable } from './peopleTable';
import { buildDateTable, type DateTable } from './dateTable';
import { SentenceSearch } from './sentenceSearch';

/** Sizes of an index, for status displays and reports. */
export interface CorpusStats {
  files: number;
  articles: number;
  sentences: number;
  quotes: number;
  people: number;
  dates: number;
}

/** A corpus sentence found by {@link CorpusIndex.search}: its citation, a score and the terms that matched. */
export interface SearchHit extends Citation {
  score: number;
  /** Corpus terms that matched the query. */
  terms: string[];
}

/** Options for {@link CorpusIndex.search}. */
export interface SearchOptions {
  /** At most this many hits (default 20, at most 500). */
  limit?: number;
}

/**
 * The searchable corpus: articles with their extracted facts, and the
 * structures built over them (word postings for quotations, people by name,
 * dates by event word, full-text search over sentences). Immutable: an update
 * builds a new index (see `CorpusIndexBuilder`).
 */
export class CorpusIndex {
  /** Articles in index order; other structures refer to them by position. */
  readonly articles: readonly ArticleRecord[];
  readonly tokens: TokenIndex;
  readonly people: PeopleTable;
  readonly dates: DateTable;
  readonly stats: CorpusStats;
  private readonly sentenceSearch: SentenceSearch;

  /**
   * Builds the derived structures over `articles` (from `fileCount` files).
   * `tokens`, when given, must have been built over these same articles in
   * this order (a cache passes the one it stored, to skip re-tokenising).
   */
  constructor(articles: readonly ArticleRecord[], fileCount: number, tokens?: TokenIndex) {
    this.articles = articles;
    this.tokens = tokens ?? buildTokenIndex(articles.map((a) => a.text));
    this.people = buildPeopleTable(articles);
    this.dates = buildDateTable(articles);
    this.sentenceSearch = new SentenceSearch(articles, this.tokens);
    let sentences = 0;
    let quotes = 0;
    for (const a of articles) {
      sentences += a.sentences.length;
      quotes += a.quotes.length;
    }
    this.stats = {
      files: fileCount,
      articles: articles.length,
      sentences,
      quotes,
      people: this.people.byKey.size,
      dates: this.dates.entries.length,
    };
  }

  /**
   * Ranked corpus sentences for a query (prefix and fuzzy matching; all words
   * must match, and if none do, any may). Answered from the token postings;
   * fuzzy expansion scans the vocabulary, so this serves the search command,
   * not the typing path.
   *
   * @example index.search('Lankov Kookmin', { limit: 5 })
   */
  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const limit = Math.max(1, Math.min(options.limit ?? 20, 500));
    const q = query.trim().slice(0, 500);
    if (!q) return [];
    let results = this.sentenceSearch.search(q, { combineWith: 'AND' }, limit);
    if (results.length === 0) results = this.sentenceSearch.search(q, { combineWith: 'OR' }, limit);
    return results.map((r) => ({ ...this.evidenceForSentence(r.article, r.sentence), score: r.score, terms: r.terms }));
  }

  /** The evidence record for sentence `s` of article `a`, with `match` (article offsets) made relative to the sentence. */
  evidenceForSentence(a: number, s: number, match?: TextSpan): Citation {
    const sent = this.articles[a].sentences[s];
    return this.evidence(a, sent.start, sent.end, { start: sent.from, end: sent.to }, match);
  }

  /**
   * Citation for a span of article `a`: the sentence(s) it lies in. A span
   * over several sentences is cited as one passage from the first sentence's
   * start to the last one's end.
   */
  evidenceForSpan(a: number, span: TextSpan): Citation {
    const art = this.articles[a];
    if (art.sentences.length === 0) {
      const origin = { line: 0, character: 0 };
      return this.evidence(a, span.start, span.end, { start: origin, end: origin }, span);
    }
    const first = Math.max(0, sentenceAt(art, span.start));
    const last = Math.max(first, sentenceAt(art, Math.max(span.start, span.end - 1)));
    const s0 = art.sentences[first];
    const s1 = art.sentences[last];
    return this.evidence(a, s0.start, s1.end, { start: s0.from, end: s1.to }, span);
  }

  /** Citation citing `[start, end)` of article `a`, with `match` (article offsets) made relative to the cited text. */
  private evidence(a: number, start: number, end: number, range: Citation['range'], match?: TextSpan): Citation {
    const art = this.articles[a];
    const ev: Citation = {
      articleId: art.id,
      path: art.path,
      title: art.meta.title,
      publisher: art.meta.publisher,
      date: art.meta.date,
      range,
      text: art.text.slice(start, end),
    };
    if (match) {
      const from = Math.max(match.start, start) - start;
      const to = Math.min(match.end, end) - start;
      if (to > from) ev.match = { start: from, end: to };
    }
    return ev;
  }
}
