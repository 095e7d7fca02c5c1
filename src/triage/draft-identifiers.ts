import { Redactor, type EntityType, type RedactedEntity } from '../redact/index.js';
import { PLACEHOLDER_PATTERN, placeholderToken } from '../text/index.js';
import { draftRules, type IdentifierRule } from './draft-data.js';

// Stored text was redacted at import, but the import keeps bare host names (redactDomains is
// off there), so the redactor runs again with it on. Only its network findings are used: the
// placeholder token whose label in stored-placeholders.txt replaces each of them.
const NETWORK_TOKENS: ReadonlyMap<EntityType, string> = new Map<EntityType, string>([
  ['URL', '[url]'],
  ['EMAIL', '[email]'],
  ['IP', '[ip]'],
  ['DOMAIN', '[domain]'],
]);

// Characters that continue an identifier. A match touching one is part of a longer word.
const IDENTIFIER_CHAR = /[A-Za-z0-9_-]/;

let hostRedactor: Redactor | undefined;

/**
 * Returns the redactor that finds host names, URLs, e-mail and IP addresses, created on first
 * use. It keeps the provider's service hosts (data/redact/allowlist.yaml) and the public hosts
 * of data/triage/public-hosts.txt.
 */
function networkRedactor(): Redactor {
  const { hosts, suffixes } = draftRules().publicHosts;
  hostRedactor ??= new Redactor({
    redactDomains: true,
    allowlist: { hosts, serviceSuffixes: suffixes },
  });
  return hostRedactor;
}

function labelOf(token: string): string {
  return draftRules().placeholderLabels.get(token) ?? '';
}

/** Tells whether the question names this host, itself or as a parent or subdomain of it. */
function questionNamesHost(host: string, questionTerms: ReadonlySet<string>): boolean {
  if (questionTerms.has(host)) return true;
  for (const term of questionTerms) {
    if (!term.includes('.')) continue;
    if (host.endsWith(`.${term}`) || term.endsWith(`.${host}`)) return true;
  }
  return false;
}

/** Spans of the network values to replace, a host merged with the URL path right after it. */
function networkSpans(text: string, questionTerms: ReadonlySet<string>): RedactedEntity[] {
  const spans: RedactedEntity[] = [];
  for (const entity of networkRedactor().redact(text).entities) {
    if (!NETWORK_TOKENS.has(entity.type)) continue;
    const value = text.slice(entity.start, entity.end).toLowerCase();
    if (entity.type === 'DOMAIN' && questionNamesHost(value, questionTerms)) continue;
    if (questionTerms.has(value)) continue;

    // `cdn.example.com/a.jpg` comes back as a DOMAIN then a URL: one 【链接】 covers both.
    const last = spans.at(-1);
    if (last?.type === 'DOMAIN' && entity.type === 'URL' && last.end === entity.start) {
      spans[spans.length - 1] = { ...last, end: entity.end, type: 'URL' };
    } else {
      spans.push(entity);
    }
  }
  return spans;
}

function replaceNetworkValues(text: string, questionTerms: ReadonlySet<string>): string {
  let result = '';
  let last = 0;
  for (const span of networkSpans(text, questionTerms)) {
    result += text.slice(last, span.start) + labelOf(NETWORK_TOKENS.get(span.type)!);
    last = span.end;
  }
  return result + text.slice(last);
}

function replaceRuleMatches(
  text: string,
  rule: IdentifierRule,
  questionTerms: ReadonlySet<string>,
): string {
  let result = '';
  let last = 0;
  for (const match of text.matchAll(rule.pattern)) {
    const span = rule.captures ? match.indices?.[1] : match.indices?.[0];
    if (!span) continue;
    const [start, end] = span;
    const value = text.slice(start, end);

    const touches =
      IDENTIFIER_CHAR.test(text[start - 1] ?? '') || IDENTIFIER_CHAR.test(text[end] ?? '');
    if (touches || start < last) continue;
    if (!rule.captures && !/[0-9]/.test(value)) continue;
    if (questionTerms.has(value.toLowerCase())) continue;

    result += text.slice(last, start) + rule.placeholder;
    last = end;
  }
  return result + text.slice(last);
}

/**
 * Replaces the earlier customer's identifiers in a quoted turn by placeholders that name what
 * the agent fills in. Host names become 【域名】 and IP addresses 【IP】. Resource ids such as
 * `i-uf65w8g5i17exhm81y55` become 【实例ID】, following data/triage/identifier-patterns.txt.
 * Redaction placeholders left in stored text become their label (`[URL已脱敏]` becomes 【链接】).
 *
 * Kept: identifiers that the question itself contains (`questionTerms`, lower-cased terms as
 * `tokenize` returns them), the provider's service hosts (`up-z2.qiniup.com`) and the listed
 * public hosts. Error codes, port numbers and parameter names match no rule, so they stay too.
 */
export function replaceIdentifiers(text: string, questionTerms: ReadonlySet<string>): string {
  let result = replaceNetworkValues(text, questionTerms);
  result = result.replace(PLACEHOLDER_PATTERN, (placeholder) =>
    labelOf(placeholderToken(placeholder)),
  );
  for (const rule of draftRules().identifierRules) {
    result = replaceRuleMatches(result, rule, questionTerms);
  }
  return result;
}
