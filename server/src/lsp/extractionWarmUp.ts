/**
 * The draft side of the warm-up (see `engine/check/warmUp.ts`): drafts are
 * read on the server's main thread, so the date parser and the extractors are
 * warmed there, once per process, while the first corpus opens in its worker
 * (the main thread waits for it anyway). Paragraph by paragraph, each in its
 * own turn of the event loop, so status and hovers are answered in between.
 */
import { WARM_UP_DRAFT, warmUpExtraction } from '../engine/api';

/** Times the warm-up text is read. */
export const ROUNDS = 6;

let started = false;
/** Set once a draft is being checked: its check warms the same code, and the rest would only compete with it. */
let yielded = false;

/**
 * A draft's check is starting: the warm-up's remaining paragraphs are dropped
 * (the open draft is checked as soon as its corpus is ready, never behind them).
 */
export function yieldExtractionWarmUp(): void {
  yielded = true;
}

/** Starts warming the extraction up, the first time only; returns at once. */
export function warmUpExtractionOnce(): void {
  if (started) return;
  started = true;
  // A few rounds: the first compiles, the next ones run often enough to be optimised (the main thread is idle
  // while the corpus opens).
  const paragraphs = WARM_UP_DRAFT.split('\n\n');
  const pieces = Array.from({ length: ROUNDS }, () => paragraphs).flat();
  const next = (i: number): void => {
    if (i >= pieces.length) return;
    setImmediate(() => {
      if (yielded) return;
      try {
        warmUpExtraction(pieces[i]);
      } catch {
        // A warm-up failing costs the first check its speed only; the check reports its own problems.
      }
      next(i + 1);
    });
  };
  next(0);
}
