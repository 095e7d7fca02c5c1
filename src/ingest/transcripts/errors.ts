/**
 * Catalogue of the stable error codes raised while reading a chat transcript export, each with a
 * one-sentence description. Callers match on the code, never on the message.
 */
export const TRANSCRIPT_ERROR_CODES = {
  'invalid-encoding': 'The file is not UTF-8 text (UTF-16, GBK or other bytes that are not UTF-8).',
  'unknown-format': 'The content matches none of JSON Lines, CSV or a plain-text chat log.',
  'invalid-json': 'A JSON Lines line is not valid JSON or is not a JSON object.',
  'invalid-csv': 'A CSV row cannot be parsed or has a different number of fields than the header.',
  'missing-column': 'The CSV header lacks a required column: conversation id, role or text.',
  'missing-id': 'A conversation or CSV row has no conversation id.',
  'invalid-id': 'A conversation id contains a line break or another control character.',
  'duplicate-id': 'Two conversations in one file use the same id.',
  'missing-messages': 'A conversation has no `messages` array or the array is empty.',
  'invalid-field': 'A JSON field has the wrong type, such as a number where text is expected.',
  'unknown-role': 'A message role is not one of customer, agent or system or a known alias.',
  'empty-message': 'A message has no text.',
  'invalid-category': 'A category has no `｜` or `|` separator, or an empty product or type.',
  'invalid-timestamp': 'A timestamp is not a valid date and time in a supported form.',
  'text-before-role': 'A chat log block has text before its first `客户：`/`客服：` message.',
} as const;

/** Stable code of a transcript error. */
export type TranscriptErrorCode = keyof typeof TRANSCRIPT_ERROR_CODES;

/** Place in a transcript file that an error points at. */
export interface TranscriptPosition {
  file: string;
  /** 1-based line number. */
  line: number;
}

/**
 * Problem found in a transcript file. The message reads `<file>:<line>: <detail>`, where the
 * detail names what was found, what was expected and how to fix it.
 */
export class TranscriptError extends Error {
  readonly code: TranscriptErrorCode;
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;

  constructor(
    code: TranscriptErrorCode,
    position: TranscriptPosition,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${position.file}:${position.line}: ${detail}`, options);
    this.name = 'TranscriptError';
    this.code = code;
    this.file = position.file;
    this.line = position.line;
  }
}
