import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { ArchiveError } from './errors.js';

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const LINE_FEED = 0x0a;
// Enough bytes to see the NUL pattern of UTF-16 in a few lines of text.
const NUL_SAMPLE_BYTES = 4096;

/**
 * Decodes the bytes of an archive file as UTF-8 and strips a UTF-8 byte order mark.
 *
 * Throws an `invalid-encoding` ArchiveError for UTF-16 (a byte order mark or NUL bytes), for any
 * other NUL byte, and for bytes that are not valid UTF-8, such as GBK text. The error names the
 * line of the first invalid byte and the `iconv` command that converts the file.
 */
export function decodeArchive(bytes: Uint8Array, file: string): string {
  rejectUtf16(bytes, file);

  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
  if (!isUtf8(body)) throw invalidUtf8Error(body, file);

  // The BOM is already gone, so a second one at the start is kept as text.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
}

function rejectUtf16(bytes: Uint8Array, file: string): void {
  const bomEncoding = utf16BomEncoding(bytes);
  if (bomEncoding !== null) {
    throw encodingError(
      file,
      1,
      `the file starts with a ${bomEncoding} byte order mark`,
      bomEncoding,
    );
  }

  const firstNul = bytes.indexOf(0);
  if (firstNul === -1) return;

  const guess = guessUtf16(bytes.subarray(0, NUL_SAMPLE_BYTES));
  if (guess !== null) {
    throw encodingError(file, 1, `the file contains NUL bytes in the pattern of ${guess}`, guess);
  }

  const line = lineOf(bytes, firstNul);
  const detail =
    `a NUL byte at offset ${firstNul} is not text; archives must be UTF-8 text, ` +
    'so remove the byte or export the file again';
  throw new ArchiveError('invalid-encoding', { file, line }, detail);
}

function utf16BomEncoding(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  if (startsWith(bytes, [0xff, 0xfe])) return 'UTF-16LE';
  if (startsWith(bytes, [0xfe, 0xff])) return 'UTF-16BE';
  return null;
}

// In UTF-16 text, ASCII characters carry a NUL in their high byte, so the NUL bytes fall almost
// all on odd offsets (little-endian) or all on even offsets (big-endian).
function guessUtf16(sample: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  let even = 0;
  let odd = 0;
  sample.forEach((byte, index) => {
    if (byte !== 0) return;
    if (index % 2 === 0) even += 1;
    else odd += 1;
  });

  const total = even + odd;
  if (total < 2) return null;
  if (odd >= total * 0.9) return 'UTF-16LE';
  if (even >= total * 0.9) return 'UTF-16BE';
  return null;
}

// A file with at least this many well-formed multi-byte characters per ill-formed sequence is
// taken to be UTF-8 with a few damaged characters rather than text in a legacy encoding. GBK
// text read as UTF-8 has about as many ill-formed sequences as characters.
const MOSTLY_UTF8_RATIO = 20;

function invalidUtf8Error(bytes: Uint8Array, file: string): ArchiveError {
  const offset = findInvalidUtf8(bytes);
  const line = lineOf(bytes, offset);
  const hexBytes = Array.from(bytes.subarray(offset, offset + 2), hexByte).join(' ');
  const { invalid, multiByte } = countSequences(bytes);
  if (multiByte >= invalid * MOSTLY_UTF8_RATIO) {
    const detail =
      `the byte sequence ${hexBytes} at offset ${offset} is not valid UTF-8, while the rest ` +
      `of the file is UTF-8 (${invalid} bad ${invalid === 1 ? 'sequence' : 'sequences'} ` +
      `against ${multiByte} well-formed characters), so a character was probably cut in half; ` +
      'fix or delete that character, and check any other line the next import reports';
    return new ArchiveError('invalid-encoding', { file, line }, detail);
  }

  const found =
    `the byte sequence ${hexBytes} at offset ${offset} is not valid UTF-8, ` +
    'so the file is probably GBK or another legacy encoding';
  return encodingError(file, line, found, 'GBK');
}

/** Counts the ill-formed sequences and the well-formed multi-byte characters of `bytes`. */
function countSequences(bytes: Uint8Array): { invalid: number; multiByte: number } {
  let invalid = 0;
  let multiByte = 0;
  let offset = 0;
  while (offset < bytes.length) {
    const length = sequenceLength(bytes, offset);
    if (length === 0) {
      invalid += 1;
      offset += 1;
      continue;
    }
    if (length > 1) multiByte += 1;
    offset += length;
  }
  return { invalid, multiByte };
}

function encodingError(file: string, line: number, found: string, from: string): ArchiveError {
  // The converted copy keeps the extension, which can decide how `casebook import` reads it.
  const command = `iconv -f ${from} -t UTF-8 '${file}' > converted${path.extname(file)}`;
  const detail = `${found}; convert the file to UTF-8 first, for example with: ${command}`;

  return new ArchiveError('invalid-encoding', { file, line }, detail);
}

/**
 * Finds the offset of the first byte that does not start a well-formed UTF-8 sequence, or -1 when
 * all bytes are valid. Overlong forms, UTF-16 surrogates (U+D800 to U+DFFF) and code points above
 * U+10FFFF are ill-formed.
 */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let offset = 0;
  while (offset < bytes.length) {
    const length = sequenceLength(bytes, offset);
    if (length === 0) return offset;
    offset += length;
  }
  return -1;
}

// Returns the length of the well-formed sequence at `offset`, or 0 when it is ill-formed.
function sequenceLength(bytes: Uint8Array, offset: number): number {
  const lead = bytes[offset];
  if (lead < 0x80) return 1;

  // After the lead bytes E0, ED, F0 and F4 the second byte has a narrower range, which is what
  // excludes overlong forms, surrogates and code points above U+10FFFF.
  let length = 0;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) length = 3;
  else if (lead >= 0xf0 && lead <= 0xf4) length = 4;
  if (lead === 0xe0) low = 0xa0;
  if (lead === 0xed) high = 0x9f;
  if (lead === 0xf0) low = 0x90;
  if (lead === 0xf4) high = 0x8f;

  if (length === 0 || offset + length > bytes.length) return 0;
  if (bytes[offset + 1] < low || bytes[offset + 1] > high) return 0;
  for (let next = offset + 2; next < offset + length; next += 1) {
    if (bytes[next] < 0x80 || bytes[next] > 0xbf) return 0;
  }
  return length;
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index += 1) {
    if (bytes[index] === LINE_FEED) line += 1;
  }
  return line;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function hexByte(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}
