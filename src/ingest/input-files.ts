import { readFileSync } from 'node:fs';
import path from 'node:path';
import { redact } from '../redact/index.js';
import type { ArchiveHeader, CaseRecord } from './record.js';
import {
  decodeDamagedArchive,
  parseArchive,
  type Damage,
  type ParsedArchive,
} from './archive-reader.js';
import { CaseLineError, parseCaseLines } from './case-jsonl/index.js';
import { ArchiveError } from './errors.js';
import type { ImportWarning } from './import-summary.js';
import { inputError, type ImportError } from './input-errors.js';
import { detectInputFormat, type InputFormat } from './input-format.js';
import { storedSourceName } from './source-name.js';
import { storedId } from './personal-ids.js';
import type { NearMissWarning } from './near-miss.js';
import {
  parseTranscripts,
  TranscriptError,
  type TranscriptFormat,
  type TranscriptMeta,
} from './transcripts/index.js';

export type { ImportError } from './input-errors.js';

/** The records of an input file that go to one source. */
export interface InputSource {
  /** Source name: the file's base name, or the name each line gives in case JSON Lines. */
  name: string;
  /**
   * Header of the source, or null when the file has none for it (case JSON Lines whose lines
   * give no `sourceHeader`). A stored source then keeps its own header, and a new one gets the
   * default header.
   */
  header: ArchiveHeader | null;
  records: CaseRecord[];
  /** Transcript facts by ref; empty for the other formats. */
  meta: Map<string, TranscriptMeta>;
  /** Stored statuses by ref, which only case JSON Lines carry. */
  statuses: Map<string, string>;
}

/** An input file read into records, whatever its format. */
export interface InputFile {
  file: string;
  format: InputFormat;
  /** One source for archives and transcripts, and one per source name for case JSON Lines. */
  sources: InputSource[];
  errors: ImportError[];
  /**
   * The records left out for errors: refs (archives), conversation ids (transcripts), or
   * `<source>/<ref>` or `line <n>` (case JSON Lines). One with personal data is listed by its
   * digest ({@link storedId}).
   */
  invalidRefs: string[];
  /** Lines of valid archive records that look like damaged structure lines; empty otherwise. */
  warnings: ImportWarning[];
}

function toImportError(error: ArchiveError | TranscriptError | CaseLineError): ImportError {
  // Messages quote the offending line, which may hold a phone number or a key; they reach the
  // terminal, the API and the stored import history, so they are redacted like any other text.
  return {
    file: error.file,
    line: error.line,
    code: error.code,
    message: redact(error.message).text,
  };
}

// Messages quote the line, which is redacted for the same reason as in errors.
function toImportWarning(warning: NearMissWarning): ImportWarning {
  const { file, line, code, message } = warning;
  return { file, line, code, message: redact(message).text };
}

function listWarnings(archive: ParsedArchive, file: string): ImportWarning[] {
  const warnings = archive.warnings.map(toImportWarning);
  const unlisted = archive.unlistedWarnings;
  if (unlisted > 0) {
    const last = archive.warnings.at(-1)?.line ?? 0;
    const lines = unlisted === 1 ? '1 more line' : `${unlisted} more lines`;
    const verb = unlisted === 1 ? 'looks' : 'look';
    const message =
      `${file}: ${lines} after line ${last} ${verb} like damaged turn markers, section ` +
      `headings or category lines, but only the first ${archive.warnings.length} such lines ` +
      'are listed; check the rest of the file for lines like the listed ones';
    warnings.push({ file, message });
  }
  return warnings;
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function emptySource(name: string, header: ArchiveHeader | null): InputSource {
  return {
    name: storedSourceName(name),
    header,
    records: [],
    meta: new Map(),
    statuses: new Map(),
  };
}

function readArchive(text: string, file: string, damage: Damage | null): InputFile {
  const archive = parseArchive(text, file, damage);
  const source = emptySource(path.basename(file), archive.header);
  source.records = archive.records.map((record) => ({ ...record, source: source.name }));
  return {
    file,
    format: 'archive',
    sources: [source],
    errors: archive.errors.map(toImportError),
    invalidRefs: archive.invalidRefs.map(storedId),
    warnings: listWarnings(archive, file),
  };
}

function readTranscripts(text: string, file: string, format: TranscriptFormat): InputFile {
  const parsed = parseTranscripts(text, file, format);
  const source = emptySource(path.basename(file), null);
  source.header = { title: `聊天记录导入 ${source.name}`, part: null, preamble: '' };
  source.records = parsed.conversations.map(({ record }) => ({ ...record, source: source.name }));
  source.meta = new Map(parsed.conversations.map((c) => [c.record.ref, c.meta]));
  return {
    file,
    format,
    sources: [source],
    errors: parsed.errors.map(toImportError),
    invalidRefs: parsed.invalidIds.map(storedId),
    warnings: parsed.notices.map(({ line, detail }) => ({
      file,
      line,
      code: 'unknown-speaker',
      message: redact(`${file}:${line}: ${detail}`).text,
    })),
  };
}

function readCaseLines(text: string, file: string): InputFile {
  const parsed = parseCaseLines(text, file);
  const sources = parsed.sources.map((group) => {
    const source = emptySource(group.name, group.header);
    const records = group.records.map((record) => ({ ...record, source: source.name }));
    return { ...source, records, statuses: group.statuses };
  });
  return {
    file,
    format: 'case-jsonl',
    sources,
    errors: parsed.errors.map(toImportError),
    invalidRefs: parsed.invalidRefs.map(storedId),
    warnings: [],
  };
}

function readContent(text: string, file: string, damage: Damage | null): InputFile | ImportError {
  if (text.trim() === '') {
    const detail = 'the file is empty; check that the right file was given';
    return inputError(file, 1, 'empty-file', detail);
  }

  const detection = detectInputFormat(text, file);
  if (detection.format === null) return inputError(file, 1, 'unknown-format', detection.detail);
  if (detection.format === 'archive') return readArchive(text, file, damage);
  // Only archives are read record by record around damaged characters.
  if (damage !== null) throw damage.error;
  if (detection.format === 'case-jsonl') return readCaseLines(text, file);
  return readTranscripts(text, file, detection.format);
}

/**
 * Reads one input file: a records archive, case JSON Lines or a chat transcript, as
 * {@link detectInputFormat} decides from the name and the content. Returns an error instead of
 * a file when it cannot be read, decoded or recognised at all, or when it is empty.
 */
export function readInputFile(file: string): InputFile | ImportError {
  try {
    const { text, damage } = decodeDamagedArchive(readFileSync(file), file);
    return readContent(text, file, damage);
  } catch (error) {
    if (error instanceof ArchiveError) return toImportError(error);
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
