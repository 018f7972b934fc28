import { tokenize } from '../text/tokens';

/**
 * Every word of the corpus in one stream of word ids, with a postings list
 * per word (CSR layout in typed arrays). Retrieval of a quotation's
 * candidates is a walk over the postings of its rarest words, never a scan
 * of the corpus; memory is about 20 bytes per corpus word.
 */
export interface TokenIndex {
  /** Word → id. */
  vocabulary: Map<string, number>;
  /** Id → word. */
  words: string[];
  /** Word id of each corpus token (global token positions). */
  tokenWord: Uint32Array;
  /** Start and end offset of each token in its article's text. */
  tokenStart: Uint32Array;
  tokenEnd: Uint32Array;
  /** Token range of article `a`: `[articleFirstToken[a], articleFirstToken[a + 1])`. */
  articleFirstToken: Uint32Array;
  /** Postings of word `w`: `postings.subarray(postingStart[w], postingStart[w + 1])`, ascending positions. */
  postingStart: Uint32Array;
  postings: Uint32Array;
}

/** Builds the token index over the given article texts (in article order). */
export function buildTokenIndex(texts: readonly string[]): TokenIndex {
  const vocabulary = new Map<string, number>();
  const words: string[] = [];
  const perArticle = texts.map((t) => tokenize(t));
  let total = 0;
  for (const toks of perArticle) total += toks.length;
  const tokenWord = new Uint32Array(total);
  const tokenStart = new Uint32Array(total);
  const tokenEnd = new Uint32Array(total);
  const articleFirstToken = new Uint32Array(texts.length + 1);
  let pos = 0;
  for (let a = 0; a < perArticle.length; a++) {
    articleFirstToken[a] = pos;
    for (const tok of perArticle[a]) {
      let id = vocabulary.get(tok.norm);
      if (id === undefined) {
        id = words.length;
        vocabulary.set(tok.norm, id);
        words.push(tok.norm);
      }
      tokenWord[pos] = id;
      tokenStart[pos] = tok.start;
      tokenEnd[pos] = tok.end;
      pos++;
    }
  }
  articleFirstToken[texts.length] = pos;
  // Counting sort of positions by word id gives ascending postings per word.
  const postingStart = new Uint32Array(words.length + 1);
  for (let i = 0; i < total; i++) postingStart[tokenWord[i] + 1]++;
  for (let w = 0; w < words.length; w++) postingStart[w + 1] += postingStart[w];
  const fill = postingStart.slice(0, words.length);
  const postings = new Uint32Array(total);
  for (let i = 0; i < total; i++) postings[fill[tokenWord[i]]++] = i;
  return { vocabulary, words, tokenWord, tokenStart, tokenEnd, articleFirstToken, postingStart, postings };
}

/** Number of corpus occurrences of word id `w`. */
export function wordFrequency(index: TokenIndex, w: number): number {
  return index.postingStart[w + 1] - index.postingStart[w];
}

/** Article containing global token position `pos` (binary search). */
export function articleOfToken(index: TokenIndex, pos: number): number {
  const a = index.articleFirstToken;
  let lo = 0;
  let hi = a.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
