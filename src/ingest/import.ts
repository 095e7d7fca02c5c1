import path from 'node:path';
import type { CaseRecord } from './record.js';
import { readInputFile, type ImportError, type InputFile } from './input-files.js';

export type { ImportError } from './input-files.js';
import { settleTranscriptCategory } from './transcript-category.js';
import type { TranscriptMeta } from './transcripts/index.js';
import { CategoryModel } from '../triage/category-model.js';
import { CaseWriter, type CaseDetails, type PreviousCase } from '../store/case-writer.js';
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
  /** Key of the vault that seals contact values; the vault is off when absent. */
  vaultKey?: Uint8Array | null;
  /** Called after each record with the number of records processed and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** Splits the read files into accepted ones and errors, following the `skipInvalid` policy. */
function acceptFiles(files: string[], options: ImportOptions, summary: ImportSummary): InputFile[] {
  const accepted: InputFile[] = [];
  for (const file of files) {
    const input = readInputFile(file);
    if (!('records' in input)) {
      summary.errors.push(input);
      summary.rejectedFiles.push(file);
      continue;
    }

    summary.errors.push(...input.errors);
    if (input.errors.length === 0) accepted.push(input);
    else if (options.skipInvalid) {
      accepted.push(input);
      summary.skipped.push({ file, refs: input.invalidRefs });
    } else {
      summary.rejected += input.records.length;
      summary.rejectedFiles.push(file);
    }
  }
  return accepted;
}

/**
 * Imports archive and transcript files: parses them, redacts every record, and stores, indexes
 * and counts them for the category model in a single transaction, so a failure leaves the
 * database as it was. Unchanged records (same content hash after redaction) are left alone and
 * changed ones are updated in place, which makes a re-import idempotent. A file with errors is
 * rejected whole unless `skipInvalid` is set.
 */
export async function importArchives(
  store: Store,
  files: string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    imported: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejectedFiles: [],
    errors: [],
    skipped: [],
    redactions: {},
  };
  const accepted = acceptFiles(files, options, summary);

  const total = accepted.reduce((sum, input) => sum + input.records.length, 0);
  const model = accepted.some((input) => input.meta.size > 0)
    ? await CategoryModel.load(store)
    : undefined;
  const vaultKey = options.vaultKey ?? null;
  const pool = total >= WORKER_THRESHOLD ? workerPool(vaultKey) : inlinePool(vaultKey);
  const writer = new CaseWriter(store);
  writer.begin();
  try {
    let done = 0;
    for (const input of accepted) {
      const source = writer.openSource(path.basename(input.file), input.header);
      await prepareInOrder(pool, input.records, source.existing, (prepared) => {
        for (const item of prepared) {
          const target = { store, writer, source, model, meta: input.meta };
          storePrepared(target, item, summary.redactions);
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

/** Where prepared records go, and what transcripts need to settle their category. */
interface WriteTarget {
  store: Store;
  writer: CaseWriter;
  source: ReturnType<CaseWriter['openSource']>;
  model: CategoryModel | undefined;
  meta: Map<string, TranscriptMeta>;
}

function storePrepared(
  target: WriteTarget,
  prepared: PreparedRecord,
  redactionTotals: RedactionCounts,
): void {
  for (const [type, count] of Object.entries(prepared.counts)) {
    redactionTotals[type] = (redactionTotals[type] ?? 0) + count;
  }

  const { store, writer, source } = target;
  const stored = source.existing.get(prepared.record.ref);
  if (!prepared.document || !prepared.categoryTerms || !prepared.knowledge) {
    writer.skipUnchanged();
    return;
  }

  let record = prepared.record;
  let details: CaseDetails | undefined;
  const meta = target.meta.get(record.ref);
  if (meta && target.model) {
    ({ record, details } = settleTranscriptCategory(
      record,
      meta,
      prepared.categoryTerms,
      target.model,
    ));
  }

  let previous: PreviousCase | undefined;
  if (stored) previous = loadPreviousCase(store, stored.id);
  const { hash, document, categoryTerms, knowledge, sealed } = prepared;
  writer.write(
    source.id,
    { record, hash, document, categoryTerms, knowledge, details, sealed },
    stored,
    previous,
  );
}
