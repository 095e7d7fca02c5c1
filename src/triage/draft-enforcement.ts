import { readFileSync } from 'node:fs';
import { load as parseYaml } from 'js-yaml';
import { dataPath } from '../shared/paths.js';
import { splitSentences } from './split-clauses.js';

/** The word lists of data/triage/enforcement.yaml. */
interface EnforcementWords {
  /** Words that make a sentence of an agent turn a notice of a penalty. */
  sentence: readonly string[];
  /** Words that make a question one about a penalty. */
  question: readonly string[];
}

let bundled: EnforcementWords | undefined;

function wordList(raw: Record<string, unknown>, key: string, file: string): string[] {
  const words = raw[key];
  if (!Array.isArray(words) || words.length === 0 || words.some((w) => typeof w !== 'string')) {
    throw new Error(
      `${file}: "${key}" must be a list of words. Fix the file as its header describes.`,
    );
  }
  return words as string[];
}

function enforcementWords(): EnforcementWords {
  if (bundled === undefined) {
    const file = dataPath('triage', 'enforcement.yaml');
    const raw = (parseYaml(readFileSync(file, 'utf8'), { filename: file }) ?? {}) as Record<
      string,
      unknown
    >;
    bundled = {
      sentence: wordList(raw, 'sentence', file),
      question: wordList(raw, 'question', file),
    };
  }
  return bundled;
}

/** Tells whether a question is about a penalty (a ban, an appeal). */
export function asksAboutEnforcement(question: string): boolean {
  return enforcementWords().question.some((word) => question.includes(word));
}

function isNotice(sentence: string): boolean {
  return enforcementWords().sentence.some((word) => sentence.includes(word));
}

/**
 * Drops each sentence of a quotable turn that reports a penalty imposed on the earlier customer.
 * Its other clauses ("七牛云有权，") would read as fragments, so the whole sentence goes.
 */
export function withoutEnforcement(text: string): string {
  if (!isNotice(text)) return text;
  return splitSentences(text)
    .filter((sentence) => !isNotice(sentence))
    .join('')
    .trim();
}
