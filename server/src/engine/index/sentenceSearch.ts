import type { ArticleRecord } from './articleRecord';
import { lastAtOrBefore, lowerBound } from '../text/sortedSearch';
import type { TokenIndex } from './tokenIndex';
import { tokenize } from '../text/tokens';
import { editDistance } from '../text/editDistance';

/**
 * Full-text search over corpus sentences, answered from the token index's
 * postings (no second inverted index): a sentence-level MiniSearch held
 * every corpus word again as objects, about 2 KB per sentence, which
 * cannot fit 100,000 articles in memory. Here the extra memory is 8 bytes
 * per sentence, and 4 more once searched (a reused slot per sentence); a
 * search's candidates are typed arrays, not objects. Prefix and fuzzy
 * expansion run over the vocabulary, so this is for the search command,
 * never for the typing path.
 */

/** One scored sentence. */
export interface SentenceHit {
  /** Article position in the index. */
  article: number;
  /** Sentence index within the article. */
  sentence: number;
  score: number;
  /** Corpus words that matched the query. */
  terms: string[];
}

/** Query options: the defaults match the old MiniSearch behaviour (prefix, fuzzy 0.2, AND then OR). */
export interface SentenceQueryOptions {
  prefix?: boolean;
  /** Edit distance allowed per query word, as a fraction of its length (rounded); 0 turns fuzzy matching off. */
  fuzzy?: number;
  combineWith?: 'AND' | 'OR';
}

const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const TITLE_WEIGHT = 0.5;
const MAX_EXPANSIONS = 64;
const MAX_QUERY_TERMS = 12;
// BM25 constants (every matched word counts once per sentence).
const K1 = 1.2;
const B = 0.75;

/**
 * The candidates of one search, as typed arrays instead of one object (a
 * score array and a word set) per candidate sentence: a common word makes
 * hundreds of thousands of candidates at 100,000 articles, which were ~50 MB
 * of short-lived objects. Slot `i` is sentence `sentence[i]`; its best
 * contribution of query term `t` is `termScores[i * terms + t]` (0 = not
 * matched).
 */
class Candidates {
  size = 0;
  sentence = new Uint32Array(1024);
  termScores: Float64Array;

  constructor(readonly terms: number) {
    this.termScores = new Float64Array(1024 * terms);
  }

  /** A new slot for sentence `g`, all its term scores 0. */
  add(g: number): number {
    if (this.size === this.sentence.length) {
      const sentence = new Uint32Array(this.sentence.length * 2);
      sentence.set(this.sentence);
      this.sentence = sentence;
      const scores = new Float64Array(sentence.length * this.terms);
      scores.set(this.termScores);
      this.termScores = scores;
    }
    this.sentence[this.size] = g;
    return this.size++;
  }
}

/** Sentence search over the token index of a set of articles. */
export class SentenceSearch {
  /** Global ordinal of the first sentence of article `a` (length: articles + 1). */
  private readonly articleFirstSentence: Uint32Array;
  /** First token position of each global sentence (length: sentences + 1). */
  private readonly sentenceFirstToken: Uint32Array;
  /** Article of each global sentence. */
  private readonly sentenceArticle: Uint32Array;
  private readonly avgSentenceTokens: number;
  // Derived on the first search only: most indexes serve checks, not searches.
  private sortedWords?: Uint32Array;
  private slots?: Int32Array;
  private titleArticles?: Map<string, number[]>;

  constructor(
    private readonly articles: readonly ArticleRecord[],
    private readonly tokens: TokenIndex,
  ) {
    let total = 0;
    for (const a of articles) total += a.sentences.length;
    this.articleFirstSentence = new Uint32Array(articles.length + 1);
    this.sentenceFirstToken = new Uint32Array(total + 1);
    this.sentenceArticle = new Uint32Array(total);
    let g = 0;
    for (let a = 0; a < articles.length; a++) {
      this.articleFirstSentence[a] = g;
      let p = tokens.articleFirstToken[a];
      const end = tokens.articleFirstToken[a + 1];
      for (const s of articles[a].sentences) {
        while (p < end && tokens.tokenStart[p] < s.start) p++;
        this.sentenceFirstToken[g] = p;
        this.sentenceArticle[g] = a;
        g++;
      }
    }
    this.articleFirstSentence[articles.length] = g;
    this.sentenceFirstToken[g] = tokens.tokenWord.length;
    this.avgSentenceTokens = total > 0 ? tokens.tokenWord.length / total : 1;
  }

  /** Ranked sentences for `query`, best first. */
  search(query: string, options: SentenceQueryOptions = {}, limit = 20): SentenceHit[] {
    const terms = [...new Set(tokenize(query).map((t) => t.norm))].slice(0, MAX_QUERY_TERMS);
    if (terms.length === 0) return [];
    const expansions = terms.map((t) => this.expand(t, options.prefix ?? true, options.fuzzy ?? 0.2));
    const totalSentences = this.sentenceArticle.length;
    const idf = (w: number): number => Math.log(1 + totalSentences / (1 + this.tokens.postingStart[w + 1] - this.tokens.postingStart[w]));
    // Rarest term first: in AND mode it bounds the candidates, later terms only update them.
    const order = terms
      .map((_, i) => i)
      .sort((x, y) => postingCount(this.tokens, expansions[x]) - postingCount(this.tokens, expansions[y]));
    const and = (options.combineWith ?? 'AND') === 'AND';
    const n = terms.length;
    const slots = this.slotScratch();
    const cands = new Candidates(n);
    try {
      order.forEach((ti, rank) => {
        const create = !and || rank === 0;
        for (const [w, weight] of expansions[ti]) {
          const contribution = weight * idf(w);
          for (let k = this.tokens.postingStart[w]; k < this.tokens.postingStart[w + 1]; k++) {
            const g = this.sentenceOf(this.tokens.postings[k]);
            if (g < 0) continue;
            let slot = slots[g];
            if (slot < 0) {
              if (!create) continue;
              slot = slots[g] = cands.add(g);
            }
            const at = slot * n + ti;
            if (contribution > cands.termScores[at]) cands.termScores[at] = contribution;
          }
        }
        this.addTitleMatches(slots, cands, terms[ti], expansions[ti], ti, idf);
      });
    } finally {
      // The scratch is shared by every search: left all -1 for the next one.
      for (let i = 0; i < cands.size; i++) slots[cands.sentence[i]] = -1;
    }
    const kept: number[] = [];
    const scores = new Float64Array(cands.size);
    for (let i = 0; i < cands.size; i++) {
      let sum = 0;
      let matched = 0;
      // Summed in term order (not rank order), as floating-point sums depend on it.
      for (let t = 0; t < n; t++) {
        const s = cands.termScores[i * n + t];
        sum += s;
        if (s > 0) matched++;
      }
      if (and && matched < n) continue;
      const g = cands.sentence[i];
      const len = this.sentenceFirstToken[g + 1] - this.sentenceFirstToken[g];
      const norm = (K1 + 1) / (1 + K1 * (1 - B + (B * len) / this.avgSentenceTokens));
      scores[i] = sum * norm * (matched / n);
      kept.push(i);
    }
    // Best first, then article and sentence order: the global sentence ordinal is both.
    kept.sort((x, y) => scores[y] - scores[x] || cands.sentence[x] - cands.sentence[y]);
    return kept.slice(0, limit).map((i) => {
      const g = cands.sentence[i];
      const a = this.sentenceArticle[g];
      return { article: a, sentence: g - this.articleFirstSentence[a], score: scores[i], terms: this.matchedWords(g, order, expansions).map((w) => this.tokens.words[w]) };
    });
  }

  /**
   * The corpus words of the query's expansions that sentence `g` holds, in
   * the order the search met them (terms rarest first, each term's expansion
   * in order): found again for the few hits returned instead of a word set
   * kept per candidate.
   */
  private matchedWords(g: number, order: readonly number[], expansions: ReadonlyArray<Map<number, number>>): number[] {
    const out = new Set<number>();
    const from = this.sentenceFirstToken[g];
    const to = this.sentenceFirstToken[g + 1];
    for (const ti of order) {
      for (const w of expansions[ti].keys()) {
        if (out.has(w)) continue;
        const end = this.tokens.postingStart[w + 1];
        for (let k = lowerBound(this.tokens.postings, this.tokens.postingStart[w], end, from); k < end && this.tokens.postings[k] < to; k++) {
          if (this.sentenceOf(this.tokens.postings[k]) === g) {
            out.add(w);
            break;
          }
        }
      }
    }
    return [...out];
  }

  /** Slot of each global sentence among a search's candidates (-1: none), made on the first search and reused. */
  private slotScratch(): Int32Array {
    return (this.slots ??= new Int32Array(this.sentenceArticle.length).fill(-1));
  }

  /** Global sentence containing token position `pos`, or -1 when the token stands outside every sentence. */
  private sentenceOf(pos: number): number {
    const f = this.sentenceFirstToken;
    const lo = lastAtOrBefore(this.sentenceArticle.length, pos, (i) => f[i]);
    if (lo < 0) return -1;
    const a = this.sentenceArticle[lo];
    const art = this.articles[a];
    const s = art.sentences[lo - this.articleFirstSentence[a]];
    // Boilerplate between sentences, or a token of the next article when this article ended early.
    if (pos >= this.tokens.articleFirstToken[a + 1] || this.tokens.tokenEnd[pos] > s.end) return -1;
    return lo;
  }

  /** Corpus words a query word stands for, with weights: itself, words it begins, near spellings. */
  private expand(term: string, prefix: boolean, fuzzy: number): Map<number, number> {
    const out = new Map<number, number>();
    const exact = this.tokens.vocabulary.get(term);
    if (exact !== undefined) out.set(exact, 1);
    const words = this.tokens.words;
    if (prefix) {
      const sorted = this.sorted();
      // First vocabulary entry (in sorted order) not below the term: a binary search over strings.
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (words[sorted[mid]] < term) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < sorted.length && out.size < MAX_EXPANSIONS && words[sorted[k]].startsWith(term); k++) {
        if (!out.has(sorted[k])) out.set(sorted[k], (PREFIX_WEIGHT * term.length) / words[sorted[k]].length);
      }
    }
    const maxEdits = Math.round(fuzzy * term.length);
    if (maxEdits > 0) {
      const fuzzyHits: Array<[number, number]> = [];
      for (let w = 0; w < words.length; w++) {
        const word = words[w];
        if (Math.abs(word.length - term.length) > maxEdits || out.has(w)) continue;
        const d = editDistance(term, word, maxEdits);
        if (d <= maxEdits) fuzzyHits.push([w, FUZZY_WEIGHT / (1 + d)]);
      }
      fuzzyHits.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      for (const [w, weight] of fuzzyHits) {
        if (out.size >= MAX_EXPANSIONS) break;
        out.set(w, weight);
      }
    }
    return out;
  }

  /** Title words count for every sentence of their article (a sentence already a candidate). */
  private addTitleMatches(slots: Int32Array, cands: Candidates, term: string, expansion: Map<number, number>, ti: number, idf: (w: number) => number): void {
    const titles = this.titles();
    const forms: Array<[string, number, number]> = [[term, 1, this.tokens.vocabulary.get(term) ?? -1]];
    for (const [w, weight] of expansion) if (this.tokens.words[w] !== term) forms.push([this.tokens.words[w], weight, w]);
    for (const [form, weight, w] of forms) {
      const arts = titles.get(form);
      if (!arts) continue;
      const contribution = TITLE_WEIGHT * weight * (w >= 0 ? idf(w) : 1);
      for (const a of arts) {
        for (let g = this.articleFirstSentence[a]; g < this.articleFirstSentence[a + 1]; g++) {
          const slot = slots[g];
          if (slot < 0) continue;
          const at = slot * cands.terms + ti;
          if (contribution > cands.termScores[at]) cands.termScores[at] = contribution;
        }
      }
    }
  }

  private sorted(): Uint32Array {
    if (!this.sortedWords) {
      const words = this.tokens.words;
      const ids = Array.from({ length: words.length }, (_, i) => i);
      ids.sort((x, y) => (words[x] < words[y] ? -1 : words[x] > words[y] ? 1 : 0));
      this.sortedWords = Uint32Array.from(ids);
    }
    return this.sortedWords;
  }

  private titles(): Map<string, number[]> {
    if (!this.titleArticles) {
      const map = new Map<string, number[]>();
      this.articles.forEach((art, a) => {
        if (!art.meta.title) return;
        for (const norm of new Set(tokenize(art.meta.title).map((t) => t.norm))) {
          const list = map.get(norm);
          if (list) list.push(a);
          else map.set(norm, [a]);
        }
      });
      this.titleArticles = map;
    }
    return this.titleArticles;
  }
}

function postingCount(tokens: TokenIndex, expansion: Map<number, number>): number {
  let n = 0;
  for (const w of expansion.keys()) n += tokens.postingStart[w + 1] - tokens.postingStart[w];
  return n;
}
