import { ArchiveWriteError, defaultHeader, writeArchive } from '../../ingest/index.js';
import { caseJsonLine, exportedCases, exportedHeader } from '../../store/case-export.js';
import type { StoredCase } from '../../store/case-reader.js';
import type { Store } from '../../store/open.js';
import { ApiError } from '../errors.js';

/** Yields the stored cases as JSON Lines, one case per line with its newline. */
export async function* jsonlLines(store: Store, source?: string): AsyncGenerator<string> {
  for await (const found of exportedCases(store, source)) {
    yield `${caseJsonLine(found)}\n`;
  }
}

// The records format requires refs of the form `Q<n>`, so portal (W3), intake (I3) and
// transcript refs keep only their number.
function archiveRef(ref: string): string {
  if (/^Q\d+$/.test(ref)) return ref;
  return `Q${/\d+/.exec(ref)?.[0] ?? '0'}`;
}

/**
 * Writes the stored cases, or those of one source, in the archive's records format. Raises
 * `export-source-required` when several sources share record numbers, and `export-failed` when a
 * case cannot be written in the format.
 */
export async function recordsText(store: Store, source?: string): Promise<string> {
  const cases: StoredCase[] = [];
  for await (const found of exportedCases(store, source)) {
    cases.push({ ...found, ref: archiveRef(found.ref) });
  }

  const sources = new Set(cases.map((found) => found.source));
  const refs = new Set(cases.map((found) => found.ref));
  if (sources.size > 1 && refs.size < cases.length) {
    throw new ApiError(
      'export-source-required',
      `Cases of ${sources.size} sources share record numbers; pass source=NAME to export one.`,
      { sources: [...sources].sort() },
    );
  }

  const header =
    sources.size === 1
      ? await exportedHeader(store, [...sources][0]!)
      : defaultHeader(cases.length, null);
  try {
    return writeArchive(header, cases);
  } catch (error) {
    if (!(error instanceof ArchiveWriteError)) throw error;
    throw new ApiError('export-failed', `Cannot write the records format: ${error.message}`);
  }
}
