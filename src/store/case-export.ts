import { categoryLabel, type ArchiveHeader } from '../ingest/record.js';
import { redactHeader, redactRecord } from '../redact/record.js';
import { iterateCases, type StoredCase } from './case-reader.js';
import type { Store } from './open.js';
import { loadSourceHeader } from './source-header.js';

/** A stored case on its way out, with the archive header of its source. */
export interface ExportedCase extends StoredCase {
  sourceHeader: ArchiveHeader;
}

// Stored text is already redacted; redacting again on the way out also covers rows written by
// an older version whose detectors missed something, and sources stored before headers were
// redacted on import.
/** Yields every stored case of a source (or of all sources), redacted again for export. */
export async function* exportedCases(store: Store, source?: string): AsyncGenerator<ExportedCase> {
  const headers = new Map<string, ArchiveHeader>();
  for await (const found of iterateCases(store, { source })) {
    const sourceHeader = headers.get(found.source) ?? (await exportedHeader(store, found.source));
    headers.set(found.source, sourceHeader);
    yield { ...found, ...redactRecord(found).record, sourceHeader };
  }
}

/** Loads the header of a stored source, redacted again for export. */
export async function exportedHeader(store: Store, source: string): Promise<ArchiveHeader> {
  const header = await loadSourceHeader(store.sql, source);
  // Callers name a source they have just read cases of, so it is missing only if it was deleted
  // since.
  if (header === null) throw new Error(`Source "${source}" not found.`);
  return redactHeader(header).header;
}

/**
 * Serializes one case as a JSON Lines row, without the newline. Every row repeats the header of
 * its source, so that any subset of the rows still restores the header on import.
 */
export function caseJsonLine(found: ExportedCase): string {
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
    sourceHeader: {
      title: found.sourceHeader.title,
      part: found.sourceHeader.part,
      preamble: found.sourceHeader.preamble,
    },
  });
}
