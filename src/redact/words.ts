/**
 * Finds occurrences of a fixed word list. A character-class scan for the words' first (or
 * last) characters runs natively and skips most of a text, which an alternation of many
 * Chinese words does not. Each hit is then checked against the words with that character.
 */
export class WordFinder {
  readonly #anchor: 'first' | 'last';
  readonly #chars: RegExp;
  readonly #byChar = new Map<string, string[]>();

  /**
   * `anchor` picks the character the scan looks for: choose the end whose characters are rarer
   * in running text (labels such as 联系人 and 收件人 share their rare last character).
   */
  constructor(words: readonly string[], anchor: 'first' | 'last' = 'first') {
    this.#anchor = anchor;
    for (const word of [...words].sort((a, b) => b.length - a.length)) {
      const char = anchor === 'first' ? word[0] : word[word.length - 1];
      const list = this.#byChar.get(char) ?? [];
      list.push(word);
      this.#byChar.set(char, list);
    }
    const chars = [...this.#byChar.keys()].map((char) => char.replace(/[\]\\^-]/g, '\\$&'));
    this.#chars = new RegExp(`[${chars.join('')}]`, 'g');
  }

  /** Calls `visit` for the longest word at each position, left to right, without overlaps. */
  forEach(text: string, visit: (index: number, word: string) => void): void {
    if (this.#byChar.size === 0) return;
    const pattern = this.#chars;
    let taken = 0;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const hit = m.index;
      const words = this.#byChar.get(m[0]) ?? [];
      const start = (word: string) => (this.#anchor === 'first' ? hit : hit + 1 - word.length);
      const word = words.find((candidate) => {
        const index = start(candidate);
        return index >= taken && text.startsWith(candidate, index);
      });
      if (word === undefined) continue;
      visit(start(word), word);
      taken = start(word) + word.length;
      pattern.lastIndex = Math.max(pattern.lastIndex, taken);
    }
  }
}
