import { isBlank, splitFileLines } from '../syntax.js';
import type { Conversation, ParsedConversations, TranscriptMessage } from './conversation.js';
import { TranscriptError } from './errors.js';
import {
  describeType,
  readCategory,
  readConversationId,
  readMessageText,
  readRole,
  readTimestamp,
  readTitle,
  type ReportError,
} from './fields.js';
import { anchorTimesOfDay } from './timestamps.js';
import { isObject, parseJsonObject, type JsonObject } from '../json-object.js';

const EXAMPLE_LINE = '{"id": "c1", "messages": [{"role": "customer", "text": "…"}]}';

/**
 * Parses JSON Lines: one conversation object per line, blank lines ignored. A conversation has
 * `id` (or `conversation_id`), optional `title`, `category` and `created_at` (or `createdAt`), and
 * a non-empty `messages` array of `{ role, text, at? }`. A message may name its text `content` and
 * its time `time` or `timestamp`. Every error of a line is reported at that line, and a line with
 * an error is left out.
 */
export function parseJsonLines(text: string, file: string): ParsedConversations {
  const result: ParsedConversations = { conversations: [], errors: [], invalid: [] };

  splitFileLines(text).forEach((source, index) => {
    if (isBlank(source)) return;

    const position = { file, line: index + 1 };
    const errors: TranscriptError[] = [];
    const report: ReportError = (code, detail) => {
      errors.push(new TranscriptError(code, position, detail));
    };
    const { id, conversation } = readLine(source, position.line, report);

    if (errors.length === 0 && conversation !== null) {
      result.conversations.push(conversation);
      return;
    }
    result.errors.push(...errors);
    if (id !== null) result.invalid.push({ id, line: position.line });
  });

  return result;
}

interface LineResult {
  id: string | null;
  /** Null when the line has an error. */
  conversation: Conversation | null;
}

function readLine(source: string, line: number, report: ReportError): LineResult {
  const value = parseObject(source, report);
  if (value === null) return { id: null, conversation: null };

  const id = readConversationId(value.id ?? value.conversation_id, 'field "id"', report);
  const title = readTitle(value.title, 'field "title"', report);
  const category = readCategory(value.category, 'field "category"', report);
  const createdAt = readTimestamp(
    value.created_at ?? value.createdAt,
    'field "created_at"',
    report,
  );
  const messages = readMessages(value.messages, line, report);
  if (id === null || messages === null) return { id, conversation: null };

  const times = anchorTimesOfDay(
    messages.map((message) => message.at),
    createdAt,
  );
  messages.forEach((message, index) => (message.at = times[index]));

  const conversation: Conversation = { id, title, category, createdAt, messages, line };
  return { id, conversation };
}

function parseObject(source: string, report: ReportError): JsonObject | null {
  const parsed = parseJsonObject(source);
  if ('object' in parsed) return parsed.object;

  const detail =
    parsed.invalid === 'syntax'
      ? `the line is not valid JSON (${parsed.reason}); write one conversation per line as a ` +
        `JSON object such as ${EXAMPLE_LINE}`
      : `the line is ${parsed.found}, expected a conversation object such as ${EXAMPLE_LINE}`;
  report('invalid-json', detail);
  return null;
}

function readMessages(
  value: unknown,
  line: number,
  report: ReportError,
): TranscriptMessage[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    let found = describeType(value);
    if (Array.isArray(value)) found = 'an empty array';
    else if (value === undefined) found = 'missing';
    const detail = `field "messages" is ${found}, expected an array with at least one message`;
    report('missing-messages', detail);
    return null;
  }

  const messages: TranscriptMessage[] = [];
  value.forEach((item: unknown, index) => {
    const field = `messages[${index}]`;
    if (!isObject(item)) {
      report('invalid-field', `${field} is ${describeType(item)}, expected an object`);
      return;
    }

    const role = readRole(item.role, `${field}.role`, report);
    const text = readMessageText(item.text ?? item.content, `${field}.text`, report);
    const at = readTimestamp(item.at ?? item.time ?? item.timestamp, `${field}.at`, report);
    if (role !== null && text !== null) messages.push({ role, text, at, line });
  });
  return messages;
}
