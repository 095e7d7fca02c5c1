import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeArchive, type Damage } from './archive-decoder.js';
import { ArchiveError, quoteText } from './errors.js';
import { readHeader } from './header-parser.js';
import type { NearMissWarning } from './near-miss.js';
import type { ArchiveHeader, CaseRecord } from './record.js';
import {
  parseRecordLines,
  type ParsedRecord,
  type RecordLines,
  type RecordOrigin,
} from './record-parser.js';
import {
  isBlank,
  isRecordEnd,
  isValidRecordNumber,
  MAX_RECORD_NUMBER,
  matchRecordStart,
  matchTurnMarker,
  splitFileLines,
  type RecordStart,
} from './syntax.js';

export { decodeArchive, decodeDamagedArchive, type Damage } from './archive-decoder.js';

/** Result of reading one archive file. */
export interface ParsedArchive {
  header: ArchiveHeader;
  /** Records without errors, in file order. */
  records: CaseRecord[];
  /** Every problem found, sorted by line. */
  errors: ArchiveError[];
  /**
   * Refs of the records left out of `records` because of an error. A duplicate ref is listed
   * here while its first record stays in `records`.
   */
  invalidRefs: string[];
  /**
   * The first lines of the records in `records` that were read as text but look like damaged
   * turn markers, section headings or category lines, in file order, at most
   * `MAX_LISTED_WARNINGS` of them.
   */
  warnings: NearMissWarning[];
  /** Number of such lines after the last one in `warnings`. */
  unlistedWarnings: number;
}

/**
 * Maximum number of near-miss warnings listed per file. Without it an archive whose every turn
 * marker was damaged would print thousands of lines, and the summary is stored in the import
 * history.
 */
export const MAX_LISTED_WARNINGS = 50;

interface ReaderState extends RecordOrigin {
  records: CaseRecord[];
  errors: ArchiveError[];
  invalidRefs: string[];
  warnings: NearMissWarning[];
  unlistedWarnings: number;
  /** Line of the first record with each number, keyed by the number without leading zeros. */
  refLines: Map<string, number>;
}

/**
 * Parses the text of an archive file. `file` is the path used in error messages, and its base
 * name becomes each record's `source`. Accepts LF, CRLF and CR line endings.
 *
 * A record runs from a `## Q<n>:` line to a `---` line that is followed only by blank lines
 * before the next record start or the end of the file. Any other `---` line is text. A record
 * with an error is left out, and parsing resumes at the next record start, so every broken record
 * in the file is reported. Lines that look like damaged structure lines are read as text and
 * listed in `warnings`.
 */
export function parseArchive(
  text: string,
  file: string,
  damage: Damage | null = null,
): ParsedArchive {
  const lines = splitFileLines(text.replace(/^\uFEFF/, ''));
  const starts = lines.flatMap((line, index) => (matchRecordStart(line) === null ? [] : [index]));
  // A damaged character in the header spoils the title every record is stored under.
  if (damage !== null && damage.lines[0]! <= (starts[0] ?? lines.length)) throw damage.error;
  const state: ReaderState = {
    file,
    source: path.basename(file),
    records: [],
    errors: [],
    invalidRefs: [],
    warnings: [],
    unlistedWarnings: 0,
    refLines: new Map(),
  };

  const header = readHeader(lines.slice(0, starts[0] ?? lines.length), {
    file,
    errors: state.errors,
    wholeFile: starts.length === 0,
  });
  starts.forEach((start, index) => {
    const end = starts[index + 1] ?? lines.length;
    const damaged = damage?.lines.find((line) => line > start && line <= end);
    if (damaged !== undefined) {
      rejectDamaged(lines[start]!, damaged, state);
      return;
    }
    readRecord({ lines: lines.slice(start, end), firstLine: start + 1 }, state);
  });

  const errors = [...state.errors].sort((a, b) => a.line - b.line);
  const { records, invalidRefs, warnings, unlistedWarnings } = state;
  return { header, records, errors, invalidRefs, warnings, unlistedWarnings };
}

/**
 * Reads, decodes and parses an archive file. Throws the `fs` error when the file cannot be read,
 * and an `invalid-encoding` ArchiveError when it is not UTF-8 text.
 */
export function readArchiveFile(filePath: string): ParsedArchive {
  const bytes = readFileSync(filePath);
  return parseArchive(decodeArchive(bytes, filePath), filePath);
}

// Reads the lines from one record start up to the next record start or the end of the file.
function readRecord(chunk: RecordLines, state: ReaderState): void {
  // Every chunk begins at a line that matched a record start.
  const start = matchRecordStart(chunk.lines[0]) as RecordStart;
  const ref = `Q${start.number}`;
  const startError = checkRecordStart(start, chunk.firstLine, state);
  if (startError !== null) return reject(state, ref, startError);

  const end = findRecordEnd(chunk.lines);
  const body = {
    lines: chunk.lines.slice(0, end.closing ?? end.lastRule),
    firstLine: chunk.firstLine,
  };
  let parsed: ParsedRecord;
  try {
    parsed = parseRecordLines(body, start, state);
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    return reject(state, ref, error);
  }

  if (end.closing === null) return reject(state, ref, terminationError(chunk, end, ref, state));
  state.records.push(parsed.record);
  addWarnings(state, parsed.warnings);
}

// The warnings of a rejected record are dropped with it, since that record is not imported.
function addWarnings(state: ReaderState, warnings: readonly NearMissWarning[]): void {
  const room = Math.max(0, MAX_LISTED_WARNINGS - state.warnings.length);
  state.warnings.push(...warnings.slice(0, room));
  state.unlistedWarnings += Math.max(0, warnings.length - room);
}

function checkRecordStart(start: RecordStart, line: number, state: ReaderState) {
  const position = { file: state.file, line };
  if (!start.exact) {
    const detail =
      `this line looks like the start of record Q${start.number} but is not written as one; ` +
      `write "## Q${start.number}: ${start.title}" (two #, a space, a capital Q, the number and ` +
      'a colon)';
    return new ArchiveError('invalid-record-start', position, detail);
  }
  if (!isValidRecordNumber(start.number)) {
    const detail =
      `the record start "## Q${start.number}:" has a record number that is not a decimal ` +
      'number; expected "## Q<n>: <title>", such as "## Q12: 证书过期"';
    return new ArchiveError('invalid-record-start', position, detail);
  }

  const key = start.number.replace(/^0+(?=\d)/, '');
  if (key.length > 10 || Number(key) > MAX_RECORD_NUMBER) {
    // The number is not quoted, since a number this long may be a phone number.
    const detail =
      `the record start has a record number above ${MAX_RECORD_NUMBER}, the largest the ` +
      'database stores; renumber the record, such as "## Q12: 证书过期"';
    return new ArchiveError('invalid-record-start', position, detail);
  }
  const first = state.refLines.get(key);
  if (first !== undefined) {
    const detail =
      `record number Q${start.number} is already used by the record at line ${first}; ` +
      'give each record in a file its own number';
    return new ArchiveError('duplicate-ref', position, detail);
  }

  state.refLines.set(key, line);
  return null;
}

interface RecordEnd {
  /** Index of the `---` line that closes the record, or null when it is not closed. */
  closing: number | null;
  /** Index of the last `---` line after the start line, or undefined when there is none. */
  lastRule: number | undefined;
}

function findRecordEnd(lines: readonly string[]): RecordEnd {
  let last = lines.length - 1;
  while (last > 0 && isBlank(lines[last])) last -= 1;
  if (last > 0 && isRecordEnd(lines[last])) return { closing: last, lastRule: last };

  const ruleIndex = lines.findLastIndex((line, index) => index > 0 && isRecordEnd(line));
  return { closing: null, lastRule: ruleIndex === -1 ? undefined : ruleIndex };
}

// When a record is not closed, text after its last `---` line is most likely stray text after a
// closed record, so the error points there. The record is still left out because the `---` line
// may just as well be text whose record lacks its own `---` line.
function terminationError(chunk: RecordLines, end: RecordEnd, ref: string, state: ReaderState) {
  if (end.lastRule === undefined) {
    const detail = `record ${ref} is not closed by a --- line; add a --- line after its last line`;
    return new ArchiveError(
      'unterminated-record',
      { file: state.file, line: chunk.firstLine },
      detail,
    );
  }

  const rule = end.lastRule;
  const strayIndex = chunk.lines.findIndex((line, index) => index > rule && !isBlank(line));
  const stray = chunk.lines[strayIndex];
  const isTurn = matchTurnMarker(stray) !== null;
  const detail =
    `${isTurn ? 'the turn' : 'the text'} ${quoteText(stray)} after the --- line that closes ` +
    `record ${ref} (line ${chunk.firstLine + rule}) is outside any record; move it into a ` +
    'record or delete it. If that --- line is part of the text, add a --- line at the end ' +
    'of the record instead';
  const line = chunk.firstLine + strayIndex;

  return new ArchiveError(
    isTurn ? 'turn-outside-record' : 'text-outside-record',
    { file: state.file, line },
    detail,
  );
}

/** Rejects the record that starts with `startLine` for the ill-formed UTF-8 on line `line`. */
function rejectDamaged(startLine: string, line: number, state: ReaderState): void {
  const ref = `Q${(matchRecordStart(startLine) as RecordStart).number}`;
  const detail =
    `record ${ref} has a byte sequence that is not valid UTF-8, probably a character cut in ` +
    'half; fix or delete that character';
  reject(state, ref, new ArchiveError('damaged-text', { file: state.file, line }, detail));
}

function reject(state: ReaderState, ref: string, error: ArchiveError): void {
  state.errors.push(error);
  state.invalidRefs.push(ref);
}
