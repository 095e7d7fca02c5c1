/**
 * Finds occurrences of a fixed word list. A scan over the UTF-16 code units looks up each one in
 * a table of the words' first (or last) characters, and only a hit is checked against the words
 * with that character. An alternation of many Chinese words would try every word at every
 * position instead.
 */
export class WordFinder {
  readonly #anchor: 'first' | 'last';
  /** Words by the code unit they are anchored on, longest first. */
  readonly #byCode = new Map<number, string[]>();
  /** 1 for every code unit that anchors a word, so the scan skips other characters cheaply. */
  readonly #isAnchor = new Uint8Array(0x10000);
  /** Length of the longest word. */
  readonly #maxLength: number;

  /**
   * `anchor` picks the character the scan looks for: choose the end whose characters are rarer
   * in running text (labels such as 联系人 and 收件人 share their rare last character).
   */
  constructor(words: readonly string[], anchor: 'first' | 'last' = 'first') {
    this.#anchor = anchor;
    this.#maxLength = Math.max(0, ...words.map((word) => word.length));
    for (const word of [...words].sort((a, b) => b.length - a.length)) {
      const code = word.charCodeAt(anchor === 'first' ? 0 : word.length - 1);
      const list = this.#byCode.get(code) ?? [];
      list.push(word);
      this.#byCode.set(code, list);
      this.#isAnchor[code] = 1;
    }
  }

  /** Calls `visit` for the longest word at each position, left to right, without overlaps. */
  forEach(text: string, visit: (index: number, word: string) => void): void {
    const isAnchor = this.#isAnchor;
    const last = this.#anchor === 'last';
    // End of the last word visited: later words may not start before it.
    let visitedEnd = 0;
    for (let hit = 0; hit < text.length; hit++) {
      if (isAnchor[text.charCodeAt(hit)] === 0) continue;

      const found = this.#wordAt(text, hit, visitedEnd, last);
      if (found === undefined) continue;
      const start = last ? hit + 1 - found.length : hit;
      // Scanning for last characters meets 法人 before 法人代表, which starts at the same place.
      const word = last ? this.#longestFrom(text, start, found) : found;
      visit(start, word);
      visitedEnd = start + word.length;
      // The scan goes on after the word, or after the anchor when the word ends before it.
      hit = Math.max(hit, visitedEnd - 1);
    }
  }

  /** Returns the longest word that starts at `start`, which is at least as long as `found`. */
  #longestFrom(text: string, start: number, found: string): string {
    let longest = found;
    const limit = Math.min(text.length, start + this.#maxLength);
    for (let end = start + found.length; end < limit; end++) {
      if (this.#isAnchor[text.charCodeAt(end)] === 0) continue;
      for (const candidate of this.#byCode.get(text.charCodeAt(end)) ?? []) {
        const fits = end + 1 - candidate.length === start && candidate.length > longest.length;
        if (fits && text.startsWith(candidate, start)) longest = candidate;
      }
    }
    return longest;
  }

  /** Finds the longest word anchored at `hit` that starts at or after `visitedEnd`. */
  #wordAt(text: string, hit: number, visitedEnd: number, last: boolean): string | undefined {
    for (const candidate of this.#byCode.get(text.charCodeAt(hit)) ?? []) {
      const index = last ? hit + 1 - candidate.length : hit;
      if (index >= visitedEnd && text.startsWith(candidate, index)) return candidate;
    }
    return undefined;
  }
}
