import path from 'node:path';
import { isCaseLine } from './case-jsonl/index.js';
import { parseJsonObject } from './json-object.js';
import {
  isBlank,
  isRule,
  matchCategoryLine,
  matchHeading,
  matchRecordStart,
  matchTitle,
  matchTurnMarker,
} from './syntax.js';
import type { TranscriptFormat } from './transcripts/index.js';
import { detectTranscriptContent, transcriptFormatOfName } from './transcripts/detect.js';
import { matchMessageLine } from './transcripts/text-log.js';

/** Format of a file that `casebook import` reads. */
export type InputFormat = 'archive' | 'case-jsonl' | TranscriptFormat;

/** The detected format, or why none was found, as the detail of an `unknown-format` error. */
export type FormatDetection = { format: InputFormat } | { format: null; detail: string };

const ARCHIVE_EXTENSIONS = new Set(['.md', '.markdown']);
// An archive's first record start follows its short header, and a chat log's first message or
// separator comes within a few lines of notes, so the first lines decide.
const SAMPLE_LINES = 50;

const UNKNOWN_DETAIL =
  'cannot detect the format: expected a records archive (a "# <title>" line and "## Q<n>: " ' +
  'records), case JSON Lines as "casebook export --format jsonl" writes them, chat transcripts ' +
  'as JSON Lines (a first line starting with "{"), CSV (a header with conversation_id, role and ' +
  'text columns) or a chat log ("客户：…" lines); fix the file, or name a records archive with a ' +
  '.md extension to have its errors reported';

const TITLE_ONLY_DETAIL =
  'the file starts with a "# <title>" line but has neither a "## Q<n>: " record nor chat ' +
  'messages ("客户：…") in its first 50 lines, so its format is unclear; if it is a records ' +
  'archive, rename it with a .md extension to read it as one and have its errors reported';

/**
 * Detects the format of an input file. The rules apply in order, to the lines that are not blank:
 *
 * 1. The extensions `.md` and `.markdown` make a records archive, whatever the content.
 * 2. A first line starting with `{` is JSON Lines: case JSON Lines when the first line that
 *    parses as an object has the exported case's shape ({@link isCaseLine}), else a transcript.
 * 3. A `## Q<n>:` record start among the first 50 lines makes a records archive. So does a
 *    `# <title>` first line with a category line, a section heading or a turn marker after it,
 *    or with an `=====` rule and no chat message line (`客户：…`) after it.
 * 4. The content rules of the transcript formats (CSV header, chat log lines).
 * 5. A `# <title>` first line with nothing else to go by is left undecided.
 * 6. The extensions `.jsonl`/`.ndjson`, `.csv` and `.txt`/`.log` name their transcript format.
 */
export function detectInputFormat(text: string, file: string): FormatDetection {
  if (ARCHIVE_EXTENSIONS.has(path.extname(file).toLowerCase())) return { format: 'archive' };

  const lines = leadingLines(text, SAMPLE_LINES);
  const first = lines[0] ?? '';
  if (first.trimStart().startsWith('{')) {
    return { format: firstObject(lines) === 'case' ? 'case-jsonl' : 'jsonl' };
  }
  const archive = archiveEvidence(lines);
  if (archive === 'archive') return { format: 'archive' };

  const transcript = detectTranscriptContent(text);
  if (transcript !== null) return { format: transcript };
  if (archive === 'title-only') return { format: null, detail: TITLE_ONLY_DETAIL };

  const byName = transcriptFormatOfName(file);
  return byName === null ? { format: null, detail: UNKNOWN_DETAIL } : { format: byName };
}

// Returns the first `count` lines that are not blank, without splitting the rest of the text.
function leadingLines(text: string, count: number): string[] {
  const lines: string[] = [];
  let start = text.startsWith('\uFEFF') ? 1 : 0;
  while (start <= text.length && lines.length < count) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    const line = text.slice(start, stop).replace(/\r$/, '');
    if (!isBlank(line)) lines.push(line);
    start = stop + 1;
  }
  return lines;
}

function firstObject(lines: readonly string[]): 'case' | 'other' {
  for (const line of lines) {
    const parsed = parseJsonObject(line);
    if ('object' in parsed) return isCaseLine(parsed.object) ? 'case' : 'other';
  }
  return 'other';
}

function archiveEvidence(lines: readonly string[]): 'archive' | 'title-only' | null {
  if (lines.some((line) => matchRecordStart(line) !== null)) return 'archive';
  if (lines.length === 0 || matchTitle(lines[0]) === null) return null;

  const rest = lines.slice(1);
  if (rest.some(isRecordLine)) return 'archive';
  // A chat log may open with a Markdown title of its own, and its separators can be rules.
  if (rest.some((line) => matchMessageLine(line) !== null)) return null;
  if (rest.some(isRule)) return 'archive';
  return 'title-only';
}

// Lines that only occur inside archive records.
function isRecordLine(line: string): boolean {
  return (
    matchCategoryLine(line) !== null ||
    matchHeading(line)?.section != null ||
    matchTurnMarker(line) !== null
  );
}
