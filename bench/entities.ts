import type { Random } from './random.js';

// Pinyin-like syllables for synthetic customer brands. Four syllables give 50^4 = 6.25 million
// names, more than the brand space below. NOTE: syllables run together, so a few ids share a
// name (yu + nan and yun + an both give yunan).
const SYLLABLES = [
  'an',
  'bai',
  'bo',
  'chen',
  'da',
  'dian',
  'fang',
  'fei',
  'gao',
  'hai',
  'hong',
  'hua',
  'jia',
  'jin',
  'kai',
  'lan',
  'le',
  'li',
  'long',
  'lu',
  'mao',
  'mei',
  'ming',
  'nan',
  'ning',
  'pin',
  'qi',
  'qing',
  'rui',
  'shan',
  'shu',
  'tai',
  'tian',
  'tu',
  'wan',
  'wei',
  'xin',
  'xing',
  'ya',
  'yang',
  'yi',
  'you',
  'yu',
  'yun',
  'ze',
  'zhi',
  'zhong',
  'zhou',
  'zi',
  'zuo',
];

// Parts of synthetic Chinese app and shop names, such as 鹿鸣优选.
const NAME_HEADS = [
  '鹿鸣',
  '星河',
  '云帆',
  '青禾',
  '知行',
  '橙果',
  '木棉',
  '远山',
  '小满',
  '拾光',
  '南风',
  '听雨',
  '暖阳',
  '半夏',
  '初见',
  '山海',
];
const NAME_TAILS = [
  '优选',
  '商城',
  '相册',
  '书院',
  '课堂',
  '影像',
  '生活',
  '科技',
  '网络',
  '传媒',
  '健康',
  '旅行',
  '工作室',
  '小程序',
  '云盘',
  '社区',
];

const SUBDOMAINS = [
  'img',
  'cdn',
  'static',
  'www',
  'api',
  'file',
  'video',
  'dl',
  'pic',
  'm',
  'oss',
  'download',
];
const BUCKET_SUFFIXES = [
  'static',
  'images',
  'backup',
  'video',
  'upload',
  'assets',
  'logs',
  'prod',
  'test',
  'media',
];

/** Size of the space that customer brand ids are drawn from. */
export const BRAND_SPACE = 5_000_000;

/** Returns the Latin brand name of a brand id, such as `maoxinyun`. */
export function brandName(id: number): string {
  let rest = id;
  let name = '';
  do {
    name += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0);

  return name.length < 5 ? `${name}${id % 97}` : name;
}

/** Returns the Chinese app or shop name of a brand id, such as `鹿鸣优选`. */
export function chineseName(id: number): string {
  const head = NAME_HEADS[id % NAME_HEADS.length];
  const tail = NAME_TAILS[Math.floor(id / NAME_HEADS.length) % NAME_TAILS.length];
  return `${head}${tail}`;
}

/** Returns a domain of the brand under example.com, such as `img.maoxinyun.example.com`. */
export function brandDomain(random: Random, brand: string, subdomain?: string): string {
  return `${subdomain ?? random.pick(SUBDOMAINS)}.${brand}.example.com`;
}

/** Returns an object-storage bucket name of the brand, such as `maoxinyun-backup`. */
export function bucketName(random: Random, brand: string): string {
  return `${brand}-${random.pick(BUCKET_SUFFIXES)}`;
}

/** Returns a request id in the style of the `X-Reqid` response header: 16 base62 characters. */
export function requestId(random: Random): string {
  return random.characters('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 16);
}

/**
 * Returns a synthetic mobile number. NOTE: the numbers are random 11-digit strings with a valid
 * mainland prefix, so a few may belong to real people. They only ever exist in bench/out.
 */
export function phoneNumber(random: Random): string {
  return `1${random.pick(['38', '39', '58', '86', '77'])}${random.characters('0123456789', 8)}`;
}

/** Returns an IPv4 address from the documentation ranges of RFC 5737. */
export function documentationIp(random: Random): string {
  const network = random.pick(['192.0.2', '198.51.100', '203.0.113']);
  return `${network}.${random.integer(1, 254)}`;
}

/** Error messages that customers paste, per product, as the API and console return them. */
export const ERROR_MESSAGES: Record<string, string[]> = {
  CDN: [
    'certificate verify failed',
    'domain not found',
    'invalid domain',
    'source host unreachable',
    '504 gateway timeout',
    'ssl handshake failed',
  ],
  对象存储: [
    'expired token',
    'no such bucket',
    'file exists',
    'bad token',
    'AccessDenied',
    'invalid upload token',
    'file too large',
  ],
  账户与财务: [
    'account frozen',
    'insufficient balance',
    'invalid verification code',
    'permission denied',
  ],
  云主机: ['instance not found', 'connection refused', 'quota exceeded', 'image not ready'],
  云短信: [
    'signature not approved',
    'template rejected',
    'mobile blacklisted',
    'rate limit exceeded',
  ],
  人工智能: ['image decode failed', 'review timeout', 'invalid image url'],
};

/** HTTP status codes that go with the pasted error messages. */
export const ERROR_CODES = [
  400, 401, 403, 404, 409, 412, 413, 429, 500, 502, 503, 504, 579, 612, 614, 631, 701,
];
