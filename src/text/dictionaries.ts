import { readFileSync } from 'node:fs';
import { dataPath } from '../shared/paths.js';
import { escapeRegExp } from '../shared/regexp.js';

/** Reads a line-oriented data file, skipping blank lines and `#` comments. */
export function readWordList(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

let stopWords: Set<string> | undefined;

/** Returns the stop-word set from `data/text/stopwords.txt`, loaded once. */
export function loadStopWords(): Set<string> {
  stopWords ??= new Set(
    readWordList(dataPath('text', 'stopwords.txt')).map((w) => w.toLowerCase()),
  );
  return stopWords;
}

/** Returns the domain dictionary in jieba's `word freq tag` line format. */
export function loadDomainDictionary(): string {
  // Tokens are matched on lower-cased text, so dictionary words are lower-cased too.
  const lines = readWordList(dataPath('text', 'domain-dict.txt')).map((line) => line.toLowerCase());
  return lines.join('\n') + '\n';
}

let misspellings: { pattern: RegExp; meant: Map<string, string> } | null | undefined;

/**
 * Returns the pattern of the misspellings in `data/text/misspellings.txt` with the word each one
 * stands for, loaded once, or null when the file lists none.
 */
export function loadMisspellings(): { pattern: RegExp; meant: Map<string, string> } | null {
  if (misspellings !== undefined) return misspellings;
  const meant = new Map<string, string>();
  for (const line of readWordList(dataPath('text', 'misspellings.txt'))) {
    const [written, word, extra] = line.split(/\s+/);
    // Equal lengths keep offsets in corrected text those of the original, for highlights.
    if (!written || !word || extra !== undefined || written.length !== word.length) {
      throw new Error(
        `Invalid line "${line}" in data/text/misspellings.txt: expected "written meant", two ` +
          'words of the same length.',
      );
    }
    meant.set(written.toLowerCase(), word.toLowerCase());
  }
  const alternatives = [...meant.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  misspellings =
    meant.size > 0 ? { pattern: new RegExp(alternatives.join('|'), 'g'), meant } : null;
  return misspellings;
}
