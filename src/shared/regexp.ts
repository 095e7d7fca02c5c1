/** Returns `text` with every character that a regular expression treats specially escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Returns an alternation of `words`, escaped and longest first, so that a longer word wins over
 * a shorter one that starts it (`收件人地址` before `收件人`).
 */
export function wordAlternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
}
