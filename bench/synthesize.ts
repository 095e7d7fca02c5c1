import { categoryLabel, type CaseRecord, type Role, type Turn } from '../src/ingest/index.js';
import {
  BRAND_SPACE,
  ERROR_CODES,
  ERROR_MESSAGES,
  brandDomain,
  brandName,
  bucketName,
  chineseName,
  documentationIp,
  phoneNumber,
  requestId,
} from './entities.js';
import type { Random } from './random.js';

/** Records of one category (or of one product, for categories with few records) to borrow from. */
interface DonorPool {
  records: CaseRecord[];
  clauses: Record<Role, string[]>;
}

/** The sample's records with their donor pools, built once per generator run. */
export interface TemplateSet {
  templates: CaseRecord[];
  pools: Map<string, DonorPool>;
}

/** One generated case with the facts the question set needs about it. */
export interface SyntheticCase {
  record: CaseRecord;
  /** Ref of the sample record the case was derived from, such as `Q5`. */
  template: string;
  /** Brand id whose Latin name the case text mentions, or null when it mentions none. */
  brandId: number | null;
  /** Request id pasted in a customer turn, or null when the case has none. */
  requestId: string | null;
}

/** Options of {@link synthesizeCase}. */
export interface SynthesisOptions {
  source: string;
  ref: string;
  /** Always mention the brand and paste an error with a request id, for known-item questions. */
  forceClues?: boolean;
}

// Categories with fewer records than this borrow from every record of the same product.
const MIN_POOL_RECORDS = 3;
const MAX_DONOR_CLAUSE_LENGTH = 600;

// Customer and agent domains that belong to the cloud vendor stay, because they are product
// vocabulary (upload endpoints such as up-z2.qiniup.com), not customer data.
const VENDOR_DOMAIN = /qiniu|qbox|clouddn|qnssl|example\.com/i;
const DOMAIN =
  /\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com\.cn|com|cn|net|org|top|xyz|io|cc|vip)\b/gi;
const LONG_NUMBER = /\d{5,}/g;
// Lines that the archive reader would take for structure, so moved clauses must not start one.
const STRUCTURE_LINE = /^(?:## Q|### |\*\*(?:客户|客服)\*\*)/;

/** Splits text into clauses, each keeping its closing punctuation or line break. */
export function splitClauses(text: string): string[] {
  return text.split(/(?<=[，。！？；,!?;\n])/).filter((clause) => clause !== '');
}

/** Groups the sample's records into donor pools by category, falling back to the product. */
export function buildTemplateSet(records: CaseRecord[]): TemplateSet {
  const pools = new Map<string, DonorPool>();
  for (const record of records) {
    const label = categoryLabel(record);
    if (pools.has(label)) continue;

    let members = records.filter((other) => categoryLabel(other) === label);
    if (members.length < MIN_POOL_RECORDS) {
      members = records.filter((other) => other.product === record.product);
    }
    pools.set(label, { records: members, clauses: collectClauses(members) });
  }
  return { templates: records, pools };
}

function collectClauses(records: CaseRecord[]): Record<Role, string[]> {
  const clauses: Record<Role, string[]> = { customer: [], agent: [] };
  for (const record of records) {
    for (const turn of record.turns) {
      const usable = splitClauses(turn.text).filter(
        (clause) => clause.trim().length >= 2 && clause.length <= MAX_DONOR_CLAUSE_LENGTH,
      );
      clauses[turn.role].push(...usable);
    }
  }
  return clauses;
}

/** Per-case state: the random source, the donors and the entities chosen for this case. */
interface CaseContext {
  random: Random;
  pool: DonorPool;
  brandId: number;
  brand: string;
  domains: Map<string, string>;
  mentionsBrand: boolean;
}

/**
 * Derives one case from a random sample record. The category and root cause stay, and the
 * turns are recombined with clauses and turns of records of the same category. Customer data
 * (domains, long numbers, redaction placeholders) is replaced with synthetic values.
 */
export function synthesizeCase(
  random: Random,
  set: TemplateSet,
  options: SynthesisOptions,
): SyntheticCase {
  const template = random.pick(set.templates);
  const brandId = random.zipf(BRAND_SPACE);
  const context: CaseContext = {
    random,
    pool: set.pools.get(categoryLabel(template)) as DonorPool,
    brandId,
    brand: brandName(brandId),
    domains: new Map(),
    mentionsBrand: false,
  };

  const turns = recombineTurns(context, template.turns);
  const force = options.forceClues === true;
  if (force || random.chance(0.25))
    appendToCustomerTurn(turns, brandMention(context, template.product), 0);
  let pastedId: string | null = null;
  if (force || random.chance(0.15)) {
    pastedId = requestId(random);
    appendToCustomerTurn(
      turns,
      pastedError(random, template.product, pastedId),
      random.integer(0, 3),
    );
  }
  addPersonalData(random, turns);

  const record = assembleRecord(context, template, turns, options);
  return {
    record,
    template: template.ref,
    brandId: context.mentionsBrand ? brandId : null,
    requestId: pastedId,
  };
}

function assembleRecord(
  context: CaseContext,
  template: CaseRecord,
  turns: Turn[],
  options: SynthesisOptions,
): CaseRecord {
  const firstTurn = turns[0];
  const descriptionIsFirstTurn =
    template.description === template.turns[0]?.text && firstTurn?.role === 'customer';
  const description = descriptionIsFirstTurn
    ? (firstTurn as Turn).text
    : perturbText(context, template.description, 'customer');

  const agentTexts = turns.filter((turn) => turn.role === 'agent').map((turn) => turn.text);
  return {
    source: options.source,
    ref: options.ref,
    title: chooseTitle(context, template.title, description),
    product: template.product,
    type: template.type,
    description: sanitizeLines(description),
    answer: sanitizeLines(agentTexts.join(' ')),
    rootCause: template.rootCause,
    turns: turns.map((turn) => ({ role: turn.role, text: sanitizeLines(turn.text) })),
  };
}

// Real titles are often the first words of the description, so a quarter of titles are.
function chooseTitle(context: CaseContext, title: string, description: string): string {
  const firstClause = splitClauses(description.split('\n')[0] ?? '')[0] ?? '';
  const fromDescription = firstClause.replace(/[，。！？；,!?;\s]+$/, '');
  if (context.random.chance(0.25) && fromDescription.length >= 4 && fromDescription.length <= 40) {
    return fromDescription;
  }
  return substituteEntities(context, title).replace(/[\r\n]+/g, ' ');
}

// Drops some turns, perturbs the rest clause by clause, and splices in turns of similar cases,
// so turn counts vary around the template's while the sample's length distribution is kept.
function recombineTurns(context: CaseContext, templateTurns: Turn[]): Turn[] {
  const { random } = context;
  const turns = templateTurns.map((turn) => ({
    role: turn.role,
    text: perturbText(context, turn.text, turn.role),
  }));

  if (turns.length >= 3 && random.chance(0.3)) {
    const drops = random.integer(1, Math.floor(turns.length / 4) + 1);
    for (let i = 0; i < drops && turns.length > 1; i += 1)
      turns.splice(random.integer(1, turns.length - 1), 1);
  }
  if (random.chance(0.3)) {
    const inserts = random.integer(1, Math.floor(turns.length / 4) + 1);
    for (let i = 0; i < inserts; i += 1) {
      const donor = random.pick(random.pick(context.pool.records).turns);
      const text = perturbText(context, donor.text, donor.role);
      turns.splice(random.integer(1, turns.length), 0, { role: donor.role, text });
    }
  }
  return turns;
}

function perturbText(context: CaseContext, text: string, role: Role): string {
  const { random } = context;
  const clauses = splitClauses(text);
  const donors = context.pool.clauses[role];
  const perturbed: string[] = [];

  for (const clause of clauses) {
    const roll = random.next();
    if (roll < 0.1 && clauses.length > 1) continue;
    // Very long clauses (pasted code, logs) stay, because no donor clause is as long.
    const replaceable = donors.length > 0 && clause.length <= MAX_DONOR_CLAUSE_LENGTH;
    perturbed.push(roll < 0.3 && replaceable ? random.pick(donors) : clause);
    if (donors.length > 0 && random.chance(0.05)) perturbed.push(random.pick(donors));
  }
  if (perturbed.length === 0 && clauses.length > 0) perturbed.push(clauses[0] as string);

  return substituteEntities(context, perturbed.join(''));
}

// Replaces customer domains with domains of the case's brand and long numbers with random
// digits. Within a case, the same domain always gets the same replacement. Some of the archive's
// redaction placeholders become synthetic personal data, so that redaction has work to do.
function substituteEntities(context: CaseContext, text: string): string {
  const { random } = context;
  let result = text.replace(DOMAIN, (domain) => {
    if (VENDOR_DOMAIN.test(domain)) return domain;
    let replacement = context.domains.get(domain.toLowerCase());
    if (replacement === undefined) {
      const labels = domain.split('.');
      const subdomain =
        labels.length > 2 && /^[a-z0-9]{1,8}$/i.test(labels[0] as string) ? labels[0] : undefined;
      replacement = brandDomain(random, context.brand, subdomain);
      context.domains.set(domain.toLowerCase(), replacement);
    }
    context.mentionsBrand = true;
    return replacement;
  });

  result = result.replace(
    LONG_NUMBER,
    (digits) => random.integer(1, 9) + random.characters('0123456789', digits.length - 1),
  );
  result = result.replaceAll('[REDACTED_PHONE]', () =>
    random.chance(0.3) ? phoneNumber(random) : '[REDACTED_PHONE]',
  );
  result = result.replaceAll('[IP已脱敏]', () =>
    random.chance(0.3) ? documentationIp(random) : '[IP已脱敏]',
  );
  return result;
}

function brandMention(context: CaseContext, product: string): string {
  const { random, brand } = context;
  context.mentionsBrand = true;

  switch (product) {
    case 'CDN':
      return random.pick(['加速域名是', '域名：', '我的域名 ']) + brandDomain(random, brand);
    case '对象存储':
    case '人工智能':
      return random.pick(['空间名：', 'bucket 是 ', '存储空间 ']) + bucketName(random, brand);
    case '云主机':
      return `实例名 ${brand}-web-${random.integer(1, 20)}`;
    case '云短信':
      return `签名【${chineseName(context.brandId)}】，应用名 ${brand}`;
    default:
      return `我们是${chineseName(context.brandId)}，官网 ${brandDomain(random, brand, 'www')}`;
  }
}

function pastedError(random: Random, product: string, id: string): string {
  const message = random.pick(ERROR_MESSAGES[product] ?? ERROR_MESSAGES['对象存储'] ?? []);
  const code = random.pick(ERROR_CODES);
  if (random.chance(0.5)) return `报错：{"error":"${message}","code":${code}} X-Reqid: ${id}`;
  return `返回 ${code} ${message}，reqid ${id}`;
}

// A few cases carry a phone number or an IPv4 address the earlier redaction pass did not catch.
function addPersonalData(random: Random, turns: Turn[]): void {
  if (random.chance(0.03))
    appendToCustomerTurn(turns, `有问题可以打我电话${phoneNumber(random)}`, 1);
  if (random.chance(0.03)) appendToCustomerTurn(turns, `源站IP是 ${documentationIp(random)}`, 0);
}

// Appends to the customer turn at position `nth` among customer turns, or the last one.
function appendToCustomerTurn(turns: Turn[], text: string, nth: number): void {
  const customer = turns.filter((turn) => turn.role === 'customer');
  const turn = customer[Math.min(nth, customer.length - 1)];
  if (turn === undefined) {
    turns.unshift({ role: 'customer', text });
    return;
  }
  turn.text = turn.text.trim() === '' ? text : `${turn.text.trimEnd()} ${text}`;
}

// Indents a line that recombination moved to a line start where the reader would take it for
// a record start, a section heading or a turn marker, because the archive writer rejects those.
function sanitizeLines(text: string): string {
  return text
    .split('\n')
    .map((line) => (STRUCTURE_LINE.test(line) ? ` ${line}` : line))
    .join('\n');
}
