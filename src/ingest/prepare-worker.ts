import { parentPort } from 'node:worker_threads';
import type { CaseRecord } from './record.js';
import { prepareRecord } from './prepare.js';

/** A batch of records sent to a worker, with the stored hash of each (or null when new). */
export interface PrepareRequest {
  id: number;
  records: CaseRecord[];
  storedHashes: Array<string | null>;
}

parentPort?.on('message', (request: PrepareRequest) => {
  const prepared = request.records.map((record, index) =>
    prepareRecord(record, request.storedHashes[index] ?? undefined),
  );
  parentPort?.postMessage({ id: request.id, prepared });
});
