import { readFileSync } from 'node:fs';
import { dataPath } from '../shared/paths.js';

const RELATED_TERMS_FILE = 'data/search/related-terms.txt';

let related: ReadonlyMap<string, readonly string[]> | undefined;

/**
 * Loads `data/search/related-terms.txt` once and returns, for each word, the other words of its
 * groups. A word listed in several groups is related to the words of each.
 */
export function loadRelatedTerms(): ReadonlyMap<string, readonly string[]> {
  if (related) return related;
  const lines = readFileSync(dataPath('search', 'related-terms.txt'), 'utf8').split(/\r?\n/);
  const others = new Map<string, Set<string>>();
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const words = [...new Set(line.toLowerCase().split(/\s+/))];
    if (words.length < 2) {
      throw new Error(
        `${RELATED_TERMS_FILE}, line ${index + 1}: invalid group "${line}" (one word). Write ` +
          'two or more words that mean the same thing, separated by blanks.',
      );
    }
    for (const word of words) {
      const set = others.get(word) ?? new Set<string>();
      for (const other of words) if (other !== word) set.add(other);
      others.set(word, set);
    }
  }
  related = new Map([...others].map(([word, set]) => [word, [...set]]));
  return related;
}
