import { isAsciiAlnum, isWordChar } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { RedactData } from '../data.js';
import { PRIORITY, type Candidate } from '../types.js';
import { wordAlternation } from '../../shared/regexp.js';
import { WordFinder } from '../words.js';

interface LabelFinders {
  /** Labels followed by a colon or `=` (联系人：Tom Chen). */
  labels: WordFinder;
  /** Generic labels after which only a pinyin name counts (`name: Zhang Wei`). */
  pinyinLabels: WordFinder;
  /** Words of running text after which a name follows (他叫Lily, 我叫 Tony). */
  prose: WordFinder;
  /** A title and its dot or blank before a name (`Mr. `, `Dr `). */
  titles: RegExp;
  /** A closing formula and its comma or line break before a signature (`Best regards, `). */
  signOffs: RegExp;
  /** A greeting and the blank after it (`Hi `, `Dear `). */
  greetings: RegExp;
}

const finders = new WeakMap<RedactData, LabelFinders>();

function labelFinders(data: RedactData): LabelFinders {
  let found = finders.get(data);
  if (found === undefined) {
    found = {
      labels: new WordFinder(data.context.latinNameLabels, 'last'),
      pinyinLabels: new WordFinder(data.context.pinyinNameLabels, 'last'),
      prose: new WordFinder(data.context.latinProseLabels, 'last'),
      titles: titlePattern(data.context.latinNameTitles),
      signOffs: signOffPattern(data.context.latinSignOffs),
      greetings: new RegExp(
        `(?<![A-Za-z0-9_])(?:${wordAlternation(data.context.latinGreetings)})[ \t]+`,
        'gi',
      ),
    };
    finders.set(data, found);
  }
  return found;
}

/** Builds the pattern of a title as a whole word, then a dot, a blank or both (Mr. , Mr , Mr.). */
function titlePattern(titles: readonly string[]): RegExp {
  return new RegExp(`(?<![A-Za-z0-9_])(?:${wordAlternation(titles)})(?:\\.[ \\t]?|[ \\t])`, 'g');
}

/** Builds the pattern of a closing formula as whole words, then a comma, a line break or both. */
function signOffPattern(words: readonly string[]): RegExp {
  const formula = `(?<![A-Za-z0-9_])(?:${wordAlternation(words)})`;
  return new RegExp(`${formula}(?:[ \t]?[,，][ \t]*\n?|[ \t]*\n)[ \t]*`, 'gi');
}

// The text allowed after a signature: the end of the line or the text, punctuation, an e-mail
// address in angle brackets or Chinese text (Best regards, Kevin Zhang，电话 …).
const AFTER_SIGNATURE = /^(?:$|[\r\n,，.。;；!！<(（]|[ \t]*(?:$|[\r\n<(（])|[\u4e00-\u9fa5])/;

// A colon or `=` between a label and its value, with up to two blanks either side and the
// quotes of a JSON or YAML key (`"contactName": "Tom Chen"`).
const SEPARATOR = /^["']?[ \t]{0,2}[:=][ \t]{0,2}["']?/;
// Two to four capitalised words. Four words are read only to reject them: a run that long is a
// company or a job title, not a person (Shanghai Qiniu Information Technologies).
const CAPITALISED_WORDS = /^[A-Z][a-z]{1,19}(?: [A-Z][a-z]{1,19}){1,3}/;

/** Returns whether the text at `end` continues the value as code or a longer word would. */
function continuesValue(text: string, end: number): boolean {
  const next = text.charCodeAt(end);
  if (isAsciiAlnum(next) || next === 95 || next === 64 || next === 40) return true;
  return text[end] === '.' && isAsciiAlnum(text.charCodeAt(end + 1));
}

// One pinyin syllable: an optional initial and a final. It also accepts a few combinations that
// Mandarin lacks (ziu), which costs nothing here because a surname must come with it.
const SYLLABLE =
  '(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?' +
  '(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ui|ao|ou|iu|ie|ue|ve|er|an|en|in|un|ia|ua|uo|a|o|e|i|u|v)';
// A given name in pinyin written as one word of one or two syllables (Wei, Xiaoming), and one
// syllable, each word of a given name written apart (Xiao Ming).
const GIVEN_NAME = new RegExp(`^(?:${SYLLABLE}){1,2}$`, 'i');
const ONE_SYLLABLE = new RegExp(`^${SYLLABLE}$`, 'i');

/**
 * Returns whether the words spell a Chinese name in pinyin: a frequent surname first or last
 * (Zhang Wei, Xiaoming Li), and a given name of one or two syllables in one or two words.
 */
function isPinyinName(data: RedactData, words: readonly string[]): boolean {
  const surnameFirst = data.surnames.pinyin.has(words[0]!.toLowerCase());
  const surnameLast = data.surnames.pinyin.has(words[words.length - 1]!.toLowerCase());
  const givenName = surnameFirst ? words.slice(1) : words.slice(0, -1);
  if (!surnameFirst && !surnameLast) return false;
  if (givenName.length === 2) return givenName.every((word) => ONE_SYLLABLE.test(word));
  return givenName.length === 1 && GIVEN_NAME.test(givenName[0]!);
}

// A Latin word, or two, that may spell a name in pinyin (tangliwei, Tang Liwei).
const PINYIN_WORDS = /^[A-Za-z]{2,20}(?: [A-Za-z]{1,12})?/;

/** Returns whether one word spells a pinyin surname and a given name of one or two syllables. */
function isPinyinWordName(data: RedactData, word: string): boolean {
  const lower = word.toLowerCase();
  for (let length = Math.min(9, lower.length - 1); length >= 1; length--) {
    const surname = lower.slice(0, length);
    if (data.surnames.pinyin.has(surname) && GIVEN_NAME.test(lower.slice(length))) return true;
  }
  return false;
}

/**
 * Returns the end of a name in pinyin at `start`, in any case and written as one word or two
 * (tangliwei, Tang Liwei), or -1. It returns -1 for a word of `notLatinNames` (huawei, douyin)
 * and for a word that code or an address continues.
 */
export function pinyinNameEnd(data: RedactData, text: string, start: number): number {
  if (isAsciiAlnum(text.charCodeAt(start - 1))) return -1;
  const match = PINYIN_WORDS.exec(text.slice(start, start + 40));
  if (match === null) return -1;
  const words = match[0].split(' ');
  if (words.some((word) => data.context.notLatinNames.has(word.toLowerCase()))) return -1;
  let end = -1;
  if (words.length === 2 && isPinyinName(data, words)) end = start + match[0].length;
  else if (isPinyinWordName(data, words[0]!)) end = start + words[0]!.length;
  return end === -1 || continuesValue(text, end) ? -1 : end;
}

/**
 * Returns whether the words are a personal name as a generic label may carry one: a Chinese name
 * in pinyin, or a frequent English given name before a pinyin surname (Tom Chen, Lily Wang), as
 * many Chinese-speaking customers sign, or before a frequent English surname (Tom Smith).
 */
function isLabelledName(data: RedactData, words: readonly string[]): boolean {
  if (isPinyinName(data, words)) return true;
  if (words.length !== 2) return false;
  const [givenName, surname] = words.map((word) => word.toLowerCase());
  const { englishGiven, englishSurnames, pinyin } = data.surnames;
  return englishGiven.has(givenName!) && (pinyin.has(surname!) || englishSurnames.has(surname!));
}

// Two capitalised words as a whole, for a name that no label or title introduces.
const TWO_CAPITALISED = /(?<![A-Za-z0-9_])[A-Z][a-z]{2,19} [A-Z][a-z]{1,9}(?![A-Za-z0-9_])/g;

/**
 * Finds a listed English given name before a pinyin surname anywhere (请联系 Mary Wang), which is
 * nearly always a person's name. Without a label, an English surname (Tom Smith) and a
 * name in pinyin alone (Li Ning, also a brand) stay.
 */
function detectBareNames(data: RedactData, text: string, out: Candidate[]): void {
  const { englishGiven, pinyin } = data.surnames;
  TWO_CAPITALISED.lastIndex = 0;
  for (let m = TWO_CAPITALISED.exec(text); m !== null; m = TWO_CAPITALISED.exec(text)) {
    const space = m[0].indexOf(' ');
    const givenName = m[0].slice(0, space).toLowerCase();
    if (!englishGiven.has(givenName) || !pinyin.has(m[0].slice(space + 1).toLowerCase())) continue;
    const end = m.index + m[0].length;
    if (continuesValue(text, end)) continue;
    out.push({ start: m.index, end, type: 'NAME', priority: PRIORITY.name });
  }
}

// A Latin word and a blank, `_` or `-` right before a generic label, which then names a thing
// (bucket name:, file_name:).
const WORD_BEFORE_LABEL = /[A-Za-z0-9][ _-]?$/;

// One capitalised word of three letters or more (Tony, Lily).
const CAPITALISED_WORD = /^[A-Z][a-z]{2,19}/;

/**
 * Returns the name of two or three capitalised words at `start`, or of one such word when
 * `single` is set, or null.
 */
function nameAt(data: RedactData, text: string, start: number, single = false): Candidate | null {
  const rest = text.slice(start, start + 64);
  const match = CAPITALISED_WORDS.exec(rest) ?? (single ? CAPITALISED_WORD.exec(rest) : null);
  if (match === null) return null;
  const words = match[0].split(' ');
  if (words.length > 3) return null;
  if (words.some((word) => data.context.notLatinNames.has(word.toLowerCase()))) return null;
  const end = start + match[0].length;
  if (continuesValue(text, end)) return null;
  return { start, end, type: 'NAME', priority: PRIORITY.name };
}

/** Returns the words of a name found by {@link nameAt}. */
function nameWords(text: string, name: Candidate): string[] {
  return text.slice(name.start, name.end).split(' ');
}

/**
 * Finds a personal name in Latin script after a name label and a colon or `=` (联系人：Tom Chen,
 * 姓名: Li Ming, `"contactName": "Zhang Wei"`), or after a word of running text such as 他叫 or
 * 我叫 (他叫Lily), or after a title (Mr. Zhang Wei, Mrs. Li Na). The name is two or three
 * capitalised words, or one after such a word, none of them in `notLatinNames` (Admin, Support,
 * Qiniu …), so a role, a team or a product stays. One word after a label or a title stays
 * (联系人：Tony, Mr. Bean), as tools and products do after a label (负责人：Nginx). A Latin label
 * of one word needs a quote before the value, so that code such as `contactName: String` stays,
 * unless the value reads as a name after a generic label does. After a generic label such as
 * `name:`, only a pinyin name or a listed English given name before a pinyin or a frequent
 * English surname counts (`name: Zhang Wei`, `Contact: Tom Chen`, `Contact: Tom Smith`), and so
 * after a greeting (`Hi Tom Chen`). A listed given name before a pinyin surname needs no label.
 */
export function detectLatinNames(ctx: ScanContext, out: Candidate[]): void {
  const { text, data } = ctx;
  const { labels, pinyinLabels, prose, titles, signOffs, greetings } = labelFinders(data);
  labels.forEach(text, (index, label) => {
    const asciiLabel = isWordChar(label.charCodeAt(0));
    if (asciiLabel && isWordChar(text.charCodeAt(index - 1))) return;
    const labelEnd = index + label.length;
    const separator = SEPARATOR.exec(text.slice(labelEnd, labelEnd + 8));
    if (separator === null) return;
    const start = labelEnd + separator[0].length;
    const name = nameAt(data, text, start);
    if (name === null) return;
    // A Latin label needs a quoted value (code such as `contactName: String` stays), or a
    // pinyin name (contactName: Zhang Wei). A label of two words (Contact Person) is no code.
    const codeLabel = asciiLabel && !label.includes(' ');
    if (codeLabel && !/["']$/.test(separator[0]) && !isLabelledName(data, nameWords(text, name))) {
      return;
    }
    out.push(name);
  });
  // The labels end in e, t or r, which most Latin text contains, so the text is tested first
  // for the letters before them.
  const generic = /ame|AME|ontact|ONTACT|utho|UTHO/.test(text);
  pinyinLabels.forEach(generic ? text : '', (index, label) => {
    if (WORD_BEFORE_LABEL.test(text.slice(Math.max(0, index - 2), index))) return;
    const labelEnd = index + label.length;
    const separator = SEPARATOR.exec(text.slice(labelEnd, labelEnd + 8));
    if (separator === null) return;
    const name = nameAt(data, text, labelEnd + separator[0].length);
    if (name !== null && isLabelledName(data, nameWords(text, name))) out.push(name);
  });
  prose.forEach(text, (index, label) => {
    const start = index + label.length + (text[index + label.length] === ' ' ? 1 : 0);
    const name = nameAt(data, text, start, true);
    if (name !== null) out.push(name);
  });
  for (const name of namesAfter(data, text, titles)) out.push(name);
  detectSignatures(data, text, signOffs, out);
  for (const name of namesAfter(data, text, greetings)) {
    if (isLabelledName(data, nameWords(text, name))) out.push(name);
  }
  detectBareNames(data, text, out);
}

/** Returns the name that {@link nameAt} finds after each match of `pattern`, a global regex. */
function namesAfter(data: RedactData, text: string, pattern: RegExp): Candidate[] {
  const names: Candidate[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const name = nameAt(data, text, m.index + m[0].length);
    if (name !== null) names.push(name);
  }
  return names;
}

/**
 * Finds the signature after an English closing formula (`Best regards, Kevin Zhang`, `Thanks,
 * Tom`): one to three capitalised words that end the line or the clause, so `Thanks, Nginx
 * works now` stays.
 */
function detectSignatures(data: RedactData, text: string, signOffs: RegExp, out: Candidate[]) {
  if (!/[,，\n]/.test(text)) return;
  signOffs.lastIndex = 0;
  for (let m = signOffs.exec(text); m !== null; m = signOffs.exec(text)) {
    const name = nameAt(data, text, m.index + m[0].length, true);
    if (name !== null && AFTER_SIGNATURE.test(text.slice(name.end, name.end + 3))) out.push(name);
  }
}
