// Synthetic values for the redaction corpus. Checksummed numbers are computed, never copied;
// IP addresses come from the documentation ranges (RFC 5737, RFC 3849) and host names from
// example.com, example.cn and example.org.
import {
  CREDIT_CODE_CHARS,
  creditCodeCheckChar,
  idCardCheckChar,
  luhnCheckDigit,
} from '../../src/redact/checksums.js';

/** A seeded pseudo-random source (mulberry32), so the corpus is the same on every run. */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  digits(count: number): string {
    let text = '';
    for (let i = 0; i < count; i++) text += String(this.int(0, 9));
    return text;
  }

  chars(alphabet: string, count: number): string {
    let text = '';
    for (let i = 0; i < count; i++) text += alphabet[this.int(0, alphabet.length - 1)];
    return text;
  }
}

const MOBILE_PREFIXES = ['138', '139', '150', '151', '186', '187', '135', '177', '199', '166'];

export function mobile(r: Random): string {
  return r.pick(MOBILE_PREFIXES) + r.digits(8);
}

/** Returns the same mobile number written the ways customers write it. */
export function mobileForms(number: string): string[] {
  const spaced = `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`;
  const dashed = `${number.slice(0, 3)}-${number.slice(3, 7)}-${number.slice(7)}`;
  return [
    number,
    spaced,
    dashed,
    `+86 ${number}`,
    `+86-${number}`,
    `0086 ${number}`,
    `(+86)${number}`,
    `+86 ${spaced}`,
  ];
}

export function fullWidth(text: string): string {
  return text.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
}

const AREA_CODES = [
  '010',
  '021',
  '020',
  '022',
  '023',
  '024',
  '025',
  '027',
  '028',
  '029',
  '0755',
  '0571',
  '0512',
  '0731',
  '0898',
  '0532',
];

export function landline(r: Random): string {
  const area = r.pick(AREA_CODES);
  const local = String(r.int(2, 8)) + r.digits(area.length === 3 ? 7 : r.pick([6, 7]));
  const form = r.int(0, 3);
  const number =
    form === 0
      ? `${area}-${local}`
      : form === 1
        ? `(${area})${local}`
        : form === 2
          ? `${area} ${local}`
          : `${area}-${local}`;
  return r.next() < 0.3 ? `${number}${r.pick(['-', '转'])}${r.int(100, 8999)}` : number;
}

const REGIONS = [
  '110101',
  '310104',
  '440305',
  '330106',
  '510107',
  '420106',
  '320102',
  '500103',
  '610113',
  '370202',
  '210102',
  '350203',
];

export function birthDate(r: Random): string {
  const year = r.int(1960, 2005);
  const month = String(r.int(1, 12)).padStart(2, '0');
  const day = String(r.int(1, 28)).padStart(2, '0');
  return `${year}${month}${day}`;
}

export function idCard(r: Random): string {
  const first17 = r.pick(REGIONS) + birthDate(r) + r.digits(3);
  return first17 + idCardCheckChar(first17);
}

export function idCard15(r: Random): string {
  return r.pick(REGIONS) + birthDate(r).slice(2) + r.digits(3);
}

/** Builds an 18-digit number shaped like an ID number whose check character is wrong. */
export function badIdCard(r: Random): string {
  const first17 = r.pick(REGIONS) + birthDate(r) + r.digits(3);
  const right = idCardCheckChar(first17);
  let wrong = String((Number(right) + 1) % 10);
  if (right === '0') wrong = '1';
  if (right === 'X') wrong = '0';
  return first17 + wrong;
}

const CARD_PREFIXES = [
  '622202',
  '621700',
  '622848',
  '436742',
  '518710',
  '621226',
  '622588',
  '625965',
];

export function bankCard(r: Random, length = r.pick([16, 19])): string {
  const partial = r.pick(CARD_PREFIXES) + r.digits(length - 7);
  return partial + luhnCheckDigit(partial);
}

export function grouped(number: string, separator = ' '): string {
  return number.replace(/(.{4})(?=.)/g, `$1${separator}`);
}

/** Builds a 16-digit number with a card prefix whose Luhn digit is wrong. */
export function badBankCard(r: Random): string {
  const partial = r.pick(CARD_PREFIXES) + r.digits(9);
  return partial + String((Number(luhnCheckDigit(partial)) + 3) % 10);
}

export function creditCode(r: Random): string {
  const body = r.chars(CREDIT_CODE_CHARS, 9);
  const first17 = r.pick(['91', '92', '93', '12', '52']) + r.pick(REGIONS) + body;
  return first17 + (creditCodeCheckChar(first17) ?? '0');
}

export function ipv4(r: Random): string {
  return `${r.pick(['192.0.2', '198.51.100', '203.0.113'])}.${r.int(1, 254)}`;
}

export function ipv6(r: Random): string {
  const group = () => r.int(1, 0xffff).toString(16);
  return r.next() < 0.5
    ? `2001:db8::${group()}`
    : `2001:db8:${group()}:${group()}::${group()}:${group()}`;
}

const LOCAL_PARTS = [
  'zhangsan',
  'li.si',
  'dev-team',
  'ops',
  'finance2024',
  'wang_wei88',
  'admin',
  'service',
  'chen.jing',
  'liu.yang1990',
];
const DOMAINS = [
  'example.com',
  'example.cn',
  'example.org',
  'mail.example.com',
  'corp.example.com.cn',
];

export function email(r: Random): string {
  return `${r.pick(LOCAL_PARTS)}@${r.pick(DOMAINS)}`;
}

export function customerHost(r: Random): string {
  return `${r.pick(['img', 'cdn', 'static', 'www', 'video', 'file', 'pic', 'dl'])}.${r.pick(['example.com', 'example.cn', 'example.org', 'shop.example.com'])}`;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Builds a 40-character access or secret key shaped like the provider's keys. */
export function accessKey(r: Random): string {
  for (;;) {
    const key = r.chars(BASE64URL, 40);
    const digits = key.replace(/[^0-9]/g, '').length;
    const upper = key.replace(/[^A-Z]/g, '').length;
    const lower = key.replace(/[^a-z]/g, '').length;
    if (digits >= 2 && upper >= 3 && lower >= 3) return key;
  }
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

export function uploadToken(r: Random): string {
  const policy = base64url(
    JSON.stringify({ scope: `bucket-${r.int(1, 99)}`, deadline: 1728310703 + r.int(0, 99999) }),
  );
  return `${accessKey(r)}:${r.chars(BASE64URL, 27)}=:${policy}`;
}

export function jwt(r: Random): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ uid: r.int(1000, 99999), exp: 1728310703 }));
  return `${header}.${payload}.${r.chars(BASE64URL, 43)}`;
}

export function pemKey(r: Random): string {
  const lines = Array.from({ length: r.int(3, 6) }, () =>
    r.chars(BASE64URL.replace('-', '+').replace('_', '/'), 64),
  );
  return `-----BEGIN RSA PRIVATE KEY-----\n${lines.join('\n')}\n-----END RSA PRIVATE KEY-----`;
}

export function password(r: Random): string {
  return r.pick([
    'Abc@12345',
    'hunter2',
    'P@ssw0rd!',
    'qwe123456',
    'Sky#2024dev',
    'zxcv7788',
    'Admin_2023!',
    'lm930815',
  ]);
}

export function wechatId(r: Random): string {
  return r.pick([
    'zhang_san88',
    'lily2024',
    'wx-chen1990',
    'tom_ops_01',
    'yun_tech99',
    'a13579xyz',
  ]);
}

export function qq(r: Random): string {
  return String(r.int(1, 9)) + r.digits(r.int(5, 9));
}

export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵钱严武戴莫孔汤左',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '玲',
  '丹',
  '萍',
  '鹏',
  '华',
  '红',
  '玉兰',
  '飞',
  '英',
  '梅',
  '鑫',
  '波',
  '斌',
  '宇',
  '浩',
  '凯',
  '健',
  '俊',
  '帆',
  '旭',
  '宁',
  '林',
  '欢',
  '建华',
  '亮',
  '佳',
  '琳',
  '雪',
  '倩',
  '婷',
  '颖',
  '晨',
  '博',
  '文',
  '瑞',
  '子涵',
  '思远',
  '楠',
];

export function fullName(r: Random): string {
  const surname = r.next() < 0.05 ? r.pick(['欧阳', '司马', '上官']) : r.pick(SURNAMES);
  return surname + r.pick(GIVEN);
}

export function surname(r: Random): string {
  return r.pick(SURNAMES);
}

/** Builds a version-4-shaped UUID from `r`, so file keys repeat across runs. */
export function uuid(r: Random): string {
  const hex = r.chars('0123456789abcdef', 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
