import { readFileSync } from 'node:fs';
import { dataPath } from '../shared/paths.js';

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
