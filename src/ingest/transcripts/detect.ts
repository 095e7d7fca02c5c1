import path from 'node:path';
import { isBlank, splitFileLines } from '../syntax.js';
import type { TranscriptFormat } from './conversation.js';
import { isCsvHeader } from './csv.js';
import { isSeparatorLine, matchMessageLine } from './text-log.js';

// A chat log may open with a few lines of export notes before its first message or separator.
const TEXT_SAMPLE_LINES = 50;

const FORMAT_BY_EXTENSION: Readonly<Record<string, TranscriptFormat>> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
  '.txt': 'text',
  '.log': 'text',
};

/**
 * Detects the format of a transcript export from its content, and from the extension of `file`
 * only when the content decides nothing. The rules apply in order to the lines that are not blank:
 *
 * 1. A first line starting with `{` is JSON Lines.
 * 2. A first line that is a CSV header with conversation id, role and text columns is CSV.
 * 3. A message line (`客户：…`) or a separator line (`=== 会话 1 ===`) among the first 50 lines
 *    makes a chat log.
 * 4. The extensions `.jsonl`/`.ndjson`, `.csv` and `.txt`/`.log` name their format.
 *
 * Returns null when no rule matches.
 */
export function detectTranscriptFormat(text: string, file: string): TranscriptFormat | null {
  return detectTranscriptContent(text) ?? transcriptFormatOfName(file);
}

/** Applies rules 1 to 3 of {@link detectTranscriptFormat}: the content alone. */
export function detectTranscriptContent(text: string): TranscriptFormat | null {
  const lines = splitFileLines(text.replace(/^\uFEFF/, ''))
    .filter((line) => !isBlank(line))
    .slice(0, TEXT_SAMPLE_LINES);
  const first = lines[0];

  if (first !== undefined && first.trimStart().startsWith('{')) return 'jsonl';
  if (first !== undefined && isCsvHeader(first)) return 'csv';
  if (lines.some((line) => matchMessageLine(line) !== null || isSeparatorLine(line))) return 'text';
  return null;
}

/** Applies rule 4 of {@link detectTranscriptFormat}: the transcript format a file name implies. */
export function transcriptFormatOfName(file: string): TranscriptFormat | null {
  return FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()] ?? null;
}
