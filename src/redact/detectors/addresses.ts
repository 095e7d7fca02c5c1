import { isDigit, isHan } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { RedactData } from '../data.js';
import { PRIORITY, type Candidate } from '../types.js';
import { wordAlternation } from '../../shared/regexp.js';

// After a label: spaces, then a colon, `=`, 是, 为 or 在, then spaces (收件地址：…, 地址是 …).
const SEPARATOR = /^[ \t]{0,3}(?:[:=]|是|为|在)?[ \t]{0,3}/;

// Characters that end an address: line breaks, sentence and list marks, a masked placeholder,
// and the quotes, tags and separators of JSON, HTML and query strings.
const HARD_STOPS = new Set([...'\n\r\t。；;，,！!？?|、（(【[\u0000"\'<>&{}']);

// A labelled address is at most this long; a form's next field rarely comes later.
const MAX_ADDRESS_LENGTH = 80;

// A run of this many digits is a phone number written after the address, not a house number.
const PHONE_DIGITS = 7;

/** Lookup structures built once per data set. */
interface AddressPatterns {
  labels: RegExp;
  /** A region, then districts, a street and a house number, with building parts after it. */
  unlabelled: RegExp;
}

const patterns = new WeakMap<RedactData, AddressPatterns>();

function addressPatterns(data: RedactData): AddressPatterns {
  let built = patterns.get(data);
  if (built === undefined) {
    const { addressLabels, regions } = data.places;
    // A match is tried only where a region name occurs. Every quantifier is bounded and each
    // part ends in a fixed word, so an attempt stays short.
    const unlabelled = new RegExp(
      `(?:${wordAlternation(regions)})(?:省|市|自治区|特别行政区)?` +
        '(?:[\\u4e00-\\u9fa5]{1,8}?(?:市|自治州|州|盟|地区|区|县|旗|镇|乡|街道)){0,3}' +
        '[\\u4e00-\\u9fa5A-Za-z0-9]{1,14}?(?:路|街|大道|大街|巷|弄|胡同|里|村|道)' +
        // A house number, or a building right after the street (高新南七道R2-B栋1806).
        '(?:[ \\t]?[0-9]{1,5}(?:-[0-9]{1,5})?[ \\t]?号院?|[A-Za-z0-9][A-Za-z0-9-]{0,5}(?:号楼|栋|幢|座))' +
        // Parts of a building: numbered (3栋, 2 单元) or lettered (A栋, B 座).
        '(?:[\\u4e00-\\u9fa5A-Za-z0-9]{0,12}?[ \\t]?[0-9]{1,5}[ \\t]?(?:号楼|栋|幢|座|单元|室|层|楼|号|户)' +
        '|[ \\t]?[A-Za-z][ \\t]?(?:号楼|栋|幢|座))*' +
        `(?:(?<=号|单元|楼|栋|幢|座|层)[ \\t，,]?${ROOM_NUMBER_SOURCE})?`,
      'g',
    );
    built = { labels: new RegExp(wordAlternation(addressLabels), 'g'), unlabelled };
    patterns.set(data, built);
  }
  return built;
}

/** Returns whether `value` reads as a postal address rather than a host, an IP or a remark. */
function looksPostal(data: RedactData, value: string): boolean {
  if (value.length < 5 || !isHan(value.charCodeAt(0))) return false;
  const { regionMarks, placeMarks } = data.places;
  let hasRegion = false;
  for (const char of value) {
    if (regionMarks.has(char)) {
      hasRegion = true;
      break;
    }
  }
  return hasRegion && placeMarks.some((mark) => value.includes(mark));
}

// A room number: two to five digits, maybe after a letter (B1201, B-1201). No unit of time,
// money, count or date may follow it (…88号 10 点以后有人, …887号 200 台设备, …8号，12 号之前寄到,
// …88号24小时有人收, …88号，200 多人办公), and no unit of a building (…68 号，12 栋 1201).
const ROOM_NUMBER_SOURCE =
  '[A-Za-z]?-?[0-9]{2,5}(?![0-9]|[A-Za-z%]|[ \\t]?[年月日号元块个次天周时点分秒台份位人件套张只条箱包盒瓶小多余栋幢座楼层单])';
const ROOM_NUMBER = new RegExp(`^${ROOM_NUMBER_SOURCE}`);

// The end of a house number or a building part, where a room number may follow (8 号, 3 单元,
// 8 号，).
const BEFORE_ROOM = /[号栋幢座元楼层][，,]?[ \t]*$/;

/**
 * Returns whether a comma at `index` separates the house number or building of the address
 * starting at `start` from a room number (高新南七道 8 号，1201).
 */
function isRoomAfterComma(text: string, start: number, index: number): boolean {
  const char = text[index];
  if (char !== '，' && char !== ',') return false;
  if (!BEFORE_ROOM.test(text.slice(start, index))) return false;
  return ROOM_NUMBER.test(text.slice(index + 1, index + 16).trimStart());
}

/** Returns the length of a run of ASCII digits starting at `index`. */
function digitRunAt(text: string, index: number): number {
  let end = index;
  while (isDigit(text.charCodeAt(end))) end++;
  return end - index;
}

/**
 * Returns where the address starting at `start` ends: before a hard stop, a field word such as
 * 电话 or 收件人, or a phone-length number, and before a space unless the next word is another
 * part of the address (`北京市朝阳区建国路88号 SOHO现代城5号楼`, `文三路 90 号`).
 */
function addressEnd(data: RedactData, text: string, start: number): number {
  const limit = Math.min(text.length, start + MAX_ADDRESS_LENGTH);
  const { addressEnds, placeMarks } = data.places;
  let end = start;
  while (end < limit) {
    const char = text[end]!;
    if (HARD_STOPS.has(char) && !isRoomAfterComma(text, start, end)) break;
    if (addressEnds.some((word) => text.startsWith(word, end))) break;
    if (digitRunAt(text, end) >= PHONE_DIGITS) break;
    if (char === ' ') {
      // The words up to the line's end: a next line is another field, even one naming a place.
      const line = text.slice(end, limit).split('\n', 1)[0]!;
      const [next = '', following = ''] = line.trim().split(/ +/, 2);
      const isPart = (word: string) => placeMarks.some((mark) => word.includes(mark));
      // A house number may stand apart from its 号 (文三路 90 号).
      const spacedNumber =
        /^[0-9]{1,5}$/.test(next) && placeMarks.some((m) => following.startsWith(m));
      // So may a room number after the house number or building (8 号 1201).
      const roomNumber =
        BEFORE_ROOM.test(text.slice(start, end)) && ROOM_NUMBER.test(line.trimStart());
      const continues =
        (spacedNumber || roomNumber || isPart(next)) &&
        !/[0-9]{7}/.test(next) &&
        !addressEnds.some((word) => next.startsWith(word));
      if (!continues) break;
    }
    end++;
  }
  while (end > start && text[end - 1] === ' ') end--;
  return end;
}

/** Finds addresses after a label: `邮寄地址：北京市朝阳区建国路88号`, `寄到杭州市西湖区文三路90号`. */
function detectLabelledAddresses(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  const pattern = addressPatterns(ctx.data).labels;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const from = m.index + m[0].length;
    const separator = SEPARATOR.exec(text.slice(from, from + 8))![0];
    let start = from + separator.length;
    // A few words may come between the label and a colon (寄到我们公司：浙江省…).
    const colon = /^[\u4e00-\u9fa5]{1,6}[:][ \t]*/.exec(text.slice(start, start + 12));
    if (colon !== null) start += colon[0].length;
    const end = addressEnd(ctx.data, text, start);
    if (!looksPostal(ctx.data, text.slice(start, end))) continue;
    out.push({ start, end, type: 'ADDRESS', priority: PRIORITY.address });
    pattern.lastIndex = Math.max(pattern.lastIndex, end);
  }
}

/** Finds addresses without a label that go from a region down to a house number. */
function detectUnlabelledAddresses(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  const pattern = addressPatterns(ctx.data).unlabelled;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    // Blanks around a number are common in prose (杭州机房里 12 号机柜, 北京那边知道 8 号), so an
    // address written with them needs a district or a smaller unit before the first blank.
    const blank = m[0].search(/[ \t]/);
    if (blank !== -1 && !/[区县镇乡]/.test(m[0].slice(0, blank))) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: 'ADDRESS',
      priority: PRIORITY.address,
    });
  }
}

/**
 * Finds postal addresses: after a label such as 收件地址 or 寄到 when the value reads as an
 * address (data/redact/addresses.yaml), and without a label when a region name leads to a street
 * and a house number. Network addresses (回源地址, IP地址) are left to their own detectors.
 */
export function detectAddresses(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  // Most texts hold no label character and no house number or building, and skip the patterns.
  const { addressLabelChars } = ctx.data.places;
  if (addressLabelChars.some((char) => text.includes(char))) detectLabelledAddresses(ctx, out);
  if (/[号栋幢座]/.test(text)) detectUnlabelledAddresses(ctx, out);
}
