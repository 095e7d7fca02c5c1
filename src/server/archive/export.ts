import {
  RecordsExportError,
  buildRecordsExport,
  caseJsonLine,
  exportedCases,
} from '../../store/case-export.js';
import type { Store } from '../../store/open.js';
import { ApiError } from '../errors.js';

/** Yields the stored cases as JSON Lines, one case per line with its newline. */
export async function* jsonlLines(store: Store, source?: string): AsyncGenerator<string> {
  for await (const found of exportedCases(store, source)) {
    yield `${caseJsonLine(found)}\n`;
  }
}

/**
 * Writes the stored cases, or those of one source, in the archive's records format, with portal,
 * intake and transcript refs written as `Q<n>` (see `buildRecordsExport`). Raises
 * `export-source-required` when several sources share record numbers, and `export-failed` when a
 * case cannot be written in the format.
 */
export async function recordsText(store: Store, source?: string): Promise<string> {
  try {
    return (await buildRecordsExport(store, source)).text;
  } catch (error) {
    if (!(error instanceof RecordsExportError)) throw error;
    if (error.code === 'export-source-required') {
      throw new ApiError(
        'export-source-required',
        `Cases of ${error.sources.length} sources share record numbers; pass source=NAME to export one.`,
        { sources: error.sources },
      );
    }
    throw new ApiError('export-failed', `${error.message}. Export format=jsonl instead.`);
  }
}
