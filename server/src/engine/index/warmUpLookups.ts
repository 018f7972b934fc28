/**
 * Warming a store's look-ups up before the writer's first check (issue 13),
 * without extracting anything: the queries are made from one corpus article's
 * own records (a quotation, its people, a date and a sentence), as the checks
 * would make them from a draft that repeats it, plus a quotation with one word
 * changed and a name misspelled, so the paths that only run on a near miss
 * (closest passage, fuzzy names) run too. The language server's corpus worker
 * runs it on a newly opened index before handing it out; the draft side (the
 * date parser, the extractors) is warmed where drafts are read (see
 * `check/warmUp.ts`). It never changes an answer: the answers are thrown away.
 */
import type { CorpusStore } from '../corpusStore';
import { eventMatchKeys } from '../extract/eventWords';
import { STOPWORDS, tokenize } from '../text/tokens';
import type { ArticleRecord } from './articleRecord';

/** Longest quotation or sentence taken (a runaway one would make the warm-up slow, not warmer). */
const MAX_SAMPLE_LENGTH = 400;
/** Articles looked at for one with a quotation, from a sampled place on. */
const MAX_ARTICLES_LOOKED_AT = 2_000;

/** Options of {@link warmUpLookups}. */
export interface WarmUpLookupsOptions {
  /**
   * Articles sampled, spread over the corpus (default 1). One runs every path
   * once; a few dozen run them often enough to be optimised, as the writer's
   * steady state finds them.
   */
  articles?: number;
  /** Awaited between two sampled articles: a host yields there so real look-ups are answered in between. */
  between?: () => Promise<void>;
}

/**
 * Asks `store` what a check of a draft repeating part of `articles` (those
 * sampled, each with a quotation of five words or more where one has) would
 * ask. Resolves when done; never rejects (a failing warm-up costs the first
 * real check its speed, nothing more).
 */
export async function warmUpLookups(store: CorpusStore, articles: readonly ArticleRecord[], options: WarmUpLookupsOptions = {}): Promise<void> {
  const samples = Math.max(1, options.articles ?? 1);
  for (let k = 0; k < samples && k < articles.length; k++) {
    if (k > 0) await options.between?.();
    const article = sampleArticle(articles, Math.floor(articles.length / 2) + Math.floor((k * articles.length) / samples));
    if (article) await warmUpOn(store, article);
  }
}

/** The look-ups of a draft repeating part of `article`. */
async function warmUpOn(store: CorpusStore, article: ArticleRecord): Promise<void> {
  try {
    const quote = article.quotes.find((q) => isSampleQuote(q.text));
    // None when every sentence is long (a book-sized article with no full stop): the warm-up stays cheap.
    const sentence = article.sentences.find((s) => s.end - s.start <= MAX_SAMPLE_LENGTH);
    const queries = [];
    if (quote) {
      const words = tokenize(quote.text);
      const changed = tokenize(quote.text);
      // A word in the middle changed: no longer verbatim, so the closest passage is looked for.
      const middle = Math.floor(changed.length / 2);
      changed[middle] = { ...changed[middle], norm: 'meanwhile' };
      queries.push({ segments: [{ tokens: words }], closest: true }, { segments: [{ tokens: changed }], closest: true });
    }
    const hits = await store.findQuotations(queries);
    const names = [...new Set(article.people.map((p) => p.fullName))].slice(0, 8);
    // A misspelled name (last letter doubled) takes the near-spelling path.
    const misspelled = names.filter((n) => n.includes(' ')).map((n) => `${n}${n.slice(-1)}`);
    await store.knowsPeople([...names, ...misspelled]);
    await store.findPeople([...names, ...misspelled], { maxCitations: 5 });
    // A title look-up files every role of the corpus under its posts on first use:
    // most of a first check's cost on a corpus of Reuters' size when left to it.
    const titled = article.people.find((p) => p.role !== undefined);
    if (titled?.role) await store.findPostHolders([{ role: titled.role.text, person: titled.fullName }], { maxHolders: 8 });
    if (sentence) {
      const tokens = tokenize(article.text, sentence.start, sentence.end);
      const words = [...new Set(tokens.map((t) => t.norm).filter((w) => w.length >= 3 && !STOPWORDS.has(w)))];
      const capitalised = [...new Set(tokens.filter((t) => /^\p{Lu}/u.test(article.text.slice(t.start, t.end))).map((t) => t.norm))];
      await store.findAlignedSentences([{ words, names: capitalised }]);
      const date = article.dates.find((d) => d.span.start >= sentence.start && d.span.end <= sentence.end);
      if (date) {
        const before = tokenize(article.text, sentence.start, date.span.start).slice(-6);
        const after = tokenize(article.text, date.span.end, sentence.end).slice(0, 4);
        await store.findDatesInContext([{ before, after }]);
      }
    }
    const withEvent = article.dates.find((d) => d.eventWords.length > 0);
    if (withEvent) await store.findDatesByEvent([eventMatchKeys(withEvent.eventWords)]);
    const refs = hits.flatMap((h) => [...h.exact.map((e) => e.ref), ...(h.closest ? [h.closest.ref] : [])]);
    if (refs.length > 0) await store.cite(refs);
  } catch {
    // Nothing to report: the real checks will meet the same problem and report it.
  }
}

function isSampleQuote(text: string): boolean {
  return text.length <= MAX_SAMPLE_LENGTH && text.split(/\s+/).length >= 5;
}

/** The first article from `from` on (around the corpus) with a quotation, else the one at `from`; none in an empty corpus. */
function sampleArticle(articles: readonly ArticleRecord[], from: number): ArticleRecord | undefined {
  const n = articles.length;
  if (n === 0) return undefined;
  for (let k = 0; k < Math.min(n, MAX_ARTICLES_LOOKED_AT); k++) {
    const article = articles[(from + k) % n];
    if (article.quotes.some((q) => isSampleQuote(q.text))) return article;
  }
  return articles[from % n];
}
