import { quoteText } from '../errors.js';
import { splitCategory } from '../syntax.js';
import type { MessageRole, MessageTime, SourceCategory } from './conversation.js';
import type { TranscriptErrorCode } from './errors.js';
import { TIMESTAMP_FORMS, parseTimestamp } from './timestamps.js';

/**
 * Checks of the fields that every transcript format shares. Each reader takes the raw value, the
 * name of the field for messages (`messages[2].role`, `column role`) and a callback that records
 * an error at the position being read. A reader returns null when the field is absent or invalid.
 */

/** Records one error at the position being read. */
export type ReportError = (code: TranscriptErrorCode, detail: string) => void;

// Keys are compared after trimming and lower-casing.
const ROLE_ALIASES: Readonly<Record<string, MessageRole>> = {
  customer: 'customer',
  user: 'customer',
  client: 'customer',
  客户: 'customer',
  用户: 'customer',
  顾客: 'customer',
  agent: 'agent',
  assistant: 'agent',
  staff: 'agent',
  support: 'agent',
  客服: 'agent',
  坐席: 'agent',
  人工客服: 'agent',
  system: 'system',
  系统: 'system',
};

const KNOWN_ROLES =
  'customer (or user, client, 客户, 用户, 顾客), agent (or assistant, staff, support, 客服, 坐席, ' +
  '人工客服) or system (or 系统)';

const CONTROL_CHARACTER = /\p{Cc}/u;

/** Maps a role name or one of its aliases to a role, or returns null for an unknown name. */
export function matchRole(name: string): MessageRole | null {
  return ROLE_ALIASES[name.trim().toLowerCase()] ?? null;
}

/** Reads a conversation id: text or a number, not blank, without control characters. */
export function readConversationId(
  value: unknown,
  field: string,
  report: ReportError,
): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    report('missing-id', `${field} is missing or empty; give every conversation a unique id`);
    return null;
  }
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
    report('invalid-id', `${field} is ${describeType(value)}, expected text or a number`);
    return null;
  }

  const id = String(value).trim();
  if (CONTROL_CHARACTER.test(id)) {
    const detail = `${field} ${quoteText(id)} contains a line break or control character; remove it`;
    report('invalid-id', detail);
    return null;
  }
  return id;
}

/** Reads a message role given by name or alias. */
export function readRole(value: unknown, field: string, report: ReportError): MessageRole | null {
  const role = typeof value === 'string' ? matchRole(value) : null;
  if (role !== null) return role;

  let found = 'missing';
  if (typeof value === 'string') found = value.trim() === '' ? 'empty' : quoteText(value);
  report('unknown-role', `${field} is ${found}, which is not a known role; use ${KNOWN_ROLES}`);
  return null;
}

/** Reads the text of a message and trims it. */
export function readMessageText(value: unknown, field: string, report: ReportError): string | null {
  if (value !== undefined && value !== null && typeof value !== 'string') {
    report('invalid-field', `${field} is ${describeType(value)}, expected text`);
    return null;
  }

  const text = (value ?? '').trim();
  if (text === '') {
    report('empty-message', `${field} is missing or empty; remove the message or add its text`);
    return null;
  }
  return text;
}

/** Reads an optional title. Numbers are taken as text, because titles such as `1` occur. */
export function readTitle(value: unknown, field: string, report: ReportError): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') {
    report('invalid-field', `${field} is ${describeType(value)}, expected text`);
    return null;
  }
  return value.trim();
}

/** Reads an optional `product｜type` category; the separator may also be an ASCII `|`. */
export function readCategory(
  value: unknown,
  field: string,
  report: ReportError,
): SourceCategory | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    report(
      'invalid-field',
      `${field} is ${describeType(value)}, expected text such as "CDN｜证书问题"`,
    );
    return null;
  }
  if (value.trim() === '') return null;

  const category = splitCategory(value.trim());
  if (category === null) {
    const detail =
      `${field} ${quoteText(value)} is not "<product>｜<type>"; separate product and type with ` +
      '"｜" or "|", such as "CDN｜证书问题", or leave the category empty';
    report('invalid-category', detail);
  }
  return category;
}

/** Reads an optional timestamp given as text or as a Unix time number. */
export function readTimestamp(
  value: unknown,
  field: string,
  report: ReportError,
): MessageTime | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  if (typeof value !== 'string' && typeof value !== 'number') {
    report('invalid-field', `${field} is ${describeType(value)}, expected a timestamp`);
    return null;
  }

  const time = parseTimestamp(value);
  if (time === null) {
    const detail = `${field} ${quoteText(String(value))} is not a valid timestamp; use ${TIMESTAMP_FORMS}`;
    report('invalid-timestamp', detail);
  }
  return time;
}

/** Names the JSON type of a value for an error message, such as `an array`. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${quoteText(value)}`;
  return `the ${typeof value} ${String(value)}`;
}
