import path from 'node:path';
import type { CaseRecord } from './record.js';
import { readArchiveFile } from './archive-reader.js';
import { ArchiveError } from './errors.js';
import type { ParsedArchive } from './archive-reader.js';
import { CaseWriter, type PreviousCase } from '../store/case-writer.js';
import { loadPreviousCase } from '../store/previous-case.js';
import type { Store } from '../store/open.js';
import type { RedactionCounts } from '../redact/record.js';
import type { PreparedRecord } from './prepare.js';
import { inlinePool, workerPool, type PreparePool } from './prepare-pool.js';

// Below this many records, starting worker threads (each loads the jieba dictionary) costs more
// than it saves.
const WORKER_THRESHOLD = 2000;
const BATCH_SIZE = 256;
const MAX_BATCHES_IN_FLIGHT = 6;

/** One problem found in an input file, with the 1-based line it is on. */
export interface ImportError {
  file: string;
  line: number;
  code: string;
  message: string;
}

/** The result of one import, as `casebook import --json` prints it. Counts are of cases. */
export interface ImportSummary {
  imported: number;
  updated: number;
  unchanged: number;
  /** Valid records that were not imported because their file had errors. */
  rejected: number;
  /** Files that were not imported at all: unreadable, or with errors and no `skipInvalid`. */
  rejectedFiles: string[];
  errors: ImportError[];
  /** Refs of invalid records skipped under `skipInvalid`, per file. */
  skipped: { file: string; refs: string[] }[];
  /** Personal data and secrets replaced during this import, by entity type. */
  redactions: RedactionCounts;
}

/** Options of {@link importArchives}. */
export interface ImportOptions {
  /** Import the valid records of a file that has errors, instead of rejecting the whole file. */
  skipInvalid?: boolean;
  /** Called after each record with the number of records processed and the total. */
  onProgress?: (done: number, total: number) => void;
}

function toImportError(error: ArchiveError): ImportError {
  return { file: error.file, line: error.line, code: error.code, message: error.message };
}

interface InputFile {
  file: string;
  archive: ParsedArchive;
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function readAll(files: string[]): { parsed: InputFile[]; errors: ImportError[] } {
  const parsed: InputFile[] = [];
  const errors: ImportError[] = [];
  for (const file of files) {
    try {
      parsed.push({ file, archive: readArchiveFile(file) });
    } catch (error) {
      if (error instanceof ArchiveError) errors.push(toImportError(error));
      else if (isFileSystemError(error)) {
        errors.push({
          file,
          line: 0,
          code: 'unreadable-file',
          message: `${file}: cannot read the file (${error.code}). Check the path and permissions.`,
        });
      } else throw error;
    }
  }
  return { parsed, errors };
}

/**
 * Imports archive files: parses them, redacts every record, and stores, indexes and counts them
 * for the category model in a single transaction, so a failure leaves the database as it was.
 * Unchanged records (same content hash after redaction) are left alone and changed ones are
 * updated in place, which makes a re-import idempotent. A file with errors is rejected whole
 * unless `skipInvalid` is set.
 */
export async function importArchives(
  store: Store,
  files: string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const { parsed, errors } = readAll(files);
  const summary: ImportSummary = {
    imported: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejectedFiles: errors.map((error) => error.file),
    errors,
    skipped: [],
    redactions: {},
  };

  const accepted: InputFile[] = [];
  for (const input of parsed) {
    const { archive } = input;
    summary.errors.push(...archive.errors.map(toImportError));
    if (archive.errors.length === 0) accepted.push(input);
    else if (options.skipInvalid) {
      accepted.push(input);
      summary.skipped.push({ file: input.file, refs: archive.invalidRefs });
    } else {
      summary.rejected += archive.records.length;
      summary.rejectedFiles.push(input.file);
    }
  }

  const total = accepted.reduce((sum, input) => sum + input.archive.records.length, 0);
  const pool = total >= WORKER_THRESHOLD ? workerPool() : inlinePool();
  const writer = new CaseWriter(store);
  writer.begin();
  try {
    let done = 0;
    for (const { file, archive } of accepted) {
      const source = writer.openSource(path.basename(file), archive.header);
      await prepareInOrder(pool, archive.records, source.existing, (prepared) => {
        for (const item of prepared) {
          storePrepared(store, writer, source, item, summary.redactions);
          options.onProgress?.(++done, total);
        }
      });
    }
    writer.commit();
  } catch (error) {
    writer.rollback();
    throw error;
  } finally {
    await pool.close();
  }

  Object.assign(summary, writer.totals);
  return summary;
}

/**
 * Sends batches to the pool while earlier ones are written, keeping a few in flight so the
 * workers never wait for the writer, and hands results to `write` in file order.
 */
async function prepareInOrder(
  pool: PreparePool,
  records: CaseRecord[],
  existing: Map<string, { hash: string }>,
  write: (prepared: PreparedRecord[]) => void,
): Promise<void> {
  const inFlight: Array<Promise<PreparedRecord[]>> = [];
  for (let start = 0; start < records.length; start += BATCH_SIZE) {
    const batch = records.slice(start, start + BATCH_SIZE);
    inFlight.push(
      pool.prepare(
        batch,
        batch.map((record) => existing.get(record.ref)?.hash ?? null),
      ),
    );
    if (inFlight.length >= MAX_BATCHES_IN_FLIGHT) write(await inFlight.shift()!);
  }
  while (inFlight.length > 0) write(await inFlight.shift()!);
}

function storePrepared(
  store: Store,
  writer: CaseWriter,
  source: ReturnType<CaseWriter['openSource']>,
  prepared: PreparedRecord,
  redactionTotals: RedactionCounts,
): void {
  for (const [type, count] of Object.entries(prepared.counts)) {
    redactionTotals[type] = (redactionTotals[type] ?? 0) + count;
  }

  const stored = source.existing.get(prepared.record.ref);
  if (!prepared.document || !prepared.categoryTerms || !prepared.knowledge) {
    writer.skipUnchanged();
    return;
  }

  let previous: PreviousCase | undefined;
  if (stored) previous = loadPreviousCase(store, stored.id);
  const { record, hash, document, categoryTerms, knowledge } = prepared;
  writer.write(source.id, { record, hash, document, categoryTerms, knowledge }, stored, previous);
}
