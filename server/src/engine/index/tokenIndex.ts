import { tokenize } from '../text/tokens';
import { floorIndex } from '../text/sortedSearch';

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

/**
 * The part of a {@link TokenIndex} that cannot be derived cheaply (the rest,
 * vocabulary map and postings, is rebuilt in linear time): what a cache stores.
 */
export interface TokenStream {
  words: string[];
  tokenWord: Uint32Array;
  tokenStart: Uint32Array;
  tokenEnd: Uint32Array;
  articleFirstToken: Uint32Array;
}

/** A Uint32Array that grows by doubling, so the corpus is tokenised in one pass without per-token objects kept alive. */
class U32Builder {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** The filled part, copied into an exact-size array (so the slack is freed). */
  done(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Builds the token index over the given article texts (in article order).
 * Articles are tokenised one at a time: only the compact arrays stay alive,
 * which keeps peak memory near the final size even at 100,000 articles.
 */
export function buildTokenIndex(texts: readonly string[]): TokenIndex {
  const vocabulary = new Map<string, number>();
  const words: string[] = [];
  const tokenWord = new U32Builder();
  const tokenStart = new U32Builder();
  const tokenEnd = new U32Builder();
  const articleFirstToken = new Uint32Array(texts.length + 1);
  for (let a = 0; a < texts.length; a++) {
    articleFirstToken[a] = tokenWord.length;
    for (const tok of tokenize(texts[a])) {
      let id = vocabulary.get(tok.norm);
      if (id === undefined) {
        id = words.length;
        vocabulary.set(tok.norm, id);
        words.push(tok.norm);
      }
      tokenWord.push(id);
      tokenStart.push(tok.start);
      tokenEnd.push(tok.end);
    }
  }
  articleFirstToken[texts.length] = tokenWord.length;
  return withPostings(
    { words, tokenWord: tokenWord.done(), tokenStart: tokenStart.done(), tokenEnd: tokenEnd.done(), articleFirstToken },
    vocabulary,
  );
}

/**
 * Completes a token stream (as built, or as loaded from a cache) into a
 * {@link TokenIndex}: the vocabulary map and the postings, in linear time.
 */
export function withPostings(stream: TokenStream, vocabulary?: Map<string, number>): TokenIndex {
  const { words, tokenWord } = stream;
  let vocab = vocabulary;
  if (!vocab) {
    vocab = new Map<string, number>();
    for (let i = 0; i < words.length; i++) vocab.set(words[i], i);
  }
  const total = tokenWord.length;
  // Counting sort of positions by word id gives ascending postings per word.
  const postingStart = new Uint32Array(words.length + 1);
  for (let i = 0; i < total; i++) postingStart[tokenWord[i] + 1]++;
  for (let w = 0; w < words.length; w++) postingStart[w + 1] += postingStart[w];
  const fill = postingStart.slice(0, words.length);
  const postings = new Uint32Array(total);
  for (let i = 0; i < total; i++) postings[fill[tokenWord[i]]++] = i;
  return { ...stream, vocabulary: vocab, postingStart, postings };
}

/** Number of corpus occurrences of word id `w`. */
export function wordFrequency(index: TokenIndex, w: number): number {
  return index.postingStart[w + 1] - index.postingStart[w];
}

/** Article containing global token position `pos` (binary search). */
export function articleOfToken(index: TokenIndex, pos: number): number {
  return floorIndex(index.articleFirstToken, pos);
}
