import { ArchiveWriteError, quoteText } from './errors.js';
import { recordNumber } from './archive-refs.js';
import type { ArchiveHeader, CaseRecord } from './record.js';
import {
  isBlank,
  isRule,
  isValidRecordNumber,
  matchCategoryLine,
  matchHeading,
  matchPart,
  matchRecordStart,
  matchTurnMarker,
  splitLines,
} from './syntax.js';

/** Check of one line of a field, returning how the reader would misread it or null. */
type LineRule = (line: string, index: number) => string | null;

/** Field being checked, for the error. */
interface FieldName {
  ref: string | null;
  field: string;
}

const startsRecord: LineRule = (line) =>
  matchRecordStart(line) === null ? null : 'would start a new record';

const startsSection: LineRule = (line) =>
  matchHeading(line) === null ? null : 'would be read as a section heading';

const startsKnownSection: LineRule = (line) =>
  matchHeading(line)?.section == null ? null : 'would start a new section';

const startsTurn: LineRule = (line) =>
  matchTurnMarker(line) === null ? null : 'would be read as a turn marker';

const isCategoryLine: LineRule = (line) =>
  matchCategoryLine(line) === null ? null : 'would be read as a category line';

// The first line of a turn follows its marker on the same line, so it cannot be misread.
const afterFirstLine =
  (rule: LineRule): LineRule =>
  (line, index) =>
    index === 0 ? null : rule(line, index);

const SECTION_RULES = [startsRecord, startsSection, startsTurn];
const TURN_RULES = [startsRecord, startsKnownSection, startsTurn].map(afterFirstLine);
const PREAMBLE_RULES = [startsRecord, startsKnownSection, startsTurn, isCategoryLine];

/**
 * Throws an `ArchiveWriteError` for the first header field or record field that the reader would
 * read back differently, such as an answer line that starts with `### ` or a repeated ref. Text
 * that only differs in surrounding blank lines or trailing whitespace passes, because the reader
 * trims those.
 */
export function checkWritable(header: ArchiveHeader, records: readonly CaseRecord[]): void {
  checkHeader(header);

  const seen = new Set<string>();
  for (const record of records) {
    checkRecord(record);

    const key = recordNumber(record.ref);
    if (seen.has(key)) {
      const detail = 'duplicate ref; give each record in one archive its own number';
      throw new ArchiveWriteError(record.ref, 'ref', detail);
    }
    seen.add(key);
  }
}

function checkHeader(header: ArchiveHeader): void {
  checkSingleLine(null, 'title', header.title);
  const titlePart = matchPart(header.title);
  if (titlePart !== header.part) {
    const detail =
      `the part is ${JSON.stringify(header.part)} but the title ${quoteText(header.title)} ` +
      `gives ${JSON.stringify(titlePart)}, and the reader takes the part from "(Part N)" at ` +
      'the end of the title; make the two agree';
    throw new ArchiveWriteError(null, 'part', detail);
  }
  checkLines({ ref: null, field: 'preamble' }, header.preamble, PREAMBLE_RULES);

  const lines = splitLines(header.preamble);
  const ruleIndex = lines.findIndex(isRule);
  const textAfterRule = lines.findIndex((line, index) => index > ruleIndex && !isBlank(line));
  if (ruleIndex !== -1 && textAfterRule !== -1) {
    const detail =
      `the line ${quoteText(lines[textAfterRule])} follows the ===== rule, where the reader ` +
      'allows no text; move it above the rule';
    throw new ArchiveWriteError(null, 'preamble', detail);
  }
}

function checkRecord(record: CaseRecord): void {
  const { ref } = record;
  if (!ref.startsWith('Q') || !isValidRecordNumber(ref.slice(1))) {
    throw new ArchiveWriteError(
      ref,
      'ref',
      'expected "Q" followed by decimal digits, such as "Q12"',
    );
  }

  checkSingleLine(ref, 'title', record.title);
  checkSingleLine(ref, 'product', record.product);
  checkSingleLine(ref, 'type', record.type);
  if (record.product.includes('｜')) {
    const detail = 'the product contains the category separator ｜, which would split it';
    throw new ArchiveWriteError(ref, 'product', detail);
  }
  if (record.product.trim() === '') {
    throw new ArchiveWriteError(ref, 'product', 'missing product; expected a name such as "CDN"');
  }
  if (record.type.trim() === '') {
    throw new ArchiveWriteError(ref, 'type', 'missing type; expected a name such as "证书问题"');
  }

  // The reader takes an unknown heading in the description or answer as text when a turn has the
  // same line, because those sections repeat the turns.
  const turnLines = new Set(record.turns.flatMap((turn) => splitLines(turn.text)));
  const repeatsTurns = (line: string) =>
    turnLines.has(line) && matchHeading(line)?.section === null;
  const repeatedRules = SECTION_RULES.map(
    (rule): LineRule =>
      (line, index) =>
        repeatsTurns(line) ? null : rule(line, index),
  );
  checkLines({ ref, field: 'description' }, record.description, repeatedRules);
  checkLines({ ref, field: 'answer' }, record.answer, repeatedRules);
  checkLines({ ref, field: 'rootCause' }, record.rootCause, SECTION_RULES);
  record.turns.forEach((turn, index) => {
    checkLines({ ref, field: `turns[${index}]` }, turn.text, TURN_RULES);
  });
}

function checkSingleLine(ref: string | null, field: string, text: string): void {
  if (/[\r\n]/.test(text)) {
    throw new ArchiveWriteError(
      ref,
      field,
      'expected a single line, but the text has a line break',
    );
  }
}

function checkLines(name: FieldName, text: string, rules: readonly LineRule[]): void {
  const lines = splitLines(text);

  for (const [index, line] of lines.entries()) {
    const problem = rules.map((rule) => rule(line, index)).find((found) => found !== null);
    if (problem !== undefined) {
      const detail =
        `line ${index + 1} ${quoteText(line)} ${problem}; ` +
        'indent it by one space to keep it as text';
      throw new ArchiveWriteError(name.ref, name.field, detail);
    }
  }
}
