/**
 * The corpus's name words (`name_words`: every word of every person's name),
 * held by the store in a table by length, to find a name's near spellings
 * without asking the server to compare every word of about the right length.
 *
 * The people look-up (`peopleLookup.ts`) needs, for each word of a name, the
 * name words within the fuzzy search's edit distance. In SQL that was
 * `levenshtein_less_equal` on every word within the length band: ~5,000
 * comparisons a term, ~60 ms of the server's time per batch of 36 names with
 * 7,770 name words (Reuters; ×50 has the same names), and linear in the words,
 * so an archive's hundreds of thousands of names would have cost seconds.
 * Held by the client ({@link NameWordTable}), most words are ruled out by
 * their letters before any distance is measured. Answers are remembered per
 * term for the set of words (one corpus version): drafts and edits ask for
 * the same names again.
 *
 * Exactly the words SQL found: Levenshtein distance (insert, delete,
 * substitute, each 1) over code points, as `levenshtein_less_equal` counts
 * characters in a UTF-8 database (`tests/db/nameWords.test.ts` compares the
 * two on the corpus's words).
 */
import { letterMasksOfCodePoints, lettersTooFar } from '../../engine/api';
import type { PgPool } from './pool';

/** The words of one length: their code points end to end, and each one's letter masks. */
interface LengthBucket {
  words: string[];
  codePoints: Int32Array;
  once: Uint32Array;
  twice: Uint32Array;
}

/**
 * Name words by length, searched by edit distance: only the words whose
 * length is within the distance are looked at, each one whose letters alone
 * prove it too far is skipped (a letter of one word that the other lacks, or
 * has fewer times, costs an edit of its own; letters are compared by their
 * code point's low 5 bits, which can only make fewer of them differ), and the
 * rest are measured with a Levenshtein distance that stops once every cell
 * of a row is past the distance. The same idea as the engine's near-term
 * table for its fuzzy name search (`nearTerms.ts`).
 *
 * Measured on Reuters' 7,770 name words (a draft's terms, up to 4 edits):
 * ~0.05 ms a term; a trie of `Map`s walked with a row of the edit-distance
 * table per node took ~0.3–0.6 ms (most prefixes are within 2–3 edits of
 * something), about 60 ms of client CPU a draft, a third of it garbage.
 */
export class NameWordTable {
  /** Words held (distinct). */
  readonly size: number;
  private readonly byLength: Array<LengthBucket | undefined> = [];
  /** Two rows of the edit-distance table, grown to the longest word. */
  private above = new Int32Array(0);
  private row = new Int32Array(0);

  constructor(words: Iterable<string>) {
    const lists: string[][] = [];
    const seen = new Set<string>();
    for (const word of words) {
      if (seen.has(word)) continue;
      seen.add(word);
      (lists[Array.from(word).length] ??= []).push(word);
    }
    this.size = seen.size;
    lists.forEach((list, length) => {
      if (!list) return;
      const codePoints = new Int32Array(list.length * length);
      const once = new Uint32Array(list.length);
      const twice = new Uint32Array(list.length);
      list.forEach((word, i) => {
        let k = i * length;
        for (const ch of word) codePoints[k++] = ch.codePointAt(0)!;
        [once[i], twice[i]] = letterMasksOfCodePoints(codePoints, i * length, (i + 1) * length);
      });
      this.byLength[length] = { words: list, codePoints, once, twice };
    });
  }

  /** Every word within `maxEdits` edits of `term` (Levenshtein over code points), in no particular order. */
  near(term: string, maxEdits: number): string[] {
    const out: string[] = [];
    if (maxEdits < 0) return out;
    const t = Int32Array.from(Array.from(term), (ch) => ch.codePointAt(0)!);
    const n = t.length;
    const [qOnce, qTwice] = letterMasksOfCodePoints(t, 0, n);
    const to = Math.min(this.byLength.length - 1, n + maxEdits);
    for (let length = Math.max(0, n - maxEdits); length <= to; length++) {
      const bucket = this.byLength[length];
      if (!bucket) continue;
      const { words, codePoints, once, twice } = bucket;
      for (let i = 0; i < words.length; i++) {
        if (lettersTooFar(qOnce, qTwice, once[i], twice[i], maxEdits)) continue;
        if (this.distance(t, codePoints, i * length, length, maxEdits) <= maxEdits) out.push(words[i]);
      }
    }
    return out;
  }

  /** Levenshtein distance between `t` and `length` code points of `cps` from `from`, or more than `max` once it must be. */
  private distance(t: Int32Array, cps: Int32Array, from: number, length: number, max: number): number {
    if (this.row.length < length + 1) {
      this.above = new Int32Array(length + 1);
      this.row = new Int32Array(length + 1);
    }
    let above = this.above;
    let row = this.row;
    for (let k = 0; k <= length; k++) above[k] = k;
    for (let i = 1; i <= t.length; i++) {
      const ch = t[i - 1];
      row[0] = i;
      let least = i;
      for (let k = 1; k <= length; k++) {
        let d = above[k - 1] + (cps[from + k - 1] === ch ? 0 : 1);
        if (above[k] + 1 < d) d = above[k] + 1;
        if (row[k - 1] + 1 < d) d = row[k - 1] + 1;
        row[k] = d;
        if (d < least) least = d;
      }
      // Later rows never come closer than this row's least distance.
      if (least > max) return max + 1;
      const swap = above;
      above = row;
      row = swap;
    }
    return above[length];
  }
}

/** Terms remembered per name-word set (a few drafts' names: an editor re-checks the same names at every edit). */
const MAX_REMEMBERED_TERMS = 20_000;

/**
 * Near-word answers by (term, distance), for one set of name words (one
 * corpus version: the store reads the words again when it changes). The
 * lists are frozen: they are handed out again.
 */
class RememberedTerms {
  private readonly answers = new Map<string, string[]>();

  async nearAll(terms: ReadonlyArray<{ term: string; d: number }>, find: (missing: ReadonlyArray<{ term: string; d: number }>) => Promise<string[][]>): Promise<string[][]> {
    const keys = terms.map(({ term, d }) => `${d}\u0000${term}`);
    const out = keys.map((k) => this.answers.get(k));
    const missing = terms.filter((_, i) => out[i] === undefined);
    if (missing.length > 0) {
      const found = await find(missing);
      let m = 0;
      for (let i = 0; i < terms.length; i++) {
        if (out[i] !== undefined) continue;
        const words = Object.freeze(found[m++]) as string[];
        out[i] = words;
        if (this.answers.size >= MAX_REMEMBERED_TERMS) this.answers.clear();
        this.answers.set(keys[i], words);
      }
    }
    return out as string[][];
  }
}

/**
 * Near spellings of name words, by edit distance: one list of words per term
 * (`nearAll`), from the store's table or from the server.
 */
export interface NearNameWords {
  /** The words near each term (remembered lists, handed out again for the same term: frozen). */
  nearAll(terms: ReadonlyArray<{ term: string; d: number }>): Promise<string[][]>;
}

/**
 * At most this many name words are held by the store. The table is small
 * (the words' strings and ~40 bytes each; built in ~80 ms for 50,000
 * synthetic words, load ~4), but its search is linear in the words of the
 * term's length band: a term with 2 edits took ~0.2 ms among 50,000 random
 * words and ~1.1 ms among 200,000, and it is read again after every
 * ingestion, on a reporter's machine. Past this, an archive's names stay on
 * the server ({@link ServerNameWords}). (The trie of `Map`s this table
 * replaced cost ~0.8 KB a word: 40 MB at 50,000.)
 */
export const NAME_WORDS_HELD_MAX = 50_000;

/** Name words held by the store, searched in the client. */
export class HeldNameWords implements NearNameWords {
  private readonly remembered = new RememberedTerms();
  constructor(readonly table: NameWordTable) {}
  async nearAll(terms: ReadonlyArray<{ term: string; d: number }>): Promise<string[][]> {
    return this.remembered.nearAll(terms, async (missing) => missing.map(({ term, d }) => this.table.near(term, d)));
  }
}

/**
 * Name words left on the server: `levenshtein_less_equal` (fuzzystrmatch) on
 * every word within the length band, one statement for all terms (answers
 * remembered per term). Linear in the name words and without the table's
 * letter filter, so slower, but nothing is held per client.
 */
export class ServerNameWords implements NearNameWords {
  private readonly remembered = new RememberedTerms();
  constructor(private readonly pool: PgPool) {}
  async nearAll(terms: ReadonlyArray<{ term: string; d: number }>): Promise<string[][]> {
    return this.remembered.nearAll(terms, (missing) => this.ask(missing));
  }

  private async ask(terms: ReadonlyArray<{ term: string; d: number }>): Promise<string[][]> {
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
 * version: see `PgCorpusStore`): held as a table when there are at most
 * `heldMax` of them, otherwise searched on the server.
 */
export async function readNameWords(pool: PgPool, heldMax: number = NAME_WORDS_HELD_MAX): Promise<NearNameWords> {
  const rows = await pool.query<{ word: string }>('SELECT word FROM name_words LIMIT $1', [heldMax + 1]);
  if (rows.length > heldMax) return new ServerNameWords(pool);
  return new HeldNameWords(new NameWordTable(rows.map((r) => r.word)));
}
