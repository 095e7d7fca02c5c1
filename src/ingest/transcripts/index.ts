/**
 * Import of raw chat transcript exports (JSON Lines, CSV and plain-text chat logs) as case
 * records. As with archives, a caller rejects a file that has errors unless it skips invalid
 * conversations.
 */
import { readFileSync } from 'node:fs';
import { decodeArchive } from '../archive-decoder.js';
import { ArchiveError } from '../errors.js';
import { toCaseRecord, type TranscriptCase } from './case-record.js';
import type { ParsedConversations, TranscriptFormat, TranscriptNotice } from './conversation.js';
import { parseCsv } from './csv.js';
import { detectTranscriptFormat } from './detect.js';
import { TranscriptError } from './errors.js';
import { parseJsonLines } from './jsonl.js';
import { parseTextLog } from './text-log.js';

export {
  TRANSCRIPT_REF_PREFIX,
  toCaseRecord,
  type TranscriptCase,
  type TranscriptMeta,
} from './case-record.js';
export type {
  Conversation,
  MessageRole,
  MessageTime,
  SourceCategory,
  TranscriptFormat,
  TranscriptMessage,
} from './conversation.js';
export { detectTranscriptFormat } from './detect.js';
export {
  TRANSCRIPT_ERROR_CODES,
  TranscriptError,
  type TranscriptErrorCode,
  type TranscriptPosition,
} from './errors.js';
export type { ConversationStatus } from './status.js';

/** Result of reading one transcript file. */
export interface ParsedTranscripts {
  /** Format that was parsed, or null when it could not be detected. */
  format: TranscriptFormat | null;
  /** Cases of the conversations without errors, in file order. */
  conversations: TranscriptCase[];
  /** Every problem found, sorted by line. */
  errors: TranscriptError[];
  /**
   * Ids of the conversations left out because of an error. A duplicate id is listed here while
   * its first conversation stays in `conversations`.
   */
  invalidIds: string[];
  /** Lines of valid conversations that were read as text but may be messages of their own. */
  notices: TranscriptNotice[];
}

const PARSERS: Readonly<
  Record<TranscriptFormat, (text: string, file: string) => ParsedConversations>
> = {
  jsonl: parseJsonLines,
  csv: parseCsv,
  text: parseTextLog,
};

/**
 * Parses the text of a transcript export into case records. `file` is the path used in errors,
 * and its base name becomes each record's `source`. The format is detected with
 * `detectTranscriptFormat` unless given. A leading byte order mark is ignored.
 */
export function parseTranscripts(
  text: string,
  file: string,
  format?: TranscriptFormat,
): ParsedTranscripts {
  const body = text.replace(/^\uFEFF/, '');
  const chosen = format ?? detectTranscriptFormat(body, file);
  if (chosen === null) {
    const error = new TranscriptError('unknown-format', { file, line: 1 }, UNKNOWN_FORMAT_DETAIL);
    return { format: null, conversations: [], errors: [error], invalidIds: [], notices: [] };
  }

  const parsed = PARSERS[chosen](body, file);
  const duplicates = findDuplicateIds(parsed, file);
  const conversations = parsed.conversations.filter(
    (conversation) => !duplicates.lines.has(conversation.line),
  );
  const invalidIds = [...parsed.invalid, ...duplicates.conversations].map(({ id }) => id);

  return {
    format: chosen,
    conversations: conversations.map((conversation) => toCaseRecord(conversation, file)),
    errors: [...parsed.errors, ...duplicates.errors].sort((a, b) => a.line - b.line),
    invalidIds: [...new Set(invalidIds)],
    notices: parsed.notices ?? [],
  };
}

const UNKNOWN_FORMAT_DETAIL =
  'cannot detect the transcript format: expected JSON Lines (a first line starting with "{"), ' +
  'CSV (a header with conversation_id, role and text columns) or a chat log ("客户：…" lines); ' +
  'fix the file or name its format';

/**
 * Reads, decodes and parses a transcript file. Throws the `fs` error when the file cannot be
 * read, and an `invalid-encoding` TranscriptError when it is not UTF-8 text.
 */
export function readTranscriptFile(filePath: string, format?: TranscriptFormat): ParsedTranscripts {
  const bytes = readFileSync(filePath);

  let text: string;
  try {
    text = decodeArchive(bytes, filePath);
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    // The archive error's message already starts with `<file>:<line>: `.
    const detail = error.message.slice(`${error.file}:${error.line}: `.length);
    const position = { file: error.file, line: error.line };
    throw new TranscriptError('invalid-encoding', position, detail, { cause: error });
  }
  return parseTranscripts(text, filePath, format);
}

interface Duplicates {
  /** Conversations without other errors that repeat an earlier id. */
  conversations: { id: string; line: number }[];
  /** Start lines of those conversations. */
  lines: Set<number>;
  errors: TranscriptError[];
}

// Finds every conversation, with or without other errors, whose id an earlier conversation in the
// file already has. The first conversation with an id stays valid unless it has errors itself.
function findDuplicateIds(parsed: ParsedConversations, file: string): Duplicates {
  const valid = parsed.conversations.map(({ id, line }) => ({ id, line, valid: true }));
  const invalid = parsed.invalid.map(({ id, line }) => ({ id, line, valid: false }));
  const all = [...valid, ...invalid].sort((a, b) => a.line - b.line);
  const firstLines = new Map<string, number>();
  const duplicates: Duplicates = { conversations: [], lines: new Set(), errors: [] };

  for (const { id, line, valid: isValid } of all) {
    const firstLine = firstLines.get(id);
    if (firstLine === undefined) {
      firstLines.set(id, line);
      continue;
    }

    const detail = `conversation id "${id}" is already used at line ${firstLine}; give each conversation a unique id`;
    duplicates.errors.push(new TranscriptError('duplicate-id', { file, line }, detail));
    if (isValid) {
      duplicates.conversations.push({ id, line });
      duplicates.lines.add(line);
    }
  }
  return duplicates;
}
