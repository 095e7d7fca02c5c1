import { ArchiveWriteError } from '../errors.js';
import { isObject } from '../json-object.js';
import type { ArchiveHeader } from '../record.js';
import { describeType } from '../transcripts/fields.js';
import { checkWritable } from '../write-check.js';
import type { ReportLineError } from './line.js';

/** Key of the optional source header on a case line. */
export const HEADER_FIELD = 'sourceHeader';

/**
 * Reads the optional `sourceHeader` of a case line: the title, part and preamble of the archive
 * header of the case's source. Returns null when the line gives none, or after reporting an
 * error. A header is accepted only if a records export could write it and read it back
 * unchanged, so its part must agree with the `(Part N)` of its title.
 */
export function readSourceHeader(value: unknown, report: ReportLineError): ArchiveHeader | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) {
    const detail =
      `field "${HEADER_FIELD}" is ${describeType(value)}, ` +
      'expected an object { title, part, preamble }, or leave the field out';
    report('invalid-field', detail);
    return null;
  }

  const title = readHeaderText(value.title, 'title', report);
  const part = readPart(value.part, report);
  const preamble = readHeaderText(value.preamble, 'preamble', report);
  if (title === null || part === undefined || preamble === null) return null;

  const header = { title, part, preamble };
  return isWritable(header, report) ? header : null;
}

function readHeaderText(value: unknown, key: string, report: ReportLineError): string | null {
  const field = `${HEADER_FIELD}.${key}`;
  if (value === undefined) {
    const detail = `field "${field}" is missing; a source header has "title", "part" and "preamble"`;
    report('missing-field', detail);
    return null;
  }
  if (typeof value !== 'string') {
    report('invalid-field', `field "${field}" is ${describeType(value)}, expected text`);
    return null;
  }
  return value;
}

// Returns undefined, not null, for a missing or invalid part, because null is a valid part.
function readPart(value: unknown, report: ReportLineError): string | null | undefined {
  const field = `${HEADER_FIELD}.part`;
  if (value === undefined) {
    const detail =
      `field "${field}" is missing; give the batch id from the title's "(Part N)" as text, ` +
      'or null when the title has none';
    report('missing-field', detail);
    return undefined;
  }
  if (value !== null && typeof value !== 'string') {
    const detail = `field "${field}" is ${describeType(value)}, expected text such as "14" or null`;
    report('invalid-field', detail);
    return undefined;
  }
  return value;
}

function isWritable(header: ArchiveHeader, report: ReportLineError): boolean {
  try {
    checkWritable(header, []);
    return true;
  } catch (error) {
    if (!(error instanceof ArchiveWriteError)) throw error;

    // The message reads `archive header, field <field>: <detail>`, and only the detail is kept.
    const prefix = `archive header, field ${error.field}: `;
    const detail = error.message.startsWith(prefix)
      ? error.message.slice(prefix.length)
      : error.message;
    const field = `${HEADER_FIELD}.${error.field}`;
    report('invalid-field', `field "${field}" cannot be written as an archive header: ${detail}`);
    return false;
  }
}
