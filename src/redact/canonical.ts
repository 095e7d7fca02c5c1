import type { EntityType } from './types.js';

const COUNTRY_PREFIX = /^\(?(?:\+86|0086|86)\)?[ -]?/;

// The digit of each Chinese numeral, with the financial forms and 幺, which means one in spoken
// phone numbers.
const NUMERAL_DIGITS: Readonly<Record<string, string>> = {
  零: '0',
  〇: '0',
  一: '1',
  壹: '1',
  幺: '1',
  二: '2',
  贰: '2',
  三: '3',
  叁: '3',
  四: '4',
  肆: '4',
  五: '5',
  伍: '5',
  六: '6',
  陆: '6',
  七: '7',
  柒: '7',
  八: '8',
  捌: '8',
  九: '9',
  玖: '9',
};

/** Every Chinese numeral that `numeralDigits` reads. */
export const NUMERAL_CHARS = Object.keys(NUMERAL_DIGITS).join('');

const NUMERAL = new RegExp(`[${NUMERAL_CHARS}]`, 'g');

/** Replaces each Chinese numeral in `value` with its ASCII digit (`幺三八` gives `138`). */
export function numeralDigits(value: string): string {
  return value.replace(NUMERAL, (char) => NUMERAL_DIGITS[char]);
}

// An @ or a dot spelled out to dodge spam filters (zhangwei [at] example [dot] com, zhangwei 艾特
// example.com, zhangwei at example dot com), and the # an e-mail label may stand before. A
// Chinese input method types 。 for a dot (12345678@qq。com).
const SPELLED_AT = /\s*(?:[[({<] ?at ?[\])}>]|#|艾特)\s*|\s+at\s+/;
const SPELLED_DOT = /\s*[[({<] ?(?:dot|\.) ?[\])}>]\s*|\s+dot\s+|。/g;

// Leading zeros of a zero-padded IPv4 octet (203.0.113.045).
const PADDED_OCTET = /(^|[.。])0+(?=[0-9])/g;

/**
 * Canonical form of a detected value, so that the same value written differently gets the same
 * placeholder: a phone number with or without +86 and spaces or in Chinese numerals, an e-mail
 * address in any case or with its @ spelled out, an IPv4 address with Chinese full stops or
 * zero-padded octets.
 */
export function canonicalKey(type: EntityType, value: string): string {
  switch (type) {
    case 'PHONE':
      return numeralDigits(value)
        .replace(/[^0-9]/g, '')
        .slice(-11);
    case 'LANDLINE': {
      const international = COUNTRY_PREFIX.exec(value);
      const local = international === null ? value : '0' + value.slice(international[0].length);
      return local.replace(/[^0-9]/g, '');
    }
    case 'QQ':
    case 'BANK_CARD':
      return value.replace(/[^0-9]/g, '');
    case 'ID_CARD':
    case 'CREDIT_CODE':
    case 'PASSPORT':
      return value.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
    case 'EMAIL': {
      // A written @ stays the separator: # may be part of a local name (a#b@example.com).
      const lower = value.toLowerCase();
      const withAt = lower.includes('@') ? lower : lower.replace(SPELLED_AT, '@');
      return withAt.replace(SPELLED_DOT, '.');
    }
    case 'IP':
      if (value.includes(':')) return value.toLowerCase();
      return value.replace(PADDED_OCTET, '$1').replace(/。/g, '.');
    case 'DOMAIN':
    case 'WECHAT':
    case 'USER':
      // Windows ignores the case of account names: C:\Users\YaoQi is c:\users\yaoqi.
      return value.toLowerCase();
    case 'PLATE':
      return value.replace(/[·•\s]/g, '').toUpperCase();
    case 'ADDRESS':
      return value.replace(/\s+/g, '');
    default:
      return value;
  }
}
