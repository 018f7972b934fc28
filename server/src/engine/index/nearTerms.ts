/**
 * The near-spelling step of the people table's fuzzy name search, made cheap.
 *
 * MiniSearch finds a fuzzy query's terms by walking its radix tree with a
 * Levenshtein matrix: on a corpus of thousands of names that walk was most
 * of the first check after a start (every unknown draft name is searched
 * three times; later checks reuse the answers). Here the same terms are
 * found by scanning only the terms whose length is within the distance,
 * skipping each one whose letters alone prove it too far (a letter of one
 * missing from the other costs an edit), and measuring the rest with a
 * bounded Levenshtein distance. The answer is the walk's exactly: the same
 * terms, the same distances, in the walk's order — so MiniSearch scores and
 * ranks them as before, and every look-up keeps its answer.
 */

import { letterMasksOfUnits, lettersTooFar } from '../text/letterMasks';

/** MiniSearch's term index as this module reads it (its `_index`: a radix tree of `Map`s, a term's data under the key ''). */
interface RadixMap {
  _tree: Map<string, unknown>;
  /** The count `size` gives, once counted (a walk of every entry); undefined again after any change. */
  _size: number | undefined;
  size: number;
  fuzzyGet(term: string, maxDistance: number): Map<string, [unknown, number]>;
}

/** The leaf key of MiniSearch's radix tree. */
const LEAF = '';

/** Every term of a radix tree with its data, in the order the tree's fuzzy walk visits them, indexed for near-term scans. */
export class NearTermTable {
  /** Terms in walk order. */
  private readonly terms: string[] = [];
  private readonly data: unknown[] = [];
  /** A bit per letter (code unit mod 32) each term holds, and per letter it holds twice or more. */
  private readonly masks: Uint32Array;
  private readonly twice: Uint32Array;
  /** Term indices (ascending: walk order) by term length. */
  private readonly byLength: Int32Array[] = [];

  constructor(tree: Map<string, unknown>) {
    const walk = (node: Map<string, unknown>, prefix: string): void => {
      for (const [key, child] of node) {
        if (key === LEAF) {
          this.terms.push(prefix);
          this.data.push(child);
        } else {
          walk(child as Map<string, unknown>, prefix + key);
        }
      }
    };
    walk(tree, '');
    this.masks = new Uint32Array(this.terms.length);
    this.twice = new Uint32Array(this.terms.length);
    const lengths: number[][] = [];
    this.terms.forEach((t, i) => {
      [this.masks[i], this.twice[i]] = letterMasksOfUnits(t);
      (lengths[t.length] ??= []).push(i);
    });
    for (let l = 0; l < lengths.length; l++) this.byLength[l] = Int32Array.from(lengths[l] ?? []);
  }

  /** Number of terms. */
  get size(): number {
    return this.terms.length;
  }

  /**
   * The terms within `maxDistance` edits (Levenshtein: insertions, deletions,
   * substitutions) of `query`, each with its data and distance, in walk
   * order: what the radix tree's `fuzzyGet` returns.
   */
  fuzzyGet(query: string, maxDistance: number): Map<string, [unknown, number]> {
    const found: Array<[number, number]> = [];
    const [qMask, qTwice] = letterMasksOfUnits(query);
    const from = Math.max(0, query.length - maxDistance);
    const to = Math.min(this.byLength.length - 1, query.length + maxDistance);
    const rows = new Uint16Array((query.length + 1) * 2);
    for (let l = from; l <= to; l++) {
      const ids = this.byLength[l];
      if (!ids) continue;
      for (let k = 0; k < ids.length; k++) {
        const i = ids[k];
        // Each letter one word has (or has twice) and the other lacks costs an edit of its own.
        if (lettersTooFar(qMask, qTwice, this.masks[i], this.twice[i], maxDistance)) continue;
        const d = boundedLevenshtein(query, this.terms[i], maxDistance, rows);
        if (d <= maxDistance) found.push([i, d]);
      }
    }
    found.sort((a, b) => a[0] - b[0]);
    const out = new Map<string, [unknown, number]>();
    for (const [i, d] of found) out.set(this.terms[i], [this.data[i], d]);
    return out;
  }
}

/** Tables already made, by the MiniSearch term index they stand for. */
const tables = new WeakMap<object, NearTermTable>();

/**
 * Makes a MiniSearch index find fuzzy terms through a {@link NearTermTable}
 * (built once, on the first call): same answers, a fraction of the time.
 * Does nothing when the index is not laid out as expected (another
 * MiniSearch version): its own walk then stays.
 */
export function useNearTermTable(search: unknown): void {
  const index = (search as { _index?: Partial<RadixMap> })._index;
  if (!index || !(index._tree instanceof Map) || typeof index.fuzzyGet !== 'function' || tables.has(index)) return;
  const tree = index._tree;
  const table = new NearTermTable(tree);
  tables.set(index, table);
  const walk = index.fuzzyGet.bind(index);
  const size = table.size;
  // The map counts its terms by walking every entry the first time `size` is read (and keeps the count until a
  // change clears it): the table has just counted the same entries, so the check below starts from its count.
  if ('_size' in index && index._size === undefined) index._size = size;
  try {
    // An index changed since (terms added or removed) is walked as before.
    index.fuzzyGet = (term: string, maxDistance: number) => (index._tree === tree && index.size === size ? table.fuzzyGet(term, maxDistance) : walk(term, maxDistance));
  } catch {
    // A frozen index keeps its own walk.
  }
}

/**
 * Levenshtein distance of `a` and `b` (code units), or `max + 1` once it is
 * known to be more than `max`. `rows` is scratch space of `2 × (a.length + 1)`.
 */
function boundedLevenshtein(a: string, b: string, max: number, rows: Uint16Array): number {
  const n = a.length;
  let prev = 0;
  let cur = n + 1;
  for (let j = 0; j <= n; j++) rows[prev + j] = j;
  for (let i = 1; i <= b.length; i++) {
    const c = b.charCodeAt(i - 1);
    rows[cur] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const sub = rows[prev + j - 1] + (a.charCodeAt(j - 1) === c ? 0 : 1);
      const del = rows[prev + j] + 1;
      const ins = rows[cur + j - 1] + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      rows[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return rows[prev + n];
}
