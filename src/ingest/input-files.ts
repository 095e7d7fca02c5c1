import path from 'node:path';
import { redact } from '../redact/index.js';
import type { ArchiveHeader, CaseRecord } from './record.js';
import { readArchiveFile } from './archive-reader.js';
import { ArchiveError } from './errors.js';
import { readTranscriptFile, TranscriptError, type TranscriptMeta } from './transcripts/index.js';

/** One problem found in an input file, with the 1-based line it is on (0 for the whole file). */
export interface ImportError {
  file: string;
  line: number;
  code: string;
  message: string;
}

/** An input file read into records, whatever its format. */
export interface InputFile {
  file: string;
  format: 'archive' | 'jsonl' | 'csv' | 'text';
  header: ArchiveHeader;
  records: CaseRecord[];
  /** Transcript facts by ref; empty for archives. */
  meta: Map<string, TranscriptMeta>;
  errors: ImportError[];
  /** Refs (archives) or conversation ids (transcripts) of the records left out for errors. */
  invalidRefs: string[];
}

const ARCHIVE_EXTENSIONS = new Set(['.md', '.markdown']);

function toImportError(error: ArchiveError | TranscriptError): ImportError {
  // Messages quote the offending line, which may hold a phone number or a key; they reach the
  // terminal, the API and the stored import history, so they are redacted like any other text.
  return {
    file: error.file,
    line: error.line,
    code: error.code,
    message: redact(error.message).text,
  };
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function readArchive(file: string): InputFile {
  const archive = readArchiveFile(file);
  return {
    file,
    format: 'archive',
    header: archive.header,
    records: archive.records,
    meta: new Map(),
    errors: archive.errors.map(toImportError),
    invalidRefs: archive.invalidRefs,
  };
}

function readTranscripts(file: string): InputFile {
  const parsed = readTranscriptFile(file);
  const name = path.basename(file);
  return {
    file,
    format: parsed.format ?? 'text',
    header: { title: `聊天记录导入 ${name}`, part: null, preamble: '' },
    records: parsed.conversations.map((conversation) => conversation.record),
    meta: new Map(parsed.conversations.map((c) => [c.record.ref, c.meta])),
    errors: parsed.errors.map(toImportError),
    invalidRefs: parsed.invalidIds,
  };
}

/**
 * Reads one input file: `.md` files as support-record archives, anything else as chat
 * transcripts whose format (JSON Lines, CSV or plain-text log) is detected from the content.
 * Returns an error instead of a file when it cannot be read or decoded at all.
 */
export function readInputFile(file: string): InputFile | ImportError {
  try {
    const extension = path.extname(file).toLowerCase();
    return ARCHIVE_EXTENSIONS.has(extension) ? readArchive(file) : readTranscripts(file);
  } catch (error) {
    if (error instanceof ArchiveError || error instanceof TranscriptError)
      return toImportError(error);
    if (isFileSystemError(error)) {
      const hint =
        error.code === 'EISDIR' ? 'Pass files, not folders' : 'Check the path and permissions';
      return {
        file,
        line: 0,
        code: 'unreadable-file',
        message: `${file}: cannot read the file (${error.code}). ${hint}.`,
      };
    }
    throw error;
  }
}
