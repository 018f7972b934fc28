/**
 * Letter masks: a lower bound on an edit distance that costs a few bit
 * operations, to skip most words before measuring a Levenshtein distance.
 *
 * A word's masks are a bit per letter it holds (the letter's low 5 bits) and
 * a bit per letter it holds twice or more. Each letter one word has (or has
 * twice) and the other lacks costs an edit of its own, so the bits set in one
 * word's masks and not in the other's count edits that no alignment avoids.
 * Letters that share a bit only make fewer bits differ: the bound can be too
 * low, never too high, so a word it rules out is truly too far.
 *
 * Two readers of a word: by UTF-16 code units (the engine's fuzzy name
 * search, whose Levenshtein counts code units as MiniSearch does) and by code
 * points (the PostgreSQL store's name words, whose distance counts code
 * points as `levenshtein_less_equal` does).
 */

/** The masks of `s` by code units: [letters held, letters held twice or more]. */
export function letterMasksOfUnits(s: string): [number, number] {
  let once = 0;
  let twice = 0;
  for (let i = 0; i < s.length; i++) {
    const bit = 1 << (s.charCodeAt(i) & 31);
    twice |= once & bit;
    once |= bit;
  }
  return [once >>> 0, twice >>> 0];
}

/** The masks of the code points `cps[from..to)`: [letters held, letters held twice or more]. */
export function letterMasksOfCodePoints(cps: Int32Array, from: number, to: number): [number, number] {
  let once = 0;
  let twice = 0;
  for (let k = from; k < to; k++) {
    const bit = 1 << (cps[k] & 31);
    twice |= once & bit;
    once |= bit;
  }
  return [once >>> 0, twice >>> 0];
}

/** True when two words' masks alone prove them more than `maxEdits` edits apart. */
export function lettersTooFar(aOnce: number, aTwice: number, bOnce: number, bTwice: number, maxEdits: number): boolean {
  return popcount(aOnce & ~bOnce) + popcount(aTwice & ~bTwice) > maxEdits || popcount(bOnce & ~aOnce) + popcount(bTwice & ~aTwice) > maxEdits;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
