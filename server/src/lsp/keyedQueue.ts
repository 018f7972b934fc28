/**
 * Runs tasks one after another per key (tasks under different keys run
 * freely): a read-modify-write of a file must not interleave with another
 * one of the same file, or the later write drops what the earlier added.
 */
export class KeyedQueue {
  /** Per key, the end of the last task queued; dropped once the queue drains, so keys do not accumulate. */
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` after every task queued before under `key`; settles as the task does. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** How many keys have tasks queued or running (for tests and memory checks). */
  get busyKeys(): number {
    return this.tails.size;
  }
}
