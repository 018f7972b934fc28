/**
 * The pause the engine awaits between corpus files. The engine keeps no clock
 * and sets no timer; the host decides here how often to let its event loop
 * run (a language server must answer requests while it indexes).
 */

/** Default time between two real yields, in ms: long enough to cost nothing, short enough to stay responsive. */
const YIELD_EVERY_MS = 20;

/**
 * A pause that yields to the event loop (`setImmediate`) once at least
 * `everyMs` have passed since the last yield, and resolves at once otherwise.
 */
export function createEventLoopPause(everyMs: number = YIELD_EVERY_MS): () => Promise<void> {
  let last = Date.now();
  return async () => {
    if (Date.now() - last < everyMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = Date.now();
  };
}
