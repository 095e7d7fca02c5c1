import type { EntityType } from './types.js';

const COUNTRY_PREFIX = /^\(?(?:\+86|0086|86)\)?[ -]?/;
// An @ or a dot spelled out to dodge spam filters (zhangwei [at] example [dot] com), and the # an
// e-mail label may stand before.
const SPELLED_AT = /\s*(?:[[({<] ?at ?[\])}>]|#)\s*/;
const SPELLED_DOT = /\s*[[({<] ?(?:dot|\.) ?[\])}>]\s*/g;

/**
 * Canonical form of a detected value, so that the same value written differently gets the same
 * placeholder: a phone number with or without +86 and spaces, an e-mail address in any case or
 * with its @ spelled out, an IPv4 address with Chinese full stops.
 */
export function canonicalKey(type: EntityType, value: string): string {
  switch (type) {
    case 'PHONE':
      return value.replace(/[^0-9]/g, '').slice(-11);
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
      return value.toLowerCase().replace(/。/g, '.');
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
