import { isAsciiAlnum, isAsciiLetter, isHan } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { RedactData } from '../data.js';
import { PRIORITY, type Candidate } from '../types.js';
import { WordFinder } from '../words.js';
import { detectLatinNames, pinyinNameEnd } from './latin-names.js';

/** A span of contact data (a phone number, e-mail address ...) that a name may stand beside. */
export interface Anchor {
  start: number;
  end: number;
}

interface NamePatterns {
  honorifics: WordFinder;
  labels: WordFinder;
  titles: WordFinder;
  honorificKind: ReadonlyMap<string, 'strong' | 'weak' | 'standalone'>;
  /** Every honorific, the longest first (总经理 before 经理). */
  honorificsLongestFirst: readonly string[];
}

const patterns = new WeakMap<RedactData, NamePatterns>();

function namePatterns(data: RedactData): NamePatterns {
  let cached = patterns.get(data);
  if (cached === undefined) {
    const { strong, weak, standalone } = data.honorifics;
    const honorificKind = new Map<string, 'strong' | 'weak' | 'standalone'>();
    for (const word of standalone) honorificKind.set(word, 'standalone');
    for (const word of weak) honorificKind.set(word, 'weak');
    for (const word of strong) honorificKind.set(word, 'strong');
    cached = {
      honorifics: new WordFinder([...honorificKind.keys()]),
      labels: new WordFinder(data.context.nameLabels, 'last'),
      titles: new WordFinder(data.context.titlesBeforeName, 'last'),
      honorificKind,
      honorificsLongestFirst: [...honorificKind.keys()].sort((a, b) => b.length - a.length),
    };
    patterns.set(data, cached);
  }
  return cached;
}

function isSurname(data: RedactData, char: string | undefined): boolean {
  return char !== undefined && data.surnames.single.has(char);
}

/** Returns whether `text[index]` is a Han character that can be part of a given name. */
function isGivenNameChar(data: RedactData, text: string, index: number): boolean {
  return isHan(text.charCodeAt(index)) && !data.context.nameStopChars.has(text[index]);
}

/** Returns whether the surname at `start` is the end of an ordinary word (谢谢, 完成). */
function endsWord(data: RedactData, text: string, start: number): boolean {
  return data.honorifics.notWords.has(text.slice(start - 1, start + 1));
}

/**
 * Start of a full name of a surname and one or two given characters that ends at `end`, or -1
 * (李秀英, 欧阳娜娜, 张伟). At the start of a word any surname may begin it, with the common ones only
 * for a weak honorific. Inside a run of Chinese text only a common surname before a strong
 * honorific may, because the characters before it could as well end a word (麻烦王先生).
 */
function fullNameBefore(
  data: RedactData,
  text: string,
  end: number,
  kind: 'strong' | 'weak' | 'standalone',
): number {
  const common = data.surnames.common;
  const fits = (start: number, surnameLength: number): boolean => {
    if (start < 0 || !isGivenName(data, text, start + surnameLength, end)) return false;
    if (data.context.notNames.has(text.slice(start, start + 2))) return false;
    const surname = text.slice(start, start + surnameLength);
    const afterHan = isHan(text.charCodeAt(start - 1));
    // After a word that turns to a person (跟王建国总监确认过了), a name starts as it does at the
    // start of a word. A one-character title after a full name (跟李娜总) needs such a word.
    const afterNameWord = afterHan && followsNameWord(data, text, start);
    const wordStart = !afterHan || afterNameWord;
    if (kind === 'standalone' && !afterNameWord) return false;
    // A compound surname is rare inside a word, so it may follow one (请联系欧阳娜娜女士).
    if (surnameLength === 2) {
      return data.surnames.compound.has(surname) && (wordStart || kind === 'strong');
    }
    if (!isSurname(data, surname) || endsWord(data, text, start)) return false;
    if (wordStart) return kind === 'strong' || common.has(surname);
    return kind === 'strong' && common.has(surname);
  };
  for (const start of [end - 4, end - 3]) if (fits(start, 2)) return start;
  // Two surnames in a row (向张三先生): a common surname second is more likely the name's start.
  const preferShort = common.has(text[end - 2] ?? '') && !common.has(text[end - 3] ?? '');
  if (!preferShort && fits(end - 3, 1)) return end - 3;
  return fits(end - 2, 1) ? end - 2 : -1;
}

/** Start of the name right before an honorific at `at`, or -1 (王先生, 欧阳女士, 李秀英女士). */
function nameBeforeHonorific(
  data: RedactData,
  text: string,
  at: number,
  kind: 'strong' | 'weak' | 'standalone',
): number {
  const full = fullNameBefore(data, text, at, kind);
  if (full !== -1) return full;
  if (data.surnames.compound.has(text.slice(at - 2, at))) return at - 2;

  const surname = text[at - 1];
  if (!isSurname(data, surname) || endsWord(data, text, at - 1)) return -1;
  if (kind !== 'strong' && !data.surnames.common.has(surname)) return -1;
  return at - 1;
}

function detectHonorificNames(ctx: ScanContext, out: Candidate[]): void {
  const { text, data } = ctx;
  const { honorifics, honorificKind } = namePatterns(data);
  honorifics.forEach(text, (index, word) => {
    const kind = honorificKind.get(word) ?? 'strong';
    const next = text[index + word.length];
    if (next !== undefined && data.honorifics.notFollowedBy.get(word)?.includes(next)) return;
    // A one-character title may be followed by a word that often follows names (林总确认).
    if (kind === 'standalone' && next !== undefined && isHan(next.charCodeAt(0))) {
      const after = index + word.length;
      const nextWord = text.slice(after, after + 2);
      if (!data.honorifics.standaloneNext.has(next) && !data.context.wordsAfterName.has(nextWord)) {
        return;
      }
    }
    const start = nameBeforeHonorific(data, text, index, kind);
    if (start !== -1) out.push({ start, end: index, type: 'NAME', priority: PRIORITY.name });
  });
}

/**
 * End of a name starting with a surname at `start`, or -1; given names have one or two
 * characters. A second character that starts a word which often follows names (张伟处理) is
 * left out.
 */
function nameEndAfter(data: RedactData, text: string, start: number): number {
  const surnameLength = data.surnames.compound.has(text.slice(start, start + 2)) ? 2 : 1;
  if (surnameLength === 1 && !isSurname(data, text[start])) return -1;
  let end = start + surnameLength;
  while (end - start - surnameLength < 2 && isGivenNameChar(data, text, end)) end++;
  if (
    end - start - surnameLength === 2 &&
    data.context.wordsAfterName.has(text.slice(end - 1, end + 1))
  ) {
    end -= 1;
  }
  return end > start + surnameLength ? end : -1;
}

/** Adds the name in pinyin that starts at `start`, if there is one. */
function pushPinyinName(data: RedactData, text: string, start: number, out: Candidate[]): void {
  const end = pinyinNameEnd(data, text, start);
  if (end !== -1) out.push({ start, end, type: 'NAME', priority: PRIORITY.name });
}

function detectLabelledNames(ctx: ScanContext, out: Candidate[]): void {
  const { text, data } = ctx;
  namePatterns(data).labels.forEach(text, (index, word) => {
    let start = index + word.length;
    // Up to four separator characters, so JSON (`"realName":"张三"`) and YAML labels match too.
    // 称 ends 账户名称 after the shorter label 户名, which the scan finds first.
    while (start - index - word.length < 4 && /[:\s是为"'=称]/.test(text[start] ?? '')) start++;
    // A verb label may take 一下 before its object (转告一下黄晓明).
    if (text.startsWith('一下', start)) start += text[start + 2] === ' ' ? 3 : 2;
    // A name in pinyin, in any case (持卡人 LIU YANG, 姓名：zhang wei).
    if (isAsciiLetter(text.charCodeAt(start))) {
      pushPinyinName(data, text, start, out);
      return;
    }
    if (data.context.notNames.has(text.slice(start, start + 2))) return;
    const found = nameEndAfter(data, text, start);
    // The scan finds 户名 inside 账户名 and 账户名称, so those labels follow its rule.
    const end = data.context.runOnLabels.has(word)
      ? boundedNameEnd(data, text, start, found)
      : found;
    if (end !== -1) out.push({ start, end, type: 'NAME', priority: PRIORITY.name });
    else if (LABELS_BEFORE_GROUP.has(word)) pushNameAfterGroup(data, text, start, out);
  });
}

// Labels after which a team may come before the name (我是财务部的黄丽娟, 麻烦转告财务部的赵敏).
const LABELS_BEFORE_GROUP = new Set(['我是', '我叫', '转告']);
// The team before 的: a few characters with no punctuation or blank.
const GROUP_BEFORE_NAME = /^[^\s，。！？、,.!?;；:：]{1,10}?的/;
const CLAUSE_END = /^(?:$|[\s，。！？、,.!?;；~～])/;

/**
 * Finds the name in `<team>的<name>` after a self-introduction or 转告, when the name starts
 * with a frequent surname and ends its clause. A run-on word stays (我是七牛的老用户了).
 */
function pushNameAfterGroup(data: RedactData, text: string, start: number, out: Candidate[]): void {
  const group = GROUP_BEFORE_NAME.exec(text.slice(start, start + 11));
  if (group === null) return;
  const nameStart = start + group[0].length;
  const compound = data.surnames.compound.has(text.slice(nameStart, nameStart + 2));
  if (!compound && !data.surnames.common.has(text[nameStart] ?? '')) return;
  if (data.context.notNames.has(text.slice(nameStart, nameStart + 2))) return;
  const end = nameEndAfter(data, text, nameStart);
  if (end === -1 || !CLAUSE_END.test(text.slice(end, end + 1))) return;
  out.push({ start: nameStart, end, type: 'NAME', priority: PRIORITY.name });
}

/**
 * Returns `end`, or one character less, where the name that starts at `start` stops at a word
 * boundary, or -1 when both run on into Chinese text. After some labels a name is a word of its
 * own, while a company, a brand or a trade runs on (我是高德地图的开发者, 账户名：华夏银行).
 */
function boundedNameEnd(data: RedactData, text: string, start: number, end: number): number {
  if (end === -1 || !continuesIntoWord(data, text, end)) return end;
  const surnameLength = data.surnames.compound.has(text.slice(start, start + 2)) ? 2 : 1;
  const shorter = end - 1;
  return shorter - start > surnameLength && !continuesIntoWord(data, text, shorter) ? shorter : -1;
}

// A colon, or a dash as in a chat's agent signature (七牛客服-周敏为您服务).
const TITLE_SEPARATOR = /^ ?(?:[:\-—][ \t]?)?/;

/**
 * Finds a name written right after a job title (值班工程师张伟, 客户经理 欧阳娜娜, 值班工程师：覃小龙).
 * Titles also come before ordinary words (工程师高度重视), so a single surname must be a frequent
 * one, as for the weaker honorifics. A title with a colon is often a speaker label
 * (客服：莫名其妙), so there the name must be the whole value: the text after it must not
 * continue in Chinese, unless with a word that follows names (值班工程师：张伟处理).
 */
function detectTitledNames(ctx: ScanContext, out: Candidate[]): void {
  const { text, data } = ctx;
  namePatterns(data).titles.forEach(text, (index, word) => {
    const titleEnd = index + word.length;
    const separator = TITLE_SEPARATOR.exec(text.slice(titleEnd, titleEnd + 3))?.[0] ?? '';
    const start = titleEnd + separator.length;
    // A name in pinyin after a title (我同事 tangliwei 的账号).
    if (isAsciiLetter(text.charCodeAt(start))) {
      pushPinyinName(data, text, start, out);
      return;
    }
    if (data.context.notNames.has(text.slice(start, start + 2))) return;
    const compound = data.surnames.compound.has(text.slice(start, start + 2));
    if (!compound && !data.surnames.common.has(text[start])) return;
    const found = nameEndAfter(data, text, start);
    if (found === -1) return;
    const continues =
      isHan(text.charCodeAt(found)) &&
      !data.context.wordsAfterName.has(text.slice(found, found + 2));
    if (separator.includes(':') && continues) return;
    out.push({ start, end: found, type: 'NAME', priority: PRIORITY.name });
  });
}

const GAP = /[ \t:,，/-]/;
// Before contact data, an opening bracket may come too (张伟(13800138000), 张伟 <a@b.cn>). After
// it, a bracket more often opens a remark (（全角的@）, （工作日）).
const GAP_BEFORE = /[ \t:,，/(（<-]/;

/**
 * Finds a name written right after contact data (13800138000 张三, [REDACTED_PHONE] 杨楠). A
 * given name's second character that runs on into Chinese text is left out, because it more
 * likely starts the next word ([REDACTED_PHONE] 杨楠资源包 gives 杨楠). It stays when a character
 * that ends names, a word that follows names or an honorific comes next (王小明说, 王小明处理,
 * 王小明主任).
 */
function nameAfter(ctx: ScanContext, anchor: Anchor): Candidate | null {
  const { text, data } = ctx;
  let start = anchor.end;
  while (start - anchor.end < 2 && GAP.test(text[start] ?? '')) start++;
  if (data.context.notNames.has(text.slice(start, start + 2))) return null;
  let end = nameEndAfter(data, text, start);
  if (end === -1) return null;
  const surnameLength = data.surnames.compound.has(text.slice(start, start + 2)) ? 2 : 1;
  if (end - start - surnameLength === 2 && continuesIntoWord(data, text, end)) end -= 1;
  return { start, end, type: 'NAME', priority: PRIORITY.name };
}

/**
 * Returns whether the Chinese text at `end` goes on from the name before it: no character that
 * ends names (nameStopChars), no word that follows names and no honorific starts there.
 */
function continuesIntoWord(data: RedactData, text: string, end: number): boolean {
  if (!isGivenNameChar(data, text, end)) return false;
  if (data.context.wordsAfterName.has(text.slice(end, end + 2))) return false;
  return !namePatterns(data).honorificsLongestFirst.some((word) => text.startsWith(word, end));
}

/** Returns whether every character in [start, end) can be part of a given name. */
function isGivenName(data: RedactData, text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isGivenNameChar(data, text, i)) return false;
  return true;
}

// Words of running text after which a name is often written right before contact data
// (请联系王小明13800138000, 找张伟 13800138000, 张三和李四 13900139000), besides name labels and job
// titles.
const WORDS_BEFORE_NAME = [
  '联系',
  '找',
  '给',
  '致',
  '问',
  '向',
  '叫',
  '通知',
  '告诉',
  '麻烦',
  '财务',
  '老板',
  '和',
  '或',
  '及',
  '跟',
  '与',
  '您好',
  '你好',
];

// Characters between a label and the name after it (联系人是杜鹏, 联系人：杜鹏).
const LABEL_GAP = /[:\s是为]/;

/**
 * Returns whether a name label, a job title or a word of `WORDS_BEFORE_NAME` ends right before
 * `start`, after at most two gap characters (联系人：, 客户, 联系人是).
 */
function followsNameWord(data: RedactData, text: string, start: number): boolean {
  let end = start;
  while (start - end < 2 && LABEL_GAP.test(text[end - 1] ?? '')) end--;
  const endsHere = (word: string): boolean => text.endsWith(word, end);
  return (
    data.context.nameLabels.some(endsHere) ||
    data.context.titlesBeforeName.some(endsHere) ||
    WORDS_BEFORE_NAME.some(endsHere)
  );
}

/**
 * Returns whether a name before contact data may start at `start`. Right after a Chinese
 * character the name may as well be the tail of a longer word (支付宝 gives 付宝, 王者荣耀 gives
 * 荣耀), so there a label, a job title or a word such as 联系 must come before it.
 */
function startsNameBefore(data: RedactData, text: string, start: number): boolean {
  return !isHan(text.charCodeAt(start - 1)) || followsNameWord(data, text, start);
}

/** Finds a name written right before contact data (张三 13800138000, 联系王小明13800138000). */
function nameBefore(ctx: ScanContext, anchor: Anchor): Candidate | null {
  const { text, data } = ctx;
  let end = anchor.start;
  while (anchor.start - end < 2 && GAP_BEFORE.test(text[end - 1] ?? '')) end--;
  // A contact label right before the data (座机, 电话) is no name.
  if (data.context.contactWords.some((word) => text.endsWith(word, end))) return null;
  const name = (start: number): Candidate => ({
    start,
    end,
    type: 'NAME',
    priority: PRIORITY.name,
  });

  for (const start of [end - 4, end - 3]) {
    const compound = data.surnames.compound.has(text.slice(start, start + 2));
    if (start >= 0 && compound && isGivenName(data, text, start + 2, end)) {
      if (startsNameBefore(data, text, start)) return name(start);
    }
  }
  const fits = (start: number): boolean =>
    start >= 0 &&
    isSurname(data, text[start]) &&
    !endsWord(data, text, start) &&
    !data.context.notNames.has(text.slice(start, start + 2)) &&
    isGivenName(data, text, start + 1, end) &&
    startsNameBefore(data, text, start);
  // Two surnames in a row (向张三): a frequent surname second is more likely the name's start.
  const common = data.surnames.common;
  const preferShort = common.has(text[end - 2]) && !common.has(text[end - 3]);
  if (!preferShort && fits(end - 3)) return name(end - 3);
  return fits(end - 2) ? name(end - 2) : null;
}

/** Start of a full name that ends at `end` and starts a phrase, or -1 (，孙丽收 and ，欧阳娜娜收). */
function phraseNameStart(data: RedactData, text: string, end: number): number {
  for (const start of [end - 4, end - 3, end - 2]) {
    if (start < 0 || isHan(text.charCodeAt(start - 1))) continue;
    const surnameLength = data.surnames.compound.has(text.slice(start, start + 2)) ? 2 : 1;
    if (surnameLength === 1 && !isSurname(data, text[start])) continue;
    if (end - start - surnameLength < 1 || end - start - surnameLength > 2) continue;
    if (data.context.notNames.has(text.slice(start, start + 2))) continue;
    if (isGivenName(data, text, start + surnameLength, end)) return start;
  }
  return -1;
}

/** Finds a full name before a suffix such as 收 (addressee of a parcel). */
function detectAddressees(ctx: ScanContext, out: Candidate[]): void {
  const { text, data } = ctx;
  for (const suffix of data.honorifics.afterFullName) {
    let from = 0;
    for (let at = text.indexOf(suffix); at !== -1; at = text.indexOf(suffix, from)) {
      from = at + suffix.length;
      if (isHan(text.charCodeAt(from))) continue;
      const start = phraseNameStart(data, text, at);
      if (start !== -1) out.push({ start, end: at, type: 'NAME', priority: PRIORITY.name });
    }
  }
}

// The start of a line of a pasted chat: quote markers of a Markdown or e-mail quote (`> `, `>> `)
// and an optional time (`[10:32] `).
const LINE_START = String.raw`^(?:[ \t]*>)*[ \t]*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]+)?`;
const HAN = String.raw`\u4e00-\u9fa5`;

// A speaker label at the start of a line of a pasted chat (`张伟：你好`, `[10:32] 李娜: 收到`,
// `> 张伟：收到`). An optional company or team and a hyphen come first (`七牛客服-李娜：`), then two
// to four Chinese characters, an optional 说 (`张伟说：`), a colon and the message's first
// characters. Groups: 1 the team, 2 the label, 3 说, 4 the message's start.
const SPEAKER_LINE = new RegExp(
  `${LINE_START}(?:([${HAN}A-Za-z][${HAN}A-Za-z0-9]{0,9})[ \\t]*[-—]{1,2}[ \\t]*)?` +
    `([${HAN}]{2,4}?)[ \\t]*(说)?[ \\t]*:[ \\t]*(.{0,6})`,
  'dgm',
);

// A bracketed speaker label at the start of a line (`【张伟】你好`, `[张伟] 10:32`), optionally with
// a company or team and a hyphen inside the brackets (`【七牛客服-周敏】您好`). Groups: 1 the team,
// 2 the label, 3 what follows it.
const BRACKET_LINE = new RegExp(
  `${LINE_START}[【\\[](?:([${HAN}A-Za-z][${HAN}A-Za-z0-9]{0,9})[ \\t]*[-—]{1,2}[ \\t]*)?` +
    `([${HAN}]{2,4})[】\\]][ \\t]*:?[ \\t]*(.{0,20})`,
  'dgm',
);

// A chat message starts with two Chinese characters, and a form's value (白名单：1.1.1.1,
// 黑名单：无) seldom does.
const SPOKEN_START = /^[\u4e00-\u9fa5]{2}/;

// The greetings and replies that open a chat message. After a bracketed label or a team and a
// hyphen they make one line enough (`【张伟】你好`, `七牛-李娜：您好`).
const CHAT_OPENING =
  /^(?:您好|你好|请问|在吗|在不在|收到|好的|谢谢|麻烦|稍等|打扰|早上好|上午好|下午好|晚上好)/;

// The time after a bracketed sender in an exported chat (`[张伟] 10:32`, `【张伟】 2024-03-05 10:32`).
const TIME_START = /^(?:\d{4}[-/]\d{1,2}[-/]\d{1,2}[ \t]+)?\d{1,2}:\d{2}(?!\d)/;

// The header line of a message in a WeChat or QQ export: the sender's name and the time, with the
// message on the next line (`张伟 2024-03-05 10:32:01`).
const SENDER_LINE =
  /^(?:[ \t]*>)*[ \t]*([\u4e00-\u9fa5]{2,4})[ \t]+(?:\d{4}[-/]\d{1,2}[-/]\d{1,2}[ \t]+)?\d{1,2}:\d{2}(?::\d{2})?[ \t]*$/dgm;

/**
 * Returns whether a whole speaker label reads as a full name: a compound or frequent surname and
 * one or two characters. Rarer surnames start too many words of forms (单价, 车主, 包名).
 */
function isFullName(data: RedactData, label: string): boolean {
  const surnameLength = data.surnames.compound.has(label.slice(0, 2)) ? 2 : 1;
  if (surnameLength === 1 && !data.surnames.common.has(label[0]!)) return false;
  const givenLength = label.length - surnameLength;
  if (givenLength < 1 || givenLength > 2) return false;
  if (data.context.notNames.has(label.slice(0, 2))) return false;
  return isGivenName(data, label, surnameLength, label.length);
}

/**
 * Returns the length of the name at the start of a speaker label, or 0 when the label is no name.
 * When the label ends with an honorific, the name is the surname or full name before it, so the
 * honorific stays (`张师傅：`, `王总说：`). Any other label must read as a full name as a whole.
 */
function speakerNameLength(data: RedactData, label: string): number {
  for (const honorific of namePatterns(data).honorificsLongestFirst) {
    if (label.length <= honorific.length || !label.endsWith(honorific)) continue;
    const head = label.slice(0, label.length - honorific.length);
    const surname =
      data.surnames.compound.has(head) || (head.length === 1 && data.surnames.common.has(head));
    return surname || isFullName(data, head) ? head.length : 0;
  }
  return isFullName(data, label) ? label.length : 0;
}

/** Returns whether a team before a hyphen ends with a job title (`七牛客服-李娜：`). */
function endsWithTitle(data: RedactData, team: string): boolean {
  return data.context.titlesBeforeName.some((title) => team.endsWith(title));
}

/**
 * Finds names used as speaker labels in a pasted chat (`张伟：你好\n李娜：收到`), or as senders in
 * the header lines of a WeChat or QQ export (`张伟 2024-03-05 10:32:01`, `[张伟] 10:32`). A label
 * must read as a full name. Most forms need two or more such lines in the text, and after a colon
 * two Chinese characters must follow, so a lone `王磊：` heading, `原因：…` and a form's
 * `白名单：1.1.1.1` stay. One line is enough for a label with 说 (`张伟说：`), and for one after a
 * team and a hyphen, in brackets or not, when a greeting follows (`七牛-李娜：您好`) or the team
 * ends with a job title (`七牛客服-李娜：`). A bracketed label alone (`【张伟】你好`) needs a second,
 * different one, because an SMS signature is written so too (`【周大福】您好`).
 */
function detectSpeakerNames(ctx: ScanContext, out: Candidate[]): void {
  const { text, data } = ctx;
  const hasLines = text.includes('\n');
  const hasSayVerb = text.includes('说');
  const hasHyphen = text.includes('-') || text.includes('—');
  const hasBracket = text.includes('[') || text.includes('【');
  if (!hasLines && !hasSayVerb && !hasHyphen && !hasBracket) return;

  // Names from a line that is enough on its own, and names that count only when the text has a
  // second speaker line.
  const strong: Candidate[] = [];
  const weak: Candidate[] = [];
  // A bracket alone is also how an SMS signature is written (【周大福】您好，…), and customers
  // paste several templates of one signature. Bracketed labels count only when two differ or
  // another speaker line is there.
  const bracketed: Candidate[] = [];
  const add = (list: Candidate[], start: number, length: number): void => {
    list.push({ start, end: start + length, type: 'NAME', priority: PRIORITY.name });
  };

  if (text.includes(':') && (hasLines || hasSayVerb || hasHyphen)) {
    SPEAKER_LINE.lastIndex = 0;
    for (let m = SPEAKER_LINE.exec(text); m !== null; m = SPEAKER_LINE.exec(text)) {
      const length = speakerNameLength(data, m[2]!);
      if (length === 0) continue;
      const start = m.indices![2]![0];
      const prefix = m[1];
      if (m[3] !== undefined) add(strong, start, length);
      else if (prefix !== undefined && (endsWithTitle(data, prefix) || CHAT_OPENING.test(m[4]!))) {
        add(strong, start, length);
      } else if (SPOKEN_START.test(m[4]!)) add(weak, start, length);
    }
  }
  if (hasBracket) {
    BRACKET_LINE.lastIndex = 0;
    for (let m = BRACKET_LINE.exec(text); m !== null; m = BRACKET_LINE.exec(text)) {
      const length = speakerNameLength(data, m[2]!);
      if (length === 0) continue;
      const start = m.indices![2]![0];
      const team = m[1];
      const opening = CHAT_OPENING.test(m[3]!);
      if (team !== undefined && (opening || endsWithTitle(data, team))) {
        add(strong, start, length);
      } else if (hasLines && (opening || SPOKEN_START.test(m[3]!) || TIME_START.test(m[3]!))) {
        add(bracketed, start, length);
      }
    }
  }
  if (hasLines) {
    SENDER_LINE.lastIndex = 0;
    for (let m = SENDER_LINE.exec(text); m !== null; m = SENDER_LINE.exec(text)) {
      const length = speakerNameLength(data, m[1]!);
      if (length !== 0) add(weak, m.indices![1]![0], length);
    }
  }

  // A spread of a long list would overflow the call stack.
  for (const name of strong) out.push(name);
  const labels = new Set(bracketed.map((name) => text.slice(name.start, name.end)));
  if (labels.size >= 2 || strong.length + weak.length > 0) weak.push(...bracketed);
  if (strong.length + weak.length >= 2) for (const name of weak) out.push(name);
}

/** Returns whether `code` can end the local part of an e-mail address (letters, digits, `._%+-`). */
function isLocalPartChar(code: number): boolean {
  return (
    isAsciiAlnum(code) || code === 46 || code === 95 || code === 37 || code === 43 || code === 45
  );
}

/**
 * Finds a name mentioned with an @ (`@张无忌 请看一下`, `@李娜 你好`). The @ must not end the
 * local part of an e-mail address, and the name must be the whole mention, so no Chinese
 * character may follow it (`@全体成员` and `@高手在吗` stay).
 */
function detectMentions(ctx: ScanContext, out: Candidate[]): void {
  const { text, data } = ctx;
  let from = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', from)) {
    from = at + 1;
    const start = at + 1;
    if (!isHan(text.charCodeAt(start)) || isLocalPartChar(text.charCodeAt(at - 1))) continue;
    if (data.context.notNames.has(text.slice(start, start + 2))) continue;
    const end = nameEndAfter(data, text, start);
    if (end === -1 || isHan(text.charCodeAt(end))) continue;
    out.push({ start, end, type: 'NAME', priority: PRIORITY.name });
  }
}

// The cheap first test for DASH_SIGN_OFF.
const DASHES = /[—―]|--/;

// A sign-off: a run of dashes and a full name (`—— 欧阳锋`, `-- 张伟`), maybe with a role in
// brackets, that ends the line or comes before a phone number (`—— 周子涵（运维）139 1234 5678`).
// Group 1 is the name.
const DASH_SIGN_OFF =
  /(?:[—―]{1,2}|-{2,3})[ \t]*([\u4e00-\u9fa5]{2,4})(?:[（(][\u4e00-\u9fa5A-Za-z ]{1,12}[）)])?[ \t]*(?:$|(?=[+0-9]))/dgm;

// The signature after the closing formula of a letter, before a date or at a line's end
// (`此致 敬礼！张伟 2024年12月5日`). Group 1 is the name.
const SALUTE_SIGN_OFF = /敬礼[!！,.。，\s]*([\u4e00-\u9fa5]{2,4})(?=[ \t]*(?:$|\d{4}[年/.-]))/dgm;

/**
 * Finds a full name that signs a text: after a run of dashes at the end of a line
 * (`麻烦尽快处理，谢谢！—— 欧阳锋`) or after 此致敬礼 (`此致 敬礼！张伟 2024年12月5日`). The name must read
 * as a full name with a frequent or compound surname, so a dash before a word (`——高速`) stays.
 */
function detectSignOffs(ctx: ScanContext, out: Candidate[]): void {
  const { text, data } = ctx;
  if (DASHES.test(text)) pushFullNames(data, text, DASH_SIGN_OFF, out);
  if (text.includes('敬礼')) pushFullNames(data, text, SALUTE_SIGN_OFF, out);
}

/**
 * Adds group 1 of each match of `pattern`, a global regex with indices, when it reads as a full
 * name and `accepts` (if given) lets the match through.
 */
function pushFullNames(
  data: RedactData,
  text: string,
  pattern: RegExp,
  out: Candidate[],
  accepts: (match: RegExpExecArray) => boolean = () => true,
): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (!isFullName(data, m[1]!) || !accepts(m)) continue;
    const start = m.indices![1]![0];
    out.push({ start, end: start + m[1]!.length, type: 'NAME', priority: PRIORITY.name });
  }
}

// A name before a job title at the start of a signature line (`周洁 | 运维工程师`, `王强 / 技术经理`).
// Groups: 1 the name, 2 the title.
const SIGNATURE_TITLE_LINE =
  /^(?:[ \t]*>)*[ \t]*([\u4e00-\u9fa5]{2,4})[ \t]*[|｜/·•][ \t]*([\u4e00-\u9fa5A-Za-z]{2,12})/dgm;

/**
 * Finds a full name before a job title of `signatureTitles` at the start of a line, as e-mail
 * signatures write it (`周洁 | 运维工程师`). A form's row of two words stays (`单价 | 计费方式`).
 */
function detectSignatureTitles(ctx: ScanContext, out: Candidate[]): void {
  const { text, data } = ctx;
  if (!/[|｜/·•]/.test(text)) return;
  pushFullNames(data, text, SIGNATURE_TITLE_LINE, out, (match) =>
    data.context.signatureTitles.some((word) => match[2]!.includes(word)),
  );
}

// A greeting, then two or three Chinese characters that end at punctuation or a blank (`您好
// 王建国，`, `你好，李娜！`). Group 1 is the name.
const GREETED_NAME = /(?:您好|你好)[ \t]*[,，]?[ \t]*([\u4e00-\u9fa5]{2,3})(?=[，,！!：:。\s]|$)/dg;

/** Finds a full name that a greeting addresses (`您好 王建国，已收到`). */
function detectGreetedNames(ctx: ScanContext, out: Candidate[]): void {
  const { text, data } = ctx;
  if (text.includes('好')) pushFullNames(data, text, GREETED_NAME, out);
}

// 我姓 and a surname, then 叫 and the full name (`我姓王，叫王小明`). The name starts at the match's
// end.
const SURNAME_THEN_NAME = /我姓[\u4e00-\u9fa5]{1,2}[,，、 \t]{0,2}(?:全名|名字)?叫[ \t]?/g;

/** Finds the full name after 我姓X，叫 (`我姓王，叫王小明`). */
function detectSurnameIntroductions(ctx: ScanContext, out: Candidate[]): void {
  const { text, data } = ctx;
  if (!text.includes('我姓')) return;
  SURNAME_THEN_NAME.lastIndex = 0;
  for (let m = SURNAME_THEN_NAME.exec(text); m !== null; m = SURNAME_THEN_NAME.exec(text)) {
    const start = m.index + m[0].length;
    if (data.context.notNames.has(text.slice(start, start + 2))) continue;
    const end = nameEndAfter(data, text, start);
    if (end !== -1) out.push({ start, end, type: 'NAME', priority: PRIORITY.name });
  }
}

// A nickname and a surname, with the full name in brackets after it: 小李（李明）, 老王 (王建国),
// 阿邱（邱雅婷）, 李工（李明）, 王哥（王建国）, 邱老师（邱雅婷）, 小李【李明】, 小邱「邱雅婷」, 小欧阳（欧阳娜娜）.
// The full name starts at the bracket's end. A nickname of 小, 老 or 阿 may have a compound surname.
const NICKNAME_THEN_NAME =
  /(?:[小老阿]([\u4e00-\u9fa5]{1,2}?)|([\u4e00-\u9fa5])(?:[工哥姐总]|老师|经理))[ \t]?[（(【[「]/g;

// The text allowed right before a nickname of 小, 老 or 阿: the start of a clause, or a word that
// turns to a person (找小李（李明）). Elsewhere 小X is mostly a word (8 小时（时差）, 做小米（米家）).
const BEFORE_NICKNAME =
  /(?:^|[\n，,。.！!？?：:；;、（(]|找|联系|问|跟|和|给|让|请|叫|是|由|交给|麻烦)[ \t]*$/;

// Last characters of a team, an office or a place in brackets after a nickname, which is then
// no full name (小林（林业局）, 小程（程控组）).
const ORGANISATION_END = /[局组部司厂院所处科室队站区市县省]/;

// The characters allowed right after the full name: the bracket's end, or a comma before a role
// (小李（李明，运维）).
const AFTER_BRACKETED_NAME = /^[）)】\]」，,、]/;

/** Finds the full name in brackets after a nickname that has its surname (`找小李（李明）`). */
function detectNicknamedNames(ctx: ScanContext, out: Candidate[]): void {
  const { text, data } = ctx;
  if (!/[（(【[「]/.test(text)) return;
  NICKNAME_THEN_NAME.lastIndex = 0;
  for (let m = NICKNAME_THEN_NAME.exec(text); m !== null; m = NICKNAME_THEN_NAME.exec(text)) {
    const start = m.index + m[0].length;
    const surname = m[1] ?? m[2]!;
    if (!text.startsWith(surname, start)) continue;
    if (surname.length === 1 ? !isSurname(data, surname) : !data.surnames.compound.has(surname)) {
      continue;
    }
    const before = text.slice(Math.max(0, m.index - 4), m.index);
    if (m[1] !== undefined && !BEFORE_NICKNAME.test(before)) continue;
    if (data.context.notNames.has(text.slice(start, start + 2))) continue;
    const end = nameEndAfter(data, text, start);
    if (end === -1 || !AFTER_BRACKETED_NAME.test(text.slice(end, end + 1))) continue;
    if (ORGANISATION_END.test(text[end - 1]!)) continue;
    out.push({ start, end, type: 'NAME', priority: PRIORITY.name });
  }
}

/**
 * Finds people's names: a surname before an honorific (王先生), a name after a label
 * (联系人：张三, 联系人：Tom Chen) or a job title (值班工程师张伟), a speaker label of a pasted chat
 * (张伟：你好), a full name after a nickname (小李（李明）) and a name right beside contact data
 * (`anchors`).
 */
export function detectNames(ctx: ScanContext, anchors: readonly Anchor[], out: Candidate[]): void {
  detectHonorificNames(ctx, out);
  detectLabelledNames(ctx, out);
  detectLatinNames(ctx, out);
  detectTitledNames(ctx, out);
  detectAddressees(ctx, out);
  detectSpeakerNames(ctx, out);
  if (ctx.text.includes('@')) detectMentions(ctx, out);
  detectSignOffs(ctx, out);
  detectSignatureTitles(ctx, out);
  detectGreetedNames(ctx, out);
  detectSurnameIntroductions(ctx, out);
  detectNicknamedNames(ctx, out);
  for (const anchor of anchors) {
    const after = nameAfter(ctx, anchor);
    if (after !== null) out.push(after);
    const before = nameBefore(ctx, anchor);
    if (before !== null) out.push(before);
  }
}
