import { PLACEHOLDER_PATTERN, normalizeText } from '../../text/index.js';

/**
 * Phrase lists and matchers that read intent from chat messages. Lists are lower-case because
 * matching runs on `normalizeText` output or ignores case.
 */

/** Openers that carry no problem description: greetings and requests for a human agent. */
const GREETINGS = [
  '您好',
  '你好',
  '客服您好',
  '客服你好',
  '在吗',
  '在么',
  '在嘛',
  '在不在',
  '有人吗',
  '有人在吗',
  '请问',
  '转人工',
  '人工客服',
  '人工',
  '哈喽',
  '嗨',
  'hello',
  'hi',
];

/** Titles that name no problem, compared without punctuation, spaces and digits. */
const GENERIC_TITLES = new Set([
  'test',
  'testing',
  '测试',
  '咨询',
  '问题',
  '问题咨询',
  '求助',
  '帮助',
  'help',
  '其他',
  '其它',
  '无',
  'na',
  'none',
  'null',
  '工单',
  '新工单',
  '售后',
]);

/** Customer phrases reporting that the problem is solved. */
const RESOLVED_PHRASES = [
  '可以了',
  '好了',
  '解决了',
  '搞定',
  '没问题了',
  'ok了',
  '正常了',
  '成功了',
  '恢复了',
  '生效了',
  '能用了',
];

/** Customer thanks and closing words; they mean solved only in a short message after an answer. */
const CLOSING_PHRASES = [
  '谢谢',
  '感谢',
  '多谢',
  '麻烦了',
  'thanks',
  'thank you',
  '明白了',
  '知道了',
  '了解了',
  '没事了',
  '没有其他',
  '没其他',
];

/** Customer phrases reporting that the problem remains. They overrule the two lists above. */
const FAILURE_PHRASES = [
  '还是不',
  '又不',
  '不行',
  '没好',
  '没有好',
  '还没',
  '仍然',
  '依然',
  '还是报错',
  '还是一样',
  '没解决',
  '没有解决',
  '未解决',
];

/** Agent or system phrases that pass the case to a person or a backend team for follow-up. */
const HANDOFF_PHRASES = [
  '帮您反馈',
  '反馈给',
  '反馈一下',
  '反馈内部',
  '提交工单',
  '提交了工单',
  '创建工单',
  '提工单',
  '后台处理',
  '转交',
  '技术同事',
  '稍后回复',
  '有结果给您同步',
  '有结果同步您',
  '有结果会同步',
  '手动介入',
  '内部确认',
  '人工处理',
  '转人工',
  '转接',
];

const ASCII_WORD = /^[a-z ]+$/;
// An ASCII greeting must end at a word boundary, so that `hi` does not strip the `hi` of `hive`.
const GREETING_PREFIX = new RegExp(
  `^(?:${[...GREETINGS]
    .sort((a, b) => b.length - a.length)
    .map((word) => (ASCII_WORD.test(word) ? `${word}(?![a-z])` : word))
    .join('|')}|[\\p{P}\\p{S}\\s])+`,
  'iu',
);
const PUNCTUATION_AND_SPACE = /[\p{P}\p{S}\s]/gu;
const CLAUSE_SEPARATOR = /[\p{P}\p{S}\s]+/u;
const PLACEHOLDER = new RegExp(PLACEHOLDER_PATTERN.source, 'giu');
const HAN = /\p{Script=Han}/gu;
// Sentence-final particles that may follow a phrase at the end of a clause (好了呀, 搞定啦).
const FINAL_PARTICLES = /[啊呀哈啦吧哦噢嘛~]+$/;
// A phrase does not count after a negation (不可以了, 没好了) or before a question (好了吗).
const NEGATION_BEFORE = /[不没未]$/;
const QUESTION_AFTER = /^了?[吗么嘛没?？]/;
const QUESTION = /[?？吗]/;
// A closing message longer than this, without punctuation, contains more than thanks, such as a
// new question or request ("…需要处理下，谢谢").
const MAX_CLOSING_LENGTH = 12;

/** Removes greetings, punctuation and spaces from the start of a text; keeps its case. */
export function stripGreeting(text: string): string {
  return text.replace(GREETING_PREFIX, '');
}

/** Removes placeholders such as `[图片]` and `[URL已脱敏]`. */
export function removePlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, ' ');
}

/**
 * Tells whether a customer message states something: after placeholders, leading greetings,
 * punctuation and spaces are removed, at least two characters remain and not only digits. `1`,
 * `你好，在吗？` and `[图片]` state nothing.
 */
export function isSubstantive(text: string): boolean {
  const rest = stripGreeting(removePlaceholders(text)).replace(PUNCTUATION_AND_SPACE, '');
  return rest.length >= 2 && !/^\d+$/.test(rest);
}

/**
 * Tells whether a title names the problem. It does not when it is empty, only digits and
 * punctuation, a greeting, a generic word (`test`, `咨询`), or shorter than two Chinese
 * characters and four Latin letters.
 */
export function isMeaningfulTitle(title: string): boolean {
  const compact = normalizeText(title).replace(PUNCTUATION_AND_SPACE, '');
  const withoutDigits = compact.replace(/\d+/g, '');
  if (withoutDigits === '' || GENERIC_TITLES.has(withoutDigits)) return false;
  if (stripGreeting(compact) === '') return false;

  const hanCount = compact.match(HAN)?.length ?? 0;
  const latinCount = compact.match(/[a-z]/g)?.length ?? 0;
  return hanCount >= 2 || latinCount >= 4;
}

/**
 * Tells whether a message reports the problem solved: a clause ends with a phrase such as 可以了,
 * 解决了 or OK了 (final particles aside), not negated (不可以了), and the message has no failure
 * phrase (还是不行). A clause end is required because 好了 inside a clause, as in 申请好了的证书,
 * means something else.
 */
export function reportsResolved(text: string): boolean {
  const normalized = normalizeText(text);
  if (reportsFailure(normalized)) return false;

  return normalized
    .split(CLAUSE_SEPARATOR)
    .map((clause) => clause.replace(FINAL_PARTICLES, ''))
    .some((clause) =>
      RESOLVED_PHRASES.some((phrase) => {
        if (!clause.endsWith(phrase)) return false;
        return !NEGATION_BEFORE.test(clause.slice(0, clause.length - phrase.length));
      }),
    );
}

/**
 * Tells whether a customer message only thanks or closes the conversation (好的，谢谢; 明白了; 没有其他
 * 事情了): it has a closing phrase, no question and no failure phrase, and at most 12 characters
 * without punctuation.
 */
export function isClosingMessage(text: string): boolean {
  const normalized = normalizeText(text);
  const length = Array.from(normalized.replace(PUNCTUATION_AND_SPACE, '')).length;
  if (length > MAX_CLOSING_LENGTH || QUESTION.test(normalized)) return false;

  return !reportsFailure(normalized) && containsPhrase(normalized, CLOSING_PHRASES);
}

function reportsFailure(normalized: string): boolean {
  return FAILURE_PHRASES.some((phrase) => normalized.includes(phrase));
}

/** Tells whether a message passes the case to a person or backend team for follow-up. */
export function announcesHandoff(text: string): boolean {
  return containsPhrase(normalizeText(text), HANDOFF_PHRASES);
}

function containsPhrase(normalized: string, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => {
    for (let index = normalized.indexOf(phrase); index !== -1;) {
      const before = normalized.slice(0, index);
      const after = normalized.slice(index + phrase.length);
      if (!NEGATION_BEFORE.test(before) && !QUESTION_AFTER.test(after)) return true;
      index = normalized.indexOf(phrase, index + 1);
    }
    return false;
  });
}
