import { parentPort, workerData } from 'node:worker_threads';
import { createVault } from '../redact/vault.js';
import type { CaseRecord } from './record.js';
import { prepareRecord } from './prepare.js';

/** A batch of records sent to a worker, with the stored hash of each (or null when new). */
export interface PrepareRequest {
  id: number;
  records: CaseRecord[];
  storedHashes: Array<string | null>;
}

/** Start-up data of a prepare worker. */
export interface PrepareWorkerData {
  /** The vault key, when contact values are to be sealed. */
  vaultKey: Uint8Array | null;
}

const { vaultKey } = (workerData ?? { vaultKey: null }) as PrepareWorkerData;
const vault = vaultKey ? createVault(vaultKey) : undefined;

parentPort?.on('message', (request: PrepareRequest) => {
  const prepared = request.records.map((record, index) =>
    prepareRecord(record, request.storedHashes[index] ?? undefined, vault),
  );
  parentPort?.postMessage({ id: request.id, prepared });
});
