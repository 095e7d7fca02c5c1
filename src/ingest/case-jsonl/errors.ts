/**
 * Catalogue of the stable error codes raised while reading case JSON Lines, the one-case-per-line
 * export of `casebook export --format jsonl`, each with a one-sentence description. Callers match
 * on the code, never on the message.
 */
export const CASE_LINE_ERROR_CODES = {
  'invalid-json': 'A line is not valid JSON or is not a JSON object.',
  'missing-field': 'A line lacks a field that every exported case has, such as `ref` or `turns`.',
  'invalid-field':
    'A field has the wrong type, or its `source`, `ref` or `status` cannot name a stored case.',
  'invalid-category': 'The product or type is empty, or `category` disagrees with them.',
  'unknown-role': 'A turn role is not `customer` or `agent`.',
  'duplicate-ref': 'Two lines give the same source and ref.',
  'conflicting-header': 'Two lines of one source give different `sourceHeader` values.',
} as const;

/** Stable code of a case JSON Lines error. */
export type CaseLineErrorCode = keyof typeof CASE_LINE_ERROR_CODES;

/**
 * Problem found on one line of a case JSON Lines file. The message reads `<file>:<line>: <detail>`,
 * where the detail names what was found, what was expected and how to fix it.
 */
export class CaseLineError extends Error {
  readonly code: CaseLineErrorCode;
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;

  constructor(code: CaseLineErrorCode, position: { file: string; line: number }, detail: string) {
    super(`${position.file}:${position.line}: ${detail}`);
    this.name = 'CaseLineError';
    this.code = code;
    this.file = position.file;
    this.line = position.line;
  }
}
