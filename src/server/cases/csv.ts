import type { CaseView } from './views.js';

const COLUMNS: Array<[header: string, value: (view: CaseView) => unknown]> = [
  ['id', (v) => v.id],
  ['source', (v) => v.source],
  ['ref', (v) => v.ref],
  ['channel', (v) => v.channel],
  ['title', (v) => v.title],
  ['product', (v) => v.product],
  ['type', (v) => v.type],
  ['status', (v) => v.status],
  ['needs_human', (v) => v.needsHuman],
  ['root_cause', (v) => v.rootCauseCode],
  ['created_at', (v) => v.createdAt],
  ['opened_at', (v) => v.openedAt],
  ['last_message_at', (v) => v.lastMessageAt],
  ['first_response_at', (v) => v.firstResponseAt],
  ['resolved_at', (v) => v.resolvedAt],
];

// A cell that starts with one of these is run as a formula by spreadsheet programs, so it gets
// a leading apostrophe (the usual guard against CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes cases as RFC 4180 CSV with a header row and CRLF line ends. A UTF-8 byte order mark
 * comes first, because without it Excel reads UTF-8 Chinese text as the local code page.
 */
export function casesToCsv(views: readonly CaseView[]): string {
  const lines = [COLUMNS.map(([header]) => header).join(',')];
  for (const view of views) lines.push(COLUMNS.map(([, value]) => cell(value(view))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
