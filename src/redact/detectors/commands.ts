import type { ScanContext } from '../context.js';
import type { RedactData } from '../data.js';
import { PRIORITY, type Candidate } from '../types.js';
import { escapeRegExp, wordAlternation } from '../../shared/regexp.js';

/** One command-line password flag of `commandPasswordFlags` in data/redact/secret-keys.yaml. */
interface FlagRule {
  /** The command word, then up to 120 characters of the same line, then the flag. */
  pattern: RegExp;
  /** Whether the value is `user:password` and only the password is secret (`curl -u`). */
  userPassword: boolean;
}

const rules = new WeakMap<RedactData, FlagRule[]>();

function flagRules(data: RedactData): FlagRule[] {
  let built = rules.get(data);
  if (built === undefined) {
    built = data.secrets.commandPasswordFlags.map((entry) => {
      const [command = '', flagSpec = ''] = entry.split(' ');
      const glued = flagSpec.endsWith('+');
      const flag = escapeRegExp(glued ? flagSpec.slice(0, -1) : flagSpec);
      const gap = glued ? '' : '[ \\t]+';
      return {
        pattern: new RegExp(
          `(?<![\\w-])${escapeRegExp(command)}(?![\\w-])[^\\n]{0,120}?[ \\t]${flag}${gap}(?=\\S)`,
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

// After a recovery-code label: a colon, `=`, 是 or 为 with blanks, then groups of four to ten
// letters and digits joined by dashes or blanks, at least one group with a digit.
const RECOVERY_CODE =
  /^[ \t]{0,3}(?:[:=]|是|为)?[ \t]{0,3}((?:[A-Za-z0-9]{4,10}[- ]){0,7}[A-Za-z0-9]{4,10})(?![A-Za-z0-9])/;

/**
 * Finds two-factor recovery codes after a label (`二步验证恢复码：AB12-CD34-EF56-GH78`,
 * `backup code: 8F3K2M9Q`). The code needs a digit, so a word after the label stays.
 */
export function detectRecoveryCodes(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  let pattern = recoveryPatterns.get(ctx.data);
  if (pattern === undefined) {
    pattern = new RegExp(wordAlternation(ctx.data.secrets.recoveryCodeLabels), 'gi');
    recoveryPatterns.set(ctx.data, pattern);
  }
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const from = m.index + m[0].length;
    const code = RECOVERY_CODE.exec(text.slice(from, from + 100));
    if (code === null || !/[0-9]/.test(code[1]!)) continue;
    const start = from + code[0].length - code[1]!.length;
    out.push({
      start,
      end: start + code[1]!.length,
      type: 'SECRET',
      priority: PRIORITY.secretAssignment,
    });
  }
}
