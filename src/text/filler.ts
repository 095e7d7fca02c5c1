import { dataPath } from '../shared/paths.js';
import { escapeRegExp } from '../shared/regexp.js';
import { readWordList } from './dictionaries.js';
import { normalizeText } from './normalize.js';

let fillerPattern: RegExp | undefined;

function loadFillerPattern(): RegExp {
  if (!fillerPattern) {
    const phrases = readWordList(dataPath('text', 'filler-phrases.txt'))
      .map((phrase) => normalizeText(phrase))
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp);
    fillerPattern = new RegExp(phrases.join('|'), 'g');
  }
  return fillerPattern;
}

const NOISE = /\[[^\]\n]{1,30}\]|[\p{P}\p{S}\p{Z}\s]/gu;

/**
 * Tells whether a chat turn is filler ("稍等", "好的您稍等", "嗯嗯"): what is left after removing
 * filler phrases, placeholders and punctuation is shorter than four characters.
 */
export function isFiller(text: string): boolean {
  const rest = normalizeText(text).replace(loadFillerPattern(), '').replace(NOISE, '');
  return rest.length < 4;
}
