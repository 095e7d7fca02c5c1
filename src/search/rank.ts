import type { Store } from '../store/open.js';
import { loadCases, type StoredCase } from '../store/case-reader.js';
import { normalizeForTerms } from '../text/index.js';
import type { QueryPlan, QueryTerm } from './query.js';
import { planSearch, rankCandidates, type Candidate } from './candidates.js';
import { PRESENCE, type TermPresence } from './memory/memory-index.js';

/** A case ranked for a query, before it is loaded for display. */
export interface RankedCase {
  caseId: number;
  /** The index's rank (FTS5 BM25 on SQLite, negated ts_rank on PostgreSQL); lower is better. */
  bm25: number;
  /** Share of the query's idf weight that the case's customer side contains, from 0 to 1. */
  coverage: number;
  /** Share of the query's idf weight that the whole case, agent turns included, contains. */
  dialogueCoverage: number;
  /** The query terms found anywhere in the case, agent turns included. */
  matchedTerms: string[];
  /** The stored case, when ranking had to load it. */
  loaded?: StoredCase;
}

/** Options of {@link rankCases}. */
export interface RankOptions {
  limit?: number;
  /** Candidates fetched from the index before re-scoring by term coverage. */
  candidates?: number;
  /** The query's plan from {@link planSearch}, when the caller needs its term weights too. */
  plan?: QueryPlan;
}

/**
 * Ranks cases for a free-text query. The index ranks candidates by field-weighted BM25 over the
 * terms of the query plan. Each candidate's coverage, the share of the question's idf weight its
 * customer side contains, then weighs that rank: a case that repeats one rare term should not
 * outrank a case that contains most of the question.
 *
 * The in-memory index records which terms each candidate contains, so nothing is read from the
 * database. Without it the candidates are loaded and their text is searched for the terms.
 */
export async function rankCases(
  store: Store,
  query: string,
  options: RankOptions = {},
): Promise<RankedCase[]> {
  const limit = options.limit ?? 10;
  const plan = options.plan ?? (await planSearch(store, query));
  const rows = await rankCandidates(store, plan, options.candidates ?? Math.max(limit, 20));
  const ranked = rows.every((row) => row.presence)
    ? rows.map((row) => rankByPresence(plan, row, row.presence!))
    : await rankByStoredText(store, plan, rows);
  return ranked.sort((a, b) => rankValue(b) - rankValue(a)).slice(0, limit);
}

/** Returns the sort value of a case, highest first: BM25 weighted by customer-side coverage. */
export function rankValue(found: Pick<RankedCase, 'bm25' | 'coverage'>): number {
  return -found.bm25 * (0.5 + found.coverage);
}

function rankByPresence(
  plan: QueryPlan,
  candidate: Candidate,
  presence: readonly TermPresence[],
): RankedCase {
  const customer = idfShare(plan, (i) => presence[i] === PRESENCE.customerSide);
  const anywhere = idfShare(plan, (i) => presence[i] !== PRESENCE.absent);
  return rankedCase(candidate, customer.share, anywhere);
}

async function rankByStoredText(
  store: Store,
  plan: QueryPlan,
  rows: Candidate[],
): Promise<RankedCase[]> {
  const cases = await loadCases(
    store,
    rows.map((row) => row.id),
  );
  const byId = new Map(cases.map((found) => [found.id, found]));
  return rows.flatMap((row) => {
    const found = byId.get(row.id);
    if (!found) return [];
    const customerText = customerSideText(found);
    const dialogueText = normalizeForTerms(wholeText(found));
    const customer = idfShare(plan, (i) => customerText.includes(plan.terms[i]!.term));
    const anywhere = idfShare(plan, (i) => dialogueText.includes(plan.terms[i]!.term));
    return [{ ...rankedCase(row, customer.share, anywhere), loaded: found }];
  });
}

function rankedCase(
  candidate: Candidate,
  coverage: number,
  anywhere: { share: number; matched: string[] },
): RankedCase {
  return {
    caseId: candidate.id,
    bm25: candidate.rank,
    coverage: Math.round(coverage * 1000) / 1000,
    dialogueCoverage: Math.round(anywhere.share * 1000) / 1000,
    matchedTerms: anywhere.matched,
  };
}

/**
 * Returns the share of the question's idf weight that the terms `contains` accepts carry. Terms
 * that are part of a longer term of the question weigh as one with it (see {@link termGroups}):
 * a group gives the largest idf among its terms that the case contains.
 */
function idfShare(
  plan: QueryPlan,
  contains: (index: number) => boolean,
): { share: number; matched: string[] } {
  const groups = termGroups(plan);
  const best = new Float64Array(groups.weights.length);
  const matched: string[] = [];
  plan.terms.forEach((term, index) => {
    if (!contains(index)) return;
    const group = groups.of[index]!;
    best[group] = Math.max(best[group]!, term.idf);
    matched.push(term.term);
  });
  let total = 0;
  let found = 0;
  groups.weights.forEach((weight, group) => {
    total += weight;
    found += Math.min(weight, best[group]!);
  });
  return { share: total === 0 ? 0 : found / total, matched };
}

/** Groups of the question's terms: the group of each term, and the weight of each group. */
interface TermGroups {
  of: number[];
  weights: number[];
}

const groupsOfPlans = new WeakMap<QueryPlan, TermGroups>();

/**
 * Puts each term of the plan in the group of the longest other term that contains it, so that
 * jieba's search-mode parts of one word count once. 自定义域名 also gives 自定, 定义, 自定义, 定义域 and
 * 域名, and each of the six would otherwise add its own idf, against one idf for a rare word such
 * as 解绑. A group weighs as much as its heaviest term of the question. A related word that the
 * plan added joins the group of the term it replaces and adds no weight, so a case that contains
 * it covers the group up to the group's weight.
 *
 * A word that no case contains but that its parts spell out (今天天气: 今天 and 天气) forms no group.
 * As one group it would weigh as much as the rarest possible term, so a case with only its common
 * part 今天 would cover that whole weight. Its parts weigh as words of their own instead, and the
 * parts that overlap them (天天) weigh nothing. See {@link spelledOutWords}.
 */
function termGroups(plan: QueryPlan): TermGroups {
  const cached = groupsOfPlans.get(plan);
  if (cached) return cached;

  const terms = plan.terms;
  const spelledOut = spelledOutWords(terms);
  const question = terms.filter((term) => term.standsFor === undefined);
  const containers = question.filter((term) => !spelledOut.words.has(term.term));
  const headOf = (term: string): number => {
    let head = terms.findIndex((other) => other.term === term);
    containers.forEach((other) => {
      const longer = other.term.length > terms[head]!.term.length;
      if (longer && other.term.includes(term)) head = terms.indexOf(other);
    });
    return head;
  };
  const heads = terms.map((term) => headOf(term.standsFor ?? term.term));
  const groupOfHead = new Map<number, number>();
  const weights: number[] = [];
  const of = heads.map((head, index) => {
    let group = groupOfHead.get(head);
    if (group === undefined) {
      group = weights.length;
      groupOfHead.set(head, group);
      weights.push(0);
    }
    const term = terms[index]!;
    const weighs =
      term.standsFor === undefined &&
      !spelledOut.words.has(term.term) &&
      !spelledOut.overlaps.has(terms[head]!.term);
    if (weighs) weights[group] = Math.max(weights[group]!, term.idf);
    return group;
  });
  const groups = { of, weights };
  groupsOfPlans.set(plan, groups);
  return groups;
}

/**
 * Finds the question's words that no case contains and that shorter words of the question spell
 * out from start to end, each time taking the longest word that starts where the last one ended.
 * `overlaps` contains the other parts of those words that no part of the spelling contains, such
 * as 天天 in 今天天气 spelled 今天 and 天气.
 */
function spelledOutWords(terms: readonly QueryTerm[]): {
  words: Set<string>;
  overlaps: Set<string>;
} {
  const words = new Set<string>();
  const overlaps = new Set<string>();
  const question = terms.filter((term) => term.standsFor === undefined).map((term) => term.term);
  for (const term of terms) {
    if (term.documents > 0 || term.standsFor !== undefined) continue;
    const parts = question.filter(
      (part) => part.length < term.term.length && term.term.includes(part),
    );
    const spelling = spell(term.term, parts);
    if (spelling === null) continue;
    words.add(term.term);
    for (const part of parts) {
      if (!spelling.some((piece) => piece.includes(part))) overlaps.add(part);
    }
  }
  return { words, overlaps };
}

/** Spells `word` with `parts`, longest part first at each position, or returns null. */
function spell(word: string, parts: readonly string[]): string[] | null {
  const pieces: string[] = [];
  for (let at = 0; at < word.length;) {
    let piece: string | undefined;
    for (const part of parts) {
      if (word.startsWith(part, at) && part.length > (piece?.length ?? 0)) piece = part;
    }
    if (piece === undefined) return null;
    pieces.push(piece);
    at += piece.length;
  }
  return pieces;
}

// Coverage is measured on the customer's side of a case: a new question resembles what earlier
// customers wrote, while long agent answers would contain many query terms by chance.
function customerSideText(found: StoredCase): string {
  const turns = found.turns.filter((turn) => turn.role === 'customer').map((turn) => turn.text);
  return normalizeForTerms([found.title, found.description, ...turns].join('\n'));
}

function wholeText(found: StoredCase): string {
  return [found.title, found.description, ...found.turns.map((turn) => turn.text)].join('\n');
}
