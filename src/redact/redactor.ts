import { canonicalKey } from './canonical.js';
import { isAsciiAlnum } from './chars.js';
import { ScanContext } from './context.js';
import { defaultRedactData, type Allowlist, type RedactData } from './data.js';
import { detectBankCards, detectCreditCodes, detectIdCards } from './detectors/ids.js';
import { detectCommandAccounts, detectLabelledUsers } from './detectors/accounts.js';
import { detectAddresses } from './detectors/addresses.js';
import { detectAssignments } from './detectors/assignments.js';
import { detectCommandPasswords, detectRecoveryCodes } from './detectors/commands.js';
import { detectPassports, detectPlates } from './detectors/documents.js';
import { detectNames, type Anchor } from './detectors/names.js';
import { detectNetwork } from './detectors/network.js';
import { detectHomeFolderUsers } from './detectors/paths.js';
import { detectLandlines, detectMobiles, detectNumeralMobiles } from './detectors/phone.js';
import {
  detectAccessKeys,
  detectAuthorization,
  detectJwts,
  detectDsnPasswords,
  detectPemKeys,
} from './detectors/secrets.js';
import { detectSocialIds } from './detectors/social.js';
import { normalizeText, toInputSpan } from './normalize.js';
import {
  findPlaceholders,
  maskSpans,
  RedactionSession,
  type PlaceholderSpan,
} from './placeholders.js';
import { composeResults } from './compose.js';
import { resolveSpans, withoutPlaceholders } from './spans.js';
import { UnchangedTexts } from './unchanged-texts.js';
import {
  CONTACT_TYPES,
  PRIORITY,
  type Candidate,
  type RedactedEntity,
  type RedactionResult,
} from './types.js';

/** Entries added to the default allowlist of data/redact/allowlist.yaml. */
export interface AllowlistOptions {
  /** Exact host names of provider services; URLs to them survive. */
  hosts?: string[];
  /** Domains whose every subdomain is a provider service. */
  serviceSuffixes?: string[];
  /** Provider domains whose subdomains belong to one customer. */
  tenantSuffixes?: string[];
  /** E-mail addresses that are never replaced. */
  emails?: string[];
  /** IPv4 addresses that are never replaced. */
  ips?: string[];
}

/** Options of a Redactor. */
export interface RedactOptions {
  /** Replace customer host names too, as DOMAIN placeholders; off by default. */
  redactDomains?: boolean;
  /** Extra allowlist entries, added to the defaults. */
  allowlist?: AllowlistOptions;
  /** Detector data; defaults to the repository's data/redact files. */
  data?: RedactData;
}

function mergeAllowlist(base: Allowlist, extra: AllowlistOptions = {}): Allowlist {
  const lower = (values: string[] = []) => values.map((value) => value.toLowerCase());
  return {
    hosts: new Set([...base.hosts, ...lower(extra.hosts)]),
    serviceSuffixes: [...base.serviceSuffixes, ...lower(extra.serviceSuffixes)],
    tenantSuffixes: [...base.tenantSuffixes, ...lower(extra.tenantSuffixes)],
    emails: new Set([...base.emails, ...lower(extra.emails)]),
    ips: new Set([...base.ips, ...(extra.ips ?? [])]),
  };
}

function contactAnchors(
  candidates: readonly Candidate[],
  placeholders: readonly PlaceholderSpan[],
) {
  const anchors: Anchor[] = [];
  for (const candidate of candidates) {
    if (candidate.type !== null && CONTACT_TYPES.has(candidate.type)) anchors.push(candidate);
  }
  for (const placeholder of placeholders) {
    if (placeholder.type !== null && CONTACT_TYPES.has(placeholder.type)) anchors.push(placeholder);
  }
  return anchors;
}

// Passes over the output after the first. A second pass is nearly always enough, and the
// third guards against a chain of values that each reveal the next.
const MAX_EXTRA_ROUNDS = 3;

/** Runs every detector over a prepared context and returns the proposed spans. */
function detectAll(ctx: ScanContext): Candidate[] {
  const out: Candidate[] = [];
  detectNetwork(ctx, out);
  if (ctx.digitRuns().length > 0) {
    detectMobiles(ctx, out);
    detectLandlines(ctx, out);
    detectIdCards(ctx, out);
    detectBankCards(ctx, out);
    detectCreditCodes(ctx, out);
    detectPassports(ctx, out);
    detectPlates(ctx, out);
  }
  // A mobile number in Chinese numerals has no ASCII digit (手机号 一三七零零零一二三四五).
  detectNumeralMobiles(ctx, out);
  detectPemKeys(ctx, out);
  detectJwts(ctx, out);
  detectDsnPasswords(ctx, out);
  detectAccessKeys(ctx, out);
  detectAuthorization(ctx, out);
  detectAssignments(ctx, out);
  detectCommandPasswords(ctx, out);
  detectRecoveryCodes(ctx, out);
  detectSocialIds(ctx, out);
  detectHomeFolderUsers(ctx, out);
  detectLabelledUsers(ctx, out);
  detectCommandAccounts(ctx, out);
  detectAddresses(ctx, out);
  detectNames(ctx, contactAnchors(out, ctx.placeholders), out);
  return out;
}

/**
 * Adds every occurrence of a name the session has already replaced. A name is detected from its
 * context (an honorific, a label, contact data beside it), and once known it is the same
 * person's name wherever else it appears in the case ("联系人：张三丰。后来张三丰又打电话来了").
 */
function addKnownNames(
  text: string,
  session: RedactionSession,
  data: RedactData,
  out: Candidate[],
): void {
  for (const name of knownNameForms(session, data)) {
    if (name.length < 2) continue;
    // A Latin name is a word of its own: Mark is no part of Markdown.
    const guardStart = isAsciiAlnum(name.charCodeAt(0));
    const guardEnd = isAsciiAlnum(name.charCodeAt(name.length - 1));
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
      const end = at + name.length;
      if (guardStart && isAsciiAlnum(text.charCodeAt(at - 1))) continue;
      if (guardEnd && isAsciiAlnum(text.charCodeAt(end))) continue;
      out.push({ start: at, end, type: 'NAME', priority: PRIORITY.name });
    }
  }
}

/**
 * Returns whether `text` contains a name the session has replaced, as {@link addKnownNames}
 * would find it. Without one, the text's candidates are those of a session that has replaced no
 * name.
 */
function mentionsKnownName(text: string, session: RedactionSession, data: RedactData): boolean {
  if (!session.hasValues('NAME')) return false;
  const normalized = normalizeText(text).text;
  return knownNameForms(session, data).some(
    (name) => name.length >= 2 && normalized.includes(name),
  );
}

// The name forms of each session, with the number of names they were built from.
const nameForms = new WeakMap<RedactionSession, { names: number; forms: string[] }>();

// A Latin name of two or three capitalised words (Tom Chen, Kevin Zhang).
const LATIN_FULL_NAME = /^[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}$/;

/**
 * Returns the names the session has replaced, and the given name of each Latin one, which the
 * same person goes by later in the case (Contact: Tom Chen, then 发邮件给 Tom). The given name
 * is the first word when it is a listed English given name or the last word is a pinyin
 * surname, and it needs three letters or more.
 */
function knownNameForms(session: RedactionSession, data: RedactData): string[] {
  // Every text of a case reads the forms, which change only when a name is added.
  const cached = nameForms.get(session);
  if (cached !== undefined && cached.names === session.valueCount('NAME')) return cached.forms;

  const names = session.knownValues('NAME');
  const forms = [...names];
  for (const name of names) {
    if (!LATIN_FULL_NAME.test(name)) continue;
    const words = name.split(' ');
    const givenName = words[0]!;
    const lowerGivenName = givenName.toLowerCase();
    const surnameLast = data.surnames.pinyin.has(words[words.length - 1]!.toLowerCase());
    const listed = data.surnames.englishGiven.has(lowerGivenName);
    if (givenName.length < 3 || data.surnames.pinyin.has(lowerGivenName)) continue;
    if (data.context.notLatinNames.has(lowerGivenName)) continue;
    if ((listed || surnameLast) && !forms.includes(givenName)) forms.push(givenName);
  }
  nameForms.set(session, { names: names.length, forms });
  return forms;
}

/**
 * Replaces personal data and secrets in support text with typed, numbered placeholders
 * (`[PHONE_1]`, `[SECRET_2]`). Offsets in the result refer to the input text. Placeholders
 * already in the input, ours and the archive's legacy ones, are never replaced again.
 *
 * @example
 * const { text } = new Redactor().redact('手机13800138000谢谢');
 * // text === '手机[PHONE_1]谢谢'
 */
export class Redactor {
  readonly #data: RedactData;
  readonly #allowlist: Allowlist;
  readonly #redactDomains: boolean;
  readonly #unchanged = new UnchangedTexts();

  constructor(options: RedactOptions = {}) {
    this.#data = options.data ?? defaultRedactData();
    this.#allowlist = mergeAllowlist(this.#data.allowlist, options.allowlist);
    this.#redactDomains = options.redactDomains ?? false;
  }

  /**
   * Redacts `text`, numbering placeholders in `session` (a new one by default). The output is
   * checked again and any value that only became detectable once its neighbours were replaced
   * (a key glued to a replaced PEM line) is replaced too, so redacting the output changes
   * nothing. The check runs only when the first pass replaced something.
   */
  redact(text: string, session: RedactionSession = new RedactionSession()): RedactionResult {
    // A known name is searched for in every later text, so only a text that contains none of the
    // session's names may reuse what an earlier session found.
    const reusable = !mentionsKnownName(text, session, this.#data);
    if (reusable && this.#unchanged.has(text)) return { text, entities: [] };

    const { result: first, reserves } = this.#redactOnce(text, session);
    if (reusable && !reserves && first.entities.length === 0) this.#unchanged.add(text);
    let result = first;
    for (let round = 0; round < MAX_EXTRA_ROUNDS && result.entities.length > 0; round++) {
      const { result: again } = this.#redactOnce(result.text, session);
      if (again.entities.length === 0) break;
      result = composeResults(result, again);
    }
    return result;
  }

  /**
   * One detection and replacement pass. `reserves` is true when the text contains placeholders of
   * our own, whose numbers the pass reserved in `session`.
   */
  #redactOnce(
    text: string,
    session: RedactionSession,
  ): { result: RedactionResult; reserves: boolean } {
    const normalized = normalizeText(text);
    const placeholders = findPlaceholders(normalized.text);
    let reserves = false;
    for (const placeholder of placeholders) {
      if (placeholder.index !== null && placeholder.type !== null) {
        session.reserve(placeholder.type, placeholder.index);
        reserves = true;
      }
    }
    const ctx = new ScanContext({
      text: maskSpans(normalized.text, placeholders),
      data: this.#data,
      allowlist: this.#allowlist,
      redactDomains: this.#redactDomains,
      placeholders,
    });
    const detected = detectAll(ctx);
    addKnownNames(ctx.text, session, this.#data, detected);
    const candidates = withoutPlaceholders(detected, placeholders);
    const spans = resolveSpans(candidates, ctx.text.length);

    let output = '';
    let last = 0;
    const entities: RedactedEntity[] = [];
    for (const span of spans) {
      if (span.type === null) continue;
      const { start, end } = toInputSpan(normalized, span.start, span.end);
      const key = canonicalKey(span.type, normalized.text.slice(span.start, span.end));
      const placeholder = session.placeholderFor(span.type, key, text.slice(start, end));
      output += text.slice(last, start) + placeholder;
      last = end;
      entities.push({ type: span.type, start, end, placeholder });
    }
    return { result: { text: output + text.slice(last), entities }, reserves };
  }
}

let defaultRedactor: Redactor | null = null;

/** Redacts `text` with a Redactor built from the default options. */
export function redact(text: string, session?: RedactionSession): RedactionResult {
  defaultRedactor ??= new Redactor();
  return defaultRedactor.redact(text, session);
}
