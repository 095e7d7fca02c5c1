import { isValidCreditCode, isValidIdCard15, isValidIdCard18, isLuhnValid } from '../checksums.js';
import type { ScanContext } from '../context.js';
import { digitsOf, isNumberEnd, isNumberStart, matchGroups, type DigitRun } from '../digits.js';
import { PRIORITY, type Candidate } from '../types.js';

/** Finds resident ID numbers (18 characters with a check character, or 15 digits). */
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
    if (valid) out.push({ start: run.start, end, type: 'ID_CARD', priority: PRIORITY.idCard });
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

/** End of an ID number written in groups (110101 19900307 123X, 1101 0119 9003 0712 3X), or -1. */
function groupedIdCardEnd(text: string, runs: readonly DigitRun[], index: number): number {
  for (const groups of ID_GROUPINGS) {
    const last = groups.length - 1;
    if (matchGroups(text, runs, index, groups) === groups.length) return runs[index + last]!.end;
    // The last group one digit short, with the check character X after it.
    const withX = [...groups.slice(0, last), groups[last]! - 1];
    if (matchGroups(text, runs, index, withX) === groups.length) {
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

    out.push({ start: run.start, end, type: 'BANK_CARD', priority: PRIORITY.bankCard });
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
