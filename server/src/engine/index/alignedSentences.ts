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
import { type ArticleRecord, sentenceAt } from './articleRecord';
import { articleOfToken, type TokenIndex } from './tokenIndex';

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
  // Another anchor within reach of this occurrence (two binary searches): most occurrences have none and cost no more.
  const near = (k: number, pos: number): boolean => {
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j];
      if (j === k || id < 0) continue;
      const end = tokens.postingStart[id + 1];
      const i = lowerBound(tokens.postings, tokens.postingStart[id], end, pos > NEAR_TOKENS ? pos - NEAR_TOKENS : 0);
      if (i < end && tokens.postings[i] <= pos + NEAR_TOKENS) return true;
    }
    return false;
  };
  for (let k = 0; k < Math.min(2, ids.length); k++) {
    const id = ids[k];
    if (id < 0) continue;
    for (let p = tokens.postingStart[id]; p < tokens.postingStart[id + 1]; p++) {
      const pos = tokens.postings[p];
      if (!near(k, pos)) continue;
      const a = articleOfToken(tokens, pos);
      const s = sentenceAt(articles[a], tokens.tokenStart[pos]);
      if (s < 0) continue;
      let perArticle = hits.get(a);
      if (!perArticle) hits.set(a, (perArticle = new Map()));
      if (s > 0) perArticle.set(s - 1, 0);
      perArticle.set(s, 0);
    }
  }
  for (const [a, starts] of hits) {
    for (const s of starts.keys()) starts.set(s, anchorBits(articles[a], a, s, tokens, ids));
  }
  const wanted = new Map<number, number>();
  query.words.forEach((w) => {
    const id = tokens.vocabulary.get(w);
    if (id !== undefined) wanted.set(id, wanted.size);
  });
  const marks = new WordMarks(wanted.size);
  const scored: Array<{ a: number; first: number; last: number; matched: number }> = [];
  const seen = new Set<string>();
  for (const [a, starts] of hits) {
    for (const [s, bits] of starts) {
      if (popCount(bits) < MIN_ANCHOR_HITS) continue;
      const best = bestWindow(articles[a], a, s, tokens, wanted, marks);
      if (!best || best.matched < MIN_ALIGN_MATCHED || best.matched / query.words.length < MIN_ALIGN_COVERAGE) continue;
      const key = `${a}:${best.first}:${best.last}`;
      if (seen.has(key)) continue;
      seen.add(key);
      scored.push({ a, ...best });
    }
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

/** Of sentence `s`, sentence `s + 1` and the two together, the window covering most of the query (one sentence unless the pair adds enough). */
function bestWindow(
  article: ArticleRecord,
  a: number,
  s: number,
  tokens: TokenIndex,
  wanted: ReadonlyMap<number, number>,
  marks: WordMarks,
): { first: number; last: number; matched: number } | undefined {
  const count = (first: number, last: number): number => {
    if (first < 0 || last >= article.sentences.length) return -1;
    const base = tokens.articleFirstToken[a];
    const end = tokens.articleFirstToken[a + 1];
    const from = lowerBound(tokens.tokenStart, base, end, article.sentences[first].start);
    const to = lowerBound(tokens.tokenStart, from, end, article.sentences[last].end);
    marks.clear();
    let found = 0;
    for (let t = from; t < to; t++) {
      const k = wanted.get(tokens.tokenWord[t]);
      if (k !== undefined && marks.mark(k)) found++;
    }
    return found;
  };
  const one = count(s, s);
  const next = count(s + 1, s + 1);
  const pair = count(s, s + 1);
  const single = one >= next ? { first: s, last: s, matched: one } : { first: s + 1, last: s + 1, matched: next };
  const total = wanted.size || 1;
  if (pair > 0 && (pair - single.matched) / total >= PAIR_GAIN) return { first: s, last: s + 1, matched: pair };
  return single.matched > 0 ? single : undefined;
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
function anchorBits(article: ArticleRecord, a: number, s: number, tokens: TokenIndex, ids: readonly number[]): number {
  const last = Math.min(s + 1, article.sentences.length - 1);
  const base = tokens.articleFirstToken[a];
  const end = tokens.articleFirstToken[a + 1];
  const from = lowerBound(tokens.tokenStart, base, end, article.sentences[s].start);
  const to = lowerBound(tokens.tokenStart, from, end, article.sentences[last].end);
  let bits = 0;
  ids.forEach((id, k) => {
    if (id < 0) return;
    const i = lowerBound(tokens.postings, tokens.postingStart[id], tokens.postingStart[id + 1], from);
    if (i < tokens.postingStart[id + 1] && tokens.postings[i] < to) bits |= 1 << k;
  });
  return bits;
}
