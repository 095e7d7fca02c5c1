import { quoteText } from '../errors.js';
import {
  categoryLabel,
  type ArchiveHeader,
  type CaseRecord,
  type Role,
  type Turn,
} from '../record.js';
import { splitCategory } from '../syntax.js';
import { describeType } from '../transcripts/fields.js';
import { hasPersonalData, isDigestId } from '../personal-ids.js';
import { TRANSCRIPT_REF_PREFIX } from '../transcripts/case-record.js';
import type { CaseLineErrorCode } from './errors.js';
import { HEADER_FIELD, readSourceHeader } from './header.js';
import { isObject, parseJsonObject, type JsonObject } from '../json-object.js';

/** Records one error on the line being read. */
export type ReportLineError = (code: CaseLineErrorCode, detail: string) => void;

/**
 * A case read from one line, with the status it was stored with and the archive header of its
 * source, each null when the line does not give it.
 */
export interface CaseLine {
  record: CaseRecord;
  status: string | null;
  header: ArchiveHeader | null;
}

/** Result of reading one line; `source` and `ref` are null when they are missing or invalid. */
export interface LineResult {
  source: string | null;
  ref: string | null;
  /** Null when the line has an error. */
  case: CaseLine | null;
}

const TEXT_FIELDS = ['title', 'description', 'answer', 'rootCause'] as const;
const ROLES: readonly Role[] = ['customer', 'agent'];
const CONTROL_CHARACTER = /\p{Cc}/u;
// Every status the code sets is a lowercase word or hyphenated words, such as `waiting-for-human`.
const STATUS = /^[a-z]+(?:-[a-z]+)*$/;

/**
 * Reads one line of case JSON Lines into a case record. Every problem of the line is reported,
 * and a line with any problem gives no case. Keys the export does not write are ignored.
 */
export function readCaseLine(text: string, report: ReportLineError): LineResult {
  const value = parseObject(text, report);
  if (value === null) return { source: null, ref: null, case: null };

  let valid = true;
  const check: ReportLineError = (code, detail) => {
    valid = false;
    report(code, detail);
  };
  const source = readSource(value.source, check);
  const ref = readRef(value.ref, check);
  const texts = TEXT_FIELDS.map((field) => readText(value[field], field, check));
  const category = readCategory(value, check);
  const status = readStatus(value.status, check);
  const turns = readTurns(value.turns, check);
  const header = readSourceHeader(value[HEADER_FIELD], check);
  if (!valid || source === null || ref === null || category === null || turns === null) {
    return { source, ref, case: null };
  }

  const [title, description, answer, rootCause] = texts as string[];
  const record: CaseRecord = {
    source,
    ref,
    title,
    ...category,
    description,
    answer,
    rootCause,
    turns,
  };
  return { source, ref, case: { record, status, header } };
}

function parseObject(text: string, report: ReportLineError): JsonObject | null {
  const parsed = parseJsonObject(text);
  if ('object' in parsed) return parsed.object;

  const detail =
    parsed.invalid === 'syntax'
      ? `the line is not valid JSON (${parsed.reason}); each line must be one case object as ` +
        '"casebook export --format jsonl" writes it'
      : `the line is ${parsed.found}, expected one case object per line`;
  report('invalid-json', detail);
  return null;
}

function missing(field: string, report: ReportLineError): null {
  report('missing-field', `field "${field}" is missing; every exported case has it`);
  return null;
}

// A source is the base name of the file a case was imported from. Folder separators are
// rejected because `casebook export --out DIR` writes a file under each source's name.
function readSource(value: unknown, report: ReportLineError): string | null {
  if (value === undefined) return missing('source', report);
  const fix = 'use the name of the file the case was imported from, without folders';
  if (typeof value !== 'string' || value.trim() === '') {
    report('invalid-field', `field "source" is ${describeType(value)}; ${fix}`);
    return null;
  }

  const unsafe = /[/\\]/.test(value) || CONTROL_CHARACTER.test(value);
  if (unsafe || value === '.' || value === '..') {
    report('invalid-field', `field "source" ${quoteText(value)} is not a file name; ${fix}`);
    return null;
  }
  return value;
}

function readRef(value: unknown, report: ReportLineError): string | null {
  if (value === undefined) return missing('ref', report);
  if (typeof value !== 'string' || value.trim() === '') {
    const detail = `field "ref" is ${describeType(value)}, expected the case's ref such as "Q12"`;
    report('invalid-field', detail);
    return null;
  }
  if (CONTROL_CHARACTER.test(value)) {
    const found = `field "ref" ${quoteText(value)}`;
    report('invalid-field', `${found} contains a line break or control character; remove it`);
    return null;
  }
  // A ref is stored and listed as it is, so it must not carry personal data. The value is not
  // quoted, for the same reason.
  if (refHasPersonalData(value)) {
    report(
      'invalid-field',
      'field "ref" contains a phone number, an e-mail address or other personal data; use a ref as ' +
        'export writes them, such as "Q12", "W3" or "T-c-1001"',
    );
    return null;
  }
  return value;
}

// A digest may look like a number by chance (…13912345678…), and contains no personal data.
function refHasPersonalData(ref: string): boolean {
  const digest =
    ref.startsWith(TRANSCRIPT_REF_PREFIX) && isDigestId(ref.slice(TRANSCRIPT_REF_PREFIX.length));
  return !digest && hasPersonalData(ref);
}

function readText(value: unknown, field: string, report: ReportLineError): string | null {
  if (value === undefined) return missing(field, report);
  if (typeof value !== 'string') {
    report('invalid-field', `field "${field}" is ${describeType(value)}, expected text`);
    return null;
  }
  return value;
}

// The export writes `product`, `type` and the `category` label made of them. A line may give
// the label alone, and when it gives both, they must agree.
function readCategory(
  value: JsonObject,
  report: ReportLineError,
): { product: string; type: string } | null {
  const label = readOptionalText(value.category, 'category', report);
  if (value.product === undefined && value.type === undefined && label !== null) {
    const split = splitCategory(label);
    if (split === null) {
      const detail =
        `field "category" ${quoteText(label)} is not "<product>｜<type>"; ` +
        'give it as "CDN｜证书问题", or give the fields "product" and "type"';
      report('invalid-category', detail);
    }
    return split;
  }

  const product = readCategoryHalf(value.product, 'product', report);
  const type = readCategoryHalf(value.type, 'type', report);
  if (product === null || type === null) return null;
  if (label !== null && label.trim() !== categoryLabel({ product, type })) {
    const detail =
      `field "category" ${quoteText(label)} disagrees with "product" and "type" ` +
      `(${categoryLabel({ product, type })}); correct one of them or remove "category"`;
    report('invalid-category', detail);
    return null;
  }
  return { product, type };
}

function readCategoryHalf(value: unknown, field: string, report: ReportLineError): string | null {
  const text = readText(value, field, report);
  if (text === null) return null;
  if (text.trim() === '') {
    report('invalid-category', `field "${field}" is empty; every case needs a product and a type`);
    return null;
  }
  return text.trim();
}

function readOptionalText(value: unknown, field: string, report: ReportLineError): string | null {
  if (value === undefined || value === null) return null;
  return readText(value, field, report);
}

function readStatus(value: unknown, report: ReportLineError): string | null {
  const status = readOptionalText(value, 'status', report);
  if (status === null || STATUS.test(status)) return status;

  const detail =
    `field "status" ${quoteText(status)} is not a case status; use lowercase words joined ` +
    'by hyphens, such as "answered" or "waiting-for-human", or remove the field';
  report('invalid-field', detail);
  return null;
}

function readTurns(value: unknown, report: ReportLineError): Turn[] | null {
  if (value === undefined) return missing('turns', report);
  if (!Array.isArray(value)) {
    const detail = `field "turns" is ${describeType(value)}, expected an array of { role, text }`;
    report('invalid-field', detail);
    return null;
  }

  const turns: Turn[] = [];
  value.forEach((item: unknown, index) => {
    const field = `turns[${index}]`;
    if (!isObject(item)) {
      report('invalid-field', `${field} is ${describeType(item)}, expected { role, text }`);
      return;
    }
    const role = readTurnRole(item.role, `${field}.role`, report);
    const text = readText(item.text, `${field}.text`, report);
    if (role !== null && text !== null) turns.push({ role, text });
  });
  return turns.length === value.length ? turns : null;
}

function readTurnRole(value: unknown, field: string, report: ReportLineError): Role | null {
  if (ROLES.includes(value as Role)) return value as Role;
  const found = value === undefined ? 'missing' : describeType(value);
  report('unknown-role', `${field} is ${found}, expected "customer" or "agent"`);
  return null;
}
