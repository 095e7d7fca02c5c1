import { isAsciiAlnum, isAsciiLetter, isWordChar } from '../chars.js';
import type { ScanContext } from '../context.js';
import { PRIORITY, type Candidate } from '../types.js';

// A home-folder root between two path separators: `\Users\`, `/home/`, `\\Users\\` in JSON.
// Which spelling counts depends on the root before it (see rootKind).
const ROOT_FOLDER = /[\\/](users|home|documents and settings)(?=[\\/])/gi;

// Text that replaces the drive letter before `\Users\`: %SystemDrive%, $env:SystemDrive, and
// the HOMEPATH variable, whose value is `\Users\name` without a drive.
const DRIVE_VARIABLE =
  /(?:%[A-Za-z_]{1,24}%|\$env:[A-Za-z_]{1,24}|HOMEPATH[ \t]{0,2}[=:][ \t]{0,2})$/i;

// Prefixes that start a path ending in `/Users/` or `/home/`, besides any character that cannot
// continue a path: file:// and the drive folders of WSL, Cygwin and Git Bash (/mnt/c,
// /cygdrive/c, /c).
const POSIX_PREFIX = /(?:^|[^A-Za-z0-9_.~/-])(?:file:\/\/|(?:\/mnt|\/cygdrive)?\/[A-Za-z])$/i;

// Characters before a root that DRIVE_VARIABLE and POSIX_PREFIX read: `$env:` and a 24-letter
// variable name are 29, the longest match.
const PREFIX_WINDOW = 30;

// `\\\\` is a backslash escaped twice, as in JSON inside a JSON string.
const MAX_BACKSLASHES = 4;

// A profile folder can be longer than its account name (`name.DOMAIN.000`).
const MAX_NAME_LENGTH = 64;

// Characters that Windows forbids in file names, and ASCII punctuation that ends a name in
// running text or code.
const WINDOWS_STOP = new Set(Array.from('\\/:*?"<>|\'`,;=()[]{}%$&'));

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

type RootKind = 'windows' | 'posix' | null;

/** Returns whether `code` can be part of a Windows profile folder's name. */
function isWindowsNameChar(code: number): boolean {
  if (!(code >= 32)) return false;
  // General punctuation (quotes, dashes, …), CJK punctuation (。、「」) and full-width forms.
  if (code >= 0x2000 && code <= 0x206f) return false;
  if (code >= 0x3000 && code <= 0x303f) return false;
  if (code >= 0xff00 && code <= 0xffef) return false;
  return !WINDOWS_STOP.has(String.fromCharCode(code));
}

/** Returns whether `code` can be part of a POSIX account name (letters, digits, `_.@-`). */
function isPosixNameChar(code: number): boolean {
  return isWordChar(code) || code === 46 || code === 64 || code === 45;
}

/** Returns whether `code` continues a path or a word, so a root folder right after it is not one. */
function isPathChar(code: number): boolean {
  return isWordChar(code) || '.~/\\-$%})]'.includes(String.fromCharCode(code));
}

/**
 * Tells whether the root folder whose leading separator run starts at `start` is a home-folder
 * root. Windows roots (`C:\Users`, `d:/users`, `%SystemDrive%\Users`) ignore case, because the
 * file system does. POSIX roots (`/Users`, `/home`) must start a path and keep their case, so a
 * route such as `/api/users/42` stays.
 */
function rootKind(text: string, start: number, folder: string): RootKind {
  const windowsFolder = folder.toLowerCase() !== 'home';
  const drive = text.charCodeAt(start - 1);
  if (
    windowsFolder &&
    (drive === 58 || drive === 36) && // `C:` or the administrative share `c$`
    isAsciiLetter(text.charCodeAt(start - 2)) &&
    !isWordChar(text.charCodeAt(start - 3))
  ) {
    return 'windows';
  }

  const before = text.slice(Math.max(0, start - PREFIX_WINDOW), start);
  if (windowsFolder && DRIVE_VARIABLE.test(before)) return 'windows';

  if (text[start] !== '/' || (folder !== 'Users' && folder !== 'home')) return null;
  if (!isPathChar(text.charCodeAt(start - 1)) || POSIX_PREFIX.test(before)) return 'posix';
  return null;
}

/** Reads the separator after a root folder: one `/`, or one to four backslashes. */
function separatorEnd(text: string, at: number): number {
  if (text[at] === '/') return at + 1;
  let end = at;
  while (text[end] === '\\' && end - at < MAX_BACKSLASHES) end++;
  return end;
}

/**
 * Returns the end of the Windows account name that starts at `start`, or -1. A name followed by
 * a separator may contain spaces and Chinese characters (`C:\Users\Zhang San\`, `C:\Users\张三\`).
 * A name at the end of a path is read in ASCII only, up to a space or a Chinese character
 * (`C:\Users\yaoqi这个目录`), because nothing marks where it ends.
 */
function windowsNameEnd(text: string, start: number): number {
  let end = start;
  while (end - start < MAX_NAME_LENGTH && isWindowsNameChar(text.charCodeAt(end))) end++;
  const name = text.slice(start, end);
  const separated = text[end] === '\\' || text[end] === '/';
  if (separated && name.trim() === name && !name.includes('  ')) return end;

  end = start;
  while (end - start < MAX_NAME_LENGTH && isPosixNameChar(text.charCodeAt(end))) end++;
  if (isAsciiAlnum(text.charCodeAt(end))) return -1;
  // A dot right after the name is taken for the full stop of a sentence (`在 C:\Users\yaoqi.`).
  // NOTE: a Chinese name stays here (`C:\Users\张三`), and a name with spaces keeps all but its
  // first word (`C:\Users\Zhang San` gives `[USER_1] San`).
  while (end > start && text[end - 1] === '.') end--;
  return end;
}

/**
 * Returns the end of the POSIX account name that starts at `start`, or -1. At the end of a path a
 * name with a dot is taken for a file (`/home/index.html`) and stays.
 *
 * NOTE: a web route written without its host (`/home/dashboard`) looks the same as a home
 * folder, so its second segment is replaced.
 */
function posixNameEnd(text: string, start: number): number {
  let end = start;
  while (end - start < MAX_NAME_LENGTH && isPosixNameChar(text.charCodeAt(end))) end++;
  if (isPosixNameChar(text.charCodeAt(end))) return -1;
  if (text[end] === '/') return end;

  while (end > start && text[end - 1] === '.') end--;
  return text.slice(start, end).includes('.') ? -1 : end;
}

/**
 * Finds the account name in home-folder paths (`C:\Users\yaoqi\AppData`, `C:\\Users\\yaoqi` in
 * JSON, `/Users/yaoqi/`, `/home/yaoqi`) and proposes it as USER. The rest of the path stays.
 * Generic accounts that identify no person (`Public`, `root`, `ubuntu`, data/redact/user-names.yaml) stay too.
 * A URL's replaced path or a kept provider URL has a higher priority, so a path inside a URL is
 * left to the URL policy.
 */
export function detectHomeFolderUsers(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  if (text.indexOf('/') === -1 && text.indexOf('\\') === -1) return;

  ROOT_FOLDER.lastIndex = 0;
  for (let m = ROOT_FOLDER.exec(text); m !== null; m = ROOT_FOLDER.exec(text)) {
    const folderEnd = m.index + m[0].length;
    let start = m.index;
    if (text[start] === '\\') {
      while (text[start - 1] === '\\' && m.index - start < MAX_BACKSLASHES - 1) start--;
    }
    const kind = rootKind(text, start, m[1]);
    if (kind === null) continue;

    const nameStart = separatorEnd(text, folderEnd);
    if (kind === 'posix' && text[folderEnd] !== '/') continue;
    // A hidden folder (`/home/.cache`) or a space after the root (`打开 C:\Users\ 目录`) is no name.
    if (text[nameStart] === '.' || text[nameStart] === ' ') continue;

    const nameEnd =
      kind === 'windows' ? windowsNameEnd(text, nameStart) : posixNameEnd(text, nameStart);
    if (nameEnd <= nameStart) continue;
    const name = text.slice(nameStart, nameEnd);
    if (!LETTER_OR_DIGIT.test(name)) continue;
    if (ctx.data.genericUserNames.has(name.toLowerCase())) continue;
    out.push({ start: nameStart, end: nameEnd, type: 'USER', priority: PRIORITY.user });
  }
}
