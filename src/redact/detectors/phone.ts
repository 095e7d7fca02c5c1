import { NUMERAL_CHARS, numeralDigits } from '../canonical.js';
import { isDigit } from '../chars.js';
import type { ScanContext } from '../context.js';
import { isNumberEnd, isNumberStart, matchGroups, type DigitRun } from '../digits.js';
import { CONTACT_TYPES, PRIORITY, type Candidate, type EntityType } from '../types.js';

// An international prefix written before a number: +86, 0086, (+86), (86), with an optional
// space or dash after it.
const COUNTRY_PREFIX = /(?:\+86|0086|\(\+?86\))[ -]?$/;

function isMobileStart(text: string, index: number): boolean {
  const second = text.charCodeAt(index + 1);
  return text.charCodeAt(index) === 49 && second >= 51 && second <= 57;
}

/**
 * Start of the number including an international prefix written before `start`, and the `+` of
 * a number written with its country code and no blank (+8613912345678).
 */
function withCountryPrefix(text: string, start: number): number {
  if (text[start - 1] === '+' && text.startsWith('86', start)) return start - 1;
  const before = text.slice(Math.max(0, start - 7), start);
  const match = COUNTRY_PREFIX.exec(before);
  return match === null ? start : start - match[0].length;
}

/** Returns the end of a mobile number starting at run `index`, or -1 when there is none. */
function mobileEnd(text: string, runs: readonly DigitRun[], index: number): number {
  const run = runs[index];
  const length = run.end - run.start;
  if (length === 11 && isMobileStart(text, run.start)) return run.end;
  if (length === 13 && text.startsWith('86', run.start) && isMobileStart(text, run.start + 2)) {
    return run.end;
  }
  if (length === 15 && text.startsWith('0086', run.start) && isMobileStart(text, run.start + 4)) {
    return run.end;
  }
  // 138 0013 8000 and 138-0013-8000, but not three groups of a longer grouped number
  if (length === 3 && isMobileStart(text, run.start)) {
    if (matchGroups(text, runs, index, [3, 4, 4]) !== 3) return -1;
    const end = runs[index + 2].end;
    const separator = text[run.end];
    const continues = text[end] === separator && isDigit(text.charCodeAt(end + 1));
    const continued =
      text[run.start - 1] === separator &&
      isDigit(text.charCodeAt(run.start - 2)) &&
      withCountryPrefix(text, run.start) === run.start;
    return continues || continued ? -1 : end;
  }
  return -1;
}

// Characters that may join the groups of a mobile number written in groups other than 3-4-4
// (138 00138000, 13800-138000, 138.0013.8000).
const GROUP_SEPARATORS = ' -.';

// Words that label a phone number. A mobile number in groups other than 3-4-4, or in Chinese
// numerals, counts only a few characters after one of these, because such digits also occur in
// tables, logs and prose.
const PHONE_LABELS = [
  '手机',
  '电话',
  '号码',
  '手機',
  '電話',
  '號碼',
  '拨',
  '联系方式',
  '联系我',
  '来电',
  '致电',
  '拨打',
  '打我',
  '回电',
  '短信',
  'phone',
  'Phone',
  'mobile',
  'Mobile',
  'Tel',
  'tel',
];

// Maximum distance from the start of a phone label to the number after it (手机号码：, 电话是).
const PHONE_LABEL_DISTANCE = 10;

// Maximum distance from the end of other contact data on the same line to a number in a list of
// contacts (备用 13912345678，还有个一五九八七六五四三二三).
const CONTACT_LIST_DISTANCE = 20;

// Words starting shortly after a number that ask to call it or name it a phone number
// (一五九八七六五四三二三 也能打, 一八九二三四五六七八零 这个号码能打通, … 是我手机).
const CALL_WORDS_AFTER = [
  '能打',
  '可以打',
  '随时打',
  '打这个',
  '联系',
  '拨打',
  '呼叫',
  '这个号',
  '手机',
  '电话',
  '同号',
];
const CALL_WORD_DISTANCE = 8;
const LONGEST_CALL_WORD = Math.max(...CALL_WORDS_AFTER.map((word) => word.length));

// A mobile number in dotted groups of 3, 4 and 4, which needs no context (158.2345.6789).
const DOTTED_344 = /^1[3-9][0-9]\.[0-9]{4}\.[0-9]{4}$/;

/**
 * Returns whether the neighbours of the number at [start, end) show a phone number. One of them
 * must be a phone label just before it, other contact data shortly before it on its line (found
 * in this pass or replaced earlier), or a call word shortly after it.
 */
function hasPhoneContext(
  ctx: ScanContext,
  out: readonly Candidate[],
  start: number,
  end: number,
): boolean {
  if (ctx.hasWordBefore(PHONE_LABELS, start, PHONE_LABEL_DISTANCE)) return true;
  const near = (span: { start: number; end: number; type: EntityType | null }) =>
    span.type !== null &&
    CONTACT_TYPES.has(span.type) &&
    span.end <= start &&
    start - span.end <= CONTACT_LIST_DISTANCE &&
    !ctx.text.slice(span.end, start).includes('\n');
  if (out.some(near) || ctx.placeholders.some(near)) return true;
  // A word counts when it starts within the distance, so the window also contains the rest of the
  // longest word.
  const after = ctx.text.slice(end, end + CALL_WORD_DISTANCE + LONGEST_CALL_WORD - 1);
  return CALL_WORDS_AFTER.some((word) => {
    const at = after.indexOf(word);
    return at !== -1 && at < CALL_WORD_DISTANCE;
  });
}

// A hyphen between blanks, which some write between the groups of a phone number.
const SPACED_HYPHEN = ' - ';

/**
 * Returns the end of a mobile number from run `index` written in two or three groups of two or
 * more digits joined by one and the same separator of `GROUP_SEPARATORS` or `SPACED_HYPHEN`
 * (138 00138000, 13800 138000, 138.0013.8000, 138 - 1234 - 9876), or -1. As for 3-4-4, no
 * further group may continue the number through that separator on either side.
 */
function groupedMobileEnd(text: string, runs: readonly DigitRun[], index: number): number {
  const first = runs[index];
  if (first.end - first.start < 2 || !isMobileStart(text, first.start)) return -1;
  const second = runs[index + 1];
  if (second === undefined) return -1;
  // One separator character, or a hyphen between blanks (138 - 1234 - 9876).
  const separator = text.slice(first.end, second.start);
  if (
    separator !== SPACED_HYPHEN &&
    !(separator.length === 1 && GROUP_SEPARATORS.includes(separator))
  ) {
    return -1;
  }

  let digits = first.end - first.start;
  let last = index;
  while (digits < 11 && last - index < 2) {
    const next = runs[last + 1];
    if (next === undefined || next.start !== runs[last].end + separator.length) return -1;
    if (!text.startsWith(separator, runs[last].end) || next.end - next.start < 2) return -1;
    digits += next.end - next.start;
    last++;
  }
  if (digits !== 11 || last === index) return -1;
  // Two groups joined by a dot are a decimal number (耗时 13.482915307 秒).
  if (separator === '.' && last - index < 2) return -1;

  const end = runs[last].end;
  const continues =
    text.startsWith(separator, end) && isDigit(text.charCodeAt(end + separator.length));
  const before = first.start - separator.length;
  const continued =
    text.startsWith(separator, before) &&
    isDigit(text.charCodeAt(before - 1)) &&
    withCountryPrefix(text, first.start) === first.start;
  return continues || continued ? -1 : end;
}

// Characters that may separate the digits of a number written digit by digit (1 3 8 0 …,
// 1-3-8-0 …, 1.3.8.0 …, 1_3_8 …, 1·3·8 …). A comma is left out, because it separates the items of a list.
const SPACED_SEPARATORS = ' \t-._\u00b7';

// Maximum length of the gap between two digits of a number written digit by digit
// (`1 - 3` has a gap of three).
const MAX_SPACED_GAP = 3;

/** Returns whether `gap` may join two digits of a number written digit by digit. */
function isSpacedGap(gap: string): boolean {
  if (gap.length === 0 || gap.length > MAX_SPACED_GAP) return false;
  for (let i = 0; i < gap.length; i++) {
    if (!SPACED_SEPARATORS.includes(gap[i])) return false;
  }
  return true;
}

/**
 * Returns the end of a mobile number written digit by digit from run `index`
 * (`1 3 8 0 0 1 3 8 0 0 0`), or -1. Its eleven digits must be joined by one and the same gap,
 * and no digit may continue the sequence through that gap on either side, so a row of single
 * digits longer than a phone number stays.
 */
function spacedMobileEnd(text: string, runs: readonly DigitRun[], index: number): number {
  const first = runs[index];
  const second = runs[index + 1];
  if (second === undefined || second.end - second.start !== 1) return -1;
  const gap = text.slice(first.end, second.start);
  if (!isSpacedGap(gap)) return -1;

  const last = index + 10;
  if (last >= runs.length) return -1;
  for (let k = index + 1; k <= last; k++) {
    const run = runs[k];
    if (run.end - run.start !== 1) return -1;
    if (run.start - runs[k - 1].end !== gap.length) return -1;
    if (!text.startsWith(gap, runs[k - 1].end)) return -1;
  }

  const previous = runs[index - 1];
  const continued =
    previous !== undefined &&
    previous.end - previous.start === 1 &&
    previous.end + gap.length === first.start &&
    text.startsWith(gap, previous.end);
  const next = runs[last + 1];
  const continues =
    next !== undefined &&
    runs[last].end + gap.length === next.start &&
    text.startsWith(gap, runs[last].end);
  return continued || continues ? -1 : runs[last].end;
}

/**
 * Returns whether a number written digit by digit that starts at `start` sits in a bracket
 * without a contact word before it, as a row of program output does (`[1 3 8 0 0 1 3 8 0 0 0]`).
 */
function isBracketedRow(ctx: ScanContext, start: number): boolean {
  const before = ctx.text.charCodeAt(start - 1);
  if (before !== 40 && before !== 91 && before !== 123) return false;
  return !ctx.hasWordBefore(ctx.data.context.contactWords, start - 1, 10);
}

/**
 * Finds mainland mobile numbers, with or without +86/0086, with spaces or dashes, and written
 * digit by digit (`1 3 8 0 0 1 3 8 0 0 0`). In a phone context (see {@link hasPhoneContext})
 * other groupings count too (`电话：138 00138000`, `手机号码 138.0013.8000`).
 */
export function detectMobiles(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  const runs = ctx.digitRuns();
  for (let i = 0; i < runs.length; i++) {
    let end = mobileEnd(text, runs, i);
    let grouped = false;
    if (end === -1) {
      end = groupedMobileEnd(text, runs, i);
      grouped = end !== -1;
    }
    // Cheap test first: a lone 1 with a digit of 3 to 9 a short gap later.
    let spaced = false;
    if (end === -1 && runs[i].end - runs[i].start === 1 && text.charCodeAt(runs[i].start) === 49) {
      const next = runs[i + 1];
      if (next !== undefined && next.start - runs[i].end <= MAX_SPACED_GAP) {
        const second = text.charCodeAt(next.start);
        if (second >= 51 && second <= 57) {
          end = spacedMobileEnd(text, runs, i);
          spaced = end !== -1;
        }
      }
    }
    if (end === -1) continue;

    const start = withCountryPrefix(text, runs[i].start);
    if (!isNumberStart(text, start) || !isNumberEnd(text, end)) continue;
    if (ctx.hasWordBefore(ctx.data.context.numberLabels, start, 8)) continue;
    if (spaced && isBracketedRow(ctx, start)) continue;
    if (
      grouped &&
      !DOTTED_344.test(text.slice(start, end)) &&
      !hasPhoneContext(ctx, out, start, end)
    ) {
      continue;
    }
    if (!spaced && !grouped && isQuantity(ctx, start, end)) continue;

    out.push({ start, end, type: 'PHONE', priority: PRIORITY.phone });
  }
}

// A unit right after a number: the number is a size, a count or a duration, not a phone number
// (总流量 13958643712 字节, 共请求 18612345678 次, 150 2000 3000 Mbps).
const UNIT_AFTER = /^[ \t]?(?:字节|次|个|条|秒|毫秒|元|bytes?\b|[KMGT]i?B\b|[KMG]bps\b|ms\b|s\b)/i;

// A number that is the bare value of a JSON key is a size or a count. A phone number is written
// as a string there, or under a key that names it.
const JSON_NUMBER_KEY = /"([A-Za-z_]+)"[ \t]*:[ \t]*$/;

/** Returns whether the number at [start, end) is a quantity by the unit after it or its JSON key. */
function isQuantity(ctx: ScanContext, start: number, end: number): boolean {
  const text = ctx.text;
  if (UNIT_AFTER.test(text.slice(end, end + 6))) return !ctx.hasWordBefore(PHONE_LABELS, start, 10);
  const key = JSON_NUMBER_KEY.exec(text.slice(Math.max(0, start - 40), start));
  return key !== null && !/phone|mobile|tel/i.test(key[1]!);
}

// 1 for the code unit of every Chinese numeral, the financial forms (壹贰叁) and 幺 for one
// included, and 2 for an ASCII digit, which may appear among them (158 七六五四 三二一九).
const IS_NUMERAL = new Uint8Array(0x10000);
for (const char of NUMERAL_CHARS) IS_NUMERAL[char.charCodeAt(0)] = 1;
for (let digit = 48; digit <= 57; digit++) IS_NUMERAL[digit] = 2;

// The characters for one, Chinese and ASCII, with which a mobile number starts. Searching for
// them with indexOf is cheaper than testing every character of a text.
const NUMERAL_ONES = ['一', '壹', '幺', '1'];

// Characters that may group the numerals of a number (一八六 一二三四 五六七八, 一五八.七六五四.三二一九,
// 一五九·八七六五·四三二一, 一五九，八七六五，四三二一), and the longest run of them between two groups
// (一五九  八七六五).
const NUMERAL_GROUPING = new Set([' ', '\u3000', '-', '.', '·', '—', '，', ',']);
const MAX_GROUPING_RUN = 2;

/**
 * Returns the end of eleven numerals or digits from `start`, grouping characters between them
 * allowed, or -1 when the run has more or fewer of them or no Chinese numeral at all: a number
 * of ASCII digits alone is left to {@link detectMobiles}.
 */
function numeralRunEnd(text: string, start: number): number {
  let numerals = 0;
  let chinese = false;
  let at = start;
  while (at < text.length) {
    const kind = IS_NUMERAL[text.charCodeAt(at)];
    if (kind !== 0) {
      numerals++;
      if (kind === 1) chinese = true;
      at++;
      if (numerals > 11) return -1;
      continue;
    }
    if (numerals >= 11) break;
    let gap = 0;
    while (gap < MAX_GROUPING_RUN && NUMERAL_GROUPING.has(text[at + gap] ?? '')) gap++;
    if (gap === 0 || at + gap >= text.length || IS_NUMERAL[text.charCodeAt(at + gap)] === 0) break;
    at += gap;
  }
  return numerals === 11 && chinese ? at : -1;
}

/**
 * Finds mobile numbers written in Chinese numerals (`新号码 一三七零零零一二三四五`,
 * `电话是幺三八零零幺三八零零零`, `手机号 壹叁捌零零壹叁捌零零零`, `电话 一八六 一二三四 五六七八`). The run
 * must be exactly eleven numerals that spell 1[3-9]…, and single blanks or dashes may group them.
 * Runs of numerals also occur in prose, so the run must have a phone context (see
 * {@link hasPhoneContext}).
 */
export function detectNumeralMobiles(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  for (const numeralOne of NUMERAL_ONES) {
    for (
      let start = text.indexOf(numeralOne);
      start !== -1;
      start = text.indexOf(numeralOne, start + 1)
    ) {
      if (start > 0 && IS_NUMERAL[text.charCodeAt(start - 1)] !== 0) continue;
      const end = numeralRunEnd(text, start);
      if (end === -1) continue;
      const numerals = [...text.slice(start, end)]
        .filter((char) => IS_NUMERAL[char.charCodeAt(0)] !== 0)
        .join('');
      if (!/^1[3-9]/.test(numeralDigits(numerals.slice(0, 2)))) continue;
      if (!hasPhoneContext(ctx, out, start, end)) continue;
      if (ctx.hasWordBefore(ctx.data.context.numberLabels, start, 8)) continue;
      out.push({ start, end, type: 'PHONE', priority: PRIORITY.phone });
    }
  }
}

/** Allowed lengths of the local number after an area code; empty for an invalid area code. */
function localLengths(area: string): readonly number[] {
  if (area === '010' || /^02[0-9]$/.test(area)) return [8];
  if (/^0[3-9][0-9]{2}$/.test(area)) return [7, 8];
  return [];
}

function isLocalNumber(text: string, run: DigitRun, lengths: readonly number[]): boolean {
  const first = text.charCodeAt(run.start);
  return lengths.includes(run.end - run.start) && first >= 50 && first <= 57;
}

// A Chinese extension word may stand between blanks (转 8001, 分机 8001), as ext does.
const EXTENSION = /^(?:-|#|[ \t]?(?:转|分机号?)[ \t]?|\s?(?:ext|EXT|Ext)\.?\s?)([0-9]{1,6})/;

/** End of an extension written after a landline number (-8001, 转 8001, 分机8001, ext 8001, #8001). */
function extensionEnd(text: string, end: number): number {
  const match = EXTENSION.exec(text.slice(end, end + 12));
  if (match === null) return end;
  const extended = end + match[0].length;
  return isNumberEnd(text, extended) ? extended : end;
}

/** Returns whether the local number split in two groups (8888-8888, 888 8888) starts at run `index`. */
function isSplitLocalNumber(
  text: string,
  runs: readonly DigitRun[],
  index: number,
  lengths: readonly number[],
): boolean {
  const first = runs[index];
  const second = runs[index + 1];
  if (second === undefined || second.end - second.start !== 4) return false;
  const firstLength = first.end - first.start;
  if (firstLength < 3 || firstLength > 4 || !lengths.includes(firstLength + 4)) return false;
  const separator = text[first.end];
  const leading = text.charCodeAt(first.start);
  return (
    second.start === first.end + 1 && (separator === '-' || separator === ' ') && leading >= 50
  );
}

/**
 * Index of the last run of the local number after area-code run `index` (the local number
 * may be split in two groups), or -1 when no local number follows.
 */
function localRunAfter(
  text: string,
  runs: readonly DigitRun[],
  index: number,
  area: string,
): number {
  const lengths = localLengths(area);
  const areaRun = runs[index];
  const next = runs[index + 1];
  if (lengths.length === 0 || next === undefined) return -1;
  let last: number;
  if (isLocalNumber(text, next, lengths)) last = index + 1;
  else if (isSplitLocalNumber(text, runs, index + 1, lengths)) last = index + 2;
  else return -1;

  const gap = text.slice(areaRun.end, next.start);
  // The area code in brackets, (010) 62345678, or the whole number, (010-62345678).
  const closesParen = text.charCodeAt(areaRun.start - 1) === 40 && gap.startsWith(')');
  if (closesParen) return /^\) ?$/.test(gap) ? last : -1;
  return gap === '-' || gap === ' ' ? last : -1;
}

/** Finds landline numbers with an area code, optionally with an extension. */
export function detectLandlines(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  const runs = ctx.digitRuns();
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    if (text.charCodeAt(run.start) !== 48) {
      detectInternationalLandline(ctx, runs, i, out);
      continue;
    }

    let start = run.start;
    let end = -1;
    const length = run.end - run.start;
    const area = text.slice(run.start, run.end);
    const local = localRunAfter(text, runs, i, area);
    if (local !== -1) {
      end = runs[local].end;
      if (text.charCodeAt(run.start - 1) === 40 && text[run.end] === ')') start = run.start - 1;
    } else if (length >= 10 && length <= 12) {
      // An invoice code or order number of this shape is no landline (发票代码 044032200111).
      const labelled = ctx.hasWordBefore(ctx.data.context.numberLabels, run.start, 8);
      if (!labelled) end = contiguousLandlineEnd(text, run);
    }
    if (end === -1 || !isNumberStart(text, start)) continue;

    end = extensionEnd(text, end);
    if (!isNumberEnd(text, end)) continue;
    out.push({ start, end, type: 'LANDLINE', priority: PRIORITY.landline });
  }
}

/** Returns the end of a landline written without separators (01012345678), or -1. */
function contiguousLandlineEnd(text: string, run: DigitRun): number {
  const digits = text.slice(run.start, run.end);
  for (const areaLength of [3, 4]) {
    const lengths = localLengths(digits.slice(0, areaLength));
    const local = digits.slice(areaLength);
    if (lengths.includes(local.length) && local.charCodeAt(0) >= 50) return run.end;
  }
  return -1;
}

/**
 * Finds a landline written with +86 and no leading zero (+86 10 12345678, +86-755-12345678,
 * +86 (21) 5888 6666).
 */
function detectInternationalLandline(
  ctx: ScanContext,
  runs: readonly DigitRun[],
  index: number,
  out: Candidate[],
): void {
  const text = ctx.text;
  const run = runs[index];
  const bracketed = text[run.start - 1] === '(' && text[run.end] === ')';
  const areaStart = bracketed ? run.start - 1 : run.start;
  const start = withCountryPrefix(text, areaStart);
  if (start === areaStart) return;

  const area = '0' + text.slice(run.start, run.end);
  const local = localRunAfter(text, runs, index, area);
  if (local === -1 || !isNumberStart(text, start)) return;

  const end = extensionEnd(text, runs[local].end);
  if (!isNumberEnd(text, end)) return;
  out.push({ start, end, type: 'LANDLINE', priority: PRIORITY.landline });
}
