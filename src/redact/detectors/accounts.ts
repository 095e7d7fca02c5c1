import { isAsciiLetter, isDigit, isHan, isWordChar } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { RedactData } from '../data.js';
import { PRIORITY, type Candidate } from '../types.js';
import { wordAlternation } from '../../shared/regexp.js';

// After a label, a colon, `=`, 是 or 为, with spaces or tabs around it: 用户名：yaoqi, 登录名 是 li.
// A quote may close the label first, as a JSON key's does ("username": "li").
const SEPARATOR = /^["']?[ \t]{0,3}(?:[:=]|是|为)[ \t]{0,3}/;

// An account name: ASCII letters, digits and `_.-@`, as login names are. It ends at the first
// other character, so a Chinese word or a full-width comma right after it stays.
const NAME = /^[A-Za-z0-9_.@-]{3,64}/;

// Characters that, right after a name, show it is code rather than a value: a call, an index,
// a member access or a template.
const CODE_AFTER = '([{$';

/** Returns whether `value` reads as an account name and not as a stand-in or a code word. */
function isAccountName(ctx: ScanContext, value: string): boolean {
  const lower = value.toLowerCase();
  if (ctx.data.genericUserNames.has(lower)) return false;
  if (ctx.data.serviceAccounts.some((pattern) => pattern.test(value))) return false;
  if (ctx.data.secrets.keywords.has(lower)) return false;
  if (/^(?:your|my|xxx)/i.test(value) || /^(.)\1*$/.test(value)) return false;
  // `settings.user` is a variable, 1.2.3 a version and USER_NAME a constant; li.ming is a name.
  const dot = lower.indexOf('.');
  if (dot !== -1 && ctx.data.codeObjects.has(lower.slice(0, dot))) return false;
  if (/^\d+(?:\.\d+)+$/.test(value) || /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(value)) return false;
  return /[A-Za-z]/.test(value) || value.length >= 5;
}

/** Returns whether the label found at `start` is a whole word, not part of a longer one. */
function isWholeLabel(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  if (isHan(first)) return true;
  const before = text.charCodeAt(start - 1);
  const after = text.charCodeAt(end);
  return !isWordChar(before) && !isAsciiLetter(after) && !isDigit(after);
}

/**
 * Finds an account name written after a label, such as `用户名：yaoqi123`, `登录账号: zhangwei_88`
 * or `username = li.ming`. The labels are `accountLabels` in data/redact/user-names.yaml, and a
 * name of `generic` there (root, admin, test) stays. A phone number or e-mail address after a
 * label keeps its own type, since their detectors win over this one.
 */
export function detectLabelledUsers(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  const pattern = labelPattern(ctx.data);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const from = m.index + m[0].length;
    if (!isWholeLabel(text, m.index, from)) continue;
    const value = valueAfter(ctx, text.slice(from, from + 80));
    if (value === null) continue;
    const start = from + value.offset;
    out.push({ start, end: start + value.length, type: 'USER', priority: PRIORITY.user });
  }
}

const labelPatterns = new WeakMap<RedactData, RegExp>();

/** Returns one case-blind pattern of every label, longest first, built once per data set. */
function labelPattern(data: RedactData): RegExp {
  let pattern = labelPatterns.get(data);
  if (pattern === undefined) {
    pattern = new RegExp(wordAlternation(data.accountLabels), 'gi');
    labelPatterns.set(data, pattern);
  }
  return pattern;
}

/** Finds the account name at the start of `rest`, the text after a label. */
function valueAfter(ctx: ScanContext, rest: string): { offset: number; length: number } | null {
  const separator = SEPARATOR.exec(rest);
  if (separator === null) return null;
  const quote = rest[separator[0].length];
  const offset = separator[0].length + (quote === '"' || quote === "'" ? 1 : 0);
  const name = NAME.exec(rest.slice(offset));
  if (name === null) return null;
  const value = name[0].replace(/[.@-]+$/, '');
  const next = rest[offset + value.length] ?? '';
  if (next !== '' && CODE_AFTER.includes(next)) return null;
  return isAccountName(ctx, value) ? { offset, length: value.length } : null;
}

// One argument of a command line: a run of characters other than blanks and quotes, or a quoted
// run.
const ARGUMENT = /"[^"\n]*"|'[^'\n]*'|[^\s"']+/g;

/**
 * Finds the account name among the arguments of a command listed in `accountCommands` of
 * data/redact/user-names.yaml, such as `zhangxy` in `qshell account <AK> <SK> zhangxy`. Flags
 * (`-w`, `--overwrite`) are skipped when counting, and a name of `generic` stays.
 */
export function detectCommandAccounts(ctx: ScanContext, out: Candidate[]): void {
  const { text, data } = ctx;
  const { pattern, positions } = commandPattern(data);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const end = m.index + m[0].length;
    if (isWordChar(text.charCodeAt(m.index - 1)) || isWordChar(text.charCodeAt(end))) continue;
    const position = positions.get(m[0].toLowerCase());
    const candidate = position && positionalArgument(text, end, position);
    if (!candidate) continue;

    // The name ends where its characters do, so a comma or a Chinese word after it stays.
    const name = NAME.exec(text.slice(candidate.start, candidate.end))?.[0].replace(/[.@-]+$/, '');
    if (name === undefined || !isAccountName(ctx, name)) continue;
    out.push({
      start: candidate.start,
      end: candidate.start + name.length,
      type: 'USER',
      priority: PRIORITY.user,
    });
  }
}

const commandPatterns = new WeakMap<
  RedactData,
  { pattern: RegExp; positions: Map<string, number> }
>();

/** Returns one case-blind pattern of the commands and the position of each, built once. */
function commandPattern(data: RedactData): { pattern: RegExp; positions: Map<string, number> } {
  let built = commandPatterns.get(data);
  if (built === undefined) {
    const commands = data.accountCommands.map((entry) => entry.command);
    // A list with no command gives a pattern that matches nothing.
    const source = commands.length > 0 ? wordAlternation(commands) : '(?!)';
    built = {
      pattern: new RegExp(source, 'gi'),
      positions: new Map(data.accountCommands.map((entry) => [entry.command, entry.position])),
    };
    commandPatterns.set(data, built);
  }
  return built;
}

/** Returns the span of the positional argument at `position` on the line from `from`, or null. */
function positionalArgument(
  text: string,
  from: number,
  position: number,
): { start: number; end: number } | null {
  const lineEnd = text.indexOf('\n', from);
  const line = text.slice(from, lineEnd === -1 ? text.length : lineEnd);
  let count = 0;
  ARGUMENT.lastIndex = 0;
  for (let m = ARGUMENT.exec(line); m !== null; m = ARGUMENT.exec(line)) {
    if (m[0].startsWith('-')) continue;
    if (++count < position) continue;
    const quoted = m[0].startsWith('"') || m[0].startsWith("'");
    const start = from + m.index + (quoted ? 1 : 0);
    return { start, end: from + m.index + m[0].length - (quoted ? 1 : 0) };
  }
  return null;
}
