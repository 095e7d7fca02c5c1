import { CsvError, parse } from 'csv-parse/sync';
import { quoteText } from '../errors.js';
import type {
  Conversation,
  MessageTime,
  ParsedConversations,
  SourceCategory,
  TranscriptMessage,
} from './conversation.js';
import { TranscriptError } from './errors.js';
import {
  readCategory,
  readConversationId,
  readMessageText,
  readRole,
  readTimestamp,
  readTitle,
  type ReportError,
} from './fields.js';
import { anchorTimesOfDay } from './timestamps.js';

type ColumnKey = 'conversationId' | 'role' | 'text' | 'at' | 'title' | 'category' | 'createdAt';

/** Index of each known column in the header row. */
export type ColumnIndexes = Partial<Record<ColumnKey, number>>;

// Header names in order of preference, compared by `columnKey`. When a header has two names for
// one column, such as both `text` and `content`, the earlier name in the list wins.
const COLUMN_ALIASES: Readonly<Record<ColumnKey, readonly string[]>> = {
  conversationId: ['conversationid', 'conversation', 'sessionid', 'session', 'chatid', '会话id'],
  role: ['role', 'speaker', 'sender', 'from', '角色', '发送方', '发言人'],
  text: ['text', 'content', 'message', 'body', 'msg', '内容', '消息', '消息内容'],
  at: ['at', 'time', 'timestamp', 'sentat', 'senttime', 'datetime', '时间', '发送时间'],
  title: ['title', 'subject', '标题', '主题'],
  category: ['category', '分类', '问题分类'],
  createdAt: ['createdat', 'created', '创建时间'],
};

const REQUIRED_COLUMNS: readonly ColumnKey[] = ['conversationId', 'role', 'text'];
const COLUMN_NAMES: Readonly<Record<ColumnKey, string>> = {
  conversationId: 'conversation_id',
  role: 'role',
  text: 'text (or content, message)',
  at: 'at',
  title: 'title',
  category: 'category',
  createdAt: 'created_at',
};

interface CsvRow {
  fields: string[];
  /** 1-based line where the row starts; a quoted field can carry the row over several lines. */
  line: number;
}

// csv-parse types its sync result as string[][] even with `info` and `raw`, which wrap each row.
interface RowWithInfo {
  record: string[];
  raw: string;
  info: { lines: number };
}

interface ConversationDraft {
  id: string;
  line: number;
  title: string | null;
  category: SourceCategory | null;
  createdAt: MessageTime | null;
  messages: TranscriptMessage[];
  errors: TranscriptError[];
}

/**
 * Parses CSV with one message per row under a header row (see `COLUMN_ALIASES` for the accepted
 * column names, matched without regard to case, spaces, `_` and `-`). Rows of one conversation
 * may be interleaved with other conversations. Messages keep row order, unless every message of
 * the conversation has a timestamp with a date: then they are sorted by time, and rows with equal
 * times keep row order. Title, category and creation time come from the first row that has them.
 * A CSV syntax error, such as an unclosed quote, rejects the whole file.
 */
export function parseCsv(text: string, file: string): ParsedConversations {
  // Line breaks inside quoted fields become LF too, the same as in the other formats.
  const normalized = text.replace(/\r\n?/g, '\n');
  // Updated by `readRows` as rows parse, so that a syntax error can point at the row it is in.
  const progress = { lastRowEnd: 0 };
  let rows: CsvRow[];
  try {
    rows = readRows(normalized, progress);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = nextRowLine(normalized, progress.lastRowEnd);
    return failedFile(new TranscriptError('invalid-csv', { file, line }, csvDetail(error)));
  }

  const [header, ...body] = rows;
  const columns = header === undefined ? {} : mapColumns(header.fields);
  const missing = REQUIRED_COLUMNS.filter((key) => columns[key] === undefined);
  if (header === undefined || missing.length > 0) {
    const found =
      header === undefined
        ? 'the file is empty'
        : `the header ${quoteText(header.fields.join(','))}`;
    const names = missing.map((key) => COLUMN_NAMES[key]).join(', ');
    const detail = `${found} has no ${names} column; add a header row such as conversation_id,role,text,at`;
    return failedFile(
      new TranscriptError('missing-column', { file, line: header?.line ?? 1 }, detail),
    );
  }

  const drafts = new Map<string, ConversationDraft>();
  const errors: TranscriptError[] = [];
  for (const row of body) {
    readRow(row, { file, header: header.fields, columns, drafts, errors });
  }

  return finishDrafts([...drafts.values()], errors);
}

/** Maps header names to known columns. */
export function mapColumns(header: readonly string[]): ColumnIndexes {
  const keys = header.map(columnKey);
  const columns: ColumnIndexes = {};
  for (const [column, aliases] of Object.entries(COLUMN_ALIASES) as [ColumnKey, string[]][]) {
    const alias = aliases.find((name) => keys.includes(name));
    if (alias !== undefined) columns[column] = keys.indexOf(alias);
  }
  return columns;
}

/** Tells whether a line is a CSV header row with the required columns. */
export function isCsvHeader(line: string): boolean {
  let fields: string[][];
  try {
    fields = parse(line, { relax_column_count: true, relax_quotes: true });
  } catch {
    return false;
  }

  const columns = mapColumns(fields[0] ?? []);
  return REQUIRED_COLUMNS.every((key) => columns[key] !== undefined);
}

function columnKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

function readRows(text: string, progress: { lastRowEnd: number }): CsvRow[] {
  const records = parse(text, {
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    on_record: (record, context) => {
      progress.lastRowEnd = context.lines;
      return record;
    },
  }) as unknown as RowWithInfo[];

  return records
    .filter(({ record }) => record.some((field) => field.trim() !== ''))
    .map(({ record, raw, info }) => ({ fields: record, line: startLine(raw, info.lines) }));
}

// csv-parse reports an unclosed quote at the end of the file, so the row that failed is found
// as the first line that is not blank after the last row that parsed.
function nextRowLine(text: string, lastRowEnd: number): number {
  const lines = text.split('\n');
  let index = lastRowEnd;
  while (index < lines.length - 1 && lines[index].trim() === '') index += 1;
  return index + 1;
}

// `info.lines` is the line where the row ends. `raw` also contains the empty lines skipped before
// the row and the line break after it, and neither counts towards the row's own lines.
function startLine(raw: string, endLine: number): number {
  const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
  const breaks = body.split('\n').length - 1;
  return endLine - breaks;
}

// csv-parse's own messages name the line where parsing stopped, which for an unclosed quote is the
// end of the file, so the two common cases get messages about the row instead.
function csvDetail(error: CsvError): string {
  const fix = 'close every quoted field and double each quote inside one ("")';
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return `a quoted field in this row is never closed, so the rest of the file is inside it; ${fix}`;
  }
  if (error.code === 'CSV_INVALID_CLOSING_QUOTE') {
    return `a quoted field in this row has text after its closing quote; ${fix}`;
  }
  return `the row cannot be parsed as CSV (${error.message}); ${fix}`;
}

function failedFile(error: TranscriptError): ParsedConversations {
  return { conversations: [], errors: [error], invalid: [] };
}

interface RowContext {
  file: string;
  header: readonly string[];
  columns: ColumnIndexes;
  drafts: Map<string, ConversationDraft>;
  /** Errors of rows that belong to no conversation because their id is missing. */
  errors: TranscriptError[];
}

function readRow(row: CsvRow, context: RowContext): void {
  const errors: TranscriptError[] = [];
  const report: ReportError = (code, detail) => {
    errors.push(new TranscriptError(code, { file: context.file, line: row.line }, detail));
  };
  const cell = (key: ColumnKey): string | undefined => {
    const index = context.columns[key];
    return index === undefined ? undefined : row.fields[index];
  };
  const field = (key: ColumnKey): string => `column "${context.header[context.columns[key] ?? 0]}"`;

  if (row.fields.length !== context.header.length) {
    const detail =
      `the row has ${row.fields.length} fields but the header has ${context.header.length}; ` +
      'quote fields that contain commas, quotes or line breaks';
    report('invalid-csv', detail);
  }
  const id = readConversationId(cell('conversationId'), field('conversationId'), report);
  if (id === null) {
    context.errors.push(...errors);
    return;
  }

  const draft = context.drafts.get(id) ?? newDraft(id, row.line);
  context.drafts.set(id, draft);
  const role = readRole(cell('role'), field('role'), report);
  const text = readMessageText(cell('text'), field('text'), report);
  const at = readTimestamp(cell('at'), field('at'), report);
  const title = readTitle(cell('title'), field('title'), report);
  const category = readCategory(cell('category'), field('category'), report);
  const createdAt = readTimestamp(cell('createdAt'), field('createdAt'), report);

  // NOTE: when rows of one conversation disagree on title, category or creation time, the first
  // row that has the value wins and the others are not reported.
  if (draft.title === null && title !== null && title !== '') draft.title = title;
  draft.category ??= category;
  draft.createdAt ??= createdAt;
  draft.errors.push(...errors);
  if (role !== null && text !== null) draft.messages.push({ role, text, at, line: row.line });
}

function newDraft(id: string, line: number): ConversationDraft {
  return { id, line, title: null, category: null, createdAt: null, messages: [], errors: [] };
}

function finishDrafts(
  drafts: readonly ConversationDraft[],
  looseErrors: TranscriptError[],
): ParsedConversations {
  const result: ParsedConversations = {
    conversations: [],
    errors: [...looseErrors],
    invalid: [],
  };

  for (const draft of drafts) {
    if (draft.errors.length > 0) {
      result.errors.push(...draft.errors);
      result.invalid.push({ id: draft.id, line: draft.line });
      continue;
    }

    const { id, title, category, createdAt, line } = draft;
    const messages = orderMessages(draft.messages, createdAt);
    const conversation: Conversation = { id, title, category, createdAt, messages, line };
    result.conversations.push(conversation);
  }
  return result;
}

function orderMessages(
  messages: TranscriptMessage[],
  createdAt: MessageTime | null,
): TranscriptMessage[] {
  if (messages.every((message) => message.at?.hasDate === true)) {
    // Array.prototype.sort is stable, so rows with equal times keep row order.
    return [...messages].sort((a, b) => (a.at?.epochMs ?? 0) - (b.at?.epochMs ?? 0));
  }

  const times = anchorTimesOfDay(
    messages.map((message) => message.at),
    createdAt,
  );
  return messages.map((message, index) => ({ ...message, at: times[index] }));
}
