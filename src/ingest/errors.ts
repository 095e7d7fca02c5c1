import { redact } from '../redact/index.js';
/**
 * Catalogue of the stable error codes raised while reading or writing a support-record archive,
 * each with a one-sentence description. Callers match on the code, never on the message.
 */
export const INGEST_ERROR_CODES = {
  'invalid-encoding': 'The file is not UTF-8 text (UTF-16, GBK or other bytes that are not UTF-8).',
  'empty-file': 'The file is empty or holds only blank lines.',
  'missing-title': 'The file does not start with a `# <title>` line.',
  'text-outside-record': 'Text appears between records or after the rule that ends the header.',
  'turn-outside-record': 'A `**客户**：` or `**客服**：` turn appears outside any record.',
  'invalid-record-start': 'A `## Q<n>:` line has a record number that is not a decimal number.',
  'duplicate-ref': 'Two records in one file use the same record number.',
  'missing-category': 'A record has no `**问题分类**: <product>｜<type>` line before its sections.',
  'invalid-category': 'A `**问题分类**` line has no separator or an empty product or type.',
  'duplicate-category': 'A record has more than one `**问题分类**` line.',
  'unknown-section': 'A `### ` heading is not one of the four known section headings.',
  'duplicate-section': 'A record contains the same `### ` section heading twice.',
  'unexpected-text': 'A record has text between its start line and its first section.',
  'turn-outside-dialogue': 'A turn marker appears in a section other than `### 完整对话记录`.',
  'text-outside-turn': 'The dialogue section has text before its first turn marker.',
  'unterminated-record': 'A record is not closed by a `---` line.',
  'damaged-text':
    'A record of a UTF-8 file contains bytes that are not UTF-8, such as a cut character.',
  'unwritable-text':
    'A header or record given to the writer has text that would read back differently.',
} as const;

/** Stable code of any error in the ingest catalogue. */
export type IngestErrorCode = keyof typeof INGEST_ERROR_CODES;

/** Code of an error found while reading an archive. */
export type ArchiveErrorCode = Exclude<IngestErrorCode, 'unwritable-text'>;

/** Place in an archive file that an error points at. */
export interface ArchivePosition {
  file: string;
  /** 1-based line number. */
  line: number;
}

/**
 * Problem found in an archive file. The message reads `<file>:<line>: <detail>`, where the detail
 * names what was found, what was expected and how to fix it.
 */
export class ArchiveError extends Error {
  readonly code: ArchiveErrorCode;
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;

  constructor(code: ArchiveErrorCode, position: ArchivePosition, detail: string) {
    super(`${position.file}:${position.line}: ${detail}`);
    this.name = 'ArchiveError';
    this.code = code;
    this.file = position.file;
    this.line = position.line;
  }
}

/** Header or record that `writeArchive` rejects because reading the output back would change it. */
export class ArchiveWriteError extends Error {
  readonly code = 'unwritable-text' satisfies IngestErrorCode;
  /** The record's `ref`, such as `Q12`, or null for the header. */
  readonly ref: string | null;
  /** Name of the field that cannot be written, such as `answer`, `turns[3]` or `preamble`. */
  readonly field: string;

  constructor(ref: string | null, field: string, detail: string) {
    super(`${ref === null ? 'archive header' : `record ${ref}`}, field ${field}: ${detail}`);
    this.name = 'ArchiveWriteError';
    this.ref = ref;
    this.field = field;
  }
}

// Characters of a number, key, address, e-mail or placeholder, which a quote must not cut through.
const TOKEN_CHAR = /[A-Za-z0-9@._+\-/:=&%#*!$^~[\]]/;

/**
 * Quotes the start of a line of archive text for an error message, redacted. A quote cut inside
 * a token leaves that token out whole: the message is redacted again afterwards, and half of a
 * phone or ID number would no longer look like one.
 */
export function quoteText(raw: string): string {
  const limit = 40;
  // Redacted before JSON escaping: "\t13912345678" escaped reads as the word t13912345678,
  // which the redaction of the whole message would leave alone.
  const text = redact(tokenPrefix(raw, REDACTED_PREFIX, limit)).text;
  if (text.length <= limit) return JSON.stringify(text);
  // A token that would leave less than half of the quote is cut too.
  return JSON.stringify(`${tokenPrefix(text, limit, limit / 2)}…`);
}

// Characters of a line redacted for a quote: enough for the longest value a quote can show part
// of, such as a PEM key, and few enough that a line of many megabytes costs little.
const REDACTED_PREFIX = 4096;

/**
 * Returns the start of `text` up to `length` characters, without the token cut at that point,
 * unless leaving it out would end the start at `floor` or before. A line of 10 MB of letters
 * is then cut inside its one token, so that its quote still shows what it contains.
 */
function tokenPrefix(text: string, length: number, floor: number): string {
  if (text.length <= length) return text;
  let end = length;
  if (TOKEN_CHAR.test(text[end]!)) {
    while (end > 0 && TOKEN_CHAR.test(text[end - 1]!)) end--;
  }
  return text.slice(0, end <= floor ? length : end);
}
