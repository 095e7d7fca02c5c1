import { parentPort, workerData } from 'node:worker_threads';
import { createVault } from '../redact/vault.js';
import { prepareBatch, type PrepareBatch, type PreparedBatch } from './prepare.js';

/** A batch of records sent to a worker, numbered so that its reply can be matched to it. */
export interface PrepareRequest {
  id: number;
  batch: PrepareBatch;
}

/** A worker's reply to a {@link PrepareRequest}. */
export interface PrepareReply {
  id: number;
  prepared: PreparedBatch;
}

/** Start-up data of a prepare worker. */
export interface PrepareWorkerData {
  /** The vault key, when contact values are to be sealed. */
  vaultKey: Uint8Array | null;
}

const { vaultKey } = (workerData ?? { vaultKey: null }) as PrepareWorkerData;
const vault = vaultKey ? createVault(vaultKey) : undefined;

parentPort?.on('message', (request: PrepareRequest) => {
  const reply: PrepareReply = { id: request.id, prepared: prepareBatch(request.batch, vault) };
  parentPort?.postMessage(reply);
});
