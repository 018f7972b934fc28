/**
 * A bounded map of remembered answers, weighed (an answer citing 200
 * mentions weighs more than one citing none), the least recently asked going
 * first when the weight passes its bound. The PostgreSQL store's look-ups
 * remember answers per corpus version in it (`peopleAnswers.ts`,
 * `postHolders.ts`) and clear it when the version changes.
 */
export class WeightedMemo<V> {
  private readonly values = new Map<string, { value: V; weight: number }>();
  private weight = 0;

  constructor(private readonly maxWeight: number) {}

  /** The value under `key` (wrapped: a remembered `undefined` is an answer too), now the most recently asked. */
  get(key: string): { value: V } | undefined {
    const hit = this.values.get(key);
    if (!hit) return undefined;
    this.values.delete(key);
    this.values.set(key, hit);
    return hit;
  }

  set(key: string, value: V, weight: number): void {
    const old = this.values.get(key);
    if (old) {
      this.weight -= old.weight;
      this.values.delete(key);
    }
    this.values.set(key, { value, weight });
    this.weight += weight;
    // Oldest first; the newest stays whatever it weighs.
    for (const [k, v] of this.values) {
      if (this.weight <= this.maxWeight || this.values.size <= 1) break;
      this.values.delete(k);
      this.weight -= v.weight;
    }
  }

  clear(): void {
    this.values.clear();
    this.weight = 0;
  }

  get size(): number {
    return this.values.size;
  }
}
