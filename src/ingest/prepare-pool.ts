import { availableParallelism } from 'node:os';
import { prepareBatch, type PrepareBatch, type PreparedBatch } from './prepare.js';
import type { PrepareWorkerData } from './prepare-worker.js';
import { createVault } from '../redact/vault.js';
import { WorkerPool } from '../shared/worker-pool.js';

/** Prepares batches of records, on worker threads when there is enough work to pay for them. */
export interface PreparePool {
  prepare(batch: PrepareBatch): Promise<PreparedBatch>;
  close(): Promise<void>;
}

/** Prepares records on the calling thread; used for small imports and single-core machines. */
export function inlinePool(vaultKey: Uint8Array | null = null): PreparePool {
  const vault = vaultKey ? createVault(vaultKey) : undefined;
  return {
    prepare: async (batch) => prepareBatch(batch, vault),
    close: async () => {},
  };
}

/**
 * Starts one worker per core. Segmentation and redaction dominate an import's CPU time, while
 * SQLite writes stay on the main thread, so the main thread feeds the workers and writes their
 * results in the original order.
 */
export function workerPool(
  vaultKey: Uint8Array | null = null,
  size = Math.max(1, availableParallelism()),
): PreparePool {
  const workerData: PrepareWorkerData = { vaultKey };
  const pool = new WorkerPool<PrepareBatch, PreparedBatch>(
    import.meta.url,
    'prepare-worker',
    workerData,
    size,
  );
  return { prepare: (batch) => pool.run(batch), close: () => pool.close() };
}
