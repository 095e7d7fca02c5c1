// Check digits of Chinese identity numbers and of payment card numbers.

/** Province-level codes that start a resident ID number or a credit code's region part. */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

/** Returns whether a six-digit administrative division code starts with a real province code. */
export function isRegionCode(code: string): boolean {
  return /^[0-9]{6}$/.test(code) && PROVINCE_CODES.has(code.slice(0, 2));
}

/** Returns whether year, month and day form a calendar date between 1900 and 2099. */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1];
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** Check character of an 18-character resident ID number (GB 11643), from its first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

/** Returns whether `value` is an 18-character resident ID: region, birth date and check character. */
export function isValidIdCard18(value: string): boolean {
  if (!/^[0-9]{17}[0-9Xx]$/.test(value) || !isRegionCode(value.slice(0, 6))) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (!isValidDate(year, month, day)) return false;
  return idCardCheckChar(value) === value[17].toUpperCase();
}

/** Returns whether `value` is a 15-digit resident ID of the first generation: region and birth date. */
export function isValidIdCard15(value: string): boolean {
  if (!/^[0-9]{15}$/.test(value) || !isRegionCode(value.slice(0, 6))) return false;
  const year = 1900 + Number(value.slice(6, 8));
  return isValidDate(year, Number(value.slice(8, 10)), Number(value.slice(10, 12)));
}

/** Luhn check digit to append to `partial` (a card number without its last digit). */
export function luhnCheckDigit(partial: string): string {
  let sum = 0;
  for (let i = partial.length - 1, double = true; i >= 0; i--, double = !double) {
    let digit = partial.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Returns whether a digit string passes the Luhn check. */
export function isLuhnValid(digits: string): boolean {
  if (digits.length < 2) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === digits[digits.length - 1];
}

/** Characters of a unified social credit code: digits and capitals without I, O, S, V, Z. */
export const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Check character of a unified social credit code (GB 32100), or null for a bad character. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARS.indexOf(first17[i]);
    if (value === -1) return null;
    sum += value * CREDIT_WEIGHTS[i];
  }
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31];
}

/**
 * Returns whether `value` is a unified social credit code: registration authority, entity type, region
 * code and check character.
 */
export function isValidCreditCode(value: string): boolean {
  if (!/^[1-9ANY][1-9][0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return false;
  if (!isRegionCode(value.slice(2, 8))) return false;
  return creditCodeCheckChar(value) === value[17];
}
