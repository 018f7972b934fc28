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
/**
 * Names of a sampled article looked up, each also misspelled: a near-spelling
 * search is the dearest look-up (a first check's arriving meanwhile waits
 * for the one running), and a few run its paths as well as more.
 */
const MAX_NAMES = 3;
/** Titles of a sampled article looked up (each new post is ranked once: a few ms for a common one). */
const MAX_TITLES = 4;
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
  /**
   * Awaited between two look-ups of one article: a host yields there too when
   * the first check's look-ups may arrive meanwhile (they are answered before
   * the rest of the warm-up, not after it).
   */
  betweenLookUps?: () => Promise<void>;
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
    if (article) await warmUpOn(yielding(store, options.betweenLookUps), article);
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
    // The look-ups that build a table on first use come first (a first check arriving meanwhile finds them
    // built, and while the draft is being read, before its first look-up, there is time for them).
    const names = [...new Set(article.people.map((p) => p.fullName))].slice(0, MAX_NAMES);
    // A misspelled name (last letter doubled) takes the near-spelling path, which builds the fuzzy name index.
    const misspelled = names.filter((n) => n.includes(' ')).map((n) => `${n}${n.slice(-1)}`);
    await store.knowsPeople([...names, ...misspelled]);
    // A title look-up files every role of the corpus under its posts on first use (most of a first check's cost
    // on a corpus of Reuters' size when left to it), and ranks a post's holders the first time the post is asked
    // about (a bare "chairman" sums hundreds of roles): the sampled articles' titles are the posts drafts ask about.
    const titled = article.people.filter((p) => p.role !== undefined).slice(0, MAX_TITLES);
    if (titled.length > 0) await store.findPostHolders(titled.map((p) => ({ role: p.role!.text, person: p.fullName })), { maxHolders: 8 });
    await store.findPeople([...names, ...misspelled], { maxCitations: 5 });
    // A name spelled near a known one is looked for as written (the names check asks whether the sources spell it so).
    await store.hasPhrases([...names.slice(0, 2), ...misspelled.slice(0, 2)]);
    const hits = await store.findQuotations(queries);
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

type LookUp = Exclude<keyof CorpusStore, 'stats' | 'search'>;
const LOOK_UPS: readonly LookUp[] = ['findQuotations', 'findPeople', 'knowsPeople', 'findPostHolders', 'hasPhrases', 'findDatesInContext', 'findDatesByEvent', 'findAlignedSentences', 'cite'];

/** `store`, awaiting `pause` before each look-up after the first (itself when there is no pause). */
function yielding(store: CorpusStore, pause: (() => Promise<void>) | undefined): CorpusStore {
  if (!pause) return store;
  let first = true;
  const wrapped: Partial<Record<LookUp, (...args: never[]) => Promise<unknown>>> = {};
  for (const name of LOOK_UPS) {
    const lookUp = (store[name] as (...args: never[]) => Promise<unknown>).bind(store);
    wrapped[name] = async (...args: never[]) => {
      if (!first) await pause();
      first = false;
      return lookUp(...args);
    };
  }
  return { ...(wrapped as unknown as CorpusStore), stats: store.stats, search: store.search.bind(store) };
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
