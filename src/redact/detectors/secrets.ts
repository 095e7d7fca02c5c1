import { isAsciiAlnum, isBase64UrlChar, isDigit, isLower, isUpper, isWordChar } from '../chars.js';
import type { ScanContext } from '../context.js';
import { PRIORITY, type Candidate } from '../types.js';

/** Finds PEM private keys, from the BEGIN line to the END line (certificates are public). */
export function detectPemKeys(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  // Position of the next END line per label, so each label's END is searched for once. Created at
  // the first BEGIN line, because most texts have none.
  let endLines: Map<string, number> | undefined;
  let from = 0;
  for (
    let begin = text.indexOf('-----BEGIN ');
    begin !== -1;
    begin = text.indexOf('-----BEGIN ', from)
  ) {
    from = begin + 11;
    const labelLength = text.slice(from, from + 45).indexOf('-----');
    if (labelLength === -1) continue;
    const labelEnd = from + labelLength;
    const label = text.slice(from, labelEnd);
    if (!label.endsWith('PRIVATE KEY')) continue;

    const endLine = `-----END ${label}-----`;
    endLines ??= new Map();
    let endIndex = endLines.get(label);
    if (endIndex === undefined || (endIndex !== -1 && endIndex < labelEnd)) {
      endIndex = text.indexOf(endLine, labelEnd);
      endLines.set(label, endIndex);
    }
    let end: number;
    if (endIndex !== -1) {
      end = endIndex + endLine.length;
    } else {
      // A truncated key: take the base64 body (and header lines such as Proc-Type) that follow.
      end = labelEnd + 5;
      while (end < text.length && /[A-Za-z0-9+/=\s:,-]/.test(text[end])) end++;
      while (end > labelEnd + 5 && /\s/.test(text[end - 1])) end--;
    }
    out.push({ start: begin, end, type: 'SECRET', priority: PRIORITY.pem });
    from = Math.max(from, end);
  }
}

function base64UrlRunEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && isBase64UrlChar(text.charCodeAt(end))) end++;
  return end;
}

/** Finds JSON Web Tokens: three base64url parts whose first two decode to JSON objects. */
export function detectJwts(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  let from = 0;
  for (let start = text.indexOf('eyJ'); start !== -1; start = text.indexOf('eyJ', from)) {
    from = start + 3;
    if (isBase64UrlChar(text.charCodeAt(start - 1))) continue;
    const headerEnd = base64UrlRunEnd(text, start);
    from = headerEnd;
    if (headerEnd - start < 10 || text[headerEnd] !== '.') continue;
    if (!text.startsWith('eyJ', headerEnd + 1)) continue;
    const payloadEnd = base64UrlRunEnd(text, headerEnd + 1);
    if (payloadEnd - headerEnd < 10 || text[payloadEnd] !== '.') continue;
    const end = base64UrlRunEnd(text, payloadEnd + 1);
    out.push({ start, end, type: 'SECRET', priority: PRIORITY.jwt });
    from = end;
  }
}

/**
 * Returns whether a 40-character run looks like a generated key rather than an identifier or a hash:
 * it mixes upper case, lower case and digits, and has no long lowercase word in it. A run
 * followed by `:signature` needs less mixing, because that form is itself a strong sign.
 */
function looksLikeAccessKey(value: string, signed: boolean): boolean {
  let digits = 0;
  let upper = 0;
  let lower = 0;
  let lowerRun = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isDigit(code)) digits++;
    if (isUpper(code)) upper++;
    lowerRun = isLower(code) ? lowerRun + 1 : 0;
    if (isLower(code)) lower++;
    if (lowerRun >= 10) return false;
  }
  if (signed) return digits + upper >= 3 && lower + digits >= 3;
  return digits >= 2 && upper >= 3 && lower >= 3;
}

// The first 40 characters of a run of URL-safe base64 characters, where a key may start. The
// lookbehind lets the scan skip positions inside a run at once. The run's end is found by a loop:
// with `{40,}` instead, V8's regex engine (Node 20) overflowed its stack on a run of 6 million
// characters.
const KEY_RUN_START = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40}/g;

/**
 * Finds the next maximal run of at least 40 URL-safe base64 characters that starts at or after
 * `from`, as [start, end), or returns null.
 */
function nextKeyRun(text: string, from: number): [number, number] | null {
  KEY_RUN_START.lastIndex = from;
  const found = KEY_RUN_START.exec(text);
  if (found === null) return null;
  return [found.index, base64UrlRunEnd(text, found.index + 40)];
}
const AWS_KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/g;

/** Emits a key (or a token that starts with it) at [start, end); returns where it ends. */
function emitAccessKey(text: string, start: number, end: number, out: Candidate[]): number {
  const sign = /^:[A-Za-z0-9_-]{16,64}=?/.exec(text.slice(end, end + 70));
  if (!looksLikeAccessKey(text.slice(start, end), sign !== null)) return end;
  const before = text[start - 1];
  const after = text[end];
  if (before === '+' || before === '/' || before === '.') return end;
  if (after === '+' || after === '/' || after === '=') return end;

  let priority: number = PRIORITY.accessKey;
  if (sign !== null) {
    end += sign[0].length;
    priority = PRIORITY.token;
    if (text[end] === ':' && isBase64UrlChar(text.charCodeAt(end + 1))) {
      end = base64UrlRunEnd(text, end + 1);
      while (text[end] === '=') end++;
    }
  }
  out.push({ start, end, type: 'SECRET', priority });
  return end;
}

/**
 * Finds cloud access keys and secret keys (Qiniu's 40-character keys, AWS, Tencent Cloud and
 * Aliyun key ids, `sk-` API keys) and tokens of the `AccessKey:signature` and
 * `AccessKey:signature:policy` forms.
 */
export function detectAccessKeys(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  for (let run = nextKeyRun(text, 0); run !== null;) {
    const [runStart, runEnd] = run;
    let next = runEnd;
    // Three or more dashes (a PEM line, a Markdown rule) split a run: keys never contain them,
    // and a key glued to `-----BEGIN` must be found whether or not that line is replaced.
    let pieceStart = runStart;
    for (const piece of text.slice(runStart, runEnd).split(/(-{3,})/)) {
      const pieceEnd = pieceStart + piece.length;
      if (piece.length === 40 && !piece.startsWith('-')) {
        const end = emitAccessKey(text, pieceStart, pieceEnd, out);
        if (end > runEnd) next = end;
      }
      pieceStart = pieceEnd;
    }
    run = nextKeyRun(text, next);
  }

  detectPrefixedKeys(ctx, out);
  if (text.indexOf('AKIA') === -1 && text.indexOf('ASIA') === -1) return;
  AWS_KEY_ID.lastIndex = 0;
  for (let m = AWS_KEY_ID.exec(text); m !== null; m = AWS_KEY_ID.exec(text)) {
    out.push({ start: m.index, end: m.index + 20, type: 'SECRET', priority: PRIORITY.accessKey });
    detectAwsSecretAfter(text, m.index + 20, out);
  }
}

// An AWS secret access key: 40 base64 characters, which unlike Qiniu's keys may hold `/` and `+`.
const AWS_SECRET = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/**
 * Finds the secret key that customers paste after an AWS key id, labelled or not (`AKIA… 和
 * secret wJalr…/K7MDENG/…`). It is a 40-character run within 80 characters after the id that
 * mixes upper case, lower case and digits. It must contain a `/` or `+`, because a plain
 * 40-character key is left to the detectors above.
 */
function detectAwsSecretAfter(text: string, from: number, out: Candidate[]): void {
  const window = text.slice(from, from + 80 + 40);
  AWS_SECRET.lastIndex = 0;
  for (let m = AWS_SECRET.exec(window); m !== null; m = AWS_SECRET.exec(window)) {
    if (m.index > 80) break;
    const run = m[0];
    if (!/[/+]/.test(run) || !/[a-z]/.test(run) || !/[A-Z]/.test(run) || !/[0-9]/.test(run)) {
      continue;
    }
    const start = from + m.index;
    out.push({ start, end: start + 40, type: 'SECRET', priority: PRIORITY.accessKey });
  }
}

/**
 * Returns whether `body` mixes at least two of digits, upper case and lower case, as generated
 * keys do and words and constant names do not.
 */
function isMixed(body: string): boolean {
  const classes =
    Number(/[0-9]/.test(body)) + Number(/[a-z]/.test(body)) + Number(/[A-Z]/.test(body));
  return classes >= 2;
}

/**
 * Key ids whose prefix alone names them: Tencent Cloud SecretIds (`AKID` and 32 letters and
 * digits in SonarSource's secret rules) and Aliyun AccessKey IDs (`LTAI` and 20 in gitleaks'
 * alibaba.go, 12 for older ids in SonarSource's rules). Runs outside these ranges stay.
 * NOTE: Tencent documents temporary SecretIds of up to 1,024 bytes; one longer than 96
 * characters is not found.
 */
const KEY_ID_PREFIXES: ReadonlyArray<{ prefix: string; min: number; max: number }> = [
  { prefix: 'AKID', min: 32, max: 96 },
  { prefix: 'LTAI', min: 12, max: 20 },
];

/**
 * Finds API keys that start with `sk-`, as OpenAI (`sk-`, `sk-proj-`), Anthropic
 * (`sk-ant-api03-`) and many OpenAI-compatible services issue them. The run after the prefix
 * must hold a segment of 20 or more letters and digits that mixes both, so slugs such as
 * `sk-2024-release-notes` stay.
 */
function detectSkKeys(text: string, out: Candidate[]): void {
  let from = 0;
  for (let at = text.indexOf('sk-'); at !== -1; at = text.indexOf('sk-', from)) {
    from = at + 3;
    if (isBase64UrlChar(text.charCodeAt(at - 1))) continue;
    const end = base64UrlRunEnd(text, at + 3);
    from = end;
    const segments = text.slice(at + 3, end).split(/[-_]/);
    const keyLike = segments.some(
      (segment) => segment.length >= 20 && /[0-9]/.test(segment) && /[A-Za-z]/.test(segment),
    );
    if (keyLike) out.push({ start: at, end, type: 'SECRET', priority: PRIORITY.accessKey });
  }
}

/**
 * Tokens whose prefix and length name them, each with a substring that the text must contain
 * before its pattern runs. The lengths are those of gitleaks' rules: GitHub `gh?_` tokens with
 * 36 letters and digits and `github_pat_` with 82, Slack `xox?-` tokens, Google `AIza` keys.
 */
const PREFIXED_TOKENS: ReadonlyArray<{ hint: string; pattern: RegExp }> = [
  { hint: '_', pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g },
  { hint: 'github_pat_', pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{82}(?![A-Za-z0-9_])/g },
  {
    hint: 'xox',
    pattern:
      /(?<![A-Za-z0-9_-])xox[abposr]-(?=[0-9A-Za-z-]*[0-9])[0-9A-Za-z-]{10,250}(?![A-Za-z0-9_-])/g,
  },
  { hint: 'AIza', pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g },
];

/** Finds provider keys recognisable by their prefix alone, with or without a label before them. */
function detectPrefixedKeys(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  detectSkKeys(text, out);
  for (const { hint, pattern } of PREFIXED_TOKENS) {
    if (text.indexOf(hint) === -1) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        type: 'SECRET',
        priority: PRIORITY.accessKey,
      });
    }
  }
  for (const { prefix, min, max } of KEY_ID_PREFIXES) {
    let from = 0;
    for (let at = text.indexOf(prefix); at !== -1; at = text.indexOf(prefix, from)) {
      from = at + prefix.length;
      if (isBase64UrlChar(text.charCodeAt(at - 1))) continue;
      let end = from;
      while (isAsciiAlnum(text.charCodeAt(end)) && end - from <= max) end++;
      from = end;
      const length = end - at - prefix.length;
      if (length < min || length > max || isBase64UrlChar(text.charCodeAt(end))) continue;
      if (!isMixed(text.slice(at + prefix.length, end))) continue;
      out.push({ start: at, end, type: 'SECRET', priority: PRIORITY.accessKey });
    }
  }
}

const AUTHORIZATION = /authorization/gi;
const BEARER = /(?<![A-Za-z0-9])Bearer[ \t]{1,4}([A-Za-z0-9._~+/=-]{16,4096})/g;
// Schemes whose credential is a list of name=value pairs with spaces and commas.
const LIST_SCHEMES = new Set(['digest', 'aws4-hmac-sha256', 'oauth', 'hmac-sha256']);

function isTokenChar(code: number): boolean {
  return (
    isWordChar(code) || (code > 32 && code < 127 && '.~+/=:-'.includes(String.fromCharCode(code)))
  );
}

/** Offset after the header name where the value starts, or -1 when no value is assigned. */
function headerValueStart(text: string, nameEnd: number): number {
  const match = /^["']?\]?[ \t]{0,4}[:=][ \t]{0,4}["']?/.exec(text.slice(nameEnd, nameEnd + 16));
  if (match === null || match[0].includes('::')) return -1;
  return nameEnd + match[0].length;
}

/** Finds Authorization header values; the scheme word (QBox, Bearer ...) stays readable. */
export function detectAuthorization(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  const schemes = ctx.data.secrets.authSchemes;
  AUTHORIZATION.lastIndex = 0;
  for (let m = AUTHORIZATION.exec(text); m !== null; m = AUTHORIZATION.exec(text)) {
    let start = headerValueStart(text, m.index + m[0].length);
    if (start === -1) continue;

    const scheme = schemes.find((name) => {
      const word = text.slice(start, start + name.length);
      return word.toLowerCase() === name.toLowerCase() && /[ \t]/.test(text[start + name.length]);
    });
    let end: number;
    if (scheme !== undefined) {
      start += scheme.length;
      while (text[start] === ' ' || text[start] === '\t') start++;
    }
    if (scheme !== undefined && LIST_SCHEMES.has(scheme.toLowerCase())) {
      end = start;
      while (end < text.length && end - start < 2048 && !/["'\n\r]/.test(text[end])) end++;
      while (end > start && /\s/.test(text[end - 1])) end--;
    } else {
      end = start;
      while (end < text.length && end - start < 4096 && isTokenChar(text.charCodeAt(end))) end++;
    }
    if (end - start < 8) continue;
    out.push({ start, end, type: 'SECRET', priority: PRIORITY.authorization });
  }

  if (text.indexOf('Bearer') !== -1) {
    BEARER.lastIndex = 0;
    for (let m = BEARER.exec(text); m !== null; m = BEARER.exec(text)) {
      const end = m.index + m[0].length;
      out.push({ start: end - m[1].length, end, type: 'SECRET', priority: PRIORITY.authorization });
    }
  }
  if (text.indexOf('ookie') !== -1 || text.indexOf('OOKIE') !== -1) detectCookies(text, out);
}

// A Cookie or Set-Cookie header, a `cookie` key in code or JSON, or curl's `--cookie`.
const COOKIE = /(?<![A-Za-z0-9_])(?:set-)?cookie(?![A-Za-z0-9_])/gi;
// Between the name and the pairs: a colon or `=` (a JSON key's quote may come first), then an
// optional opening quote. After curl's `--cookie`, blanks do as well.
const COOKIE_SEPARATOR = /^["']?[ \t]{0,4}[:=][ \t]{0,4}["']?/;
const COOKIE_FLAG_SEPARATOR = /^(?:[ \t]{1,4}|=)["']?/;
// One `name=value` pair of a cookie list. The value ends at `;`, a comma, a blank, a quote, a
// backslash or a character outside ASCII.
const COOKIE_PAIR = /^[ \t;]*([A-Za-z0-9!#$%&*+.^_`|~-]{1,128})=([^\s"',;\\\u0080-\uffff]{0,4096})/;
// Cookie names that name a session or a token, whose values are secrets from six characters.
const SESSION_COOKIE = /sess|token|auth|jwt|ticket|^sid$|[._-]sid$|^sid[._-]/i;

/** Returns whether a cookie value is a stand-in, such as `${SID}`, `<token>` or `xxx`. */
function isStandInCookie(value: string): boolean {
  return /^(?:\$|<|\{|%s$|\.\.\.)/.test(value) || /^(.)\1*$/.test(value);
}

/**
 * Finds the values of session cookies in Cookie and Set-Cookie headers
 * (`Cookie: PHPSESSID=8f14e45f…; lang=zh-CN`). A value is a secret when its cookie is a session or
 * a token (PHPSESSID, JSESSIONID, session, sid, token …) and it has six or more characters. A
 * value of another cookie is a secret from 16 characters with a digit, as generated identifiers
 * are. Names stay, and so do short values of
 * other cookies (`lang=zh-CN`) and the attributes of Set-Cookie (`Path=/`), since only the first
 * pair of Set-Cookie is a cookie.
 */
function detectCookies(text: string, out: Candidate[]): void {
  COOKIE.lastIndex = 0;
  for (let m = COOKIE.exec(text); m !== null; m = COOKIE.exec(text)) {
    const nameEnd = m.index + m[0].length;
    const flag = text.startsWith('--', m.index - 2) ? COOKIE_FLAG_SEPARATOR : COOKIE_SEPARATOR;
    const separator = flag.exec(text.slice(nameEnd, nameEnd + 16));
    if (separator === null) continue;
    const single = m[0].length > 6;
    let at = nameEnd + separator[0].length;
    for (let pairs = 0; pairs < 64; pairs++) {
      const pair = COOKIE_PAIR.exec(text.slice(at, at + 4300));
      if (pair === null) break;
      const valueEnd = at + pair[0].length;
      const value = pair[2]!;
      const known = SESSION_COOKIE.test(pair[1]!);
      // A long value of another cookie is a secret only when it has digits, as ids and tokens
      // do; words joined by underscores name a setting (ab_test_group=experiment_variant_b).
      const secretShape = known || (value.length >= 16 && /[0-9]/.test(value));
      if (secretShape && value.length >= 6 && !isStandInCookie(value)) {
        const start = valueEnd - value.length;
        out.push({ start, end: valueEnd, type: 'SECRET', priority: PRIORITY.authorization });
      }
      if (single || text[valueEnd] !== ';') break;
      at = valueEnd;
    }
    COOKIE.lastIndex = Math.max(COOKIE.lastIndex, at);
  }
}

/**
 * Finds the password of a Go-style database DSN, `user:password@tcp(host:port)/db`, which has
 * no URL scheme for the URL scanner to start from. Only `@tcp(`, `@unix(` and `@udp(` anchor it,
 * so `name:value@` in prose is left alone.
 */
export function detectDsnPasswords(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (!/^@(?:tcp|unix|udp)\(/.test(text.slice(at, at + 6))) continue;
    let colon = at - 1;
    while (colon >= 0 && at - colon <= 128 && !/[\s:"'`@]/.test(text[colon]!)) colon--;
    if (colon < 1 || text[colon] !== ':' || colon === at - 1) continue;
    let user = colon - 1;
    while (user >= 0 && colon - user <= 64 && /[A-Za-z0-9._-]/.test(text[user]!)) user--;
    if (user === colon - 1) continue;
    out.push({ start: colon + 1, end: at, type: 'SECRET', priority: PRIORITY.secretAssignment });
  }
}
