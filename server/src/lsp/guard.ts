/**
 * The server's safety net: every handler runs inside a guard, so a throw
 * costs one request (logged, answered with an empty result), never the server.
 */

/** Runs `fn`, returning `fallback` (and logging) when it throws or rejects. */
export type Guard = <T>(name: string, fn: () => T | Promise<T>, fallback: T) => Promise<T>;

/** A guard that reports failures through `logError` (the client's log; stdout is the protocol). */
export function createGuard(logError: (message: string) => void): Guard {
  return async (name, fn, fallback) => {
    try {
      return await fn();
    } catch (err) {
      logError(`factcheck: ${name} failed: ${(err as Error)?.stack ?? String(err)}`);
      return fallback;
    }
  };
}
