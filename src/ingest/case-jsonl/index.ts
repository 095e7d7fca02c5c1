/**
 * Import of case JSON Lines: the one-case-per-line export of `casebook export --format jsonl`.
 * Each line names the source and ref of its case, so one file can refill several sources.
 */
import { sameHeader, type ArchiveHeader, type CaseRecord } from '../record.js';
import { isBlank, splitFileLines } from '../syntax.js';
import { CaseLineError } from './errors.js';
import { HEADER_FIELD } from './header.js';
import { readCaseLine, type CaseLine, type ReportLineError } from './line.js';
import { isObject } from '../json-object.js';

export { CASE_LINE_ERROR_CODES, CaseLineError, type CaseLineErrorCode } from './errors.js';

/** The valid cases of one source, in file order. */
export interface CaseLineSource {
  name: string;
  records: CaseRecord[];
  /** Stored statuses by ref, for the lines that give one. */
  statuses: Map<string, string>;
  /** The archive header that the source's lines give, or null when none of them gives one. */
  header: ArchiveHeader | null;
  /** 1-based number of the first line that gives the header, or 0 when none does. */
  headerLine: number;
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

  splitFileLines(text.replace(/^\uFEFF/, '')).forEach((source, index) => {
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
    const found = firstLine === undefined ? line.case : null;
    if (found === null || conflictsWithHeader(sources, found, report)) {
      result.invalidRefs.push(key ?? `line ${position.line}`);
      return;
    }

    addCase(sources, found, position.line);
  });

  result.sources = [...sources.values()];
  return result;
}

// Each line carries the header of its source so that it can be read alone, so two lines of one
// source can disagree. Such a line is reported, because letting one header win would hide that.
function conflictsWithHeader(
  sources: Map<string, CaseLineSource>,
  line: CaseLine,
  report: ReportLineError,
): boolean {
  const group = sources.get(line.record.source);
  if (line.header === null || group === undefined || group.header === null) return false;
  if (sameHeader(line.header, group.header)) return false;

  const detail =
    `field "${HEADER_FIELD}" differs from the header of source "${group.name}" at line ` +
    `${group.headerLine}; give every line of one source the same header, or remove it`;
  report('conflicting-header', detail);
  return true;
}

function addCase(sources: Map<string, CaseLineSource>, line: CaseLine, lineNumber: number) {
  const { record, status, header } = line;
  let group = sources.get(record.source);
  if (group === undefined) {
    group = { name: record.source, records: [], statuses: new Map(), header: null, headerLine: 0 };
    sources.set(record.source, group);
  }

  group.records.push(record);
  if (status !== null) group.statuses.set(record.ref, status);
  if (header !== null && group.header === null) {
    group.header = header;
    group.headerLine = lineNumber;
  }
}
