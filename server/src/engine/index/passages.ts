import type { TokenIndex } from './tokenIndex';
import { articleOfToken, articleOfTokenFrom, wordFrequency } from './tokenIndex';
import { corpusFrequency, corpusTotalWords } from './corpusWordStats';
import { STOPWORDS, type WordToken } from '../text/tokens';
import { lowerBound } from '../text/sortedSearch';
import type { QuoteSegment } from '../extract/quoteSegments';

/** Where a quotation stands in the corpus: an article and a token range (inclusive first, exclusive end). */
export interface PassageMatch {
  article: number;
  firstToken: number;
  endToken: number;
}

/** The closest corpus passage to a quotation that is not found verbatim. */
export interface ClosestPassage extends PassageMatch {
  /** 2·(words in common) / (quote words + passage words), in [0, 1]. */
  similarity: number;
  /** Quote words found in the passage, in order. */
  common: number;
  /** Alignment of quote tokens (index into the quote) to passage tokens (global positions), in order. */
  pairs: Array<[number, number]>;
}

/** Most tokens an elided gap may span between two segments of one quotation. */
const MAX_ELISION_GAP = 400;
/** Most tokens an editorial [insertion] may stand for. */
const MAX_INSERTION_GAP = 8;
/** Most quotation words aligned against a candidate passage. */
const MAX_ALIGNED_WORDS = 300;
/** Buckets numbered per article: article × this + bucket (an article of 8 MB has ~100,000; 2^21 × a million articles stays exact in a double). */
const ARTICLE_BUCKETS = 2 ** 21;
/** Most exact occurrences collected for one quotation by default (a quote cited by hundreds of articles needs no more). */
const MAX_EXACT = 25;

/** Word ids of tokens; -1 for a word the corpus never uses. */
export function toWordIds(index: TokenIndex, tokens: readonly WordToken[]): Int32Array {
  const ids = new Int32Array(tokens.length);
  tokens.forEach((t, i) => {
    ids[i] = index.vocabulary.get(t.norm) ?? -1;
  });
  return ids;
}

/** Does the token run `ids` stand at global position `pos`, inside `[lo, hi)`? */
function runAt(index: TokenIndex, ids: Int32Array, pos: number, lo: number, hi: number): boolean {
  if (pos < lo || pos + ids.length > hi) return false;
  for (let i = 0; i < ids.length; i++) if (index.tokenWord[pos + i] !== ids[i]) return false;
  return true;
}

/**
 * Positions where the run `ids` stands inside `[lo, hi)`, found through the
 * postings of its rarest word, in ascending order; `visit` returns false to
 * stop early (a caller that needs a few matches does not pay for thousands).
 */
function forEachRunPosition(index: TokenIndex, ids: Int32Array, lo: number, hi: number, visit: (start: number) => boolean): void {
  let rarest = -1;
  let rarestFreq = Infinity;
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] < 0) return;
    const f = wordFrequency(index, ids[i]);
    if (f < rarestFreq) {
      rarestFreq = f;
      rarest = i;
    }
  }
  if (rarest < 0) return;
  const w = ids[rarest];
  const to = index.postingStart[w + 1];
  // Postings are ascending: skip to the window when one is given.
  for (let k = lowerBound(index.postings, index.postingStart[w], to, lo + rarest); k < to; k++) {
    const start = index.postings[k] - rarest;
    if (start + ids.length > hi) break;
    if (runAt(index, ids, start, lo, hi) && !visit(start)) return;
  }
}

/** The first or the last position of the run `ids` inside `[lo, hi)`, or -1. */
function runPosition(index: TokenIndex, ids: Int32Array, lo: number, hi: number, which: 'first' | 'last'): number {
  let found = -1;
  forEachRunPosition(index, ids, lo, hi, (start) => {
    found = start;
    return which === 'last';
  });
  return found;
}

/**
 * Every place where all segments of a quotation stand verbatim (after word
 * normalisation), in order, within one article: the first segment anywhere,
 * each next one after the previous, within an elision's or insertion's reach.
 */
export function findExactPassages(index: TokenIndex, segments: readonly QuoteSegment[], limit = MAX_EXACT): PassageMatch[] {
  if (segments.length === 0) return [];
  const segIds = segments.map((s) => toWordIds(index, s.tokens));
  // Anchor on the segment with the rarest word: its postings are the shortest walk.
  let anchor = 0;
  let anchorFreq = Infinity;
  segIds.forEach((ids, i) => {
    const f = rarestFrequency(index, ids);
    if (f < anchorFreq) {
      anchorFreq = f;
      anchor = i;
    }
  });
  if (anchorFreq === 0) return [];
  const reachBefore = (s: number): number => (segments[s].gapBefore === 'insertion' ? MAX_INSERTION_GAP : MAX_ELISION_GAP);
  const out: PassageMatch[] = [];
  forEachRunPosition(index, segIds[anchor], 0, index.tokenWord.length, (anchorStart) => {
    const article = articleOfToken(index, anchorStart);
    const articleStart = index.articleFirstToken[article];
    const articleEnd = index.articleFirstToken[article + 1];
    // The token stream runs on from one article into the next: a run that starts at an article's last words
    // and ends in the next article's first ("… it" + "The …") is in no article.
    if (anchorStart + segIds[anchor].length > articleEnd) return true;
    // Later segments: each the first occurrence after the previous one, within reach.
    let end = anchorStart + segIds[anchor].length;
    for (let s = anchor + 1; s < segments.length; s++) {
      const next = runPosition(index, segIds[s], end, Math.min(articleEnd, end + reachBefore(s) + segIds[s].length), 'first');
      if (next < 0) return true;
      end = next + segIds[s].length;
    }
    // Earlier segments: each the last occurrence before the next one, within reach.
    let start = anchorStart;
    for (let s = anchor - 1; s >= 0; s--) {
      const prev = runPosition(index, segIds[s], Math.max(articleStart, start - reachBefore(s + 1) - segIds[s].length), start, 'last');
      if (prev < 0) return true;
      start = prev;
    }
    out.push({ article, firstToken: start, endToken: end });
    return out.length < limit;
  });
  return out;
}

/** Corpus frequency of the rarest word of a run (0 when a word never occurs). */
function rarestFrequency(index: TokenIndex, ids: Int32Array): number {
  let min = Infinity;
  for (let i = 0; i < ids.length; i++) min = ids[i] < 0 ? 0 : Math.min(min, wordFrequency(index, ids[i]));
  return ids.length === 0 ? Infinity : min;
}

/** Options for {@link findClosestPassage}. */
export interface ClosestOptions {
  /** Least similarity to report (default 0.6). */
  minSimilarity?: number;
  /** How many candidate regions to align (default 8). */
  candidates?: number;
}

/**
 * The corpus passage most like the quotation, when none holds it verbatim.
 * Candidate regions come from the postings of the quotation's rarest content
 * words (each occurrence votes for where the quote would start); only the
 * best few regions are aligned word by word.
 */
export function findClosestPassage(index: TokenIndex, tokens: readonly WordToken[], options: ClosestOptions = {}): ClosestPassage | undefined {
  const minSimilarity = options.minSimilarity ?? 0.6;
  // Alignment is quadratic: a runaway quotation (an unclosed quote mark) is judged by its opening words.
  const n = Math.min(tokens.length, MAX_ALIGNED_WORDS);
  if (n < 3) return undefined;
  const ids = toWordIds(index, tokens.slice(0, n));
  // Weighed by the whole corpus's counts, also when this index holds only some of its articles (a database's candidates).
  const total = Math.max(1, corpusTotalWords(index));
  const content: Array<{ i: number; freq: number }> = [];
  for (let i = 0; i < n; i++) {
    if (STOPWORDS.has(tokens[i].norm)) continue;
    const freq = corpusFrequency(index, ids[i], tokens[i].norm);
    if (freq > 0) content.push({ i, freq });
  }
  if (content.length === 0) return undefined;
  const contentWords = tokens.slice(0, n).filter((t) => !STOPWORDS.has(t.norm)).length;
  content.sort((a, b) => a.freq - b.freq);
  // The rarest words place a quote; a word in one corpus token of 200 adds cost, not information.
  // An absolute cap keeps the cost flat as the corpus grows.
  const common = Math.min(3_000, Math.max(1_000, total / 2_000));
  const voters = content.filter((c, i) => i < 3 || c.freq <= common).slice(0, 8);
  const BUCKET = 16;
  // Buckets are counted from each article's first word (a place is inside one article): a vote
  // never lands in the article before, and an article's votes do not depend on what precedes it,
  // so an index of some articles votes for them as the whole corpus does.
  // Each voter's buckets ascend (postings do), so the votes are a merge of sorted lists, not a map of tens of thousands.
  const lists: VoterBuckets[] = [];
  for (const { i, freq } of voters) {
    const w = ids[i];
    if (w < 0) continue;
    const from = index.postingStart[w];
    const end = index.postingStart[w + 1];
    const buckets = new Float64Array(end - from);
    let count = 0;
    const articles = postingArticles(index, w);
    for (let k = from; k < end; k++) {
      const article = articles[k - from];
      const offset = index.postings[k] - i - index.articleFirstToken[article];
      const bucket = article * ARTICLE_BUCKETS + (offset > 0 ? Math.floor(offset / BUCKET) : 0);
      // A voter votes once per bucket: the same bucket again is the last one.
      if (count > 0 && buckets[count - 1] === bucket) continue;
      buckets[count++] = bucket;
    }
    lists.push({ buckets, count, weight: Math.log(1 + total / freq) });
  }
  const top = topVoted(lists, options.candidates ?? 8);
  let best: ClosestPassage | undefined;
  for (const [bucket] of top) {
    const article = Math.floor(bucket / ARTICLE_BUCKETS);
    const approxStart = index.articleFirstToken[article] + (bucket % ARTICLE_BUCKETS) * BUCKET;
    const lo = Math.max(index.articleFirstToken[article], approxStart - n);
    const hi = Math.min(index.articleFirstToken[article + 1], approxStart + BUCKET + 2 * n);
    if (hi <= lo) continue;
    let pairs = tightestRun(alignTokens(ids, index.tokenWord, lo, hi).pairs, n);
    if (pairs.length < 3) continue;
    // Realign in the passage found, widened by the quote words left unpaired at either end:
    // a first pass may have paired an opening word with a stray earlier occurrence.
    const lo2 = Math.max(index.articleFirstToken[article], pairs[0][1] - pairs[0][0]);
    const hi2 = Math.min(index.articleFirstToken[article + 1], pairs[pairs.length - 1][1] + (n - pairs[pairs.length - 1][0]));
    pairs = tightestRun(alignTokens(ids, index.tokenWord, lo2, hi2).pairs, n);
    if (pairs.length < 3) continue;
    const first = pairs[0][1];
    const last = pairs[pairs.length - 1][1];
    const similarity = (2 * pairs.length) / (n + last - first + 1);
    // Function words align anywhere ("we … not … on the"): most content words must be shared too.
    const sharedContent = pairs.filter(([q]) => !STOPWORDS.has(tokens[q].norm)).length;
    const contentOk = sharedContent >= 2 && sharedContent * 2 >= contentWords;
    if (contentOk && similarity >= minSimilarity && (!best || similarity > best.similarity)) {
      best = { article, firstToken: first, endToken: last + 1, similarity, common: pairs.length, pairs };
    }
  }
  return best;
}

/** Postings whose articles are kept per index (4 bytes each); past this many the table starts afresh. */
const MAX_POSTING_ARTICLES = 1_000_000;

/** Per token index: the article of each posting of the words that voted lately (it depends on the corpus alone). */
const postingArticleTables = new WeakMap<TokenIndex, { words: Map<number, Uint32Array>; held: number }>();

/**
 * The article of each posting of word `w`, in posting order: a draft's
 * quotations vote with the same words check after check, and finding the
 * articles of a thousand postings is most of a vote's cost.
 */
function postingArticles(index: TokenIndex, w: number): Uint32Array {
  let table = postingArticleTables.get(index);
  if (!table) postingArticleTables.set(index, (table = { words: new Map(), held: 0 }));
  const known = table.words.get(w);
  if (known) return known;
  const from = index.postingStart[w];
  const end = index.postingStart[w + 1];
  const articles = new Uint32Array(end - from);
  // Postings ascend: the article is looked up again only when a posting leaves the last one.
  let article = -1;
  let articleEnd = -1;
  for (let k = from; k < end; k++) {
    const pos = index.postings[k];
    if (pos >= articleEnd || article < 0) {
      article = article < 0 ? articleOfToken(index, pos) : articleOfTokenFrom(index, pos, article);
      articleEnd = index.articleFirstToken[article + 1] ?? Number.MAX_SAFE_INTEGER;
    }
    articles[k - from] = article;
  }
  if (table.held + articles.length > MAX_POSTING_ARTICLES) {
    table.words.clear();
    table.held = 0;
  }
  if (articles.length <= MAX_POSTING_ARTICLES) {
    table.words.set(w, articles);
    table.held += articles.length;
  }
  return articles;
}

/** One voter's buckets, ascending and distinct, and the weight of its vote. */
interface VoterBuckets {
  buckets: Float64Array;
  count: number;
  weight: number;
}

/**
 * The `k` buckets with the most votes (the sum of the weights of the voters
 * holding them), most first. Ties go to the bucket voted for first — by the
 * first voter holding it, then in that voter's order — and each sum adds the
 * weights in voter order: what counting in a map in voter order and stably
 * sorting it would give, here by merging the voters' sorted lists.
 */
function topVoted(lists: readonly VoterBuckets[], k: number): Array<[number, number]> {
  const top: Array<{ bucket: number; votes: number; rank: number }> = [];
  if (k <= 0) return [];
  const heads = new Int32Array(lists.length);
  // Each voter's bucket at its head (Infinity once its list is spent): the merge reads one array, not the lists.
  const headBucket = new Float64Array(lists.length);
  for (let v = 0; v < lists.length; v++) headBucket[v] = lists[v].count > 0 ? lists[v].buckets[0] : Infinity;
  // Ranks: voter index × 2^32 + position in its list (exact in a double).
  const RANK_VOTER = 2 ** 32;
  for (;;) {
    let min = Infinity;
    for (let v = 0; v < lists.length; v++) if (headBucket[v] < min) min = headBucket[v];
    if (min === Infinity) break;
    let votes = 0;
    let rank = -1;
    for (let v = 0; v < lists.length; v++) {
      if (headBucket[v] !== min) continue;
      if (rank < 0) rank = v * RANK_VOTER + heads[v];
      votes += lists[v].weight;
      const h = ++heads[v];
      headBucket[v] = h < lists[v].count ? lists[v].buckets[h] : Infinity;
    }
    if (top.length === k && !ranksBefore(votes, rank, top[k - 1])) continue;
    let at = top.length;
    while (at > 0 && ranksBefore(votes, rank, top[at - 1])) at--;
    top.splice(at, 0, { bucket: min, votes, rank });
    if (top.length > k) top.pop();
  }
  return top.map((t) => [t.bucket, t.votes]);
}

/** Whether a bucket with `votes` first voted at `rank` goes before `other`. */
function ranksBefore(votes: number, rank: number, other: { votes: number; rank: number }): boolean {
  return votes > other.votes || (votes === other.votes && rank < other.rank);
}

/**
 * Longest common subsequence of the quote's word ids and a window of corpus
 * tokens, as pairs (quote index, global corpus position).
 */
export function alignTokens(quote: Int32Array, corpus: Uint32Array, lo: number, hi: number): { pairs: Array<[number, number]> } {
  const n = quote.length;
  const m = hi - lo;
  // Rolling DP would lose the backtrack; n·m stays small (quotes are short, windows ~3n).
  const dp = new Uint16Array((n + 1) * (m + 1));
  const W = m + 1;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * W + j] =
        quote[i] >= 0 && quote[i] === corpus[lo + j] ? dp[(i + 1) * W + j + 1] + 1 : Math.max(dp[(i + 1) * W + j], dp[i * W + j + 1]);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (quote[i] >= 0 && quote[i] === corpus[lo + j]) {
      pairs.push([i, lo + j]);
      i++;
      j++;
    } else if (dp[(i + 1) * W + j] >= dp[i * W + j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  return { pairs };
}

/**
 * The sub-run of an alignment with the best similarity: LCS may pair a stray
 * "the" far from the passage, which would stretch the passage; dropping such
 * outliers at either end gives the passage the quote was taken from.
 */
function tightestRun(pairs: Array<[number, number]>, n: number): Array<[number, number]> {
  let bestS = 0;
  let bestE = pairs.length - 1;
  let bestSim = -1;
  for (let s = 0; s < pairs.length; s++) {
    for (let e = pairs.length - 1; e >= s; e--) {
      const sim = (2 * (e - s + 1)) / (n + pairs[e][1] - pairs[s][1] + 1);
      if (sim > bestSim) {
        bestSim = sim;
        bestS = s;
        bestE = e;
      }
    }
  }
  return pairs.slice(bestS, bestE + 1);
}
