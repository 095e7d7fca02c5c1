import { isAsciiAlnum, isWordChar } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { RedactData } from '../data.js';
import { PRIORITY, type Candidate } from '../types.js';
import { WordFinder } from '../words.js';

interface ContextWords {
  finder: WordFinder;
  qqWords: ReadonlySet<string>;
}

const contextWords = new WeakMap<RedactData, ContextWords>();

function contextWordsOf(data: RedactData): ContextWords {
  let cached = contextWords.get(data);
  if (cached === undefined) {
    cached = {
      finder: new WordFinder([...data.context.wechat, ...data.context.qq]),
      qqWords: new Set(data.context.qq),
    };
    contextWords.set(data, cached);
  }
  return cached;
}

const WECHAT_ID = /^[A-Za-z][A-Za-z0-9_-]{5,19}(?![A-Za-z0-9_-])/;
const QQ_NUMBER = /^[1-9][0-9]{4,10}(?![0-9A-Za-z_@.])/;
const ID_WORD = /^[ \t]?id(?![A-Za-z0-9_])/i;
const WXID = /(?<![A-Za-z0-9_])wxid_[a-z0-9]{6,24}(?![A-Za-z0-9_])/g;

// 企鹅 (penguin) is chat slang for QQ, but it is also a penguin: in image labels and counts a
// number after it is a count (企鹅 15000 张) or a date (企鹅 20240305).
const PENGUIN = '企鹅';
// Words after a number that make it an amount, a count, a duration or a date (企鹅 15000 张,
// QQ钱包付的是 50000 元).
const COUNT_AFTER =
  /^[ \t]?(?:张|次|个|只|条|份|幅|帧|万|千|百|%|组|类|项|元|块|人|字节|毫秒|秒|分钟|小时|天|QPS|qps|并发|左右|多|余|到期|年|月|日|号)/;
const DATE_NUMBER = /^(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])$/;

/** Returns whether a number is a count, by the unit after it, or a date. */
function isCountOrDate(number: string, after: string): boolean {
  return COUNT_AFTER.test(after) || DATE_NUMBER.test(number);
}

// A QQ number in groups of three or four digits (384 756 291, 3847-5629).
const GROUPED_QQ_NUMBER = /^[1-9][0-9]{2,3}(?:[ -][0-9]{3,4}){1,2}(?![0-9A-Za-z_@.])/;
// Words between QQ and its number that hand the number over: a request to reach the person
// (QQ上找我 384756291, QQ 私信我 …, QQ 可以加 …), or another chat or phone that has the same number
// (企鹅/微信都是 384756291). A bare 是 after other words is not enough, because QQ会员是 … or
// QQ钱包付的是 … is followed by a date or an amount.
const CONTACT_PHRASE = new RegExp(
  '^[ \\t]?(?:(?:上|里)?[ \\t]?(?:找我|加我|联系我|私聊我|私信我|可以加我?|留一下)' +
    '|[/、和跟或]?(?:微信|vx|wx|VX|WX|电话|手机)号?(?:都是|也是|同号))[ \\t:：]{0,2}',
);

/** A QQ number's span, and whether a phrase came between it and the context word. */
interface QqSpan {
  start: number;
  end: number;
  phrase: boolean;
}

/** Returns the QQ number at `start`, plain or in groups of digits, or null. */
function qqNumberAt(text: string, start: number, phrase = false): QqSpan | null {
  const rest = text.slice(start, start + 24);
  const number = QQ_NUMBER.exec(rest) ?? GROUPED_QQ_NUMBER.exec(rest);
  if (number === null) return null;
  const digits = number[0].replace(/[ -]/g, '').length;
  if (digits < 5 || digits > 11) return null;
  return { start, end: start + number[0].length, phrase };
}

/** Returns the QQ number after a contact phrase that starts at `start`, or null. */
function qqNumberAfterPhrase(text: string, start: number): QqSpan | null {
  const phrase = CONTACT_PHRASE.exec(text.slice(start, start + 12));
  return phrase === null ? null : qqNumberAt(text, start + phrase[0].length, true);
}

/**
 * Finds WeChat ids and QQ numbers written shortly after a context word (微信号：abc_123,
 * QQ 123456789, WeChat ID: lina_0601, 企鹅号 55667788, 加微 liuyang_1990). A WeChat id without a
 * digit, `_` or `-` needs an explicit separator (微信：zhangsan), because a plain word after 微信
 * is usually prose.
 * DingTalk ids after 钉钉号 are found as WeChat ids: both are chat handles, and contact data.
 */
export function detectSocialIds(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  const { finder, qqWords } = contextWordsOf(ctx.data);
  const gapChars = ctx.data.context.idGap;
  const visit = (index: number, word: string): void => {
    const wordEnd = index + word.length;
    if (isAsciiAlnum(word.charCodeAt(0)) && isAsciiAlnum(text.charCodeAt(index - 1))) return;
    if (isAsciiAlnum(word.charCodeAt(word.length - 1)) && isAsciiAlnum(text.charCodeAt(wordEnd))) {
      return;
    }

    // `WeChat ID: lina_0601`, `微信id：…`, `QQ ID 12345678`: the word ID may follow the context word.
    const idWord = ID_WORD.exec(text.slice(wordEnd, wordEnd + 4));
    const gapStart = wordEnd + (idWord === null ? 0 : idWord[0].length);
    let start = gapStart;
    while (start < text.length && start - gapStart < 6 && gapChars.includes(text[start])) start++;
    const gap = text.slice(wordEnd, start);
    const rest = text.slice(start, start + 24);
    if (qqWords.has(word)) {
      const qq = qqNumberAt(text, start) ?? qqNumberAfterPhrase(text, gapStart);
      if (qq === null) return;
      // After the bare 企鹅 or a phrase, the number may be a count or a date instead.
      const doubtful = word === PENGUIN || qq.phrase;
      const after = text.slice(qq.end, qq.end + 4);
      if (doubtful && isCountOrDate(text.slice(qq.start, qq.end), after)) return;
      out.push({ start: qq.start, end: qq.end, type: 'QQ', priority: PRIORITY.qq });
      return;
    }
    const id = WECHAT_ID.exec(rest);
    if (id === null) return;
    if (!/[0-9_-]/.test(id[0]) && !/[:号是为=]/.test(gap)) return;
    out.push({ start, end: start + id[0].length, type: 'WECHAT', priority: PRIORITY.wechat });
  };
  finder.forEach(text, visit);
  // The invites overlap words of `finder` (加微信, 加vx), so they are searched on their own.
  for (const word of ctx.data.context.wechatInvites) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
      visit(at, word);
    }
  }

  if (text.indexOf('wxid_') === -1) return;
  WXID.lastIndex = 0;
  for (let m = WXID.exec(text); m !== null; m = WXID.exec(text)) {
    if (isWordChar(text.charCodeAt(m.index + m[0].length))) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: 'WECHAT',
      priority: PRIORITY.wechat,
    });
  }
}
