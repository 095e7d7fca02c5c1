import { isValidCreditCode, isValidIdCard15, isValidIdCard18, isLuhnValid } from '../checksums.js';
import { isDigit } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { RedactData } from '../data.js';
import { digitsOf, isNumberEnd, isNumberStart, matchGroups, type DigitRun } from '../digits.js';
import { PRIORITY, type Candidate } from '../types.js';

// Maximum distance in characters from the start of an ID label to the number it labels (身份证号码：).
const ID_LABEL_DISTANCE = 10;

/**
 * Finds resident ID numbers (18 characters with a check character, or 15 digits). A number that
 * fails its check counts too when an ID label comes just before it (身份证号 110105198001011234),
 * because a mistyped digit leaves the rest of the number as personal as before.
 */
export function detectIdCards(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  const runs = ctx.digitRuns();
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    const length = run.end - run.start;
    let end = -1;
    if (length === 18 || length === 15) {
      end = run.end;
    } else if (length === 17 && (text[run.end] === 'X' || text[run.end] === 'x')) {
      end = run.end + 1;
    } else if (length === 6 || length === 4 || length === 3) {
      end = groupedIdCardEnd(text, runs, i);
    }
    if (end === -1 || !isNumberStart(text, run.start) || !isNumberEnd(text, end)) continue;

    const value = digitsOf(text.slice(run.start, end)) + (/[Xx]$/.test(text[end - 1]) ? 'X' : '');
    const valid = value.length === 15 ? isValidIdCard15(value) : isValidIdCard18(value);
    // An order label nearer the number names it instead (身份证过期了，订单 1101…).
    const labelled =
      !valid &&
      ctx.hasWordBefore(ctx.data.context.idCardLabels, run.start, ID_LABEL_DISTANCE) &&
      !ctx.hasWordBefore(ctx.data.context.numberLabels, run.start, ID_LABEL_DISTANCE);
    if (valid || labelled) {
      out.push({ start: run.start, end, type: 'ID_CARD', priority: PRIORITY.idCard });
    }
  }
}

// Group lengths of ID numbers written with spaces or dashes: by meaning (region, birth date,
// sequence) or in fours, as a card number is.
const ID_GROUPINGS: ReadonlyArray<readonly number[]> = [
  [6, 8, 4],
  [6, 4, 4, 4],
  [6, 12],
  [4, 4, 4, 4, 2],
  [3, 3, 3, 3, 3, 3],
];

// The same groupings with the last group one digit short, for a check character X after it.
const ID_GROUPINGS_BEFORE_X = ID_GROUPINGS.map((groups) => [
  ...groups.slice(0, -1),
  groups[groups.length - 1]! - 1,
]);

/** End of an ID number written in groups (110101 19900307 123X, 1101 0119 9003 0712 3X), or -1. */
function groupedIdCardEnd(text: string, runs: readonly DigitRun[], index: number): number {
  for (let grouping = 0; grouping < ID_GROUPINGS.length; grouping++) {
    const groups = ID_GROUPINGS[grouping]!;
    const last = groups.length - 1;
    if (matchGroups(text, runs, index, groups) === groups.length) return runs[index + last]!.end;
    if (matchGroups(text, runs, index, ID_GROUPINGS_BEFORE_X[grouping]!) === groups.length) {
      const end = runs[index + last]!.end;
      if (text[end] === 'X' || text[end] === 'x') return end + 1;
    }
  }
  return -1;
}

// Card prefixes that are safe without a context word: Visa, Mastercard 51-55, UnionPay 62,
// Chinese domestic debit cards (60, 65, 9), JCB 35.
const CARD_PREFIX = /^(?:4|5[1-5]|62|60|65|9|35)/;

/** End of a card number written in groups of four (6222 0212 3456 7890 123), or -1. */
function groupedCardEnd(text: string, runs: readonly DigitRun[], index: number): number {
  if (matchGroups(text, runs, index, [4, 4, 4, 4]) !== 4) return -1;
  let end = runs[index + 3].end;
  const last = runs[index + 4];
  const separator = text[runs[index].end];
  if (last !== undefined && last.start === end + 1 && text[end] === separator) {
    const length = last.end - last.start;
    if (length > 3) return -1;
    end = last.end;
  }
  return end;
}

/** Finds bank card numbers of 16 to 19 digits that pass the Luhn check. */
export function detectBankCards(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  const runs = ctx.digitRuns();
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    const length = run.end - run.start;
    const end = length >= 16 && length <= 19 ? run.end : groupedCardEnd(text, runs, i);
    if (end === -1 || !isNumberStart(text, run.start) || !isNumberEnd(text, end)) continue;

    const digits = digitsOf(text.slice(run.start, end));
    if (digits.length < 16 || digits.length > 19 || !isLuhnValid(digits)) continue;
    const hinted = ctx.hasWordBefore(ctx.data.context.bankCardHints, run.start, 16);
    if (!hinted && !CARD_PREFIX.test(digits)) continue;
    // An order or ticket number may pass the Luhn check by chance (订单编号 6222…).
    if (!hinted && ctx.hasWordBefore(ctx.data.context.numberLabels, run.start, 8)) continue;

    out.push({ start: run.start, end, type: 'BANK_CARD', priority: PRIORITY.bankCard });
  }
  detectLabelledAccounts(ctx, out);
}

/** Words of `bankCardHints` that label a bank account, and words that name a bank branch. */
interface AccountWords {
  /** Hints that name an account (对公账户, 银行账号, 收款账号) or a bank card (银行卡号, 信用卡). */
  labels: readonly string[];
  /** Hints that name the branch an account is opened at (开户行, 开户银行). */
  branches: readonly string[];
}

const accountWords = new WeakMap<RedactData, AccountWords>();

function accountWordsOf(data: RedactData): AccountWords {
  let words = accountWords.get(data);
  if (words === undefined) {
    const hints = data.context.bankCardHints;
    words = {
      // A bare 卡号 is left out: it also labels numbers that a customer reports as invalid.
      labels: hints.filter(
        (hint) => /[账帐]/.test(hint) || /^(?:银行|信用|储蓄|借记)卡号?$/.test(hint),
      ),
      branches: hints.filter((hint) => hint.includes('开户')),
    };
    accountWords.set(data, words);
  }
  return words;
}

// Between an account label and the number: blanks or Markdown stars, a colon, `=`, 是 or 为.
const ACCOUNT_GAP = /^[ \t*]{0,3}(?:[:=]|是|为)?[ \t*]{0,3}/;
// A bare 账号 or 账户, an account number's label only after the name of a branch.
const BARE_ACCOUNT = /[账帐][号户]/g;

/**
 * End of a bank account number at `start`: 12 to 25 digits in one run, or in groups of four joined
 * by one and the same blank or dash, the last group one to four digits
 * (`1101 0200 0930 0123 456`). Returns -1 when none starts there.
 */
function accountNumberEnd(text: string, start: number): number {
  let end = start;
  while (isDigit(text.charCodeAt(end)) && end - start <= 25) end++;
  let digits = end - start;
  if (digits === 4) {
    const separator = text[end];
    while ((separator === ' ' || separator === '-') && text[end] === separator) {
      let next = end + 1;
      while (isDigit(text.charCodeAt(next)) && next - end <= 5) next++;
      const group = next - end - 1;
      if (group < 1 || group > 4) break;
      end = next;
      digits += group;
      if (group < 4) break;
    }
  }
  if (digits < 12 || digits > 25 || !isNumberEnd(text, end)) return -1;
  return end;
}

/** Emits the account number after a label that ends at `labelEnd`, if one follows. */
function emitAccountAfter(text: string, labelEnd: number, out: Candidate[]): void {
  const gap = ACCOUNT_GAP.exec(text.slice(labelEnd, labelEnd + 10));
  const start = labelEnd + (gap === null ? 0 : gap[0].length);
  if (!isDigit(text.charCodeAt(start)) || !isNumberStart(text, start)) return;
  const end = accountNumberEnd(text, start);
  if (end !== -1) out.push({ start, end, type: 'BANK_CARD', priority: PRIORITY.bankCard });
}

/** Returns whether a branch word comes before `index` on its line or on the line before. */
function hasBranchBefore(text: string, index: number, branches: readonly string[]): boolean {
  const window = text.slice(Math.max(0, index - 80), index);
  const lastBreak = window.lastIndexOf('\n');
  const previousBreak = lastBreak <= 0 ? -1 : window.lastIndexOf('\n', lastBreak - 1);
  const lines = window.slice(previousBreak + 1);
  return branches.some((word) => lines.includes(word));
}

/**
 * Finds bank account numbers after a label even when they fail the Luhn check, as corporate
 * accounts and mistyped card numbers do. The label names an account (对公账户, 银行账号, 收款账号) or
 * a bank card (银行卡, 银行卡号, 信用卡, 储蓄卡, 借记卡), or it is a
 * bare 账号 or 账户 after a branch word (开户行) on its line or the line before. A number without
 * such a label still needs the Luhn check, and one of fewer than 12 digits (a phone number) stays.
 */
function detectLabelledAccounts(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  if (text.indexOf('账') === -1 && text.indexOf('帐') === -1 && text.indexOf('卡') === -1) {
    return;
  }
  const { labels, branches } = accountWordsOf(ctx.data);
  for (const label of labels) {
    for (let at = text.indexOf(label); at !== -1; at = text.indexOf(label, at + label.length)) {
      emitAccountAfter(text, at + label.length, out);
    }
  }
  BARE_ACCOUNT.lastIndex = 0;
  for (let m = BARE_ACCOUNT.exec(text); m !== null; m = BARE_ACCOUNT.exec(text)) {
    if (hasBranchBefore(text, m.index, branches)) emitAccountAfter(text, m.index + 2, out);
  }
}

// Registration authority, entity type, six-digit region, nine-character organisation code and
// a check character. Every quantifier is fixed, so the scan is linear.
const CREDIT_CODE_PATTERN =
  /(?<![0-9A-Za-z_])[1-9ANY][1-9][0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z_])/g;

/** Finds unified social credit codes that pass the GB 32100 check. */
export function detectCreditCodes(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  CREDIT_CODE_PATTERN.lastIndex = 0;
  for (let m = CREDIT_CODE_PATTERN.exec(text); m !== null; m = CREDIT_CODE_PATTERN.exec(text)) {
    if (!isValidCreditCode(m[0])) continue;
    const end = m.index + 18;
    out.push({ start: m.index, end, type: 'CREDIT_CODE', priority: PRIORITY.creditCode });
  }
}
