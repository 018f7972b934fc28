/**
 * A memo that keeps what recent work used and forgets the rest: an editor's
 * checker sees the same sentences and claims edit after edit, while text
 * edited away is rarely seen again. Entries live in two generations; each
 * {@link RecentMemo.nextGeneration} drops those not used since the previous
 * one, so the memo stays the size of what the document holds now, however
 * long the session.
 */
export class RecentMemo<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();

  /**
   * The value for `key`, kept for the next generation when it came from the
   * previous one. `undefined` is never a value (it reads as absent), so a
   * miss costs one look-up per generation: keys are often long texts.
   */
  get(key: string): V | undefined {
    const v = this.current.get(key);
    if (v !== undefined) return v;
    const carried = this.previous.get(key);
    if (carried !== undefined) this.current.set(key, carried);
    return carried;
  }

  set(key: string, value: V): void {
    this.current.set(key, value);
  }

  /** Entries in both generations (for tests and reports). */
  get size(): number {
    let n = this.current.size;
    for (const k of this.previous.keys()) if (!this.current.has(k)) n++;
    return n;
  }

  /** Ends a unit of work: whatever was not used since the last call is forgotten. */
  nextGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

/**
 * A {@link RecentMemo} for work with no natural unit (a module's memo of
 * sentences read by any caller): a generation ends after every `generation`
 * writes, so it holds at most twice that many entries.
 */
export class BoundedMemo<V> {
  private readonly memo = new RecentMemo<V>();
  private writes = 0;

  constructor(private readonly generation: number) {}

  get(key: string): V | undefined {
    return this.memo.get(key);
  }

  set(key: string, value: V): void {
    this.memo.set(key, value);
    if (++this.writes >= this.generation) {
      this.writes = 0;
      this.memo.nextGeneration();
    }
  }

  /** Entries held (for tests and reports). */
  get size(): number {
    return this.memo.size;
  }
}
