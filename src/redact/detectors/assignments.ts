import { isHan, isWordChar } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { RedactData } from '../data.js';
import { PRIORITY, type Candidate } from '../types.js';

// Roots of key names that hold secrets. A match is then widened to the whole identifier and
// judged by its last words (see keyKind), so `tokenizer` and `bypass` do not count. A space
// may split a root, as in the labels `Access Key` and `API Key`.
// A bare `key` names an object key as often as a secret, so it counts only after a Chinese word
// that makes it a signing key (防盗链的 key 是 …, 鉴权key：…).
const KEY_ROOT =
  /passw(?:or)?d|passphrase|pwd|pass(?![a-z])|secret|token|access[_ -]?key|api[_ -]?key|private[_ -]?key|credential|(?<![A-Za-z0-9])[sa]k(?![A-Za-z0-9])|密码|口令|密钥|密匙|私钥|秘钥|凭证|令牌|(?:防盗链|鉴权|签名|加密)的?[ \t]?key(?![A-Za-z0-9_])/gi;
// A key root of the last kind, read as a credential key.
const SIGNING_KEY = /^(?:防盗链|鉴权|签名|加密)的?[ \t]?key$/i;

/** Kind of value assigned to a key name: any password, or a credential that must look like one. */
type KeyKind = 'password' | 'credential';

function isIdentifierChar(code: number): boolean {
  return isWordChar(code) || code === 36 || code === 45 || code === 46;
}

/** Splits an identifier or a label into lowercase words at `_ - . $`, spaces and camelCase. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[_\-.$\s]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

function keyKind(ctx: ScanContext, key: string): KeyKind | null {
  const secrets = ctx.data.secrets;
  if (secrets.chinesePasswordKeys.includes(key)) return 'password';
  if (secrets.chineseCredentialKeys.includes(key)) return 'credential';
  if (SIGNING_KEY.test(key)) return 'credential';
  const words = keyWords(key);
  const last = words[words.length - 1] ?? '';
  if (secrets.passwordWords.has(last)) return 'password';
  const pair = words.slice(-2).join(' ');
  if (pair === 'pass word') return 'password';
  if (secrets.credentialWords.has(last) || secrets.credentialPairs.has(pair)) return 'credential';
  if (words.length >= 3 && secrets.credentialPairs.has(words.slice(-3).join(' '))) {
    return 'credential';
  }
  return null;
}

// Words that continue a key name written as separate words. Other words end it, so that in
// `API Key and Secret Key: …` the second key is read on its own.
const NEXT_LABEL_WORD = /^[ \t](?:key|id|secret|access|token)(?![A-Za-z0-9_])/i;

/**
 * End of a key name written as separate words in prose or a UI label (`Secret Key`,
 * `AccessKey ID`, `Secret Access Key`). Up to two more words are read after `keyEnd`, and the
 * longest name that still names a secret wins, so `token id: 42` stays the key `token`.
 */
function labelEnd(ctx: ScanContext, keyStart: number, keyEnd: number): number {
  const text = ctx.text;
  let best = keyEnd;
  let end = keyEnd;
  for (let extra = 0; extra < 2; extra++) {
    const next = NEXT_LABEL_WORD.exec(text.slice(end, end + 8));
    if (next === null) break;
    end += next[0].length;
    if (keyKind(ctx, text.slice(keyStart, end)) !== null) best = end;
  }
  return best;
}

/** Values that stand for a secret without being one: `your_access_key`, `<SK>`, `******`. */
function isTemplateValue(value: string): boolean {
  if (/\s/.test(value) || /[\u3400-\u9fff]/.test(value)) return true;
  if (/^(?:xxx|<|\$\{|\{\{)/i.test(value) || /^(.)\1*$/.test(value)) return true;
  // Stand-ins start with your or my as a word (your_access_key, myToken, YOUR-SECRET). A key
  // whose first letters only spell them, such as mYAk…, is a value.
  if (/^(?:your|Your|YOUR|my|My|MY)(?:[-_.]|[A-Z]|$)/.test(value)) return true;
  return /^[A-Z]+(?:_[A-Z]+)*$/.test(value) && /YOUR|XXX|ACCESS|SECRET|KEY|TOKEN/.test(value);
}

/** Returns whether a credential value is long and mixed enough to be a real key or token. */
function looksLikeCredential(value: string): boolean {
  if (value.length < 12) return false;
  const classes =
    Number(/[0-9]/.test(value)) + Number(/[a-z]/.test(value)) + Number(/[A-Z]/.test(value));
  return classes >= 2 || /[^A-Za-z0-9]/.test(value);
}

interface ValueSpan {
  start: number;
  end: number;
  quoted: boolean;
}

const QUOTES = '"\'`';

// A query parameter after a value (`?password=abc&user=tom`): the value ends at its `&`.
const NEXT_PARAMETER = /^&[A-Za-z_][A-Za-z0-9_.-]*=/;
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{', '>': '<' };

/** Returns whether `text[at]` ends an unquoted value after a Chinese (or, if false, Latin) key. */
function endsValue(text: string, at: number, chinese: boolean): boolean {
  const code = text.charCodeAt(at);
  if (code <= 32 || code >= 127) return true;
  const char = text[at]!;
  if ('"\'`,;'.includes(char)) return true;
  if (char === '&') return NEXT_PARAMETER.test(text.slice(at, at + 40));
  // After 密码 in prose brackets are part of the value (`密码：ab(cd)ef12`). After a Latin key
  // they end it, and readValue then asks bracketedPasswordEnd whether it is code or a password.
  return !chinese && '()[]{}<>'.includes(char);
}

// Code after a key: a name, then a bracket, as in a call (`getpass(`), a type (`Promise<`,
// `string[`) or an index (`args[`).
const CODE_START = /^[A-Za-z_$][A-Za-z0-9_$.]*[([<{]/;
// In code the first closing bracket ends the value or leads to another bracket, never to more
// of a word, as it does in `Qwe(rt)y99`.
const WORD_AFTER_CLOSER = /^[)\]>}][A-Za-z0-9!@#$%^&*~]/;

/**
 * End of an unquoted value after a Latin key that contains brackets as a password does
 * (`P@ss(w0rd)#2024!`, `Qwe(rt)y99`), or -1 when it reads as code (`getpass()`, `ab(cd)`,
 * `Promise<string>`, `args[1]`).
 */
function bracketedPasswordEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && end - start < 256 && !endsValue(text, end, true)) end++;
  const run = text.slice(start, end);
  if (!/[()[\]{}<>]/.test(run)) return -1;
  if (CODE_START.test(run)) {
    const close = run.search(/[)\]>}]/);
    if (close === -1 || !WORD_AFTER_CLOSER.test(run.slice(close))) return -1;
  }
  return end;
}

/** Drops closing brackets at the end of `value` that it does not open, as in `(密码：abc)`. */
function withoutUnmatchedClosers(text: string, start: number, end: number): number {
  while (end > start) {
    const opener = CLOSERS[text[end - 1]!];
    if (opener === undefined) break;
    const value = text.slice(start, end);
    const opened = value.split(opener).length - 1;
    const closed = value.split(text[end - 1]!).length - 1;
    if (closed <= opened) break;
    end--;
  }
  return end;
}

/**
 * Reads the literal after a separator: a quoted string, or a run of printable ASCII. An
 * unquoted value may hold `&` (`Tr0ub4dor&3`) unless a query parameter follows it.
 */
function readValue(text: string, start: number, chinese: boolean): ValueSpan | null {
  const quote = text[start];
  if (quote !== undefined && QUOTES.includes(quote)) {
    let end = start + 1;
    while (end < text.length && end - start < 512 && text[end] !== quote && text[end] !== '\n') {
      end++;
    }
    if (text[end] !== quote) return null;
    return { start: start + 1, end, quoted: true };
  }
  let end = start;
  while (end < text.length && end - start < 256 && !endsValue(text, end, chinese)) end++;
  // Only a value cut at a bracket may run on through it.
  if (!chinese && '()[]{}<>'.includes(text[end] ?? ' ')) {
    end = Math.max(end, bracketedPasswordEnd(text, start));
  }
  end = withoutUnmatchedClosers(text, start, end);
  while (end > start && '.:'.includes(text[end - 1])) end--;
  return end > start ? { start, end, quoted: false } : null;
}

const DOTTED_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)+$/;

/**
 * Returns whether an unquoted value is a literal and not the name of a variable, constant or
 * call. `SK=5fX2...` and `password: hunter2` are literals, while `QINIU_SECRET_KEY`,
 * `settings.SK` and `q.upload_token(...)` are not. A plain lowercase word counts only on a
 * YAML-like line.
 */
function isUnquotedLiteral(ctx: ScanContext, value: ValueSpan, yamlLike: boolean): boolean {
  const text = ctx.text;
  const word = text.slice(value.start, value.end);
  if (ctx.data.secrets.keywords.has(word.toLowerCase())) return false;
  if (/^[$%{<@&*#]/.test(word) || '(['.includes(text[value.end] ?? ' ')) return false;
  if (DOTTED_IDENTIFIER.test(word)) return false;
  if (/[0-9]/.test(word) || /[^A-Za-z0-9_]/.test(word)) return true;
  if (word.length >= 16 && /[a-z]/.test(word) && /[A-Z]/.test(word) && !word.includes('_')) {
    return true;
  }
  return yamlLike && !/^[A-Z][A-Z0-9_]*$/.test(word) && !/[a-z][A-Z]/.test(word);
}

/** Start of the value after a key ending at `keyEnd`, or -1 when nothing is assigned. */
function valueStart(text: string, keyStart: number, keyEnd: number, chinese: boolean): number {
  let p = keyEnd;
  const quote = text[keyStart - 1];
  if (quote !== undefined && QUOTES.includes(quote) && text[p] === quote) p++;
  if (text[p] === ']') p++;
  const rest = text.slice(p, p + 12);
  // Chinese prose joins a key and its value with 是 or 为, after Latin labels too (SK 是 …).
  const separator = chinese
    ? /^[ \t]{0,4}(?:[:=]|[是为][ \t]{0,4}:?)?[ \t]{0,4}/.exec(rest)
    : /^[ \t]{0,4}(?:={1,3}>?|:=|:(?!:)|\((?=["'`])|[是为][ \t]{0,4}:?)[ \t]{0,4}/.exec(rest);
  if (separator === null) return -1;
  if (chinese && separator[0].length === 0) return -1;
  return p + separator[0].length;
}

// A value written after a credential label and blanks: 16 or more base64 characters with a
// letter and a digit, as generated keys have and words of prose do not.
const GENERATED_KEY = /^(?=[^0-9]*[0-9])(?=[^A-Za-z]*[A-Za-z])[A-Za-z0-9+/=_-]{16,}$/;

/** Start of a value after one or two blanks at `keyEnd`, or -1 when no letter or digit follows. */
function blankValueStart(text: string, keyEnd: number): number {
  const blanks = /^[ \t]{1,2}(?=[A-Za-z0-9])/.exec(text.slice(keyEnd, keyEnd + 3));
  return blanks === null ? -1 : keyEnd + blanks[0].length;
}

/** Returns whether the key starts its line and the value ends it, as in YAML, .env and INI files. */
function isYamlLike(text: string, keyStart: number, valueEnd: number): boolean {
  // Look at most 80 characters either way, so that a long single line costs no more.
  const before = text.slice(Math.max(0, keyStart - 80), keyStart);
  const lineStart = before.lastIndexOf('\n');
  if (lineStart === -1 && keyStart > 80) return false;
  if (!/^[ \t-]*$/.test(before.slice(lineStart + 1))) return false;
  const after = text.slice(valueEnd, valueEnd + 80);
  const lineEnd = after.indexOf('\n');
  if (lineEnd === -1 && valueEnd + 80 < text.length) return false;
  return /^[ \t]*(?:#.*)?\r?$/.test(lineEnd === -1 ? after : after.slice(0, lineEnd));
}

// A password passed on a command line with a quoted -p (mysql -p'secret'). The unquoted form
// is left alone, because `-p8080:80` is a port mapping.
const QUOTED_P_FLAG = /(?<![A-Za-z0-9_-])-p(['"])([^'"\s]{3,64})\1/g;

// After a login name: blanks, or a slash with or without blanks (administrator / Win#2024pass,
// root/Tr1al#Pass2026), then the token. A slash after the token makes a path (/home/admin/…),
// so it ends no match. The caller checks for a slash before the login name.
const LOGIN_TOKEN =
  /^(?:[ \t]{1,3}|[ \t]{0,3}\/[ \t]{0,3})([A-Za-z0-9!@#$%^&*_.+=?~-]{6,32})(?![A-Za-z0-9!@#$%^&*_.+=?~/-])/;

/**
 * Finds a password-shaped token right after a login name (administrator Skykey@20233,
 * administrator / Win#2024pass), and any token after a password directive (requirepass
 * foobared), whose argument is a password whatever its shape.
 */
function detectLoginPasswords(ctx: ScanContext, out: Candidate[]): void {
  const { loginNames, passwordDirectives } = ctx.data.secrets;
  for (const login of loginNames) detectTokensAfter(ctx.text, login, true, out);
  for (const directive of passwordDirectives) detectTokensAfter(ctx.text, directive, false, out);
}

/**
 * Finds the token after each whole occurrence of `word`. With `strong`, only a password-shaped
 * token counts.
 */
function detectTokensAfter(text: string, word: string, strong: boolean, out: Candidate[]): void {
  let from = 0;
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, from)) {
    from = at + word.length;
    // A slash before the word makes a path (/root/…), as one after the password does.
    if (isWordChar(text.charCodeAt(at - 1)) || text[at - 1] === '/') continue;
    const token = LOGIN_TOKEN.exec(text.slice(from, from + 40));
    if (token === null || (strong && !isStrongPassword(token[1]))) continue;
    const start = from + token[0].length - token[1].length;
    out.push({ start, end: start + token[1].length, type: 'SECRET', priority: PRIORITY.password });
  }
}

const lowerCaseHints = new WeakMap<RedactData, ReadonlySet<string>>();

/** Returns the password hints in lower case, built once per data set. */
function passwordHints(data: RedactData): ReadonlySet<string> {
  let hints = lowerCaseHints.get(data);
  if (hints === undefined) {
    hints = new Set(data.secrets.passwordHints.map((hint) => hint.toLowerCase()));
    lowerCaseHints.set(data, hints);
  }
  return hints;
}

/** Finds values assigned to secret keys in code, JSON, YAML, env files and Chinese prose. */
export function detectAssignments(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  detectLoginPasswords(ctx, out);
  if (text.indexOf('-p') !== -1) {
    QUOTED_P_FLAG.lastIndex = 0;
    for (let m = QUOTED_P_FLAG.exec(text); m !== null; m = QUOTED_P_FLAG.exec(text)) {
      const start = m.index + 3;
      const end = start + m[2].length;
      out.push({ start, end, type: 'SECRET', priority: PRIORITY.secretAssignment });
    }
  }
  const hints = passwordHints(ctx.data);
  const hinted = { end: 0 };
  KEY_ROOT.lastIndex = 0;
  for (let m = KEY_ROOT.exec(text); m !== null; m = KEY_ROOT.exec(text)) {
    const chinese = isHan(m[0].charCodeAt(0));
    let keyStart = m.index;
    let keyEnd = m.index + m[0].length;
    if (!chinese) {
      while (
        keyStart > 0 &&
        isIdentifierChar(text.charCodeAt(keyStart - 1)) &&
        m.index - keyStart < 64
      ) {
        keyStart--;
      }
      while (isWordChar(text.charCodeAt(keyEnd)) && keyEnd - m.index < 64) keyEnd++;
      keyEnd = labelEnd(ctx, keyStart, keyEnd);
      KEY_ROOT.lastIndex = keyEnd;
    }
    if (hints.has(m[0].toLowerCase())) scanPasswordWindow(ctx, m.index, m[0].length, hinted, out);
    const key = text.slice(keyStart, keyEnd).replace(/^[-$.]+/, '');
    const kind = keyKind(ctx, key);
    if (kind === null) continue;
    if (emitAssignedValue(ctx, keyStart, keyEnd, chinese, kind, out)) continue;
    if (chinese && kind === 'password') emitProsePassword(text, keyEnd, out);
  }
}

/** Emits the literal assigned to the key at [keyStart, keyEnd); returns whether there was one. */
function emitAssignedValue(
  ctx: ScanContext,
  keyStart: number,
  keyEnd: number,
  chinese: boolean,
  kind: KeyKind,
  out: Candidate[],
): boolean {
  const text = ctx.text;
  let start = valueStart(text, keyStart, keyEnd, chinese);
  // A credential label may be followed by its value after blanks alone (SK 9aF3kL0p…), which
  // must then look like a generated key.
  const blank = start === -1 && !chinese && kind === 'credential';
  if (blank) start = blankValueStart(text, keyEnd);
  const value = start === -1 ? null : readValue(text, start, chinese);
  if (value === null) return false;
  const literal = text.slice(value.start, value.end);
  if (literal.length < 3 || isTemplateValue(literal)) return false;
  if (blank && !GENERATED_KEY.test(literal)) return false;
  if (!value.quoted && !chinese) {
    if (!isUnquotedLiteral(ctx, value, isYamlLike(text, keyStart, value.end))) return false;
  }
  if (kind === 'credential' && !looksLikeCredential(literal)) return false;
  // A word without digits before 的 names a kind of password, not its value (登录密码 VNC的登录密码).
  if (chinese && !value.quoted && text[value.end] === '的' && !/[0-9]/.test(literal)) return false;
  // A value after 是 or 为 may name a scheme (密码是 HS256 签名的吗).
  const prose = chinese && /[是为]/.test(text.slice(keyEnd, value.start));
  if (prose && !value.quoted && WORD_AFTER.test(text.slice(value.end, value.end + 4))) {
    return false;
  }
  out.push({
    start: value.start,
    end: value.end,
    type: 'SECRET',
    priority: PRIORITY.secretAssignment,
  });
  return true;
}

// A password stated in a sentence after 密码 or 口令: an adverb before 是 or 为 (密码都是 shop_2024),
// or, after 是 or 为, a few words about the value that start with a person or a default
// (密码是我生日19850712, 密码为公司缩写加2024). Other words after 是 end the match, so 密码是否正确 and
// 密码为空 stay.
const PROSE_PASSWORD =
  /^(?:都|也|还|就|均|统一|一直|仍然|依然|全都)?(?:是|为|设为|设置为|设成|改为|改成|用的是)[ \t]{0,3}:?[ \t]{0,3}(?:(?:我|你|您|他|她|自己|公司|默认|初始|原来)[\u4e00-\u9fff]{0,6})?[ \t]{0,3}([A-Za-z0-9!@#$%^&*_.+=?~-]{4,64})(?![A-Za-z0-9!@#$%^&*_.+=?~-])/;

// Words after a value that make it a count, a date or the name of an encoding, a hash or a
// scheme, not a password (密码是我 2024 年改的, 密码都是 SHA256 加密的, 密码是 HS256 签名的吗,
// 密码为 OAuth2 授权方式获取).
const WORD_AFTER =
  /^[ \t]?(?:[年月日号天次个位分秒条元]|加密|编码|格式|算法|哈希|散列|明文|字符|签名|授权|存储|方式|流程|模式|协议|类型|认证|校验|规则|标准|版本|接口)/;

/**
 * Emits a password stated in prose after a Chinese password key that ends at `keyEnd`. The value
 * must contain a digit, or a letter and a symbol, as passwords do and words do not.
 */
function emitProsePassword(text: string, keyEnd: number, out: Candidate[]): void {
  const match = PROSE_PASSWORD.exec(text.slice(keyEnd, keyEnd + 120));
  if (match === null) return;
  const value = match[1]!;
  const end = keyEnd + match[0].length;
  if (!/[0-9]/.test(value) && !(/[A-Za-z]/.test(value) && /[!@#$%^&*+=?~]/.test(value))) return;
  if (WORD_AFTER.test(text.slice(end, end + 3))) return;
  out.push({
    start: end - value.length,
    end,
    type: 'SECRET',
    priority: PRIORITY.secretAssignment,
  });
}

// A token of 6 to 32 characters that mixes letters, digits and a symbol, like most passwords.
const STRONG_TOKEN =
  /(?<![A-Za-z0-9!@#$%^&*_.+=?~-])[A-Za-z0-9!@#$%^&*_.+=?~-]{6,32}(?![A-Za-z0-9!@#$%^&*_.+=?~-])/g;

function isStrongPassword(token: string): boolean {
  if (!/[A-Za-z]/.test(token) || !/[0-9]/.test(token) || !/[!@#$%^&*+=?~]/.test(token))
    return false;
  // An e-mail address is not a password.
  return !/@[A-Za-z0-9-]+\.[A-Za-z]{2,}/.test(token);
}

/**
 * Finds password-shaped tokens near a password word even when nothing is assigned
 * (`administrator Skykey@20233 这个是主机的登录密码`): same line, within 40 characters.
 * `scanned.end` is the end of the previous window, so no character is scanned twice.
 */
function scanPasswordWindow(
  ctx: ScanContext,
  at: number,
  length: number,
  scanned: { end: number },
  out: Candidate[],
): void {
  const text = ctx.text;
  let windowStart = Math.max(at - 40, scanned.end);
  let windowEnd = Math.min(text.length, at + length + 40);
  const lineStart = text.slice(windowStart, at).lastIndexOf('\n');
  if (lineStart !== -1) windowStart += lineStart + 1;
  const lineEnd = text.slice(at, windowEnd).indexOf('\n');
  if (lineEnd !== -1) windowEnd = at + lineEnd;
  scanned.end = Math.max(scanned.end, windowEnd);

  const window = text.slice(windowStart, windowEnd);
  STRONG_TOKEN.lastIndex = 0;
  for (let m = STRONG_TOKEN.exec(window); m !== null; m = STRONG_TOKEN.exec(window)) {
    if (!isStrongPassword(m[0])) continue;
    const start = windowStart + m.index;
    out.push({ start, end: start + m[0].length, type: 'SECRET', priority: PRIORITY.password });
  }
}
