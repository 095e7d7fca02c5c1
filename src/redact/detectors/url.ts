import { isAsciiLetter, isDigit } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { Allowlist } from '../data.js';
import { PRIORITY, type Candidate } from '../types.js';

// A URI scheme (RFC 3986): a letter, then letters, digits, `+`, `-` or `.`. Any scheme counts,
// so database and queue URLs (mysql://user:password@host) are checked for credentials too.
function isSchemeChar(code: number): boolean {
  return isAsciiLetter(code) || isDigit(code) || code === 43 || code === 45 || code === 46;
}

/** Owner of a host name: the provider's shared services, one tenant, or a customer. */
export type HostKind = 'service' | 'tenant' | 'customer';

function hasSuffix(host: string, suffix: string): boolean {
  return host === suffix || host.endsWith('.' + suffix);
}

/** Classifies a host name with the allowlist; IP addresses classify as customer hosts. */
export function classifyHost(host: string, allowlist: Allowlist): HostKind {
  const name = host.toLowerCase();
  if (allowlist.hosts.has(name)) return 'service';
  if (allowlist.serviceSuffixes.some((suffix) => hasSuffix(name, suffix))) return 'service';
  if (allowlist.tenantSuffixes.some((suffix) => hasSuffix(name, suffix))) return 'tenant';
  return 'customer';
}

// Printable ASCII that may appear in a path or query. Quotes, brackets, braces, `|`, `\`, `^`,
// backtick and angle brackets end a URL, because support text uses them to delimit one.
function isUrlChar(code: number): boolean {
  if (code <= 32 || code >= 127) return false;
  return !'"\'<>`[]{}|\\^'.includes(String.fromCharCode(code));
}

/** End of the path, query and fragment starting at `start`, without trailing punctuation. */
export function urlTailEnd(text: string, start: number): number {
  let end = start;
  let openParens = 0;
  while (end < text.length && isUrlChar(text.charCodeAt(end))) {
    if (text[end] === '(') openParens++;
    if (text[end] === ')') {
      if (openParens === 0) break;
      openParens--;
    }
    end++;
  }
  while (end > start && '.,;:!?*'.includes(text[end - 1])) end--;
  return end;
}

/** Returns whether a query string or fragment carries a signature or credential parameter. */
function hasCredentialParam(ctx: ScanContext, query: string): boolean {
  for (const pair of query.split(/[&;#?]/)) {
    const name = pair.slice(0, pair.indexOf('=') >>> 0).toLowerCase();
    if (pair.includes('=') && ctx.data.secrets.queryParams.has(name)) return true;
  }
  return false;
}

/** The parts of one URL, as offsets into the scanned text. */
export interface UrlParts {
  start: number;
  hostStart: number;
  hostEnd: number;
  /** End of the authority (host and port); the path, query and fragment follow. */
  authorityEnd: number;
  end: number;
}

/**
 * Emits the candidates of one URL. A provider service URL survives whole unless its query is
 * signed, in which case the query goes. Any other URL keeps its scheme and host, and its path,
 * query and fragment become one URL placeholder. With `redactDomains` the host goes too.
 */
export function emitUrl(ctx: ScanContext, parts: UrlParts, out: Candidate[]): void {
  const text = ctx.text;
  const host = text.slice(parts.hostStart, parts.hostEnd);
  const kind = classifyHost(host.replace(/^\[|\]$/g, ''), ctx.allowlist);
  const tail = text.slice(parts.authorityEnd, parts.end);
  const queryStart = tail.search(/[?#]/);
  const signed = queryStart !== -1 && hasCredentialParam(ctx, tail.slice(queryStart + 1));

  if (kind === 'service') {
    if (signed) {
      const start = parts.authorityEnd + queryStart;
      out.push({ start, end: parts.end, type: 'URL', priority: PRIORITY.url });
    } else {
      out.push({ start: parts.start, end: parts.end, type: null, priority: PRIORITY.keepUrl });
    }
    return;
  }

  if (tail.length > 1 || (tail.length === 1 && tail !== '/')) {
    out.push({ start: parts.authorityEnd, end: parts.end, type: 'URL', priority: PRIORITY.url });
  }
  const isName = /[A-Za-z]/.test(host) && !host.startsWith('[');
  if (ctx.redactDomains && isName) {
    out.push({
      start: parts.hostStart,
      end: parts.hostEnd,
      type: 'DOMAIN',
      priority: PRIORITY.domain,
    });
  }
}

/** End of a host name, IP address or bracketed IPv6 address starting at `start`. */
function hostEnd(text: string, start: number): number {
  if (text[start] === '[') {
    const close = text.slice(start, start + 48).indexOf(']');
    return close === -1 ? start : start + close + 1;
  }
  let end = start;
  while (end < text.length && /[A-Za-z0-9.-]/.test(text[end])) end++;
  while (end > start && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
  return end;
}

/**
 * Emits a SECRET for the password of `user:password@` written before a host. The user may be
 * empty, as in `redis://:password@host`, where Redis takes the password alone. The password ends
 * at the authority's last `@`, since people paste passwords with an unescaped `@` in them
 * (`cdnuser:Hz@Origin2024@10.0.0.1`).
 */
function detectUserInfo(text: string, start: number, out: Candidate[]): number {
  const match = /^([A-Za-z0-9._~%!$&*+,;=-]{0,64}):([^\s/\0]{1,128})@/.exec(
    text.slice(start, start + 200),
  );
  if (match === null) return start;
  const passwordStart = start + match[1].length + 1;
  const passwordEnd = passwordStart + match[2].length;
  out.push({ start: passwordStart, end: passwordEnd, type: 'SECRET', priority: PRIORITY.url });
  return start + match[0].length;
}

/** Finds URLs written with a scheme (`https://`, `rtmp://` ...). */
export function detectSchemeUrls(ctx: ScanContext, out: Candidate[]): void {
  const text = ctx.text;
  let from = 0;
  for (let mark = text.indexOf('://'); mark !== -1; mark = text.indexOf('://', from)) {
    from = mark + 3;
    let start = mark;
    while (start > 0 && isSchemeChar(text.charCodeAt(start - 1)) && mark - start < 16) start--;
    while (start < mark && !isAsciiLetter(text.charCodeAt(start))) start++;
    if (start === mark || isSchemeChar(text.charCodeAt(start - 1))) continue;

    const hostStart = detectUserInfo(text, mark + 3, out);
    const end = hostEnd(text, hostStart);
    if (end === hostStart) continue;
    let authorityEnd = end;
    const port = /^:[0-9]{1,5}/.exec(text.slice(end, end + 6));
    if (port !== null) authorityEnd += port[0].length;

    const next = text[authorityEnd];
    const tailEnd =
      next === '/' || next === '?' || next === '#' ? urlTailEnd(text, authorityEnd) : authorityEnd;
    emitUrl(ctx, { start, hostStart, hostEnd: end, authorityEnd, end: tailEnd }, out);
    from = Math.max(from, tailEnd);
  }
}
