import { ArchiveError, quoteText, type ArchiveErrorCode } from './errors.js';
import { findNearMiss, isCodeFence, type NearMissWarning } from './near-miss.js';
import type { CaseRecord, Role } from './record.js';
import {
  SECTION_HEADINGS,
  isBlank,
  joinBlock,
  matchCategoryLine,
  matchHeading,
  matchTurnMarker,
  splitCategory,
  type RecordStart,
  type SectionKey,
} from './syntax.js';

/** Lines of one record, from its `## Q<n>:` line up to but not including its `---` line. */
export interface RecordLines {
  lines: readonly string[];
  /** 1-based line number of `lines[0]` in the file. */
  firstLine: number;
}

/** File that a record is read from: `file` is used in errors, `source` goes into the record. */
export interface RecordOrigin {
  file: string;
  source: string;
}

/** A record read without errors, and its lines of text that look like damaged structure lines. */
export interface ParsedRecord {
  record: CaseRecord;
  warnings: NearMissWarning[];
}

type TextSection = Exclude<SectionKey, 'dialogue'>;

interface RecordDraft {
  ref: string;
  /** Line number of the `## Q<n>:` line. */
  startLine: number;
  category: { product: string; type: string } | null;
  /** Line number of each section heading seen so far. */
  sectionLines: Map<SectionKey, number>;
  current: SectionKey | null;
  texts: Record<TextSection, string[]>;
  /** Turns of the dialogue, each with the line number of its marker. */
  turns: { role: Role; line: number; lines: string[] }[];
  /** True between the fence lines of a fenced code block in the current section or turn. */
  inCodeFence: boolean;
  warnings: NearMissWarning[];
  /**
   * Unknown `### ` lines of the description and answer, with their line numbers. Each is text
   * when a turn has the same line, and otherwise an `unknown-section` error.
   */
  unknownHeadings: { line: string; number: number }[];
}

interface Cursor {
  file: string;
  line: number;
}

const HEADING_LIST = Object.values(SECTION_HEADINGS)
  .map((heading) => `### ${heading}`)
  .join(', ');

/**
 * Parses the lines of one record whose start line is already known to be valid.
 *
 * Only the four known `### ` headings open a section. Another `### ` line is an `unknown-section`
 * error before the dialogue and in the description, answer and root-cause sections, because there
 * it is more likely a misspelled heading, and reading it as text would file the following lines
 * under the wrong field. Inside the dialogue it is text of the current turn, since people paste
 * code and Markdown into their messages. The description and the answer repeat the turns, so
 * there such a line is text too when a turn of the record has the same line. Throws the first
 * `ArchiveError` found.
 *
 * A line of text that looks like a damaged turn marker, section heading or category line is kept
 * as text, as any other, and is also returned as a warning (see `near-miss.ts`).
 */
export function parseRecordLines(
  record: RecordLines,
  start: RecordStart,
  origin: RecordOrigin,
): ParsedRecord {
  const draft: RecordDraft = {
    ref: `Q${start.number}`,
    startLine: record.firstLine,
    category: null,
    sectionLines: new Map(),
    current: null,
    texts: { description: [], answer: [], rootCause: [] },
    turns: [],
    inCodeFence: false,
    warnings: [],
    unknownHeadings: [],
  };
  const cursor: Cursor = { file: origin.file, line: record.firstLine };

  record.lines.slice(1).forEach((line, index) => {
    cursor.line = record.firstLine + 1 + index;
    readLine(draft, line, cursor);
  });
  if (draft.category === null) failMissingCategory(draft, cursor);
  checkUnknownHeadings(draft, cursor);
  checkUnknownHeadings(draft, cursor);

  return { record: buildRecord(draft, start.title, origin.source), warnings: draft.warnings };
}

function readLine(draft: RecordDraft, line: string, cursor: Cursor): void {
  const heading = matchHeading(line);
  if (heading?.section != null) return openSection(draft, heading.section, cursor);
  if (draft.current === 'dialogue') return readDialogueLine(draft, line, cursor);

  if (heading !== null) {
    if (draft.current !== 'description' && draft.current !== 'answer') {
      failUnknownHeading(draft, heading.name, cursor);
    }
    draft.unknownHeadings.push({ line, number: cursor.line });
  }
  if (matchTurnMarker(line) !== null) {
    const place =
      draft.current === null
        ? 'before its first section'
        : `in its ### ${SECTION_HEADINGS[draft.current]} section`;
    fail(
      cursor,
      'turn-outside-dialogue',
      `record ${draft.ref} has a turn ${quoteText(line)} ${place}; turns belong under ` +
        `### ${SECTION_HEADINGS.dialogue}, so add that heading above the first turn`,
    );
  }

  if (draft.current === null) return readHeadLine(draft, line, cursor);
  draft.texts[draft.current].push(line);
  checkTextLine(draft, line, cursor);
}

// Reads a line between the record start and the first section, where only the category line and
// blank lines are allowed.
function readHeadLine(draft: RecordDraft, line: string, cursor: Cursor): void {
  if (isBlank(line)) return;

  const value = matchCategoryLine(line);
  if (value === null) {
    fail(
      cursor,
      'unexpected-text',
      `record ${draft.ref} has the text ${quoteText(line)} before its first section; ` +
        `expected "**问题分类**: <product>｜<type>" or a ### section heading`,
    );
  }
  if (draft.category !== null) {
    fail(
      cursor,
      'duplicate-category',
      `record ${draft.ref} has a second category line ${quoteText(line)}; ` +
        `keep only one "**问题分类**" line`,
    );
  }

  draft.category = parseCategory(draft.ref, value, cursor);
}

function parseCategory(ref: string, value: string, cursor: Cursor) {
  const category = splitCategory(value);
  if (category === null) {
    fail(
      cursor,
      'invalid-category',
      `record ${ref} has the category ${quoteText(value)}; expected "<product>｜<type>" ` +
        `with a non-empty product and type, such as "CDN｜证书问题"`,
    );
  }
  return category;
}

function openSection(draft: RecordDraft, section: SectionKey, cursor: Cursor): void {
  if (draft.category === null) failMissingCategory(draft, cursor);

  const previous = draft.sectionLines.get(section);
  if (previous !== undefined) {
    fail(
      cursor,
      'duplicate-section',
      `record ${draft.ref} has a second ### ${SECTION_HEADINGS[section]} section ` +
        `(the first is at line ${previous}); merge the two sections, ` +
        'or end the record with a --- line if a new record starts here',
    );
  }

  draft.sectionLines.set(section, cursor.line);
  draft.current = section;
  draft.inCodeFence = false;
}

function readDialogueLine(draft: RecordDraft, line: string, cursor: Cursor): void {
  const marker = matchTurnMarker(line);
  if (marker !== null) {
    draft.turns.push({ role: marker.role, line: cursor.line, lines: [marker.text] });
    draft.inCodeFence = isCodeFence(marker.text);
    return;
  }

  const turn = draft.turns.at(-1);
  if (turn !== undefined) {
    turn.lines.push(line);
    checkTextLine(draft, line, cursor);
    return;
  }

  if (!isBlank(line)) {
    fail(
      cursor,
      'text-outside-turn',
      `the ### ${SECTION_HEADINGS.dialogue} section of record ${draft.ref} has the text ` +
        `${quoteText(line)} before its first turn; start each turn with **客户**： or **客服**：`,
    );
  }
}

// Records a warning for a line of section or turn text that looks like a damaged structure line.
// Lines of a fenced code block are code, so they are skipped.
function checkTextLine(draft: RecordDraft, line: string, cursor: Cursor): void {
  if (isCodeFence(line)) {
    draft.inCodeFence = !draft.inCodeFence;
    return;
  }
  if (draft.inCodeFence || draft.current === null) return;

  const turn = draft.current === 'dialogue' ? (draft.turns.at(-1) ?? null) : null;
  const place = {
    ref: draft.ref,
    section: draft.current,
    sectionLines: draft.sectionLines,
    turn: turn === null ? null : { role: turn.role, line: turn.line },
  };
  const warning = findNearMiss(line, place, { file: cursor.file, line: cursor.line });
  if (warning !== null) draft.warnings.push(warning);
}

// The error points at the record start line, which names the record that lacks the category.
function failMissingCategory(draft: RecordDraft, cursor: Cursor): never {
  cursor.line = draft.startLine;
  return fail(
    cursor,
    'missing-category',
    `record ${draft.ref} has no "**问题分类**: <product>｜<type>" line; ` +
      `add one between its "## ${draft.ref}:" line and its first ### section`,
  );
}

function failUnknownHeading(draft: RecordDraft, name: string, cursor: Cursor): never {
  fail(
    cursor,
    'unknown-section',
    `record ${draft.ref} has the unknown section heading "### ${name}"; ` +
      `expected one of ${HEADING_LIST}. Fix the heading, or indent the line if it is text`,
  );
}

// Fails at the first unknown heading of the description or answer that no turn repeats.
function checkUnknownHeadings(draft: RecordDraft, cursor: Cursor): void {
  if (draft.unknownHeadings.length === 0) return;
  const turnLines = new Set(draft.turns.flatMap((turn) => turn.lines));
  for (const { line, number } of draft.unknownHeadings) {
    if (turnLines.has(line)) continue;
    cursor.line = number;
    failUnknownHeading(draft, matchHeading(line)?.name ?? line, cursor);
  }
}

function buildRecord(draft: RecordDraft, title: string, source: string): CaseRecord {
  const category = draft.category ?? { product: '', type: '' };

  return {
    source,
    ref: draft.ref,
    title,
    product: category.product,
    type: category.type,
    description: joinBlock(draft.texts.description),
    answer: joinBlock(draft.texts.answer),
    rootCause: joinBlock(draft.texts.rootCause),
    turns: draft.turns.map((turn) => ({ role: turn.role, text: joinBlock(turn.lines) })),
  };
}

function fail(cursor: Cursor, code: ArchiveErrorCode, detail: string): never {
  throw new ArchiveError(code, { file: cursor.file, line: cursor.line }, detail);
}
