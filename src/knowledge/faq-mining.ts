import { createHash } from 'node:crypto';
import { isFiller } from '../text/index.js';
import type { StoredCase } from '../store/case-reader.js';
import type { Taxonomy } from './taxonomy.js';

/** A recurring issue proposed as an FAQ entry. */
export interface FaqCandidate {
  /** Stable key of the group: `cause:<code>` or `similar:<hash of the founding refs>`. */
  fingerprint: string;
  rootCauseCode: string | null;
  question: string;
  answer: string;
  steps: string[];
  refs: Array<{ source: string; ref: string }>;
  caseCount: number;
  firstSeen: string;
  lastSeen: string;
}

/** A case with the terms used to compare it with others. */
export interface MiningCase {
  case: StoredCase;
  terms: Set<string>;
}

/** Options of {@link mineFaqCandidates}. */
export interface MiningOptions {
  /** Smallest group that counts as recurring. */
  minCases?: number;
  /** Smallest Jaccard similarity of term sets that joins a case without a root cause to a group. */
  minSimilarity?: number;
}

const MEANINGLESS = /^[\s\d\p{P}]*$/u;

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** Picks the case most similar to all others of its group, the best stand-in for the group. */
function medoid(group: MiningCase[]): MiningCase {
  let best = group[0]!;
  let bestScore = -1;
  for (const candidate of group) {
    let score = 0;
    for (const other of group)
      if (other !== candidate) score += jaccard(candidate.terms, other.terms);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

// Titles that name the ticket source rather than the problem, such as "免费 from 自动催单".
const GENERATED_TITLE = /\bfrom\b|自动催单/;
const PLACEHOLDER = /\[[^\]\n]{1,30}\]/;
// An earlier customer's identifier (an order number, an instance id) or the time of their
// message: an approved entry shows its question to every customer.
const IDENTIFIER = /(?=[a-z]{0,40}\d)[a-z0-9]{12,}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}:\d{2}/i;

function firstSentence(text: string): string {
  const sentence = (text.split(/[。！？!?\n]/)[0] ?? '').replace(/\s+/g, ' ').trim();
  return sentence.replace(/[，,、；;：:\s]+$/, '');
}

/**
 * Phrases the group's question as one short line: the central case's first description
 * sentence or its title, whichever is readable (4 to 60 characters, no placeholders, no
 * identifier or time of the earlier customer, not an auto-generated title), else the root
 * cause's label.
 */
function canonicalQuestion(found: StoredCase, fallback: string): string {
  const candidates = [firstSentence(found.description), found.title.trim()];
  const readable = candidates.find(
    (text) =>
      text.length >= 4 &&
      text.length <= 60 &&
      !MEANINGLESS.test(text) &&
      !PLACEHOLDER.test(text) &&
      !IDENTIFIER.test(text) &&
      !GENERATED_TITLE.test(text),
  );
  return readable ?? fallback;
}

function agentSteps(found: StoredCase): string[] {
  const seen = new Set<string>();
  const steps: string[] = [];
  for (const turn of found.turns) {
    if (turn.role !== 'agent' || isFiller(turn.text)) continue;
    const text = turn.text.replace(/^(您好|你好)[，,\s]*/, '').trim();
    if (text.length > 0 && !seen.has(text)) {
      seen.add(text);
      steps.push(text.length > 300 ? `${text.slice(0, 299)}…` : text);
    }
  }
  return steps.slice(0, 5);
}

function toCandidate(
  fingerprint: string,
  group: MiningCase[],
  taxonomy: Taxonomy,
  code: string | null,
): FaqCandidate {
  const center = medoid(group).case;
  const cause = code ? taxonomy.byCode.get(code) : undefined;
  const steps = cause ? cause.fix : agentSteps(center);
  const seen = group.map((item) => item.case.openedAt ?? item.case.createdAt).sort();
  return {
    fingerprint,
    rootCauseCode: code,
    question: canonicalQuestion(center, cause?.label ?? center.title),
    answer: cause ? `${cause.explanation}` : steps.join('\n'),
    steps,
    refs: group.map((item) => ({ source: item.case.source, ref: item.case.ref })),
    caseCount: group.length,
    firstSeen: seen[0]!,
    lastSeen: seen[seen.length - 1]!,
  };
}

/** Groups cases without a root cause greedily: each joins the first group it is similar enough to. */
function clusterBySimilarity(cases: MiningCase[], minSimilarity: number): MiningCase[][] {
  const groups: Array<{ seed: MiningCase; members: MiningCase[] }> = [];
  for (const item of cases) {
    const home = groups.find(
      (group) =>
        group.seed.case.product === item.case.product &&
        jaccard(group.seed.terms, item.terms) >= minSimilarity,
    );
    if (home) home.members.push(item);
    else groups.push({ seed: item, members: [item] });
  }
  return groups.map((group) => group.members);
}

/**
 * Groups cases into recurring issues and proposes an FAQ entry for each group of at least
 * `minCases`: cases with the same inferred root cause form one group, and the rest are
 * clustered by term similarity within a product. The entry's question comes from the group's
 * most central case, its steps from the cause's standard fix (or, for similarity groups, the
 * central case's substantive agent turns).
 */
export function mineFaqCandidates(
  cases: MiningCase[],
  taxonomy: Taxonomy,
  options: MiningOptions = {},
): FaqCandidate[] {
  const minCases = options.minCases ?? 2;
  const byCause = new Map<string, MiningCase[]>();
  const unassigned: MiningCase[] = [];
  for (const item of cases) {
    const code = item.case.rootCauseCode;
    if (code) byCause.set(code, [...(byCause.get(code) ?? []), item]);
    else unassigned.push(item);
  }

  const candidates: FaqCandidate[] = [];
  for (const [code, group] of byCause) {
    if (group.length >= minCases)
      candidates.push(toCandidate(`cause:${code}`, group, taxonomy, code));
  }
  for (const group of clusterBySimilarity(unassigned, options.minSimilarity ?? 0.35)) {
    if (group.length < Math.max(minCases, 3)) continue;
    const founders = group
      .map((item) => `${item.case.source}#${item.case.ref}`)
      .sort()
      .join(',');
    const hash = createHash('sha1').update(founders).digest('hex').slice(0, 12);
    candidates.push(toCandidate(`similar:${hash}`, group, taxonomy, null));
  }
  return candidates.sort((a, b) => b.caseCount - a.caseCount);
}
