import { workerData } from 'node:worker_threads';
import { createVault } from '../redact/vault.js';
import { serveRequests } from '../shared/worker-pool.js';
import { prepareBatch, type PrepareBatch, type PreparedBatch } from './prepare.js';

/** Start-up data of a prepare worker. */
export interface PrepareWorkerData {
  /** The vault key, when contact values are to be sealed. */
  vaultKey: Uint8Array | null;
}

const { vaultKey } = (workerData ?? { vaultKey: null }) as PrepareWorkerData;
const vault = vaultKey ? createVault(vaultKey) : undefined;

serveRequests<PrepareBatch, PreparedBatch>((batch) => prepareBatch(batch, vault));
