import { ArchiveError, quoteText } from './errors.js';
import type { ArchiveHeader } from './record.js';
import {
  isBlank,
  isRule,
  joinBlock,
  matchCategoryLine,
  matchHeading,
  matchPart,
  matchTitle,
  matchTurnMarker,
} from './syntax.js';

/** File name for error messages and the list that header errors are added to. */
export interface HeaderSink {
  file: string;
  errors: ArchiveError[];
  /** True when the lines are the whole file (it has no record start). */
  wholeFile: boolean;
}

/**
 * Reads the lines before the first record: the `# <title>` line and the preamble after it.
 *
 * The preamble keeps its inner lines verbatim, but its leading and trailing blank lines are
 * dropped because the writer puts one blank line on each side. A turn, a category line or a known
 * section heading in the preamble is reported as outside any record, and so is any text after the
 * `=====` rule. Only the first such line is reported, since the rest usually belongs to the same
 * stray fragment.
 */
export function readHeader(lines: readonly string[], sink: HeaderSink): ArchiveHeader {
  const titleIndex = lines.findIndex((line) => !isBlank(line));
  const titleText = titleIndex === -1 ? null : matchTitle(lines[titleIndex]);
  let preambleStart = 0;
  let title = '';

  if (titleIndex === -1 && sink.wholeFile) {
    const detail =
      'the file is empty; check that the right file was given, ' +
      'or export an archive into it with "casebook export --out FILE"';
    sink.errors.push(new ArchiveError('empty-file', { file: sink.file, line: 1 }, detail));
  } else if (titleText === null) {
    const line = titleIndex === -1 ? 1 : titleIndex + 1;
    const detail =
      'the file does not start with a "# <title>" line; ' +
      'add one such as "# 客户支持问题处理记录 (Part 14)"';
    sink.errors.push(new ArchiveError('missing-title', { file: sink.file, line }, detail));
  } else {
    title = titleText.trim();
    preambleStart = titleIndex + 1;
  }

  const preamble = lines.slice(preambleStart);
  checkPreamble(preamble, preambleStart + 1, sink);
  return { title, part: matchPart(title), preamble: joinBlock(preamble) };
}

function checkPreamble(lines: readonly string[], firstLine: number, sink: HeaderSink): void {
  let afterRule = false;

  for (const [index, line] of lines.entries()) {
    const position = { file: sink.file, line: firstLine + index };
    if (matchTurnMarker(line) !== null) {
      const detail =
        `the turn ${quoteText(line)} appears before the first record; add a ` +
        '"## Q<n>: <title>" line and the rest of the record above it, or delete it';
      sink.errors.push(new ArchiveError('turn-outside-record', position, detail));
      return;
    }

    const looksLikeRecord = matchCategoryLine(line) !== null || matchHeading(line)?.section != null;
    if (looksLikeRecord || (afterRule && !isBlank(line))) {
      const detail = looksLikeRecord
        ? `the record line ${quoteText(line)} appears before the first record; ` +
          'add the missing "## Q<n>: <title>" line above it'
        : `the text ${quoteText(line)} after the ===== rule is outside any record; ` +
          'move it above the rule or into a record';
      sink.errors.push(new ArchiveError('text-outside-record', position, detail));
      return;
    }

    if (isRule(line)) afterRule = true;
  }
}
