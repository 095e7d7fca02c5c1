import { loadStopWords } from './dictionaries.js';
import { segment } from './segmenter.js';

// Whitespace and punctuation that jieba never puts inside a word: its Han-block pattern takes
// only Han characters, ASCII letters and digits and `+#&._%-`, and it segments each block on its
// own. Segmenting the clauses between these characters one by one therefore gives the same
// words as segmenting the whole text, minus the break characters themselves, which are
// punctuation and never index terms.
const CLAUSE_BREAK_CHARS =
  ' \t\n\r\f\v\u00a0\u3000，。！？；：、…（）“”‘’《》【】「」,!?;:()"\'[]{}<>|';
const IS_CLAUSE_BREAK = new Uint8Array(0x10000);
for (const char of CLAUSE_BREAK_CHARS) IS_CLAUSE_BREAK[char.charCodeAt(0)] = 1;

const PUNCTUATION_ONLY = /^[\p{P}\p{S}\p{Z}\s]+$/u;

// Support dialogue repeats its clauses (greetings, template replies, the description that is
// also the first customer turn), so a clause is usually segmented already. The cache is emptied
// when it would pass either limit, which keeps it to an estimated 10 to 20 MB per thread.
const MAX_CACHED_CLAUSES = 50_000;
const MAX_CACHED_UNITS = 1_000_000;

const clauseWords = new Map<string, readonly string[]>();
/** UTF-16 code units in the cached clauses. */
let cachedUnits = 0;

function cacheWords(clause: string, words: string[]): void {
  clauseWords.set(clause, words);
  cachedUnits += clause.length;
}

function keptWords(words: readonly string[], stopWords: ReadonlySet<string>): string[] {
  return words.filter(
    (word) => word.trim() !== '' && !PUNCTUATION_ONLY.test(word) && !stopWords.has(word),
  );
}

/** Segments the clauses missing from the cache with one jieba call and caches their words. */
function segmentMissing(clauses: readonly string[]): void {
  if (clauses.length === 0) return;
  const stopWords = loadStopWords();

  // Clauses hold no whitespace, so each `\n` word of the joined text ends one clause.
  let index = 0;
  let words: string[] = [];
  for (const word of segment(clauses.join('\n'))) {
    if (word !== '\n') {
      words.push(word);
      continue;
    }
    cacheWords(clauses[index], keptWords(words, stopWords));
    index++;
    words = [];
  }
  cacheWords(clauses[index], keptWords(words, stopWords));
}

/**
 * Appends to `out` jieba's search-mode words of `text` that are index terms: stop words,
 * whitespace and punctuation dropped. Words come in text order, as `segment` gives them.
 */
export function pushIndexWords(text: string, out: string[]): void {
  const clauses = splitClauses(text);
  // Emptied before the lookups, so every clause of this text stays cached until it is read.
  const full =
    clauseWords.size + clauses.length > MAX_CACHED_CLAUSES ||
    cachedUnits + text.length > MAX_CACHED_UNITS;
  if (full) {
    clauseWords.clear();
    cachedUnits = 0;
  }

  // Most clauses are cached, so their words go out at once up to the first one that is not.
  let index = 0;
  for (; index < clauses.length; index++) {
    const words = clauseWords.get(clauses[index]);
    if (words === undefined) break;
    for (const word of words) out.push(word);
  }
  if (index === clauses.length) return;

  const missing = new Set<string>();
  for (const clause of clauses.slice(index)) if (!clauseWords.has(clause)) missing.add(clause);
  segmentMissing([...missing]);
  for (const clause of clauses.slice(index)) {
    for (const word of clauseWords.get(clause) ?? []) out.push(word);
  }
}

/** Splits `text` at clause breaks, dropping the breaks. */
function splitClauses(text: string): string[] {
  const clauses: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (IS_CLAUSE_BREAK[text.charCodeAt(i)] === 0) continue;
    if (i > start) clauses.push(text.slice(start, i));
    start = i + 1;
  }
  if (text.length > start) clauses.push(text.slice(start));
  return clauses;
}
