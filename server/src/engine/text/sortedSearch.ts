/**
 * Binary searches over sorted sequences, in one place: line starts, sentence
 * starts, token positions and postings all ask "where does this value fall?".
 */

/**
 * The largest index `i < length` with `keyAt(i) <= value`, or -1 when even
 * the first key is greater. Keys must be ascending.
 *
 * @example lastAtOrBefore(3, 15, (i) => [0, 10, 20][i]) // 1
 */
export function lastAtOrBefore(length: number, value: number, keyAt: (i: number) => number): number {
  let lo = 0;
  let hi = length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (keyAt(mid) <= value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** The first index in `[from, to)` of an ascending array whose value is `>= value` (`to` when none). */
export function lowerBound(sorted: ArrayLike<number>, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The largest index `i` with `sorted[i] <= value` (0 when none: the first line holds every offset before it). */
export function floorIndex(sorted: ArrayLike<number>, value: number): number {
  return Math.max(0, lastAtOrBefore(sorted.length, value, (i) => sorted[i]));
}
