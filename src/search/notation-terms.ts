import { readFileSync } from 'node:fs';
import { findUnsafeConstruct } from '../knowledge/safe-pattern.js';
import { dataPath } from '../shared/paths.js';

const NOTATION_TERMS_FILE = 'data/search/notation-terms.txt';

/** A notation and the index term that a value written in it stands for. */
interface NotationRule {
  pattern: RegExp;
  term: string;
}

let rules: readonly NotationRule[] | undefined;

/** Loads `data/search/notation-terms.txt` once. */
function loadNotationRules(): readonly NotationRule[] {
  if (rules) return rules;
  const lines = readFileSync(dataPath('search', 'notation-terms.txt'), 'utf8').split(/\r?\n/);
  const loaded: NotationRule[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [source = '', term = '', extra] = line.split('\t');
    const invalid = (detail: string) =>
      new Error(`${NOTATION_TERMS_FILE}, line ${index + 1}: ${detail}`);
    if (source.trim() === '' || term.trim() === '' || extra !== undefined) {
      throw invalid(
        'expected a regular expression, a tab and one term; fix the line or delete it.',
      );
    }
    const unsafe = findUnsafeConstruct(source);
    if (unsafe !== null) {
      throw invalid(
        `unsafe regular expression: ${unsafe}; use bounded quantifiers such as {1,50}.`,
      );
    }
    try {
      loaded.push({ pattern: new RegExp(source, 'i'), term: term.trim().toLowerCase() });
    } catch (error) {
      throw invalid(`invalid regular expression: ${(error as Error).message}; fix the line.`);
    }
  }
  rules = loaded;
  return rules;
}

/** Returns the terms of the notations that `text` uses (`*.example.com` gives 泛域名), once each. */
export function notationTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const { pattern, term } of loadNotationRules()) if (pattern.test(text)) terms.add(term);
  return [...terms];
}
