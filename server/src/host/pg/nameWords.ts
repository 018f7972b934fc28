/**
 * The corpus's name words (`name_words`: every word of every person's name),
 * held by the store as a trie, to find a name's near spellings without asking
 * the server to compare every word of about the right length.
 *
 * The people look-up (`peopleLookup.ts`) needs, for each word of a name, the
 * name words within the fuzzy search's edit distance. In SQL that was
 * `levenshtein_less_equal` on every word within the length band: ~5,000
 * comparisons a term, ~60 ms of the server's time per batch of 36 names with
 * 7,770 name words (Reuters; ×50 has the same names), and linear in the words,
 * so an archive's hundreds of thousands of names would have cost seconds. A
 * trie walked with one row of the edit-distance table per node visits only
 * the prefixes still within the distance.
 *
 * Exactly the words SQL found: Levenshtein distance (insert, delete,
 * substitute, each 1) over code points, as `levenshtein_less_equal` counts
 * characters in a UTF-8 database (`tests/db/nameWords.test.ts` compares the
 * two on the corpus's words).
 */
import type { PgPool } from './pool';

/** A trie node: its children by code point, and the word ending here. */
interface TrieNode {
  children: Map<string, TrieNode>;
  word?: string;
}

/** Name words in a trie, searched by edit distance. */
export class NameWordTrie {
  private readonly root: TrieNode = { children: new Map() };
  /** Words held (distinct). */
  readonly size: number;

  constructor(words: Iterable<string>) {
    let size = 0;
    for (const word of words) {
      let node = this.root;
      for (const ch of word) {
        let next = node.children.get(ch);
        if (!next) {
          next = { children: new Map() };
          node.children.set(ch, next);
        }
        node = next;
      }
      if (node.word === undefined) size++;
      node.word = word;
    }
    this.size = size;
  }

  /** Every word within `maxEdits` edits of `term` (Levenshtein over code points), in no particular order. */
  near(term: string, maxEdits: number): string[] {
    const t = Array.from(term);
    const n = t.length;
    const out: string[] = [];
    if (maxEdits < 0) return out;
    // rows[depth]: the edit-distance row between the prefix at that depth and term's first k code points, reused
    // across siblings (a node's row is read only by its own subtree).
    const rows: Int32Array[] = [Int32Array.from({ length: n + 1 }, (_, k) => k)];
    if (this.root.word !== undefined && n <= maxEdits) out.push(this.root.word);
    const walk = (node: TrieNode, depth: number): void => {
      const above = rows[depth];
      const row = (rows[depth + 1] ??= new Int32Array(n + 1));
      for (const [ch, child] of node.children) {
        let least = (row[0] = above[0] + 1);
        for (let k = 1; k <= n; k++) {
          let d = above[k - 1] + (t[k - 1] === ch ? 0 : 1);
          if (above[k] + 1 < d) d = above[k] + 1;
          if (row[k - 1] + 1 < d) d = row[k - 1] + 1;
          row[k] = d;
          if (d < least) least = d;
        }
        if (child.word !== undefined && row[n] <= maxEdits) out.push(child.word);
        // Longer prefixes never come closer than this row's least distance.
        if (least <= maxEdits && child.children.size > 0) walk(child, depth + 1);
      }
    };
    walk(this.root, 0);
    return out;
  }
}

/**
 * Near spellings of name words, by edit distance: one list of words per term
 * (`nearAll`), from the store's trie or from the server.
 */
export interface NearNameWords {
  nearAll(terms: ReadonlyArray<{ term: string; d: number }>): Promise<string[][]>;
}

/**
 * At most this many name words are held as a trie. A trie costs ~0.8 KB per
 * word (measured: 7,770 words 7 MB, 50,000 words 40 MB and ~0.8 s to build,
 * 200,000 words 148 MB and ~2.6 s, at load ~5) and is read again after every
 * ingestion, on a reporter's machine: past this, an archive's names stay on
 * the server ({@link ServerNameWords}).
 */
export const NAME_WORDS_HELD_MAX = 50_000;

/** A trie held by the store, searched in the client. */
export class HeldNameWords implements NearNameWords {
  constructor(readonly trie: NameWordTrie) {}
  async nearAll(terms: ReadonlyArray<{ term: string; d: number }>): Promise<string[][]> {
    return terms.map(({ term, d }) => this.trie.near(term, d));
  }
}

/**
 * Name words left on the server: `levenshtein_less_equal` (fuzzystrmatch) on
 * every word within the length band, one statement for all terms. Linear in
 * the name words, so slower than the trie, but nothing is held per client.
 */
export class ServerNameWords implements NearNameWords {
  constructor(private readonly pool: PgPool) {}
  async nearAll(terms: ReadonlyArray<{ term: string; d: number }>): Promise<string[][]> {
    if (terms.length === 0) return [];
    const rows = await this.pool.query<{ i: number; words: string[] | null }>(
      `WITH t AS (SELECT * FROM json_to_recordset($1::json) AS t(i int, term text, d int))
       SELECT t.i, (SELECT array_agg(nw.word) FROM name_words nw
                    WHERE nw.len BETWEEN char_length(t.term) - t.d AND char_length(t.term) + t.d
                      AND levenshtein_less_equal(nw.word, t.term, t.d) <= t.d) AS words
       FROM t`,
      [JSON.stringify(terms.map((x, i) => ({ i, term: x.term, d: x.d })))],
    );
    const out: string[][] = terms.map(() => []);
    for (const r of rows) out[r.i] = r.words ?? [];
    return out;
  }
}

/**
 * The corpus's name words for near-spelling searches (once per corpus
 * version: see `PgCorpusStore`): held as a trie when there are at most
 * `heldMax` of them, otherwise searched on the server.
 */
export async function readNameWords(pool: PgPool, heldMax: number = NAME_WORDS_HELD_MAX): Promise<NearNameWords> {
  const rows = await pool.query<{ word: string }>('SELECT word FROM name_words LIMIT $1', [heldMax + 1]);
  if (rows.length > heldMax) return new ServerNameWords(pool);
  return new HeldNameWords(new NameWordTrie(rows.map((r) => r.word)));
}
