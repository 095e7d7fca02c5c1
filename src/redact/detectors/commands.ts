import type { ScanContext } from '../context.js';
import type { RedactData } from '../data.js';
import { PRIORITY, type Candidate } from '../types.js';
import { escapeRegExp, wordAlternation } from '../../shared/regexp.js';

/** One command-line password flag of `commandPasswordFlags` in data/redact/secret-keys.yaml. */
interface FlagRule {
  /**
   * The command (one word, or words such as `docker login`), then up to 120 characters of the
   * same command, then the flag.
   */
  pattern: RegExp;
  /** Whether the value is `user:password` and only the password is secret (`curl -u`). */
  userPassword: boolean;
}

const rules = new WeakMap<RedactData, FlagRule[]>();

// One character of the same command: a line break, `;`, a pipe, `&&` or a `&` before a blank
// starts another command, whose flags mean something else (`docker login … && docker run -p 80:80`).
// A `&` inside a query string (`?a=1&b=2`) does not.
const SAME_COMMAND = '(?:[^\\n;|&]|&(?![&\\s]))';

function flagRules(data: RedactData): FlagRule[] {
  let built = rules.get(data);
  if (built === undefined) {
    built = data.secrets.commandPasswordFlags.map((entry) => {
      // The flag is the last word; the words before it name the command (`docker login -p`).
      const split = entry.lastIndexOf(' ');
      const command = entry.slice(0, split).split(' ').map(escapeRegExp).join('[ \\t]+');
      const flagSpec = entry.slice(split + 1);
      const glued = flagSpec.endsWith('+');
      const flag = escapeRegExp(glued ? flagSpec.slice(0, -1) : flagSpec);
      const gap = glued ? '' : '[ \\t]+';
      return {
        pattern: new RegExp(
          `(?<![\\w-])${command}(?![\\w-])${SAME_COMMAND}{0,120}?[ \\t]${flag}${gap}(?=\\S)`,
          'g',
        ),
        userPassword: command === 'curl',
      };
    });
    rules.set(data, built);
  }
  return built;
}

// A value that stands for a password rather than being one: a variable, a prompt or a mask.
const STAND_IN = /^(?:\$|<|\{|\*+$|x+$|\.\.\.)|password|passwd|你的|密码/i;

/** Returns the span of the value at `start`: inside its quotes, or up to the next blank. */
function valueAt(text: string, start: number): { start: number; end: number } | null {
  const quote = text[start];
  if (quote === "'" || quote === '"') {
    const close = text.indexOf(quote, start + 1);
    if (close <= start + 1 || text.slice(start + 1, close).includes('\n')) return null;
    return { start: start + 1, end: close };
  }
  let end = start;
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  return end > start ? { start, end } : null;
}

/**
 * Finds passwords given on a command line (`sshpass -p 'Abc12345'`, `redis-cli -a Str0ngRedis!`,
 * `mysql -uroot -pMyS3cret!`, the password of `curl -u user:password`), for the commands and
 * flags of `commandPasswordFlags`. A variable or a stand-in (`-p$DB_PASS`, `-a <password>`)
 * stays.
 */
export function detectCommandPasswords(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  if (!text.includes(' -')) return;
  for (const rule of flagRules(ctx.data)) {
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(text); m !== null; m = rule.pattern.exec(text)) {
      let value = valueAt(text, m.index + m[0].length);
      if (value === null) continue;
      if (rule.userPassword) {
        const colon = text.indexOf(':', value.start);
        if (colon === -1 || colon >= value.end - 1) continue;
        value = { start: colon + 1, end: value.end };
      }
      if (STAND_IN.test(text.slice(value.start, value.end))) continue;
      out.push({ ...value, type: 'SECRET', priority: PRIORITY.secretAssignment });
    }
  }
}

const recoveryPatterns = new WeakMap<RedactData, RegExp>();

// After a code's label: a closing bracket (`密码(授权码)：`), a colon, `=`, 是 or 为 with blanks,
// then groups of four to 32 letters and digits joined by dashes or blanks.
const RECOVERY_CODE =
  /^\)?[ \t]{0,3}(?:[:=]|是|为)?[ \t]{0,3}((?:[A-Za-z0-9]{4,32}[- ]){0,7}[A-Za-z0-9]{4,32})(?![A-Za-z0-9])/;

// Characters after a number that make it a count or a date, not a code (授权码 2024年, 1000次).
const UNIT_AFTER = /^[ \t]?[年月日号天次个位分秒条元]/;

// Text after a value that makes it a date or the name of a scheme, not a code (授权码 2024-12-05
// 到期, 授权码 OAuth2 流程里).
const NOT_CODE_AFTER = /^(?:[-/.:]\d|[ \t]?(?:流程|模式|方式|授权|协议|类型|接口|怎么|是什么))/;

/**
 * Returns whether a value after a code's label is a code: it contains a digit, or it is sixteen
 * letters in one run or in four groups of four, as mail authorisation codes and app passwords
 * are (`abcdefghijklmnop`, `abcd efgh ijkl mnop`). Other words stay (`授权码 code`).
 */
function isCode(value: string, after: string): boolean {
  if (NOT_CODE_AFTER.test(after)) return false;
  if (/[0-9]/.test(value)) return /[A-Za-z]/.test(value) || !UNIT_AFTER.test(after);
  const groups = value.split(/[- ]/);
  if (groups.join('').length !== 16) return false;
  return groups.length === 1 || groups.every((group) => group.length === 4);
}

/**
 * Finds codes after a label: two-factor recovery codes (`二步验证恢复码：AB12-CD34-EF56-GH78`,
 * `backup code: 8F3K2M9Q`), mail authorisation codes (`邮箱授权码 abcdefghijklmnop`) and app
 * passwords. The code needs a digit or the shape of an authorisation code, so a word after the
 * label stays (`授权码已过期`, `恢复码丢了`).
 */
export function detectRecoveryCodes(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  // Cheap test first: every label has 码, `code` or `password`, in any case.
  if (!text.includes('码') && !/code|password/i.test(text)) return;
  let pattern = recoveryPatterns.get(ctx.data);
  if (pattern === undefined) {
    pattern = new RegExp(wordAlternation(ctx.data.secrets.recoveryCodeLabels), 'gi');
    recoveryPatterns.set(ctx.data, pattern);
  }
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const from = m.index + m[0].length;
    const code = RECOVERY_CODE.exec(text.slice(from, from + 300));
    if (code === null) continue;
    const end = from + code[0].length;
    if (!isCode(code[1]!, text.slice(end, end + 4))) continue;
    const start = end - code[1]!.length;
    out.push({ start, end, type: 'SECRET', priority: PRIORITY.secretAssignment });
  }
}
