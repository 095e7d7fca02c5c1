/**
 * Returns how many terminal columns a text takes: two for each CJK or full-width character
 * (from U+1100 on), one for the others.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\uffff]/u.test(char) ? 2 : 1;
  return width;
}

/** Pads a text with spaces on the right to `width` terminal columns. */
export function padColumn(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
