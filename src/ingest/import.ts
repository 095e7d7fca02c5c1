import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { defaultHeader } from './archive-writer.js';
import { sameHeader, type ArchiveHeader } from './record.js';
import { emptySummary, type ImportSummary } from './import-summary.js';
import type { InputFile, InputSource } from './input-files.js';
import { InputReader } from './input-reader.js';
import { settleTranscriptCategory } from './transcript-category.js';
import type { TranscriptMeta } from './transcripts/index.js';
import { CategoryModel } from '../triage/category-model.js';
import { CaseWriter, type CaseDetails, type PreviousCase } from '../store/case-writer.js';
import { loadPreviousCase } from '../store/previous-case.js';
import type { Store } from '../store/open.js';
import type { SqlExecutor } from '../store/sql-executor.js';
import { forgetCaseCount } from '../store/case-count.js';
import { loadSourceHeader, sourceWithHeader } from '../store/source-header.js';
import { redactHeader, type RedactionCounts } from '../redact/record.js';
import { recordSegmentation } from '../search/segmentation-check.js';
import type { PreparedBatch, PreparedRecord } from './prepare.js';
import { inlinePool, workerPool, type PreparePool } from './prepare-pool.js';
import { PrepareQueue } from './prepare-queue.js';

export type { ImportError } from './input-files.js';
export type { ImportSummary } from './import-summary.js';

// A worker thread counts the terms of a whole batch, and the importing thread merges one map per
// batch. On the generated 100k archive, batches of 1,024 cases give 10 map entries per case to
// merge, against 26 for batches of 256. Batches go to the workers in turn, so with four in
// flight each worker has the next one waiting while the oldest is written. That took the 100k
// import from 26.6–27.1 s to 25.9–26.1 s for 19 MiB more (docs/benchmarks.md).
const BATCH_SIZE = 1024;
const MAX_BATCHES_IN_FLIGHT = 4;

/** Options of {@link importArchives}. */
export interface ImportOptions {
  /** Import the valid records of a file that has errors, instead of rejecting the whole file. */
  skipInvalid?: boolean;
  /** Key of the vault that seals contact values; the vault is off when absent. */
  vaultKey?: Uint8Array | null;
  /**
   * Treat the import as a bulk load: prepare records on worker threads, let the V8 heap grow
   * less between collections, and write through SQLite's rollback journal when no other
   * connection has the file open. The default is a bulk load for inputs of 4 MiB or more, about
   * 2,000 cases of the archive format.
   */
  bulk?: boolean;
  /**
   * Called after each record with the bytes of input processed so far (whole files, plus the
   * processed share of the current one), the total bytes of all inputs, and the cases so far.
   */
  onProgress?: (doneBytes: number, totalBytes: number, cases: number) => void;
}

// Inputs of at least this many bytes are a bulk load. Below it, starting the workers costs more
// than it saves, because each one loads the jieba dictionary.
const BULK_THRESHOLD_BYTES = 4 * 1024 * 1024;

// When a thread allocates fast, V8 lets its heap grow to several times what survived the last
// full collection before it collects again. The import's main thread allocates fast and keeps
// little (batches in flight, pending counts): during a 100k-case import its heap reached 400 MB
// and the process peaked at about 910 MiB of RSS. Growing by at most 60 % brought that to
// 710 MiB at the same speed (17.0 to 17.6 s against 18.1 to 19.4 s); 30 % gave 665 MiB and was
// about 1 s slower. The flag is process-wide, so it is set back to V8's default, 0 (the dynamic
// factor, per `node --v8-options`), when the last bulk import of the process ends.
const BULK_HEAP_GROWING_PERCENT = 60;
let bulkImportsRunning = 0;

function startBulkHeapGrowth(): void {
  if (bulkImportsRunning++ === 0) {
    v8.setFlagsFromString(`--heap-growing-percent=${BULK_HEAP_GROWING_PERCENT}`);
  }
}

function endBulkHeapGrowth(): void {
  if (--bulkImportsRunning === 0) v8.setFlagsFromString('--heap-growing-percent=0');
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Imports archives, case JSON Lines and transcript files: parses them, redacts every record,
 * and stores, indexes and counts them for the category model in a single transaction, so a
 * failure leaves the database as it was. Files are written in order and parsed at most one
 * ahead, so memory is bounded by the largest few files rather than the whole import. Unchanged
 * records (same content hash after redaction) are left alone and changed ones are updated in
 * place, which makes a re-import idempotent. A file with errors is rejected whole unless
 * `skipInvalid` is set.
 */
export async function importArchives(
  store: Store,
  givenFiles: string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const summary = emptySummary();
  const { files, repeated } = distinctFiles(givenFiles);

  const sizes = files.map(fileSize);
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  const vaultKey = options.vaultKey ?? null;
  const bulk = options.bulk ?? totalBytes >= BULK_THRESHOLD_BYTES;
  const progress = { done: 0, total: totalBytes, cases: 0, report: options.onProgress };
  let model: CategoryModel | undefined;
  let pool: PreparePool | undefined;
  // Set before the workers start, so that their heaps grow the same way.
  if (bulk) startBulkHeapGrowth();
  try {
    pool = bulk ? workerPool(vaultKey) : inlinePool(vaultKey);
    const prepare = pool;
    const totals = await store.sql.transaction(
      async (sql) => {
        // PostgreSQL may run this again after a deadlock: count from zero each time.
        Object.assign(summary, emptySummary());
        Object.assign(progress, { done: 0, cases: 0 });
        // An index written whole by this import has this code's segmentation.
        const wasEmpty = (await sql.get('SELECT id FROM cases LIMIT 1')) === undefined;
        const writer = new CaseWriter(sql);
        const reader = new InputReader(files, options, summary);
        const queue = new PrepareQueue(prepare, MAX_BATCHES_IN_FLIGHT);
        for (const size of sizes) {
          const input = reader.take();
          if (input) {
            if (hasTranscripts(input)) model ??= await CategoryModel.load(store);
            await sendFile(queue, input, { sql, writer, model, summary, progress, size });
            // The workers prepare the batches in flight while the next file is parsed.
            reader.readAhead();
          }
          progress.done += size;
        }
        await queue.drain();
        await writer.finish();
        if (wasEmpty) await recordSegmentation(sql);
        return writer.totals;
      },
      { bulk },
    );
    Object.assign(summary, totals);
    for (const file of repeated) {
      summary.warnings.push({
        file,
        message: `${file} was given more than once; it was read once.`,
      });
    }
  } finally {
    forgetCaseCount(store);
    await pool?.close();
    if (bulk) endBulkHeapGrowth();
  }
  return summary;
}

/**
 * Returns the files in the order given, each once, and those given again. Two paths name the same
 * file when they resolve to one real path (`a.md`, `./a.md`, a link to it).
 */
function distinctFiles(files: string[]): { files: string[]; repeated: string[] } {
  const seen = new Set<string>();
  const distinct: string[] = [];
  const repeated: string[] = [];
  for (const file of files) {
    const key = realPathOf(file);
    if (seen.has(key)) repeated.push(file);
    else {
      seen.add(key);
      distinct.push(file);
    }
  }
  return { files: distinct, repeated };
}

function realPathOf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    // A missing file is reported when it is read.
    return path.resolve(file);
  }
}

/** The transaction, writer and progress counters that the batches of one file use. */
interface FileContext {
  sql: SqlExecutor;
  writer: CaseWriter;
  model: CategoryModel | undefined;
  summary: ImportSummary;
  progress: {
    /** Bytes of the files before the one being sent. */
    done: number;
    total: number;
    cases: number;
    report: ImportOptions['onProgress'];
  };
  /** Bytes of this file. */
  size: number;
}

function hasTranscripts(input: InputFile): boolean {
  return input.sources.some((source) => source.meta.size > 0);
}

/** Cases of the file being sent that are written so far, for the progress report. */
interface FileProgress {
  /** The file's path, as the import was given it. */
  file: string;
  /** Bytes of the files before this one. */
  done: number;
  written: number;
  total: number;
}

/** Sends the records of every source of a file to the queue in batches. */
async function sendFile(
  queue: PrepareQueue,
  input: InputFile,
  context: FileContext,
): Promise<void> {
  const total = input.sources.reduce((sum, source) => sum + source.records.length, 0);
  const fileProgress = { file: input.file, done: context.progress.done, written: 0, total };
  for (const source of input.sources) await sendSource(queue, source, context, fileProgress);
}

/** Opens one source and sends its records to the queue in batches. */
async function sendSource(
  queue: PrepareQueue,
  input: InputSource,
  context: FileContext,
  fileProgress: FileProgress,
): Promise<void> {
  const { writer, progress, size } = context;
  const name = input.name;
  // Two inputs with one source name share a source, so the second must find what the first wrote.
  if (queue.hasBatchesOf(name)) await queue.drain();
  // Case JSON Lines give no header when their lines lack `sourceHeader`, as older exports do.
  // A stored source then keeps its header, and a new one gets the default header, which has no
  // "(Part N)".
  const header = await headerFor(input, context, fileProgress.file);
  const source = await writer.openSource(name, header);

  const target = { ...context, source, meta: input.meta, statuses: input.statuses };
  const write = async (batch: PreparedBatch) => {
    writer.addCounts(batch.counts);
    for (const item of batch.prepared) {
      await storePrepared(target, item, context.summary.redactions);
      fileProgress.written += 1;
      const share = size * (fileProgress.written / fileProgress.total);
      progress.report?.(fileProgress.done + share, progress.total, ++progress.cases);
    }
  };

  // Records leave the parsed file as they are sent, since the workers get copies: the file's
  // text, which the records' strings point into, can then go before the next file is sent.
  while (input.records.length > 0) {
    const records = input.records.splice(0, BATCH_SIZE);
    const batch = {
      records,
      storedHashes: records.map((record) => source.existing.get(record.ref)?.hash ?? null),
      finalCategories: records.map((record) => !input.meta.has(record.ref)),
    };
    await queue.send(batch, name, write);
  }
}

/**
 * Returns the header a source gets: the file's own, redacted, else the stored one, else the
 * default. Adds what redaction replaced in a new or changed header to the summary, and warns
 * when a new source has the header of another stored source, as a copy of an archive under
 * another file name has.
 */
async function headerFor(
  input: InputSource,
  context: FileContext,
  file: string,
): Promise<ArchiveHeader> {
  const { sql, summary } = context;
  const stored = await loadSourceHeader(sql, input.name);
  if (!input.header) return stored ?? defaultHeader(input.records.length, null);

  const { header, counts } = redactHeader(input.header);
  if (stored === null || !sameHeader(stored, header)) {
    for (const [type, count] of Object.entries(counts)) {
      summary.redactions[type] = (summary.redactions[type] ?? 0) + count;
    }
  }

  const twin = stored === null ? await sourceWithHeader(sql, header) : null;
  if (twin !== null) {
    summary.warnings.push({
      file,
      message:
        `${file}: its header is that of source "${twin}", which is already stored, so its ` +
        `cases were stored again as source "${input.name}". If the file is a copy of ` +
        `"${twin}", import it under that file name instead (see "Sources and file names" in ` +
        'docs/import.md).',
    });
  }
  return header;
}

/**
 * The destination of prepared records, with the transcript facts that settle their category and
 * the statuses that case JSON Lines carry.
 */
interface WriteTarget {
  sql: SqlExecutor;
  writer: CaseWriter;
  source: Awaited<ReturnType<CaseWriter['openSource']>>;
  model: CategoryModel | undefined;
  meta: Map<string, TranscriptMeta>;
  statuses: Map<string, string>;
}

async function storePrepared(
  target: WriteTarget,
  prepared: PreparedRecord,
  redactionTotals: RedactionCounts,
): Promise<void> {
  const { sql, writer, source } = target;
  const stored = source.existing.get(prepared.record.ref);
  if (!prepared.document || !prepared.categoryTerms || !prepared.knowledge) {
    writer.skipUnchanged();
    return;
  }
  // Only stored cases count, so a repeated import of unchanged files reports no redactions.
  for (const [type, count] of Object.entries(prepared.counts)) {
    redactionTotals[type] = (redactionTotals[type] ?? 0) + count;
  }

  let record = prepared.record;
  let details: CaseDetails | undefined;
  const meta = target.meta.get(record.ref);
  const status = target.statuses.get(record.ref);
  if (meta && target.model) {
    ({ record, details } = await settleTranscriptCategory(
      record,
      meta,
      prepared.categoryTerms,
      target.model,
    ));
  } else if (status !== undefined) {
    details = { status };
  }

  let previous: PreviousCase | undefined;
  if (stored) previous = await loadPreviousCase(sql, stored.id);
  const { hash, document, categoryTerms, knowledge, sealed, counted } = prepared;
  await writer.write(
    source.id,
    { record, hash, document, categoryTerms, knowledge, details, sealed, counted },
    stored,
    previous,
  );
}
