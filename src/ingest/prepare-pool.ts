import { availableParallelism } from 'node:os';
import { prepareBatch, type PrepareBatch, type PreparedBatch } from './prepare.js';
import type { PrepareReply, PrepareRequest, PrepareWorkerData } from './prepare-worker.js';
import { createVault } from '../redact/vault.js';
import { startWorker } from '../shared/start-worker.js';

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
  const workers = Array.from({ length: size }, () =>
    startWorker(import.meta.url, 'prepare-worker', workerData),
  );
  const pending = new Map<
    number,
    { resolve: (p: PreparedBatch) => void; reject: (e: Error) => void }
  >();
  let nextId = 0;

  for (const worker of workers) {
    worker.on('message', (message: PrepareReply) => {
      pending.get(message.id)?.resolve(message.prepared);
      pending.delete(message.id);
    });
    worker.on('error', (error) => {
      for (const entry of pending.values()) entry.reject(error);
      pending.clear();
    });
  }

  return {
    prepare(batch) {
      const id = nextId++;
      const request: PrepareRequest = { id, batch };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        workers[id % workers.length]!.postMessage(request);
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
