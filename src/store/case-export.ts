import { categoryLabel } from '../ingest/record.js';
import { redactRecord } from '../redact/record.js';
import { iterateCases, type StoredCase } from './case-reader.js';
import type { Store } from './open.js';

// Stored text is already redacted; redacting again on the way out also covers rows written by
// an older version whose detectors missed something.
/** Yields every stored case of a source (or of all sources), redacted again for export. */
export async function* exportedCases(store: Store, source?: string): AsyncGenerator<StoredCase> {
  for await (const found of iterateCases(store, { source })) {
    yield { ...found, ...redactRecord(found).record };
  }
}

/** Serializes one case as a JSON Lines row, without the newline. */
export function caseJsonLine(found: StoredCase): string {
  return JSON.stringify({
    source: found.source,
    ref: found.ref,
    title: found.title,
    category: categoryLabel(found),
    product: found.product,
    type: found.type,
    status: found.status,
    description: found.description,
    answer: found.answer,
    rootCause: found.rootCause,
    turns: found.turns,
  });
}
