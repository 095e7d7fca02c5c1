import { segmenter } from '../../text/segmenter.js';
import type { ScanContext } from '../context.js';
import type { RedactData } from '../data.js';
import { PRIORITY, type Candidate } from '../types.js';
import { wordAlternation } from '../../shared/regexp.js';
import { WordFinder } from '../words.js';

interface ProseFinders {
  before: WordFinder;
  /** Two to four Han characters (the candidate name), then a word of `wordsAfterProseName`. */
  nameThenWord: RegExp;
}

const finders = new WeakMap<RedactData, ProseFinders>();

function proseFinders(data: RedactData): ProseFinders {
  let found = finders.get(data);
  if (found === undefined) {
    found = {
      before: new WordFinder(data.context.proseNameBefore, 'last'),
      nameThenWord: new RegExp(
        `^([\\u4e00-\\u9fa5]{2,4}?)(?:${wordAlternation(data.context.wordsAfterProseName)})`,
      ),
    };
    finders.set(data, found);
  }
  return found;
}

// A name and the word after it fit in this many characters.
const WINDOW_LENGTH = 8;

// The part-of-speech tags jieba gives a person's name: nr, nrt (a name in a transliteration)
// and nrfg.
const PERSON_TAGS = new Set(['nr', 'nrt', 'nrfg']);

/** Returns jieba's dictionary words of `text`, without guessing unknown words. */
function dictionaryWords(text: string): Array<{ word: string; tag: string }> {
  return segmenter().tag(text, false);
}

/**
 * Returns whether `candidate`, which starts with a surname, reads as a person's name rather than
 * a word. Its first two characters must be no dictionary word (严肃, 黄金 are), unless a compound
 * surname takes them. The whole must be no dictionary word either, unless jieba tags it as a
 * person's name (李建国 is one, 云主机 is a plain word).
 */
function isProseName(data: RedactData, candidate: string, compound: boolean): boolean {
  if (data.context.notNames.has(candidate.slice(0, 2))) return false;
  if (data.context.notProseNameEnds.has(candidate[candidate.length - 1]!)) return false;
  const surnameLength = compound ? 2 : 1;
  for (let index = surnameLength; index < candidate.length; index++) {
    if (data.context.nameStopChars.has(candidate[index]!)) return false;
  }
  if (!compound && dictionaryWords(candidate.slice(0, 2)).length === 1) return false;
  const whole = dictionaryWords(candidate);
  return whole.length > 1 || PERSON_TAGS.has(whole[0]!.tag);
}

/**
 * Finds a person named in running text as the one who takes on work: after a word such as 由,
 * 让, 麻烦 or 联系, and before a word such as 负责, 处理, 跟进 or 来 (由李建国来负责, 麻烦李建国处理一下,
 * 由欧阳娜娜负责). The name is the text between the two words: a surname and one or two
 * characters. Surname characters also start ordinary words (由高防处理, 请严肃处理, 由华为云负责,
 * 由高新区负责), which {@link isProseName} tells apart with jieba's dictionary.
 */
export function detectProseNames(ctx: ScanContext, out: Candidate[]): void {
  const { text, data } = ctx;
  const { before, nameThenWord } = proseFinders(data);
  before.forEach(text, (index, word) => {
    const start = index + word.length;
    const compound = data.surnames.compound.has(text.slice(start, start + 2));
    if (!compound && !data.surnames.single.has(text[start] ?? '')) return;
    const match = nameThenWord.exec(text.slice(start, start + WINDOW_LENGTH));
    if (match === null) return;

    const candidate = match[1]!;
    const surnameLength = compound ? 2 : 1;
    if (candidate.length < surnameLength + 1 || candidate.length > surnameLength + 2) return;
    if (!isProseName(data, candidate, compound)) return;
    out.push({ start, end: start + candidate.length, type: 'NAME', priority: PRIORITY.name });
  });
}
