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

/** Finds e-mail addresses; `＠` is already folded to `@` by normalization. */
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

    const local = text.slice(start, at);
    const domain = text.slice(at + 1, end);
    const labels = domain.split('.');
    if (local.length === 0 || local.length > 64 || local.endsWith('.')) continue;
    if (isLocalPartChar(text.charCodeAt(start - 1)) || labels.length < 2) continue;
    if (!hasValidLabels(labels) || !/^[A-Za-z]{2,24}$/.test(labels[labels.length - 1])) continue;
    if (ctx.allowlist.emails.has(`${local}@${domain}`.toLowerCase())) continue;

    out.push({ start, end, type: 'EMAIL', priority: PRIORITY.email });
    from = end;
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
  detectIpv4(ctx, out);
  if (ctx.text.indexOf(':') !== -1) detectIpv6(ctx, out);
  detectHosts(ctx, out);
}
