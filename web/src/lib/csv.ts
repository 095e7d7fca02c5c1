// A cell starting with one of these runs as a formula in spreadsheet programs, so it gets a
// leading apostrophe, the usual guard against CSV injection.
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes rows as RFC 4180 CSV with a header row and CRLF line ends, led by a UTF-8 byte order
 * mark so that Excel reads the Chinese text as UTF-8.
 */
export function toCsv<T>(rows: readonly T[], columns: Array<[string, (row: T) => unknown]>) {
  const lines = [columns.map(([header]) => cell(header)).join(',')];
  for (const row of rows) lines.push(columns.map(([, value]) => cell(value(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Offers text to the user as a file download. */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started once click() returns, so the object URL can go.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}
