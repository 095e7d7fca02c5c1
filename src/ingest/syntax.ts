import type { Role } from './record.js';

/**
 * Line-level syntax of the archive format, shared by the reader and the writer so that both agree
 * on which lines are structure and which are text.
 */

/** Section headings (after `### `) keyed by the record field each one fills. */
export const SECTION_HEADINGS = {
  description: '问题描述',
  answer: '客服解答',
  rootCause: '根本原因分析',
  dialogue: '完整对话记录',
} as const;

/** Record field, or the dialogue, that a `### ` section fills. */
export type SectionKey = keyof typeof SECTION_HEADINGS;

/** Speaker label of each role in a turn marker such as `**客户**：`. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = { customer: '客户', agent: '客服' };

/** Label of the category line `**问题分类**: <product>｜<type>`. */
export const CATEGORY_LABEL = '问题分类';

/** Line that closes a record. */
export const RECORD_END = '---';

// The record number is captured loosely so that `## Qabc: title` is reported as a bad record
// start instead of being taken for text. The `s` flag lets `.` match U+2028 and U+2029, which
// can appear inside a line of pasted text.
const RECORD_START = /^## Q([^\s:：]*)[:：](.*)$/s;
// A record start with a blank or a lower-case q (`## Q 2:`, `## q2:`, `##Q2:`). It is caught so
// that the error names this line, instead of the record before it reporting a second section.
const LOOSE_RECORD_START = /^##[ \t]*[Qq][ \t]*(\d[^\s:：]*)[ \t]*[:：](.*)$/s;
const TITLE = /^#(?:[ \t]+(.*))?$/s;
const TURN_MARKER = /^\*\*(客户|客服)\*\*[ \t]*([：:])(.*)$/s;
const HEADING = /^### +(.*?)\s*$/s;
const CATEGORY_LINE = /^\*\*问题分类\*\*[ \t]*[:：](.*)$/s;
const RULE = /^={3,}\s*$/;
const PART = /[(（]Part\s*([^()（）\s]+)\s*[)）]$/i;

/** Parts of a `## Q<n>: <title>` line; `number` is not checked to be numeric. */
export interface RecordStart {
  number: string;
  title: string;
  /** False for a damaged start such as `## Q 2:` or `## q2:`, which is an error. */
  exact: boolean;
}

/** Matches the `# <title>` line that opens an archive and returns the untrimmed title text. */
export function matchTitle(line: string): string | null {
  const match = TITLE.exec(line);
  return match === null ? null : (match[1] ?? '');
}

/** Matches a record start line, whether or not its number is valid. */
export function matchRecordStart(line: string): RecordStart | null {
  const match = RECORD_START.exec(line);
  if (match !== null) return { number: match[1], title: match[2].trim(), exact: true };
  const loose = LOOSE_RECORD_START.exec(line);
  if (loose === null) return null;
  return { number: loose[1], title: loose[2].trim(), exact: false };
}

/** The largest record number: the largest value of the PostgreSQL integer column that stores it. */
export const MAX_RECORD_NUMBER = 2_147_483_647;

/** Tells whether a record number is made of decimal digits only. */
export function isValidRecordNumber(number: string): boolean {
  return /^\d+$/.test(number);
}

/** Matches a turn marker line and returns the role and the text after the colon. */
export function matchTurnMarker(line: string): { role: Role; text: string } | null {
  const match = TURN_MARKER.exec(line);
  if (match === null) return null;

  const role: Role = match[1] === ROLE_LABELS.customer ? 'customer' : 'agent';
  const text = match[3];
  // After the canonical full-width colon the text is kept verbatim. An ASCII colon is usually
  // followed by a space that belongs to the markup, not to the message.
  return { role, text: match[2] === ':' ? text.trimStart() : text };
}

/** Matches a `### ` heading line; `section` is null when the heading is not one of the four. */
export function matchHeading(line: string): { name: string; section: SectionKey | null } | null {
  const match = HEADING.exec(line);
  if (match === null) return null;

  const name = match[1];
  const entries = Object.entries(SECTION_HEADINGS) as [SectionKey, string][];
  const known = entries.find(([, heading]) => heading === name);
  return { name, section: known === undefined ? null : known[0] };
}

/** Returns the batch id N of a title that ends with `(Part N)`, or null. */
export function matchPart(title: string): string | null {
  return PART.exec(title)?.[1] ?? null;
}

/** Matches a category line and returns its trimmed value, such as `CDN｜证书问题`. */
export function matchCategoryLine(line: string): string | null {
  const match = CATEGORY_LINE.exec(line);
  return match === null ? null : match[1].trim();
}

/**
 * Splits a category value at the first U+FF5C, or at the first ASCII `|` when the value has no
 * U+FF5C. Returns null when the separator is missing or either half is empty.
 */
export function splitCategory(value: string): { product: string; type: string } | null {
  let index = value.indexOf('｜');
  if (index === -1) index = value.indexOf('|');
  if (index === -1) return null;

  const product = value.slice(0, index).trim();
  const type = value.slice(index + 1).trim();
  if (product === '' || type === '') return null;
  return { product, type };
}

/** Tells whether a line is the `---` record end, ignoring trailing whitespace. */
export function isRecordEnd(line: string): boolean {
  return line.trimEnd() === RECORD_END;
}

/** Tells whether a line is a rule of `=` signs, such as the one that ends the header. */
export function isRule(line: string): boolean {
  return RULE.test(line);
}

/** Tells whether a line is empty or whitespace only. */
export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Splits text into lines at LF or CRLF. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/**
 * Splits a file into lines. A file whose lines end in a carriage return alone, as classic Mac OS
 * wrote them, has no line feed at all, and is split at its carriage returns.
 */
export function splitFileLines(text: string): string[] {
  if (!text.includes('\n') && text.includes('\r')) return text.split('\r');
  return splitLines(text);
}

/**
 * Joins the lines of a section or turn into its text. Leading and trailing blank lines are
 * dropped and trailing whitespace is trimmed, while inner lines stay verbatim.
 */
export function joinBlock(lines: readonly string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start])) start += 1;
  while (end > start && isBlank(lines[end - 1])) end -= 1;

  return lines.slice(start, end).join('\n').trimEnd();
}
