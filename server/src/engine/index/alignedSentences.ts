/**
 * Which corpus sentences a draft sentence follows: the engine's decision,
 * shared by every store (the in-memory index runs it on the whole corpus; the
 * database store on the candidate articles its SQL found, with the corpus-wide
 * word frequencies, so both pick the same anchors and the same windows).
 *
 * The rarest few content words of the draft sentence anchor the look-up: a
 * window holding two of three holds the rarest or the next, so only their
 * postings are walked (the third is found by binary search in its postings
 * over each candidate window); each window holding at least two anchors —
 * a sentence, alone or with the next — is scored by the share of the draft
 * sentence's content words it holds. Cost is the anchors' postings, bounded
 * by a frequency cap, so it stays flat as the corpus grows.
 */
import type { AlignedSource, AlignmentQuery } from '../corpusStore';
import type { DateMention } from '../types';
import { lowerBound } from '../text/sortedSearch';
import type { ArticleRecord } from './articleRecord';
import { articleOfToken, articleOfTokenFrom, type TokenIndex } from './tokenIndex';

/** Anchors per draft sentence: with three, one word changed (a swapped place) still leaves two. */
export const ALIGN_ANCHORS = 3;
/** Least anchors a window must hold to be scored. */
const MIN_ANCHOR_HITS = 2;
/** A word more frequent than this (corpus occurrences) anchors nothing: its postings would cost too much and say too little. */
export const MAX_ANCHOR_FREQUENCY = 1_000;
/** A window follows the draft sentence when it holds at least this share of the sentence's content words… */
export const MIN_ALIGN_COVERAGE = 0.6;
/** …and at least this many of them. */
export const MIN_ALIGN_MATCHED = 4;
/** Windows returned per sentence, best first, within {@link KEEP_WITHIN} of the best. */
const MAX_ALIGNED = 3;
const KEEP_WITHIN = 0.1;
/** A two-sentence window is taken over one sentence only when it covers this much more. */
const PAIR_GAIN = 0.1;
/** Two anchors further apart than this many words stand in no window (two sentences of news copy are shorter). */
const NEAR_TOKENS = 120;
/** Most people listed per aligned article. */
const MAX_PEOPLE = 40;

/** The anchors of a query: its rarest words under the frequency cap, rarest first (ties by spelling, for every store alike). */
export function alignmentAnchors(words: readonly string[], frequency: (word: string) => number | undefined): string[] {
  const known: Array<{ w: string; f: number }> = [];
  for (const w of new Set(words)) {
    const f = frequency(w);
    if (f !== undefined && f > 0 && f <= MAX_ANCHOR_FREQUENCY) known.push({ w, f });
  }
  known.sort((a, b) => a.f - b.f || (a.w < b.w ? -1 : a.w > b.w ? 1 : 0));
  return known.length >= MIN_ANCHOR_HITS ? known.slice(0, ALIGN_ANCHORS).map((k) => k.w) : [];
}

/**
 * The windows of `articles` that the query's sentence follows, best first.
 * `frequency` gives corpus-wide occurrences of a word (the in-memory index's
 * own postings, or a database's word statistics).
 */
export function alignSentences(
  articles: readonly ArticleRecord[],
  tokens: TokenIndex,
  query: AlignmentQuery,
  frequency: (word: string) => number | undefined,
): AlignedSource[] {
  const anchors = alignmentAnchors(query.words, frequency);
  if (anchors.length < MIN_ANCHOR_HITS || query.words.length < MIN_ALIGN_MATCHED) return [];
  // Windows (a sentence and the next) holding two anchors hold the rarest or the second rarest: only their postings
  // are walked; the other anchors are looked up in each candidate window by binary search in their postings.
  const ids = anchors.map((w) => tokens.vocabulary.get(w) ?? -1);
  const hits = new Map<number, Map<number, number>>();
  const { postings, postingStart } = tokens;
  const sentenceTable = sentenceTableOf(articles, tokens);
  // Another anchor within reach of an occurrence: the other anchors' postings are walked beside this one's (positions
  // only grow, so each cursor only moves forward) — the same answer as a binary search per occurrence, for less.
  const cursor = new Int32Array(ids.length);
  for (let k = 0; k < Math.min(2, ids.length); k++) {
    const id = ids[k];
    if (id < 0) continue;
    for (let j = 0; j < ids.length; j++) cursor[j] = ids[j] < 0 ? 0 : postingStart[ids[j]];
    let a = -1;
    let articleEnd = -1;
    let perArticle: Map<number, number> | undefined;
    for (let p = postingStart[id]; p < postingStart[id + 1]; p++) {
      const pos = postings[p];
      const reach = pos > NEAR_TOKENS ? pos - NEAR_TOKENS : 0;
      let near = false;
      for (let j = 0; j < ids.length && !near; j++) {
        const other = ids[j];
        if (j === k || other < 0) continue;
        const end = postingStart[other + 1];
        let c = cursor[j];
        while (c < end && postings[c] < reach) c++;
        cursor[j] = c;
        near = c < end && postings[c] <= pos + NEAR_TOKENS;
      }
      if (!near) continue;
      // Occurrences come in corpus order: the article of the last one usually holds this one too.
      if (a < 0 || pos >= articleEnd || pos < tokens.articleFirstToken[a]) {
        a = a < 0 || pos < tokens.articleFirstToken[a] ? articleOfToken(tokens, pos) : articleOfTokenFrom(tokens, pos, a);
        articleEnd = tokens.articleFirstToken[a + 1];
        perArticle = undefined;
      }
      const s = sentenceOfToken(sentenceTokensOf(sentenceTable, articles, tokens, a), pos);
      if (s < 0) continue;
      if (!perArticle) {
        perArticle = hits.get(a);
        if (!perArticle) hits.set(a, (perArticle = new Map()));
      }
      if (s > 0) perArticle.set(s - 1, 0);
      perArticle.set(s, 0);
    }
  }
  for (const [a, starts] of hits) {
    const ranges = sentenceTokensOf(sentenceTable, articles, tokens, a);
    for (const s of starts.keys()) starts.set(s, anchorBits(ranges, s, tokens, ids));
  }
  // The query's words by token id, numbered in order of first use: a table over the vocabulary (kept per index,
  // cleared after each query) so a window's tokens are looked up by index rather than hashed.
  const wanted = wantedTableOf(tokens);
  const used: number[] = [];
  for (const w of query.words) {
    const id = tokens.vocabulary.get(w);
    if (id !== undefined && wanted[id] === 0) {
      used.push(id);
      wanted[id] = used.length;
    }
  }
  const scored: Array<{ a: number; first: number; last: number; matched: number }> = [];
  try {
    const window = new WindowCounter(wanted, used.length);
    const seen = new Set<string>();
    for (const [a, starts] of hits) {
      for (const [s, bits] of starts) {
        if (popCount(bits) < MIN_ANCHOR_HITS) continue;
        const best = window.best(sentenceTokensOf(sentenceTable, articles, tokens, a), s, tokens.tokenWord);
        if (!best || best.matched < MIN_ALIGN_MATCHED || best.matched / query.words.length < MIN_ALIGN_COVERAGE) continue;
        const key = `${a}:${best.first}:${best.last}`;
        if (seen.has(key)) continue;
        seen.add(key);
        scored.push({ a, ...best });
      }
    }
  } finally {
    for (const id of used) wanted[id] = 0;
  }
  if (scored.length === 0) return [];
  // Best coverage first; among equals the shorter window, then corpus order.
  scored.sort((x, y) => y.matched - x.matched || x.last - x.first - (y.last - y.first) || x.a - y.a || x.first - y.first);
  const top = scored[0].matched;
  return scored
    .filter((c) => (top - c.matched) / query.words.length <= KEEP_WITHIN)
    .slice(0, MAX_ALIGNED)
    .map((c) => source(articles[c.a], c.a, c.first, c.last, c.matched / query.words.length, c.matched, tokens, query));
}

/** Per token index, a zeroed table over its vocabulary that a query fills (word id → 1 + the word's number) and clears. */
const wantedTables = new WeakMap<TokenIndex, Int32Array>();

function wantedTableOf(tokens: TokenIndex): Int32Array {
  const size = tokens.postingStart.length;
  let table = wantedTables.get(tokens);
  if (!table || table.length < size) wantedTables.set(tokens, (table = new Int32Array(size)));
  return table;
}

/**
 * Of sentence `s`, sentence `s + 1` and the two together, the window covering
 * most of the query (one sentence unless the pair adds enough). The pair's
 * count is gathered while counting the two sentences (and any tokens between
 * them), so each token of the window is read once.
 */
class WindowCounter {
  private readonly inFirst: WordMarks;
  private readonly inNext: WordMarks;

  constructor(
    private readonly wanted: Int32Array,
    private readonly words: number,
  ) {
    this.inFirst = new WordMarks(words);
    this.inNext = new WordMarks(words);
  }

  /** The best window at sentence `s` of an article whose sentences' token ranges are `ranges`. */
  best(ranges: Int32Array, s: number, tokenWord: Uint32Array): { first: number; last: number; matched: number } | undefined {
    const { wanted, inFirst, inNext } = this;
    const from = ranges[2 * s];
    const to = ranges[2 * s + 1];
    inFirst.clear();
    let one = 0;
    for (let t = from; t < to; t++) {
      const k = wanted[tokenWord[t]];
      if (k !== 0 && inFirst.mark(k - 1)) one++;
    }
    let next = -1;
    let pair = -1;
    if (2 * (s + 1) < ranges.length) {
      const nextFrom = ranges[2 * (s + 1)];
      const nextTo = ranges[2 * (s + 1) + 1];
      // The pair spans [from, nextTo): sentence s, whatever lies between the two, then sentence s + 1.
      pair = one;
      for (let t = to; t < nextFrom; t++) {
        const k = wanted[tokenWord[t]];
        if (k !== 0 && inFirst.mark(k - 1)) pair++;
      }
      inNext.clear();
      next = 0;
      for (let t = nextFrom; t < nextTo; t++) {
        const k = wanted[tokenWord[t]];
        if (k === 0) continue;
        if (inNext.mark(k - 1)) next++;
        if (inFirst.mark(k - 1)) pair++;
      }
    }
    const single = one >= next ? { first: s, last: s, matched: one } : { first: s + 1, last: s + 1, matched: next };
    const total = this.words || 1;
    if (pair > 0 && (pair - single.matched) / total >= PAIR_GAIN) return { first: s, last: s + 1, matched: pair };
    return single.matched > 0 ? single : undefined;
  }
}

function source(article: ArticleRecord, a: number, first: number, last: number, coverage: number, matched: number, tokens: TokenIndex, query: AlignmentQuery): AlignedSource {
  const start = article.sentences[first].start;
  const end = article.sentences[last].end;
  const dates: DateMention[] = article.dates.filter((d) => d.span.start >= start && d.span.end <= end);
  const out: AlignedSource = {
    ref: { articleId: article.id, span: { start, end } },
    text: article.text.slice(start, end),
    coverage,
    matched,
    dates,
    namesInArticle: query.names.filter((n) => articleUses(tokens, a, n)),
    people: [...new Set(article.people.map((p) => p.fullName))].slice(0, MAX_PEOPLE),
  };
  if (article.meta.date) out.articleDate = article.meta.date;
  return out;
}

/** Whether article `a` holds the word `norm` (a binary search in its postings). */
function articleUses(tokens: TokenIndex, a: number, norm: string): boolean {
  const id = tokens.vocabulary.get(norm);
  if (id === undefined) return false;
  const from = tokens.postingStart[id];
  const to = tokens.postingStart[id + 1];
  const i = lowerBound(tokens.postings, from, to, tokens.articleFirstToken[a]);
  return i < to && tokens.postings[i] < tokens.articleFirstToken[a + 1];
}

/**
 * Which of a query's words a window holds, counted without a set per window:
 * a word is marked with the current round's stamp, and a new round is a new stamp.
 */
class WordMarks {
  private readonly stamps: Uint32Array;
  private round = 1;

  constructor(words: number) {
    this.stamps = new Uint32Array(words);
  }

  /** Starts a new window: no word marked. */
  clear(): void {
    this.round++;
  }

  /** Marks word `k`; whether it was not marked yet in this window. */
  mark(k: number): boolean {
    if (this.stamps[k] === this.round) return false;
    this.stamps[k] = this.round;
    return true;
  }
}

function popCount(bits: number): number {
  let n = 0;
  for (let b = bits; b; b &= b - 1) n++;
  return n;
}

/** Which anchors (bits, by position in `ids`) stand in the window of sentence `s` and the next. */
function anchorBits(ranges: Int32Array, s: number, tokens: TokenIndex, ids: readonly number[]): number {
  const last = Math.min(s + 1, ranges.length / 2 - 1);
  const from = ranges[2 * s];
  const to = ranges[2 * last + 1];
  let bits = 0;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    if (id < 0) continue;
    const i = lowerBound(tokens.postings, tokens.postingStart[id], tokens.postingStart[id + 1], from);
    if (i < tokens.postingStart[id + 1] && tokens.postings[i] < to) bits |= 1 << k;
  }
  return bits;
}

/**
 * The token range of each sentence of each article an alignment touched,
 * kept per token index (it depends on the corpus alone, so a draft checked
 * again, or typed on, finds it ready): `[first, end)` of sentence `i` at
 * `2i`, `2i + 1` — the same `lowerBound`s over token starts a window would
 * otherwise do on every query.
 */
interface SentenceTokenTable {
  articles: readonly ArticleRecord[];
  ranges: Array<Int32Array | undefined>;
}

const sentenceTables = new WeakMap<TokenIndex, SentenceTokenTable>();

function sentenceTableOf(articles: readonly ArticleRecord[], tokens: TokenIndex): SentenceTokenTable {
  let table = sentenceTables.get(tokens);
  if (!table || table.articles !== articles) sentenceTables.set(tokens, (table = { articles, ranges: new Array(articles.length) }));
  return table;
}

function sentenceTokensOf(table: SentenceTokenTable, articles: readonly ArticleRecord[], tokens: TokenIndex, a: number): Int32Array {
  let ranges = table.ranges[a];
  if (ranges) return ranges;
  const sentences = articles[a].sentences;
  ranges = new Int32Array(sentences.length * 2);
  const base = tokens.articleFirstToken[a];
  const end = tokens.articleFirstToken[a + 1];
  for (let i = 0; i < sentences.length; i++) {
    const from = lowerBound(tokens.tokenStart, base, end, sentences[i].start);
    ranges[2 * i] = from;
    ranges[2 * i + 1] = lowerBound(tokens.tokenStart, from, end, sentences[i].end);
  }
  table.ranges[a] = ranges;
  return ranges;
}

/**
 * The sentence holding token `pos` (the last one starting at or before it),
 * or -1: the sentence whose first token is at or before `pos` is the one
 * starting at or before the token's offset, token starts ascending.
 */
function sentenceOfToken(ranges: Int32Array, pos: number): number {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[2 * mid] <= pos) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
