/** One problem found in an input file, with the 1-based line it is on (0 for the whole file). */
export interface ImportError {
  file: string;
  line: number;
  code: string;
  message: string;
}

/**
 * Catalogue of the stable codes of the errors that reject a whole input file before any of its
 * records is read, each with a one-sentence description. The per-record codes are in the
 * catalogues of each format.
 */
export const INPUT_ERROR_CODES = {
  'unreadable-file': 'The file cannot be read: it does not exist, is a folder, or is not readable.',
  'invalid-encoding': 'The file is not UTF-8 text (UTF-16, GBK or other bytes that are not UTF-8).',
  'empty-file': 'The file is empty or holds only blank lines.',
  'unknown-format': 'The content matches none of the formats that `casebook import` reads.',
  'no-records': 'The file is in a known format but holds no case, such as notes with a title line.',
  'duplicate-source-name':
    'Another archive or transcript of the same import has the same file name, which names its source.',
} as const;

/** Stable code of an error that rejects a whole input file. */
export type InputErrorCode = keyof typeof INPUT_ERROR_CODES;

/** Builds a whole-file error whose message reads `<file>:<line>: <detail>`. */
export function inputError(
  file: string,
  line: number,
  code: InputErrorCode,
  detail: string,
): ImportError {
  return { file, line, code, message: `${file}:${line}: ${detail}` };
}
