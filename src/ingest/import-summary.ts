import type { RedactionCounts } from '../redact/record.js';
import type { ImportError } from './input-errors.js';

/** The result of one import, as `casebook import --json` prints it. Counts are of cases. */
export interface ImportSummary {
  imported: number;
  updated: number;
  unchanged: number;
  /**
   * Valid records that were not imported because their file was rejected. A file rejected
   * before any record was read (unreadable, not UTF-8, empty, or of unknown format) adds none
   * here, so `rejectedFileCount` is the count that shows every rejected file.
   */
  rejected: number;
  /** Number of files that were not imported at all, the length of `rejectedFiles`. */
  rejectedFileCount: number;
  /** Files that were not imported at all: unreadable, or with errors and no `skipInvalid`. */
  rejectedFiles: string[];
  errors: ImportError[];
  /** Invalid records skipped under `skipInvalid`, per file, named as `InputFile.invalidRefs`. */
  skipped: { file: string; refs: string[] }[];
  /** Personal data and secrets replaced in the new and changed cases, by entity type. */
  redactions: RedactionCounts;
  /**
   * Things that were imported but look like a mistake, such as a new source with the header of
   * one already stored, which is what a copy of an archive under another name gives. Lines of
   * imported records that look like a damaged turn marker, heading or category line are listed
   * here too.
   */
  warnings: ImportWarning[];
}

/** A remark about an import that succeeded. */
export interface ImportWarning {
  file: string;
  /** 1-based line that the warning is about; absent when it is about the whole file. */
  line?: number;
  /**
   * Code of a warning about one line: one of `NEAR_MISS_CODES` for an archive, `unknown-speaker`
   * for a chat log.
   */
  code?: string;
  message: string;
}

/** Returns a summary with every count at zero. */
export function emptySummary(): ImportSummary {
  return {
    imported: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejectedFileCount: 0,
    rejectedFiles: [],
    errors: [],
    skipped: [],
    redactions: {},
    warnings: [],
  };
}

/** Counts a file that is not imported, with the valid records it held back. */
export function rejectFile(summary: ImportSummary, file: string, validRecords: number): void {
  summary.rejected += validRecords;
  summary.rejectedFileCount += 1;
  summary.rejectedFiles.push(file);
}
