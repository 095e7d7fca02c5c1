import { createHash } from 'node:crypto';
import type { CaseRecord } from '../ingest/record.js';

/** Returns the SHA-1 of every stored field of a record, the test for "changed since last import". */
export function hashRecord(record: CaseRecord): string {
  const fields = [
    record.title,
    record.product,
    record.type,
    record.description,
    record.answer,
    record.rootCause,
    ...record.turns.map((turn) => `${turn.role}\u0000${turn.text}`),
  ];
  return createHash('sha1').update(fields.join('\u0001')).digest('hex');
}
