/** Summaries of timings, shared by the benchmarks. */

/** Median and 95th percentile of a list of milliseconds. */
export function stats(ms: number[]): { median: number; p95: number; runs: number } {
  const s = [...ms].sort((x, y) => x - y);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: round(at(0.5)), p95: round(at(0.95)), runs: s.length };
}

/** Rounds to two decimals, as the reports print them. */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
