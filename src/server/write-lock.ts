/**
 * Runs write operations one at a time. An import or an FAQ mining run keeps a transaction open
 * across awaits on the one SQLite connection. A write started meanwhile would either fail to
 * begin its own transaction or silently join that one, so every write waits its turn here.
 */
export class WriteLock {
  #tail: Promise<unknown> = Promise.resolve();

  /**
   * With `serialize` false the lock lets writes run at once: on PostgreSQL every transaction
   * has its own connection, and row locks order conflicting writes.
   */
  constructor(private readonly serialize = true) {}

  /** Runs `work` after every write queued before it has finished, and returns its result. */
  async run<T>(work: () => T | Promise<T>): Promise<T> {
    if (!this.serialize) return work();
    const result = this.#tail.then(work, work);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
