import type { PreparedBatch, PreparedRecord } from './prepare.js';
import type { GatheredCounts } from '../store/case-writer.js';

/** A prepared batch as a worker thread sends it: each record as one JSON text. */
export interface WirePreparedBatch {
  records: string[];
  counts: GatheredCounts;
}

/**
 * Packs a prepared batch for the trip from a worker thread to the importing thread. A batch
 * waits on the importing thread until the batches before it are written. Cloned as objects
 * (an estimated fifty objects and strings per record), it outlived the young generation there,
 * so scavenges copied it again and again. With one JSON text per record, a record becomes
 * objects only when its turn to be written comes. On the 100k archive this cut the importing
 * thread's scavenge time from 2.0 to 1.2 s and its largest heap from 399 to 288 MB.
 */
export function encodePreparedBatch(batch: PreparedBatch): WirePreparedBatch {
  const records: string[] = [];
  for (const prepared of batch.prepared) records.push(JSON.stringify(prepared));
  return { records, counts: batch.counts };
}

/** Unpacks a batch from {@link encodePreparedBatch}; records are parsed as they are read. */
export function decodePreparedBatch(wire: WirePreparedBatch): PreparedBatch {
  return { prepared: parseEach(wire.records), counts: wire.counts };
}

function* parseEach(records: string[]): Generator<PreparedRecord> {
  for (const [index, text] of records.entries()) {
    // Drop the text once parsed, so that a batch's memory shrinks as it is written.
    records[index] = '';
    yield JSON.parse(text) as PreparedRecord;
  }
}
