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
  const decoded = decodeDamagedArchive(bytes, file);
  if (decoded.damage !== null) throw decoded.damage.error;
  return decoded.text;
}

/** Lines of a UTF-8 file that hold ill-formed byte sequences. */
export interface Damage {
  /** Line numbers, ascending and distinct. */
  lines: number[];
  /** The error for the whole file, which names the first ill-formed sequence. */
  error: ArchiveError;
}

/**
 * Decodes as {@link decodeArchive} does, except for UTF-8 text with a few damaged characters (a
 * character cut in half). Such a file is decoded with U+FFFD in place of each ill-formed
 * sequence and its damaged lines are returned, so that a reader can reject only the records
 * that contain them.
 */
export function decodeDamagedArchive(
  bytes: Uint8Array,
  file: string,
): { text: string; damage: Damage | null } {
  rejectBinaryFormat(bytes, file);
  rejectUtf16(bytes, file);

  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
  let damage: Damage | null = null;
  if (!isUtf8(body)) {
    const error = invalidUtf8Error(body, file);
    if (!isMostlyUtf8(body)) throw error;
    damage = { lines: invalidLines(body), error };
  }

  // The BOM is already gone, so a second one at the start is kept as text.
  return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), damage };
}

// Leading bytes of file formats that a wrong path or an unpacked download often gives.
const BINARY_FORMATS: ReadonlyArray<{ magic: readonly number[]; name: string; fix: string }> = [
  { magic: [0x1f, 0x8b], name: 'a gzip archive', fix: 'decompress it first (gunzip -k)' },
  {
    magic: [0x50, 0x4b, 0x03, 0x04],
    name: 'a zip archive (or an Office document)',
    fix: 'extract the text files from it first',
  },
  {
    magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00],
    name: 'an xz archive',
    fix: 'decompress it first (unxz -k)',
  },
  { magic: [0x42, 0x5a, 0x68], name: 'a bzip2 archive', fix: 'decompress it first (bunzip2 -k)' },
  {
    magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
    name: 'a 7z archive',
    fix: 'extract the text files from it first',
  },
  {
    magic: [0x25, 0x50, 0x44, 0x46, 0x2d],
    name: 'a PDF document',
    fix: 'export the archive as text instead',
  },
];

function rejectBinaryFormat(bytes: Uint8Array, file: string): void {
  const format = BINARY_FORMATS.find(({ magic }) => startsWith(bytes, magic));
  if (format === undefined) return;
  const detail = `the file is ${format.name}, not text; ${format.fix} and import the UTF-8 text file`;
  throw new ArchiveError('invalid-encoding', { file, line: 1 }, detail);
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
  const nuls = countNuls(bytes);
  // A stray NUL or two in text is damage, while more mean binary data, not an archive at all.
  const detail =
    nuls <= 2
      ? `a NUL byte at offset ${firstNul} is not text; archives must be UTF-8 text, ` +
        'so remove the byte or export the file again'
      : `the file contains ${nuls} NUL bytes, the first at offset ${firstNul}, so it is binary ` +
        'data rather than text; check that the right file was given (archives are UTF-8 text)';
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

  const notUtf8 = `the byte sequence ${hexBytes} at offset ${offset} is not valid UTF-8`;
  const legacy = legacyEncodingOf(bytes);
  if (legacy !== null) {
    return encodingError(
      file,
      line,
      `${notUtf8}, and the file reads as ${legacy.reads}`,
      legacy.name,
    );
  }
  const command = convertCommand('ENCODING', file);
  const detail =
    `${notUtf8}, nor is the file GBK or Big5 text (it may be Latin-1 or Windows-1252); find ` +
    `its encoding, for example with: file -i '${file}', then convert it with: ${command}`;
  return new ArchiveError('invalid-encoding', { file, line }, detail);
}

// Legacy Chinese encodings to try, mainland first. GB18030 contains GBK.
const LEGACY_ENCODINGS = [
  { label: 'gb18030', name: 'GB18030', reads: 'GBK (GB18030)' },
  { label: 'big5', name: 'BIG5', reads: 'Big5' },
];

/**
 * Returns the legacy Chinese encoding that the file reads in (its iconv name and how to call it),
 * or null. A file reads in an encoding when at most one in 20 of the characters it decodes
 * outside ASCII is ill-formed. Latin-1 text fails this, because its accented letters stand
 * before ASCII bytes that cannot end a double-byte character.
 */
function legacyEncodingOf(bytes: Uint8Array): { name: string; reads: string } | null {
  for (const { label, name, reads } of LEGACY_ENCODINGS) {
    let illFormed = 0;
    let wide = 0;
    for (const char of new TextDecoder(label).decode(bytes)) {
      if (char === '\ufffd') illFormed += 1;
      else if (char.charCodeAt(0) > 0x7f) wide += 1;
    }
    if (wide > 0 && illFormed * 20 <= wide) return { name, reads };
  }
  return null;
}

function countNuls(bytes: Uint8Array): number {
  let count = 0;
  for (const byte of bytes) if (byte === 0) count += 1;
  return count;
}

/** Returns whether `bytes` are UTF-8 text with a few damaged characters (see MOSTLY_UTF8_RATIO). */
function isMostlyUtf8(bytes: Uint8Array): boolean {
  const { invalid, multiByte } = countSequences(bytes);
  return multiByte >= invalid * MOSTLY_UTF8_RATIO;
}

/** Returns the distinct lines that hold an ill-formed sequence, ascending. */
function invalidLines(bytes: Uint8Array): number[] {
  const lines: number[] = [];
  let line = 1;
  let offset = 0;
  while (offset < bytes.length) {
    const length = sequenceLength(bytes, offset);
    if (length === 0 && lines.at(-1) !== line) lines.push(line);
    if (bytes[offset] === LINE_FEED) line += 1;
    offset += Math.max(1, length);
  }
  return lines;
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

/**
 * Returns the command that converts `file` to UTF-8. The copy goes to a folder `utf8` under the
 * file's name, because the name is the source its cases are stored under and the extension can
 * decide how `casebook import` reads it.
 */
function convertCommand(from: string, file: string): string {
  const copy = path.join(path.dirname(file), 'utf8', path.basename(file));
  return `mkdir -p '${path.dirname(copy)}' && iconv -f ${from} -t UTF-8 '${file}' > '${copy}'`;
}

function encodingError(file: string, line: number, found: string, from: string): ArchiveError {
  const command = convertCommand(from, file);
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
