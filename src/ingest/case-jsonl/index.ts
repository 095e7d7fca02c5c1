/**
 * Import of case JSON Lines: the one-case-per-line export of `casebook export --format jsonl`.
 * Each line names the source and ref of its case, so one file can refill several sources.
 */
import type { CaseRecord } from '../record.js';
import { isBlank, splitLines } from '../syntax.js';
import { CaseLineError } from './errors.js';
import { readCaseLine, type ReportLineError } from './line.js';
import { isObject } from '../json-object.js';

export { CASE_LINE_ERROR_CODES, CaseLineError, type CaseLineErrorCode } from './errors.js';

/** The valid cases of one source, in file order. */
export interface CaseLineSource {
  name: string;
  records: CaseRecord[];
  /** Stored statuses by ref, for the lines that give one. */
  statuses: Map<string, string>;
}

/** Result of reading one case JSON Lines file. */
export interface ParsedCaseLines {
  /** Sources in the order of their first line. */
  sources: CaseLineSource[];
  /** Every problem found, sorted by line. */
  errors: CaseLineError[];
  /**
   * The cases left out because of an error, as `<source>/<ref>`, or `line <n>` when the line
   * names no valid source and ref. A repeated source and ref is listed here, while its first
   * line stays valid unless it has errors of its own.
   */
  invalidRefs: string[];
}

/**
 * Tells whether a parsed JSON Lines value has the shape of an exported case rather than of a
 * chat transcript conversation: it has `turns`, or `source` and `ref`, and no `messages`.
 */
export function isCaseLine(value: unknown): boolean {
  if (!isObject(value) || 'messages' in value) return false;
  return 'turns' in value || ('source' in value && 'ref' in value);
}

/**
 * Parses case JSON Lines. Blank lines are ignored. `file` is the path used in error messages.
 * A line with an error is left out and parsing goes on, so every broken line is reported.
 */
export function parseCaseLines(text: string, file: string): ParsedCaseLines {
  const sources = new Map<string, CaseLineSource>();
  const firstLines = new Map<string, number>();
  const result: ParsedCaseLines = { sources: [], errors: [], invalidRefs: [] };

  splitLines(text.replace(/^\uFEFF/, '')).forEach((source, index) => {
    if (isBlank(source)) return;

    const position = { file, line: index + 1 };
    const report: ReportLineError = (code, detail) => {
      result.errors.push(new CaseLineError(code, position, detail));
    };
    const line = readCaseLine(source, report);
    const key = line.source !== null && line.ref !== null ? `${line.source}/${line.ref}` : null;
    const firstLine = key === null ? undefined : firstLines.get(key);

    if (key !== null && firstLine === undefined) firstLines.set(key, position.line);
    if (firstLine !== undefined) {
      const detail =
        `source "${line.source}" and ref "${line.ref}" are already used at line ${firstLine}; ` +
        'keep one line per case';
      report('duplicate-ref', detail);
    }
    if (line.case === null || firstLine !== undefined) {
      result.invalidRefs.push(key ?? `line ${position.line}`);
      return;
    }

    addCase(sources, line.case.record, line.case.status);
  });

  result.sources = [...sources.values()];
  return result;
}

function addCase(sources: Map<string, CaseLineSource>, record: CaseRecord, status: string | null) {
  let group = sources.get(record.source);
  if (group === undefined) {
    group = { name: record.source, records: [], statuses: new Map() };
    sources.set(record.source, group);
  }
  group.records.push(record);
  if (status !== null) group.statuses.set(record.ref, status);
}
