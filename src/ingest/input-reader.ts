import path from 'node:path';
import { rejectFile, type ImportSummary } from './import-summary.js';
import { inputError } from './input-errors.js';
import { readInputFile, type InputFile } from './input-files.js';

/** The options of an import that decide whether a file with errors is imported. */
export interface AcceptOptions {
  /** Import the valid records of a file that has errors, instead of rejecting the whole file. */
  skipInvalid?: boolean;
}

/** Reads one file and applies the `skipInvalid` policy; returns null when the file is rejected. */
function acceptFile(
  file: string,
  options: AcceptOptions,
  summary: ImportSummary,
  sourceFiles: Map<string, string>,
): InputFile | null {
  const input = readInputFile(file);
  if (!('sources' in input)) {
    summary.errors.push(input);
    rejectFile(summary, file, 0);
    return null;
  }

  const records = input.sources.reduce((sum, source) => sum + source.records.length, 0);
  // An archive or a transcript is the source named after its file, so a second file of the same
  // name would update the first one's cases within one import.
  if (input.format !== 'case-jsonl') {
    const name = path.basename(file);
    const first = sourceFiles.get(name);
    if (first !== undefined) {
      const detail =
        `${first}, imported before it, has the same name ${name}, and a file's name names its ` +
        'source; rename one of them, or import the newer one alone to update that source';
      summary.errors.push(inputError(file, 0, 'duplicate-source-name', detail));
      rejectFile(summary, file, records);
      return null;
    }
    sourceFiles.set(name, file);
  }
  if (input.errors.length === 0 && records === 0) {
    summary.errors.push(inputError(file, 1, 'no-records', noRecordsDetail(input)));
    rejectFile(summary, file, 0);
    return null;
  }
  summary.errors.push(...input.errors);
  // Under skipInvalid a file with errors and no valid record is rejected too: importing it would
  // store an empty source (a CSV file without its role column).
  if (input.errors.length > 0 && (!options.skipInvalid || records === 0)) {
    rejectFile(summary, file, records);
    return null;
  }

  if (input.errors.length > 0) summary.skipped.push({ file, refs: input.invalidRefs });
  // Warnings are about imported records, so a rejected file gives none.
  summary.warnings.push(...input.warnings);
  return input;
}

/** Returns the error detail for a file in a known format without a single case, such as notes. */
function noRecordsDetail(input: InputFile): string {
  const hint =
    input.format === 'archive'
      ? 'records start with a "## Q<n>: <title>" line; check that the right file was given'
      : 'check that the right file was given';
  return `the file holds no cases; ${hint}`;
}

/**
 * Hands out the input files in order. The next file can be read while the current one is still
 * being prepared, so the worker threads do not wait for the parser between files.
 */
export class InputReader {
  #position = 0;
  #ahead: { input: InputFile | null } | undefined;
  // The first file of each name among the archives and transcripts read so far.
  readonly #sourceFiles = new Map<string, string>();

  constructor(
    private readonly files: string[],
    private readonly options: AcceptOptions,
    private readonly summary: ImportSummary,
  ) {}

  /** Reads and parses the next file now, unless that was done already or no file is left. */
  readAhead(): void {
    if (this.#ahead || this.#position >= this.files.length) return;
    const file = this.files[this.#position]!;
    this.#ahead = { input: acceptFile(file, this.options, this.summary, this.#sourceFiles) };
  }

  /** Returns the next file, or null when it was rejected. */
  take(): InputFile | null {
    this.readAhead();
    const { input } = this.#ahead!;
    this.#ahead = undefined;
    this.#position += 1;
    return input;
  }
}
