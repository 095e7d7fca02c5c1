import { categoryLabel, type ArchiveHeader, type CaseRecord, type Turn } from './record.js';
import { CATEGORY_LABEL, RECORD_END, ROLE_LABELS, SECTION_HEADINGS } from './syntax.js';
import { checkWritable } from './write-check.js';

const DEFAULT_TITLE = '客户支持问题处理记录';
const RULE_WIDTH = 80;

/**
 * Writes a header and records in the archive format, with LF line endings and a `---` line after
 * each record. Every record gets all four sections, empty ones included.
 *
 * Throws an `ArchiveWriteError` when a field would read back differently, for example an answer
 * line that starts with `### `. Reading the output back returns the same header and records,
 * except that surrounding blank lines and trailing whitespace of each text are trimmed and CRLF
 * inside a text becomes LF.
 *
 * @example
 * writeArchive(defaultHeader(records.length, '15'), records);
 */
export function writeArchive(header: ArchiveHeader, records: readonly CaseRecord[]): string {
  checkWritable(header, records);

  return writeHeader(header) + records.map(writeRecord).join('');
}

/**
 * Builds the standard header for records with no header of their own, such as records gathered
 * from several files: the title with `(Part <part>)` when `part` is given, the record count, the
 * redaction notice and the `=====` rule.
 */
export function defaultHeader(recordCount: number, part: string | null): ArchiveHeader {
  const title = part === null ? DEFAULT_TITLE : `${DEFAULT_TITLE} (Part ${part})`;
  const preamble = [
    `本文档包含 ${recordCount} 个客户支持问题的结构化记录。`,
    '',
    '所有敏感信息（URL、邮箱、手机号、IP地址、密钥等）已进行脱敏处理。',
    '',
    '='.repeat(RULE_WIDTH),
  ].join('\n');

  return { title, part, preamble };
}

function writeHeader(header: ArchiveHeader): string {
  const lines = [`# ${header.title}`, ''];
  if (header.preamble !== '') lines.push(header.preamble, '');

  return lines.map((line) => `${line}\n`).join('');
}

function writeRecord(record: CaseRecord): string {
  const start = record.title === '' ? `## ${record.ref}:` : `## ${record.ref}: ${record.title}`;
  const dialogue = record.turns.map(writeTurn).join('\n\n');
  const lines = [
    start,
    '',
    `**${CATEGORY_LABEL}**: ${categoryLabel(record)}`,
    '',
    ...section(SECTION_HEADINGS.description, record.description),
    ...section(SECTION_HEADINGS.answer, record.answer),
    ...section(SECTION_HEADINGS.rootCause, record.rootCause),
    ...section(SECTION_HEADINGS.dialogue, dialogue),
    RECORD_END,
  ];

  return lines.map((line) => `${line}\n`).join('');
}

// An empty section still gets its body line, which is what the exporter of the sample wrote: the
// heading, an empty line and the blank separator line.
function section(heading: string, body: string): string[] {
  return [`### ${heading}`, body, ''];
}

function writeTurn(turn: Turn): string {
  return `**${ROLE_LABELS[turn.role]}**：${turn.text}`;
}
