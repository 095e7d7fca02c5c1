import type { PrepareBatch, PreparedBatch } from './prepare.js';
import type { PreparePool } from './prepare-pool.js';

/** A function that writes the prepared records of one batch in the importing transaction. */
export type BatchWrite = (prepared: PreparedBatch) => Promise<void>;

interface QueuedBatch {
  result: Promise<PreparedBatch>;
  write: BatchWrite;
  /** The source the batch belongs to, so an importer can wait for that source's writes. */
  source: string;
}

/**
 * Batches sent to the prepare pool and not yet written. Each batch is written in the order it
 * was sent, and sending waits for the oldest write once `limit` batches are in flight, so the
 * workers seldom wait for the writer and memory stays bounded. Batches of the next file can be
 * sent while the last ones of the previous file are still being prepared.
 */
export class PrepareQueue {
  readonly #queued: QueuedBatch[] = [];

  constructor(
    private readonly pool: PreparePool,
    private readonly limit: number,
  ) {}

  /** Sends a batch to the pool, first writing the oldest results while the queue is full. */
  async send(batch: PrepareBatch, source: string, write: BatchWrite): Promise<void> {
    while (this.#queued.length >= this.limit) await this.#writeOldest();
    const result = this.pool.prepare(batch);
    // A failed batch rejects when its turn to be written comes. Until then nothing awaits the
    // promise, and an unhandled rejection would end the process.
    result.catch(() => undefined);
    this.#queued.push({ result, write, source });
  }

  /** Returns whether batches of `source` are still waiting to be written. */
  hasBatchesOf(source: string): boolean {
    return this.#queued.some((queued) => queued.source === source);
  }

  /** Writes every batch still in the queue. */
  async drain(): Promise<void> {
    while (this.#queued.length > 0) await this.#writeOldest();
  }

  async #writeOldest(): Promise<void> {
    const oldest = this.#queued.shift()!;
    await oldest.write(await oldest.result);
  }
}
