import { isAsciiAlnum, isDigit } from '../chars.js';
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
// optional dot or space, and five or six letters and digits (six for new-energy plates).
const PLATE_BODY = '[A-HJ-NP-Z][·• ]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])';

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
 * Finds Chinese licence plates (京A12345, 粤B·D12345). After the city letter, every character
 * but one must be a digit, or two must be when a word such as 车牌 comes just before it: codes
 * of letters and digits after a province's abbreviation (云A1B2C3, 新SDK2024) are seldom plates.
 */
export function detectPlates(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  const pattern = documentPatterns(ctx.data).plates;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    let digits = 0;
    let body = 0;
    for (let i = 2; i < m[0].length; i++) {
      const code = m[0].charCodeAt(i);
      if (isDigit(code)) digits++;
      if (isAsciiAlnum(code)) body++;
    }
    const labelled = ctx.hasWordBefore(ctx.data.places.plateLabels, m.index, PLATE_LABEL_DISTANCE);
    if (digits < (labelled ? 2 : body - 1)) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: 'PLATE',
      priority: PRIORITY.plate,
    });
  }
}
