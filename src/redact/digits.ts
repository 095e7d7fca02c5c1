import { isDigit, isWordChar } from './chars.js';

/** A maximal run of ASCII digits. */
export interface DigitRun {
  start: number;
  end: number;
}

const DIGIT_RUN = /[0-9]+/g;

/** Finds every maximal run of ASCII digits, in text order. */
export function findDigitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  DIGIT_RUN.lastIndex = 0;
  for (let m = DIGIT_RUN.exec(text); m !== null; m = DIGIT_RUN.exec(text)) {
    runs.push({ start: m.index, end: m.index + m[0].length });
  }
  return runs;
}

/**
 * Returns whether a number may start at `start`: the character before is no ASCII letter, digit or
 * underscore, and no `.` or `-` that continues a number (`1.5`, `12-34`). Chinese characters
 * count as a boundary, which `\b` would not allow (`手机13800138000`).
 */
export function isNumberStart(text: string, start: number): boolean {
  const before = text.charCodeAt(start - 1);
  if (isWordChar(before)) return false;
  if ((before === 46 || before === 45) && isDigit(text.charCodeAt(start - 2))) return false;
  return true;
}

/** Returns whether a number may end at `end`; the mirror of isNumberStart. */
export function isNumberEnd(text: string, end: number): boolean {
  const after = text.charCodeAt(end);
  if (isWordChar(after)) return false;
  if ((after === 46 || after === 45) && isDigit(text.charCodeAt(end + 1))) return false;
  return true;
}

/**
 * Counts the runs, starting at `runs[index]`, whose lengths match `lengths` and that are joined
 * by one and the same separator character (a space or `-`). Returns the number of runs matched,
 * which is `lengths.length` on success.
 */
export function matchGroups(
  text: string,
  runs: readonly DigitRun[],
  index: number,
  lengths: readonly number[],
): number {
  let separator = -1;
  for (let k = 0; k < lengths.length; k++) {
    const run = runs[index + k];
    if (run === undefined || run.end - run.start !== lengths[k]) return k;
    if (k === 0) continue;
    const previous = runs[index + k - 1];
    if (run.start !== previous.end + 1) return k;
    const code = text.charCodeAt(previous.end);
    if (code !== 32 && code !== 45) return k;
    if (separator === -1) separator = code;
    if (code !== separator) return k;
  }
  return lengths.length;
}

/** Strips everything but ASCII digits. */
export function digitsOf(value: string): string {
  return value.replace(/[^0-9]/g, '');
}
