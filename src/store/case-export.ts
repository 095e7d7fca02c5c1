import { archiveRefs, recordNumber } from '../ingest/archive-refs.js';
import { defaultHeader, writeArchive } from '../ingest/archive-writer.js';
import { ArchiveWriteError } from '../ingest/errors.js';
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

/** Stable codes of the errors of a records export. */
export type RecordsExportErrorCode = 'export-source-required' | 'export-failed';

/**
 * A records export that cannot be written: `export-source-required` when cases of several
 * sources would share record numbers in one file, `export-failed` when a stored text or header
 * would read back differently.
 */
export class RecordsExportError extends Error {
  constructor(
    readonly code: RecordsExportErrorCode,
    message: string,
    /** Names of the sources involved, sorted. */
    readonly sources: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RecordsExportError';
  }
}

/** Text of a records export and the number of cases in it. */
export interface RecordsExport {
  text: string;
  caseCount: number;
}

/**
 * Writes the stored cases of a source, or of all sources, in the archive's records format. The
 * refs of each source are mapped to `Q<n>` by `archiveRefs`, so the server and the command line
 * number portal, intake and transcript cases alike. One source gets its own header, and several
 * get the default header. Raises a `RecordsExportError` when the export cannot be written.
 */
export async function buildRecordsExport(store: Store, source?: string): Promise<RecordsExport> {
  const cases: ExportedCase[] = [];
  for await (const found of exportedCases(store, source)) cases.push(found);
  const written = withArchiveRefs(cases);

  const sources = [...new Set(cases.map((found) => found.source))].sort();
  const numbers = new Set(written.map((found) => recordNumber(found.ref)));
  if (sources.length > 1 && numbers.size < written.length) {
    const message = `Cases from ${sources.length} sources share record numbers, so they cannot be written to one records file.`;
    throw new RecordsExportError('export-source-required', message, sources);
  }

  const header = sources.length === 1 ? cases[0]!.sourceHeader : defaultHeader(cases.length, null);
  try {
    return { text: writeArchive(header, written), caseCount: written.length };
  } catch (error) {
    if (!(error instanceof ArchiveWriteError)) throw error;
    throw unwritableError(error, cases, written, sources);
  }
}

// Maps the refs of each source separately, so that a source gets the same refs whether it is
// exported alone or with others.
function withArchiveRefs(cases: readonly ExportedCase[]): ExportedCase[] {
  const bySource = new Map<string, number[]>();
  cases.forEach((found, index) => {
    const indexes = bySource.get(found.source) ?? [];
    indexes.push(index);
    bySource.set(found.source, indexes);
  });

  const refs = cases.map((found) => found.ref);
  for (const indexes of bySource.values()) {
    const mapped = archiveRefs(indexes.map((index) => cases[index]!.ref));
    indexes.forEach((index, position) => (refs[index] = mapped[position]!));
  }
  return cases.map((found, index) => ({ ...found, ref: refs[index]! }));
}

// Names the stored case (or the source header) that cannot be written, since the writer's
// error names only the written `Q<n>` ref.
function unwritableError(
  error: ArchiveWriteError,
  cases: readonly ExportedCase[],
  written: readonly ExportedCase[],
  sources: string[],
): RecordsExportError {
  const index = written.findIndex((found) => found.ref === error.ref);
  if (index === -1) {
    const owner = sources.length === 1 ? `source "${sources[0]}"` : 'the export';
    const message = `The header of ${owner} cannot be written in the records format: ${error.message}`;
    return new RecordsExportError('export-failed', message, sources, { cause: error });
  }

  const stored = cases[index]!;
  const message =
    `Case ${stored.ref} of source "${stored.source}" cannot be written in the records format ` +
    `(${error.message})`;
  return new RecordsExportError('export-failed', message, [stored.source], { cause: error });
}
