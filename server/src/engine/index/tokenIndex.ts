import { tokenize } from '../text/tokens';
import { floorIndex } from '../text/sortedSearch';

/**
 * Offsets of tokens in their article's text: 16-bit when every article of
 * the index is shorter than 65,536 characters (every news article; the
 * offsets then take half the memory and half the cache), else 32-bit.
 * Read by index like any array (`tokenStart[p]`).
 */
export type OffsetArray = Uint16Array | Uint32Array;

/** Whether offsets into texts of at most `maxLength` characters fit a 16-bit {@link OffsetArray}. */
export function fitsNarrowOffsets(maxLength: number): boolean {
  return maxLength <= 0xffff;
}

/**
 * Every word of the corpus in one stream of word ids, with a postings list
 * per word (CSR layout in typed arrays). Retrieval of a quotation's
 * candidates is a walk over the postings of its rarest words, never a scan
 * of the corpus; memory is about 12 bytes per corpus word (word id and
 * posting 4 each, start and end offsets 2 each when articles are shorter
 * than 65,536 characters, else 4 each).
 */
export interface TokenIndex {
  /** Word → id. */
  vocabulary: Map<string, number>;
  /** Id → word. */
  words: string[];
  /** Word id of each corpus token (global token positions). */
  tokenWord: Uint32Array;
  /** Start and end offset of each token in its article's text. */
  tokenStart: OffsetArray;
  tokenEnd: OffsetArray;
  /** Token range of article `a`: `[articleFirstToken[a], articleFirstToken[a + 1])`. */
  articleFirstToken: Uint32Array;
  /** Postings of word `w`: `postings.subarray(postingStart[w], postingStart[w + 1])`, ascending positions. */
  postingStart: Uint32Array;
  postings: Uint32Array;
  /** Set when this index holds only some articles of a larger corpus: that corpus's word statistics (see `corpusWordStats.ts`). */
  corpusWords?: import('./corpusWordStats').CorpusWordStats;
}

/**
 * The part of a {@link TokenIndex} that cannot be derived cheaply (the rest,
 * vocabulary map and postings, is rebuilt in linear time): what a cache stores.
 */
export interface TokenStream {
  words: string[];
  tokenWord: Uint32Array;
  tokenStart: OffsetArray;
  tokenEnd: OffsetArray;
  articleFirstToken: Uint32Array;
}

/** Entries per block of a {@link U32Builder}: 1 Mi entries, 4 MiB. */
const BLOCK = 1 << 20;

/**
 * A typed array built by appending, in fixed blocks: growing by doubling
 * held up to twice the final size plus the copy made on growing — at
 * 100,000 articles (17 million tokens) hundreds of megabytes of slack across
 * the three token arrays. Blocks cost at most one block of slack, and
 * {@link done} frees each block as it copies it.
 */
class BlockBuilder<A extends Uint16Array | Uint32Array> {
  private readonly blocks: A[] = [];
  private block: A;
  private used = 0;
  length = 0;
  constructor(private readonly make: (length: number) => A) {
    this.block = make(BLOCK);
  }
  push(v: number): void {
    if (this.used === BLOCK) {
      this.blocks.push(this.block);
      this.block = this.make(BLOCK);
      this.used = 0;
    }
    this.block[this.used++] = v;
    this.length++;
  }
  /** The values in one exact-size array (once: the builder holds nothing afterwards). */
  done(): A {
    const out = this.make(this.length);
    const empty = this.make(0);
    let at = 0;
    for (let i = 0; i < this.blocks.length; i++) {
      out.set(this.blocks[i], at);
      at += BLOCK;
      this.blocks[i] = empty; // let it go now, not when the builder goes
    }
    out.set(this.block.subarray(0, this.used), at);
    this.blocks.length = 0;
    this.block = empty;
    this.used = 0;
    this.length = 0;
    return out;
  }
}

const u32 = (n: number): Uint32Array => new Uint32Array(n);
const u16 = (n: number): Uint16Array => new Uint16Array(n);

/** A builder of token offsets into texts of at most `maxLength` characters, in the narrowest {@link OffsetArray} that holds them. */
function offsetBuilder(maxLength: number): BlockBuilder<OffsetArray> {
  return fitsNarrowOffsets(maxLength) ? (new BlockBuilder(u16) as BlockBuilder<OffsetArray>) : (new BlockBuilder(u32) as BlockBuilder<OffsetArray>);
}

/**
 * Builds the token index over the given article texts (in article order).
 * Articles are tokenised one at a time: only the compact arrays stay alive,
 * which keeps peak memory near the final size even at 100,000 articles.
 */
export function buildTokenIndex(texts: readonly string[]): TokenIndex {
  const vocabulary = new Map<string, number>();
  const words: string[] = [];
  let maxLength = 0;
  for (const t of texts) if (t.length > maxLength) maxLength = t.length;
  const tokenWord = new BlockBuilder(u32);
  const tokenStart = offsetBuilder(maxLength);
  const tokenEnd = offsetBuilder(maxLength);
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

/** The postings of a {@link TokenIndex} (CSR): what a cache may store beside the {@link TokenStream}. */
export interface Postings {
  postingStart: Uint32Array;
  postings: Uint32Array;
}

/**
 * Completes a token stream (as built, or as loaded from a cache) into a
 * {@link TokenIndex}: the vocabulary map and the postings, in linear time —
 * or, given `saved` postings (loaded from a cache and checked by
 * {@link postingsFit}), with those: the counting sort's writes land all over
 * a buffer the size of the corpus's tokens, the slowest part of a warm load's
 * token index (~0.1 s at Reuters-21578), and reading them is cheaper.
 */
export function withPostings(stream: TokenStream, vocabulary?: Map<string, number>, saved?: Postings): TokenIndex {
  const { words, tokenWord } = stream;
  let vocab = vocabulary;
  if (!vocab) {
    vocab = new Map<string, number>();
    for (let i = 0; i < words.length; i++) vocab.set(words[i], i);
  }
  if (saved) return { ...stream, vocabulary: vocab, postingStart: saved.postingStart, postings: saved.postings };
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

/**
 * Whether saved postings can stand for `stream`'s: one start per word and
 * one at the end, rising from 0 to the token count; one posting per token,
 * each a token position, rising within each word's list. A linear read, no
 * look-up into the stream: only bounds are checked (as for the rest of a
 * cache, authenticated before this runs), so a wrong list can never send a
 * walk outside the stream.
 */
export function postingsFit(stream: TokenStream, p: Postings): boolean {
  const total = stream.tokenWord.length;
  const { postingStart, postings } = p;
  if (postingStart.length !== stream.words.length + 1 || postings.length !== total) return false;
  if (postingStart[0] !== 0 || postingStart[stream.words.length] !== total) return false;
  for (let w = 0; w < stream.words.length; w++) {
    const from = postingStart[w];
    const to = postingStart[w + 1];
    if (to < from) return false;
    let prev = -1;
    for (let j = from; j < to; j++) {
      const pos = postings[j];
      if (pos <= prev || pos >= total) return false;
      prev = pos;
    }
  }
  return true;
}

/** Number of corpus occurrences of word id `w`. */
export function wordFrequency(index: TokenIndex, w: number): number {
  return index.postingStart[w + 1] - index.postingStart[w];
}

/** Article containing global token position `pos` (binary search). */
export function articleOfToken(index: TokenIndex, pos: number): number {
  return floorIndex(index.articleFirstToken, pos);
}

/**
 * Article containing global token position `pos`, searched forward from
 * article `from` (which must start at or before `pos`): the same answer as
 * {@link articleOfToken}, for a walk over ascending positions (postings)
 * whose next article is usually near the last one.
 */
export function articleOfTokenFrom(index: TokenIndex, pos: number, from: number): number {
  const starts = index.articleFirstToken;
  const n = starts.length;
  // Gallop: `lo` starts at or before `pos`; double the step until `hi` starts after it (or runs off the end).
  let lo = from;
  let step = 1;
  let hi = from + 1;
  while (hi < n && starts[hi] <= pos) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  if (hi > n) hi = n;
  // The last index in [lo, hi) starting at or before `pos`.
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid;
  }
  return lo;
}
