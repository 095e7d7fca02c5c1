import { isAsciiAlnum, isDigit, isHan } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { RedactData } from '../data.js';
import { PRIORITY, type Candidate } from '../types.js';
import { wordAlternation } from '../../shared/regexp.js';

// After a passport label: the dot of `no.`, 号码 or 号, a colon, `=`, 是 or 为, with spaces
// (护照号：E12345678, passport no. G12345678).
const PASSPORT_SEPARATOR = /^\.?[ \t]{0,3}(?:号码|号)?[ \t]{0,3}(?:[:=]|是|为)?[ \t]{0,3}/;

// A passport or travel-permit number: up to two letters and seven to nine digits (E12345678,
// EA1234567, C12345678 for a Hong Kong and Macao permit, 12345678 for a Taiwan compatriot permit).
const PASSPORT_NUMBER = /^[A-Za-z]{0,2}[0-9]{7,9}(?![0-9A-Za-z])/;

// Characters of a plate after the province: a letter of the issuing city (no I or O), an
// optional dot or space, and five or six letters and digits (six for new-energy plates). The
// group is the part after the city letter.
const PLATE_BODY = '[A-HJ-NP-Z][·• ]?([A-HJ-NP-Z0-9]{5,6})(?![A-Za-z0-9])';

// A plate with a dot or a space after the province (京 A 12345, 京·A12345), matched from that
// separator. The province before it is checked in code, because a pattern with an optional
// character after the province class scanned the sample archive about ten times slower on
// Node 20.20.
const SEPARATED_PLATE = new RegExp(`[·• ]${PLATE_BODY}`, 'g');

// A plate label this close before a plate lets it have fewer digits.
const PLATE_LABEL_DISTANCE = 8;

interface DocumentPatterns {
  passportLabels: RegExp;
  plates: RegExp;
}

const patterns = new WeakMap<RedactData, DocumentPatterns>();

function documentPatterns(data: RedactData): DocumentPatterns {
  let built = patterns.get(data);
  if (built === undefined) {
    built = {
      passportLabels: new RegExp(wordAlternation(data.places.passportLabels), 'gi'),
      plates: new RegExp(`(?<![A-Za-z0-9])[${data.places.plateProvinces}]${PLATE_BODY}`, 'g'),
    };
    patterns.set(data, built);
  }
  return built;
}

/**
 * Finds passport and travel-permit numbers after a label (护照号：E12345678, passport no.
 * G12345678, 台胞证 12345678). An ASCII label must be a whole word.
 */
export function detectPassports(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  const pattern = documentPatterns(ctx.data).passportLabels;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const from = m.index + m[0].length;
    const asciiLabel = isAsciiAlnum(text.charCodeAt(m.index));
    const touching =
      isAsciiAlnum(text.charCodeAt(m.index - 1)) || isAsciiAlnum(text.charCodeAt(from));
    if (asciiLabel && touching) continue;

    const rest = text.slice(from, from + 32);
    const separator = PASSPORT_SEPARATOR.exec(rest)![0];
    const number = PASSPORT_NUMBER.exec(rest.slice(separator.length));
    if (number === null) continue;

    const start = from + separator.length;
    out.push({
      start,
      end: start + number[0].length,
      type: 'PASSPORT',
      priority: PRIORITY.passport,
    });
  }
}

/**
 * Emits the plate from `start` to `end` unless it reads as a code. Every character of `body`,
 * the part after the city letter, but one must be a digit. With a word such as 车牌 just before,
 * two digits are enough. Codes of letters and digits after a province's abbreviation (云A1B2C3,
 * 新SDK2024) are seldom plates. A blank after the province needs the label too when the province
 * character ends a Chinese word (阿里云 A 12345, 更新 B 20240).
 */
function emitPlate(
  ctx: ScanContext,
  start: number,
  end: number,
  body: string,
  blankAfterProvince: boolean,
  out: Candidate[],
): void {
  // Six characters make a new-energy plate, whose first or last is D or F (粤B·D12345). Six
  // digits after a province and a letter are a stock code or a number (沪A 600519).
  if (body.length === 6 && !/^[DF]|[DF]$/.test(body)) return;
  let digits = 0;
  for (let i = 0; i < body.length; i++) {
    if (isDigit(body.charCodeAt(i))) digits++;
  }
  const labelled = ctx.hasWordBefore(ctx.data.places.plateLabels, start, PLATE_LABEL_DISTANCE);
  if (digits < (labelled ? 2 : body.length - 1)) return;
  if (blankAfterProvince && isHan(ctx.text.charCodeAt(start - 1)) && !labelled) return;
  out.push({ start, end, type: 'PLATE', priority: PRIORITY.plate });
}

/**
 * Finds Chinese licence plates (京A12345, 粤B·D12345, 京A 12345), also with a dot or a space
 * after the province (京 A 12345, 京·A12345).
 */
export function detectPlates(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  const pattern = documentPatterns(ctx.data).plates;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    emitPlate(ctx, m.index, m.index + m[0].length, m[1], false, out);
  }

  const provinces = ctx.data.places.plateProvinces;
  SEPARATED_PLATE.lastIndex = 0;
  for (let m = SEPARATED_PLATE.exec(text); m !== null; m = SEPARATED_PLATE.exec(text)) {
    const start = m.index - 1;
    if (start < 0 || !provinces.includes(text[start])) continue;
    if (isAsciiAlnum(text.charCodeAt(start - 1))) continue;
    emitPlate(ctx, start, m.index + m[0].length, m[1], text[m.index] === ' ', out);
  }
}
