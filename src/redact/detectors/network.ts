import { canonicalKey } from '../canonical.js';
import { isAsciiAlnum } from '../chars.js';
import type { ScanContext } from '../context.js';
import { PRIORITY, type Candidate } from '../types.js';
import { detectIpv4, detectIpv6 } from './ip.js';
import { classifyHost, detectSchemeUrls, emitUrl, urlTailEnd } from './url.js';

function isLocalPartChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 46 ||
    code === 95 ||
    code === 37 ||
    code === 43 ||
    code === 45
  );
}

function isHostChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 46 ||
    code === 45
  );
}

/** Returns whether every dot-separated label is a valid DNS label. */
function hasValidLabels(labels: readonly string[]): boolean {
  return labels.every(
    (label) =>
      label.length > 0 && label.length <= 63 && !label.startsWith('-') && !label.endsWith('-'),
  );
}

// The ideographic full stop, which a Chinese input method types for a dot (12345678@qq。com).
const IDEOGRAPHIC_STOP = 0x3002;

/**
 * End of a domain that goes on after `end` across ideographic full stops (12345678@qq。com), or
 * `end`. A full stop also ends a sentence, so the domain ends only after a label of tlds.yaml.
 */
function fullStopDomainEnd(ctx: ScanContext, end: number): number {
  const text = ctx.text;
  let found = end;
  let at = end;
  // A domain name has at most 253 characters.
  while (text.charCodeAt(at) === IDEOGRAPHIC_STOP && at - end < 253) {
    let labelEnd = at + 1;
    while (isLabelChar(text.charCodeAt(labelEnd)) && labelEnd - at <= 64) labelEnd++;
    if (labelEnd === at + 1 || labelEnd - at > 64) break;
    const label = text.slice(at + 1, labelEnd).toLowerCase();
    if (ctx.data.tlds.has(label) && !isHostChar(text.charCodeAt(labelEnd))) found = labelEnd;
    at = labelEnd;
  }
  return found;
}

/**
 * Finds e-mail addresses. Normalization has already folded `＠` to `@`, and a dot of the domain
 * may be an ideographic full stop.
 */
export function detectEmails(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  let from = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', from)) {
    from = at + 1;
    let start = at;
    while (start > 0 && isLocalPartChar(text.charCodeAt(start - 1)) && at - start <= 64) start--;
    while (start < at && text[start] === '.') start++;
    let end = at + 1;
    while (end < text.length && isHostChar(text.charCodeAt(end)) && end - at <= 254) end++;
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    if (text.charCodeAt(end) === IDEOGRAPHIC_STOP) end = fullStopDomainEnd(ctx, end);

    const local = text.slice(start, at);
    const domain = text.slice(at + 1, end).replace(/。/g, '.');
    const labels = domain.split('.');
    if (local.length === 0 || local.length > 64 || local.endsWith('.')) continue;
    if (isLocalPartChar(text.charCodeAt(start - 1)) || labels.length < 2) continue;
    if (!hasValidLabels(labels) || !/^[A-Za-z]{2,24}$/.test(labels[labels.length - 1])) continue;
    if (ctx.allowlist.emails.has(`${local}@${domain}`.toLowerCase())) continue;
    // git@github.com:team/repo.git is an SSH address of a Git host, not a person's mailbox.
    if (local === 'git') continue;

    out.push({ start, end, type: 'EMAIL', priority: PRIORITY.email });
    from = end;
  }
}

// An @ spelled out to dodge spam filters: [at], (at), {at} or <at> in any case, with an optional
// blank inside the brackets.
const SPELLED_AT = /\[ ?at ?\]|\( ?at ?\)|\{ ?at ?\}|< ?at ?>/gi;

// The first test for a spelled @: `at` in any case between brackets, blanks allowed.
const SPELLED_AT_CHECK = /[[({<] ?at ?[\])}>]/i;

// A dot spelled out in the same way ([dot], (dot)), or defanged ([.], (.)).
const SPELLED_DOT = /^(?:\[ ?(?:dot|\.) ?\]|\( ?(?:dot|\.) ?\)|\{ ?dot ?\}|< ?dot ?>)/i;

// The bare word dot with the blank after it, read only with a blank before it as well
// (example dot com).
const WORD_DOT = /^dot (?=[A-Za-z0-9])/i;

// Words that label an e-mail address. Only right after one is `#` read as an @
// (邮箱：zhangwei#example.com). ASCII words are matched in any case and as whole words.
const EMAIL_LABELS = ['邮箱地址', '邮件地址', '邮箱', '邮件', 'e-mail', 'email', 'mail'];

// Characters between an e-mail label and the address (邮箱：, Email = , 邮箱是, **邮箱**：).
const EMAIL_LABEL_GAP = ' \t:=是为*';

/** A domain read after a spelled-out @: its labels, its end, and whether a dot was spelled out. */
interface SpelledDomain {
  labels: string[];
  end: number;
  spelled: boolean;
}

function isLabelChar(code: number): boolean {
  return isHostChar(code) && code !== 46;
}

/**
 * Reads a domain from `from`, its labels joined by dots or by spelled-out dots with optional
 * blanks around them (`example [dot] com`), or by the word dot between blanks (`example dot com`).
 * Returns null when fewer than two labels follow.
 */
function readSpelledDomain(text: string, from: number): SpelledDomain | null {
  const labels: string[] = [];
  let spelled = false;
  let at = from;
  // A domain name has at most 253 characters, and the bound keeps a long dotted run cheap.
  while (at - from <= 253) {
    let end = at;
    while (end < text.length && isLabelChar(text.charCodeAt(end)) && end - at <= 63) end++;
    if (end === at) break;
    labels.push(text.slice(at, end));
    at = end;
    if (text.charCodeAt(at) === 46 && isLabelChar(text.charCodeAt(at + 1))) {
      at++;
      continue;
    }
    const blank = text[at] === ' ' ? 1 : 0;
    const spelledDot = text.slice(at + blank, at + blank + 7);
    const dot = SPELLED_DOT.exec(spelledDot) ?? (blank === 1 ? WORD_DOT.exec(spelledDot) : null);
    if (dot === null) break;
    const next = at + blank + dot[0].length;
    const after = next + (text[next] === ' ' ? 1 : 0);
    if (!isLabelChar(text.charCodeAt(after))) break;
    spelled = true;
    at = after;
  }
  if (labels.length < 2) return null;
  return { labels, end: at, spelled };
}

/** Start of the local part that ends at `end`, or -1 when none does. */
function localPartStart(text: string, end: number): number {
  let start = end;
  while (start > 0 && isLocalPartChar(text.charCodeAt(start - 1)) && end - start < 64) start--;
  if (isLocalPartChar(text.charCodeAt(start - 1))) return -1;
  while (start < end && text[start] === '.') start++;
  return start === end || text[end - 1] === '.' ? -1 : start;
}

/**
 * Returns whether the domain after a spelled-out @ is a real one. Its labels must be valid, and
 * its top-level domain letters. When a blank or a spelled-out dot was used, the top-level domain
 * must also be listed in tlds.yaml, because code can hold such words (`print(at) os.py`).
 */
function isSpelledDomain(ctx: ScanContext, domain: SpelledDomain, loose: boolean): boolean {
  const tld = domain.labels[domain.labels.length - 1];
  if (!hasValidLabels(domain.labels) || !/^[A-Za-z]{2,24}$/.test(tld)) return false;
  return !(loose || domain.spelled) || ctx.data.tlds.has(tld.toLowerCase());
}

// The last label of a local part and the spelled-out dot after it, at the end of a text
// (`zhang dot ` of zhang dot wei at …, `wim[dot]` of wim[dot]taymans[at]…).
const LOCAL_LABEL_AND_DOT =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9_%+-][A-Za-z0-9._%+-]{0,63}(?: dot | ?[[(] ?(?:dot|\.) ?[\])] ?)$/i;

/**
 * Start of the local part that ends with the run at `start`, taking in earlier runs joined to it
 * by spelled-out dots (`zhang dot wei at example dot com`), up to four of them.
 */
function spelledLocalStart(text: string, start: number): number {
  let first = start;
  for (let parts = 0; parts < 4; parts++) {
    const before = text.slice(Math.max(0, first - 80), first);
    const label = LOCAL_LABEL_AND_DOT.exec(before);
    if (label === null) break;
    const labelStart = first - before.length + label.index;
    // The slice may cut a longer run, which the look-behind cannot see.
    if (isLocalPartChar(text.charCodeAt(labelStart - 1))) break;
    first = labelStart;
  }
  return first;
}

/**
 * Emits an e-mail address from `start` to the domain's end, unless the allowlist, which contains
 * addresses written with `@`, lists it.
 */
function emitSpelledEmail(
  ctx: ScanContext,
  start: number,
  domain: SpelledDomain,
  out: Candidate[],
): void {
  const address = canonicalKey('EMAIL', ctx.text.slice(start, domain.end));
  if (ctx.allowlist.emails.has(address)) return;
  out.push({ start, end: domain.end, type: 'EMAIL', priority: PRIORITY.email });
}

// 艾特, the Chinese transliteration of "at", written for the @ (zhangwei 艾特 example.com).
const CHINESE_AT = '艾特';

/**
 * Finds e-mail addresses with 艾特 for the @ (`wangxiuying 艾特 163.com`,
 * `zhangwei艾特example.com`). As with `[at]`, a blank may come on both sides or on neither. The
 * top-level domain must be in tlds.yaml, because 艾特 also means mentioning someone in a chat.
 */
function detectChineseAtEmails(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  const width = CHINESE_AT.length;
  let from = 0;
  for (let at = text.indexOf(CHINESE_AT); at !== -1; at = text.indexOf(CHINESE_AT, from)) {
    from = at + width;
    const blankBefore = text[at - 1] === ' ';
    if (blankBefore !== (text[at + width] === ' ')) continue;
    const blank = blankBefore ? 1 : 0;

    const runStart = localPartStart(text, at - blank);
    if (runStart === -1) continue;
    const domain = readSpelledDomain(text, at + width + blank);
    if (domain === null || !isSpelledDomain(ctx, domain, true)) continue;
    const start = spelledLocalStart(text, runStart);

    emitSpelledEmail(ctx, start, domain, out);
    from = domain.end;
  }
}

// The bare word at for the @, in lower or upper case, with one blank on each side.
const WORD_AT = / (?:at|AT) /g;

/**
 * Finds e-mail addresses with the bare word at for the @ (`zhangwei at example dot com`,
 * `liuyang AT 163.com`). English prose uses the word too, so the top-level domain must be in
 * tlds.yaml, and the address needs an upper-case AT, a spelled-out dot or an e-mail label before
 * it. A local part in capitals before AT is shouted prose (LOOK AT EXAMPLE.COM), and a first label
 * of `notDomainLabels` starts a phrase (were at the dot com boom).
 */
function detectWordAtEmails(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  WORD_AT.lastIndex = 0;
  for (let m = WORD_AT.exec(text); m !== null; m = WORD_AT.exec(text)) {
    const runStart = localPartStart(text, m.index);
    if (runStart === -1) continue;
    const domain = readSpelledDomain(text, m.index + m[0].length);
    if (domain === null || !isSpelledDomain(ctx, domain, true)) continue;
    if (ctx.data.context.notDomainLabels.has(domain.labels[0].toLowerCase())) continue;

    const start = spelledLocalStart(text, runStart);
    const upper = text[m.index + 1] === 'A';
    if (upper && !/[a-z0-9]/.test(text.slice(start, m.index))) continue;
    if (!upper && !domain.spelled && !hasEmailLabelBefore(text, start)) continue;

    emitSpelledEmail(ctx, start, domain, out);
    WORD_AT.lastIndex = domain.end;
  }
}

/**
 * Finds e-mail addresses with the @ spelled out (`zhangwei[at]example.com`,
 * `zhangwei (at) example.com`, `zhangwei [at] example [dot] com`, `zhangwei 艾特 example.com`,
 * `zhangwei at example dot com`). A blank may stand on both sides of a bracketed @ or on neither.
 */
export function detectSpelledEmails(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  if (text.includes(CHINESE_AT)) detectChineseAtEmails(ctx, out);
  // No includes test first: on the sample archive, testing for ' at ' and ' AT ' took three times
  // as long as one pass of WORD_AT.
  detectWordAtEmails(ctx, out);
  // Cheap test first: every other spelled @ is `at` inside a bracket.
  if (!SPELLED_AT_CHECK.test(text)) return;
  SPELLED_AT.lastIndex = 0;
  for (let m = SPELLED_AT.exec(text); m !== null; m = SPELLED_AT.exec(text)) {
    const tokenEnd = m.index + m[0].length;
    const blankBefore = text[m.index - 1] === ' ';
    if (blankBefore !== (text[tokenEnd] === ' ')) continue;
    const blank = blankBefore ? 1 : 0;

    const runStart = localPartStart(text, m.index - blank);
    if (runStart === -1) continue;
    const domain = readSpelledDomain(text, tokenEnd + blank);
    if (domain === null || !isSpelledDomain(ctx, domain, blankBefore)) continue;
    const start = spelledLocalStart(text, runStart);

    emitSpelledEmail(ctx, start, domain, out);
    SPELLED_AT.lastIndex = domain.end;
  }
}

/** Returns whether an e-mail label ends right before `index`, after a short gap. */
function hasEmailLabelBefore(text: string, index: number): boolean {
  let end = index;
  while (end > 0 && index - end < 6 && EMAIL_LABEL_GAP.includes(text[end - 1])) end--;
  const before = text.slice(Math.max(0, end - 8), end).toLowerCase();
  return EMAIL_LABELS.some((label) => {
    if (!before.endsWith(label)) return false;
    return (
      !isAsciiAlnum(label.charCodeAt(0)) || !isAsciiAlnum(text.charCodeAt(end - label.length - 1))
    );
  });
}

/**
 * Finds e-mail addresses with `#` for the @ right after an e-mail label
 * (`邮箱：zhangwei#example.com`). Without a label a `#` is far more often a URL fragment, an
 * issue number or a comment.
 */
export function detectHashEmails(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  let from = 0;
  for (let hash = text.indexOf('#'); hash !== -1; hash = text.indexOf('#', from)) {
    from = hash + 1;
    const start = localPartStart(text, hash);
    if (start === -1 || !hasEmailLabelBefore(text, start)) continue;
    const domain = readSpelledDomain(text, hash + 1);
    if (domain === null || !isSpelledDomain(ctx, domain, false)) continue;

    emitSpelledEmail(ctx, start, domain, out);
    from = domain.end;
  }
}

// A dot between two host-name characters: the cheap first step to every dotted name.
const INNER_DOT = /[A-Za-z0-9-]\.[A-Za-z0-9]/g;

/** End of the run of host-name characters that contains `index`. */
function hostRunEnd(text: string, index: number): number {
  let end = index;
  while (end < text.length && isHostChar(text.charCodeAt(end))) end++;
  return end;
}

/**
 * Bounds of the host name around the dot at `dot`, or null when the run around it cannot be a
 * name: too long, or part of an identifier, e-mail address or path (a_b.com, a@b.com, /b.com).
 */
function hostRunAround(text: string, dot: number, runEnd: number): [number, number] | null {
  let start = dot;
  while (start > 0 && isHostChar(text.charCodeAt(start - 1)) && dot - start < 254) start--;
  if (isHostChar(text.charCodeAt(start - 1)) || runEnd - start > 253) return null;
  if ('_@/\\'.includes(text[start - 1] ?? ' ')) return null;
  let end = runEnd;
  while (end > start && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
  while (start < end && (text[start] === '.' || text[start] === '-')) start++;
  return [start, end];
}

/**
 * Finds host names written without a scheme. A host followed by a path is a URL
 * (`cdn.example.com/a.jpg`). A bare host is a DOMAIN, redacted only with `redactDomains`.
 */
export function detectHosts(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  if (text.indexOf('.') === -1) return;
  INNER_DOT.lastIndex = 0;
  for (let m = INNER_DOT.exec(text); m !== null; m = INNER_DOT.exec(text)) {
    // The first inner dot of a run decides for the whole run, so the scan moves past it.
    const runEnd = hostRunEnd(text, m.index + 2);
    INNER_DOT.lastIndex = runEnd;
    const run = hostRunAround(text, m.index + 1, runEnd);
    if (run === null) continue;
    const [start, end] = run;

    // The TLD test rejects most dotted words (file.name, os.path) before any other work.
    const tld = text.slice(text.lastIndexOf('.', end - 1) + 1, end);
    if (!ctx.data.tlds.has(tld)) continue;
    const name = text.slice(start, end);
    const labels = name.split('.');
    if (!hasValidLabels(labels)) continue;
    const next = text[end];
    if (next === '(') continue;

    let authorityEnd = end;
    const port = /^:[0-9]{1,5}(?=[/?#])/.exec(text.slice(end, end + 7));
    if (port !== null) authorityEnd += port[0].length;
    if (text[authorityEnd] === '/' || text[authorityEnd] === '?') {
      const tailEnd = urlTailEnd(text, authorityEnd);
      emitUrl(ctx, { start, hostStart: start, hostEnd: end, authorityEnd, end: tailEnd }, out);
      INNER_DOT.lastIndex = Math.max(INNER_DOT.lastIndex, tailEnd);
    } else if (ctx.redactDomains && classifyHost(name, ctx.allowlist) !== 'service') {
      out.push({ start, end, type: 'DOMAIN', priority: PRIORITY.domain });
    }
  }
}

/** Runs every network detector: URLs, e-mail addresses, IP addresses and host names. */
export function detectNetwork(ctx: ScanContext, out: Candidate[]): void {
  detectSchemeUrls(ctx, out);
  detectEmails(ctx, out);
  detectSpelledEmails(ctx, out);
  if (ctx.text.indexOf('#') !== -1) detectHashEmails(ctx, out);
  detectIpv4(ctx, out);
  if (ctx.text.indexOf(':') !== -1) detectIpv6(ctx, out);
  detectHosts(ctx, out);
}
