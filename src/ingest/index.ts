/**
 * Reading and writing of support-record archives (the Markdown files the support team exports),
 * and the import of archives, case JSON Lines and chat transcripts.
 */
export {
  decodeArchive,
  decodeDamagedArchive,
  parseArchive,
  readArchiveFile,
  type Damage,
  type ParsedArchive,
} from './archive-reader.js';
export { defaultHeader, writeArchive } from './archive-writer.js';
export {
  ArchiveError,
  ArchiveWriteError,
  INGEST_ERROR_CODES,
  type ArchiveErrorCode,
  type ArchivePosition,
  type IngestErrorCode,
} from './errors.js';
export {
  CATEGORY_SEPARATOR,
  categoryLabel,
  type ArchiveHeader,
  type CaseRecord,
  type Role,
  type Turn,
} from './record.js';
export {
  importArchives,
  type ImportSummary,
  type ImportError,
  type ImportOptions,
} from './import.js';
export {
  detectTranscriptFormat,
  parseTranscripts,
  readTranscriptFile,
  TranscriptError,
  type ParsedTranscripts,
  type TranscriptCase,
  type TranscriptMeta,
} from './transcripts/index.js';
export { readInputFile, type InputFile, type InputSource } from './input-files.js';
export { detectInputFormat, type FormatDetection, type InputFormat } from './input-format.js';
export { INPUT_ERROR_CODES, type InputErrorCode } from './input-errors.js';
export { NEAR_MISS_CODES, type NearMissCode, type NearMissWarning } from './near-miss.js';
export {
  CASE_LINE_ERROR_CODES,
  CaseLineError,
  isCaseLine,
  parseCaseLines,
  type CaseLineErrorCode,
  type CaseLineSource,
  type ParsedCaseLines,
} from './case-jsonl/index.js';
export { storedSourceName, withStoredNames } from './source-name.js';
