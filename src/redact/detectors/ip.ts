import { isAsciiAlnum, isBlank, isDigit, isHexDigit, isWordChar } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { DigitRun } from '../digits.js';
import { PRIORITY, type Candidate } from '../types.js';

// An octet may be zero-padded to three digits (203.0.113.045), as fixed-width logs print it. Two
// digits with a leading zero (01.2.3.4) are no octet.
function octetValue(text: string, run: DigitRun): number {
  const length = run.end - run.start;
  if (length > 3 || (length === 2 && text.charCodeAt(run.start) === 48)) return -1;
  let value = 0;
  for (let i = run.start; i < run.end; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value <= 255 ? value : -1;
}

const MASK_OCTETS = new Set([0, 128, 192, 224, 240, 248, 252, 254, 255]);

/** Returns whether an address identifies no one: unspecified, loopback, broadcast or a netmask. */
function isGenericAddress(octets: readonly number[]): boolean {
  if (octets[0] === 127 || octets.every((octet) => octet === 0)) return true;
  if (octets[0] !== 255) return false;
  return octets.every((octet, i) => MASK_OCTETS.has(octet) && (i === 0 || octet <= octets[i - 1]));
}

// The ideographic full stop, which a Chinese input method types for a dot (203。0。113。5).
// Normalization leaves it unfolded, because it ends most Chinese sentences.
const IDEOGRAPHIC_STOP = 0x3002;

/**
 * Values of the octets from run `index` joined by `separator` (at most 4). `separator` is `.`,
 * or the ideographic full stop when every dot of the address is one.
 */
function dottedOctets(
  text: string,
  runs: readonly DigitRun[],
  index: number,
  separator: number,
): number[] {
  const octets: number[] = [];
  for (let k = index; k < runs.length && octets.length < 4; k++) {
    const value = octetValue(text, runs[k]);
    if (value === -1) break;
    if (k > index) {
      const previousEnd = runs[k - 1].end;
      if (runs[k].start !== previousEnd + 1 || text.charCodeAt(previousEnd) !== separator) break;
    }
    octets.push(value);
  }
  return octets;
}

// A product token of a User-Agent or an SDK name: a word and a slash (Chrome/122.0.0.0,
// qiniu-java-sdk/7.13.0.1). A URL path or a CIDR mask has no letters right before its slash.
const PRODUCT_TOKEN = /[A-Za-z][A-Za-z0-9_.-]*\/$/;

/**
 * Returns whether a product or SDK name of `versionNames` ends right before `start`, with at most
 * two blanks between (SDK 7.13.2.1, java-sdk 7.13.0.1, Chrome 118.0.5993.88).
 */
function followsVersionName(ctx: ScanContext, start: number): boolean {
  const text = ctx.text;
  let end = start;
  while (end > 0 && start - end < 2 && isBlank(text.charCodeAt(end - 1))) end--;
  return ctx.data.context.versionNames.some((name) => {
    const nameStart = end - name.length;
    if (nameStart < 0 || !text.startsWith(name, nameStart)) return false;
    return !isAsciiAlnum(name.charCodeAt(0)) || !isAsciiAlnum(text.charCodeAt(nameStart - 1));
  });
}

function nearVersionHint(ctx: ScanContext, start: number, end: number): boolean {
  const hints = ctx.data.context.versionHints;
  const after = ctx.text.slice(end, end + 6);
  if (PRODUCT_TOKEN.test(ctx.text.slice(Math.max(0, start - 40), start))) return true;
  if (followsVersionName(ctx, start)) return true;
  return ctx.hasWordBefore(hints, start, 10) || hints.some((hint) => after.startsWith(hint));
}

/**
 * Returns whether four dotted runs with a zero-padded octet read as a number grouped in
 * thousands (1.000.000.000). Such a number has a first run of one or two digits and three runs
 * of three.
 */
function isThousandsGrouped(text: string, runs: readonly DigitRun[], index: number): boolean {
  const lengths = [0, 1, 2, 3].map((k) => runs[index + k].end - runs[index + k].start);
  const padded = [1, 2, 3].some((k) => lengths[k] === 3 && text[runs[index + k].start] === '0');
  return padded && lengths[0] < 3 && lengths[1] === 3 && lengths[2] === 3 && lengths[3] === 3;
}

/**
 * Returns whether an address with a CIDR suffix after it names a private network (RFC 1918), not
 * a host: every bit past the prefix is zero (10.0.0.0/8, 192.168.0.0/16), as in a firewall rule.
 * A public range identifies whose network it is, so it is replaced like an address.
 */
function isNetworkRange(octets: readonly number[], after: string): boolean {
  const suffix = /^\/([0-9]{1,2})(?![0-9])/.exec(after);
  if (suffix === null) return false;
  const prefix = Number(suffix[1]);
  if (prefix >= 31) return false;
  const [a, b] = octets as [number, number];
  const isPrivate = a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  if (!isPrivate) return false;
  const value = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const hostBits = 2 ** (32 - prefix);
  return value % hostBits === 0;
}

/**
 * Finds IPv4 addresses, also written with ideographic full stops (`203。0。113。5`). Full-width
 * stops are already folded to `.`. A CIDR suffix (`/24`) or a port stays outside the span, and
 * so does the `.*` of a wildcard range (`58.220.4.*` becomes `[IP_1].*`).
 */
export function detectIpv4(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  const runs = ctx.digitRuns();
  for (let i = 0; i < runs.length; i++) {
    const start = runs[i].start;
    // Cheap test first: one to three digits followed by a dot.
    const separator = text.charCodeAt(runs[i].end);
    if (runs[i].end - start > 3 || (separator !== 46 && separator !== IDEOGRAPHIC_STOP)) continue;
    const before = text.charCodeAt(start - 1);
    if (isWordChar(before) || before === 46) continue;
    // A full stop ends a sentence, so only one between digits continues a number.
    if (before === IDEOGRAPHIC_STOP && isDigit(text.charCodeAt(start - 2))) continue;

    const octets = dottedOctets(text, runs, i, separator);
    let end: number;
    if (octets.length === 4) {
      end = runs[i + 3].end;
      const after = text.charCodeAt(end);
      const continues = (after === 46 || after === separator) && isDigit(text.charCodeAt(end + 1));
      if (isWordChar(after) || continues || isThousandsGrouped(text, runs, i)) continue;
    } else if (separator === 46 && octets.length === 3 && text.startsWith('.*', runs[i + 2].end)) {
      end = runs[i + 2].end;
    } else {
      continue;
    }

    // Joined again with dots, so an address written with full stops meets the allowlist too.
    const address = octets.join('.');
    if (ctx.allowlist.ips.has(address) || isGenericAddress(octets)) continue;
    if (isNetworkRange(octets, text.slice(end, end + 4))) continue;
    if (nearVersionHint(ctx, start, end)) continue;
    out.push({ start, end, type: 'IP', priority: PRIORITY.ip });
    i += octets.length - 1;
  }
}

function isIpv6Char(code: number): boolean {
  return isHexDigit(code) || code === 58 || code === 46;
}

/** Returns whether `value` is an IPv6 address worth redacting (not `::` or `::1`). */
export function isIpv6Address(value: string): boolean {
  if (value === '::' || value === '::1' || !/[0-9]/.test(value)) return false;

  let groups = value;
  let extra = 0;
  const lastColon = value.lastIndexOf(':');
  if (value.indexOf('.', lastColon) !== -1) {
    // Embedded IPv4 address (::ffff:192.0.2.1) counts as two groups.
    const tail = value.slice(lastColon + 1).split('.');
    if (tail.length !== 4 || !tail.every((part) => /^(?:0|[1-9][0-9]{0,2})$/.test(part))) {
      return false;
    }
    if (!tail.every((part) => Number(part) <= 255)) return false;
    groups = value.slice(0, lastColon + 1) + '0';
    extra = 1;
  }

  const halves = groups.split('::');
  if (halves.length > 2) return false;
  const parts = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (!parts.every((part) => /^[0-9A-Fa-f]{1,4}$/.test(part))) return false;
  const count = parts.length + extra;
  return halves.length === 1 ? count === 8 : count >= 2 && count <= 7;
}

/** Finds IPv6 addresses, full or compressed, with an optional embedded IPv4 tail. */
export function detectIpv6(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  let scanned = 0;
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', scanned)) {
    // Most colons end a label ("客户：") and touch no hex digit or colon: skip those at once.
    const previous = text.charCodeAt(colon - 1);
    const next = text.charCodeAt(colon + 1);
    if (!isIpv6Char(previous) && !isIpv6Char(next)) {
      scanned = colon + 1;
      continue;
    }
    // Expand around the colon over address characters, never back into scanned text.
    let start = colon;
    while (start > scanned && isIpv6Char(text.charCodeAt(start - 1)) && colon - start < 45) {
      start--;
    }
    let end = colon + 1;
    while (end < text.length && isIpv6Char(text.charCodeAt(end))) end++;
    scanned = end;
    if (end - start > 45) continue;

    // Sentence punctuation after an address is not part of it.
    while (end > start && (text[end - 1] === '.' || text[end - 1] === ':')) {
      if (text.slice(end - 2, end) === '::') break;
      end--;
    }
    const before = text.charCodeAt(start - 1);
    if (isWordChar(before) || isWordChar(text.charCodeAt(scanned))) continue;
    if (before === 46 || before === 58) continue;
    if (isIpv6Address(text.slice(start, end))) {
      out.push({ start, end, type: 'IP', priority: PRIORITY.ip });
    }
  }
}
