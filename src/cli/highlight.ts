import type { Snippet } from '../search/index.js';

/** Marks the highlighted ranges of a snippet: bold yellow on a terminal, 【】 elsewhere. */
export function renderSnippet(snippet: Snippet, terminal: boolean): string {
  const [open, close] = terminal ? ['\u001b[1;33m', '\u001b[0m'] : ['【', '】'];
  let out = '';
  let at = 0;
  for (const [start, end] of snippet.highlights) {
    out += snippet.text.slice(at, start) + open + snippet.text.slice(start, end) + close;
    at = end;
  }
  return out + snippet.text.slice(at);
}
