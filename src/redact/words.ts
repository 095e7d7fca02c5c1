/**
 * Finds occurrences of a fixed word list. A character-class scan for the words' first
 * characters runs natively and skips most of a text, which an alternation of many Chinese
 * words does not; each hit is then checked against the words that start with that character.
 */
export class WordFinder {
  readonly #firstChars: RegExp;
  readonly #byFirst = new Map<string, string[]>();

  constructor(words: readonly string[]) {
    for (const word of [...words].sort((a, b) => b.length - a.length)) {
      const first = word[0];
      const list = this.#byFirst.get(first) ?? [];
      list.push(word);
      this.#byFirst.set(first, list);
    }
    const chars = [...this.#byFirst.keys()].map((char) => char.replace(/[\]\\^-]/g, '\\$&'));
    this.#firstChars = new RegExp(`[${chars.join('')}]`, 'g');
  }

  /** Calls `visit` for the longest word at each position, left to right, without overlaps. */
  forEach(text: string, visit: (index: number, word: string) => void): void {
    if (this.#byFirst.size === 0) return;
    const pattern = this.#firstChars;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const index = m.index;
      const word = this.#byFirst.get(m[0])?.find((candidate) => text.startsWith(candidate, index));
      if (word === undefined) continue;
      visit(index, word);
      pattern.lastIndex = index + word.length;
    }
  }
}
