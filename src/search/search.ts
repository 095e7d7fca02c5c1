import { categoryLabel } from '../ingest/record.js';
import type { Store } from '../store/open.js';
import { loadCases, type StoredCase } from '../store/case-reader.js';
import { countStoredCases } from '../store/case-count.js';
import { normalizeText } from '../text/index.js';
import type { QueryPlan } from './query.js';
import { planSearch, rankCandidates } from './candidates.js';
import { buildSnippet, type Snippet } from './snippet.js';

/** One ranked case. */
export interface SearchHit {
  caseId: number;
  ref: string;
  source: string;
  title: string;
  category: string;
  /**
   * Relevance for display, from 0 to 1: the hit's rank value relative to the best hit, times
   * the best hit's coverage, so scores fall in list order.
   */
  score: number;
  /** Share of the query's idf weight that the case's customer side contains, from 0 to 1. */
  coverage: number;
  /** Share of the query's idf weight that the whole case, agent turns included, contains. */
  dialogueCoverage: number;
  /** The index's rank (FTS5 BM25 on SQLite, negated ts_rank on PostgreSQL); lower is better. */
  bm25: number;
  snippet: Snippet;
  /** The query terms found anywhere in the case, agent turns included. */
  matchedTerms: string[];
  case: StoredCase;
}

/** Options of {@link searchCases}. */
export interface SearchOptions {
  limit?: number;
  /** Candidates fetched from the index before re-scoring by term coverage. */
  candidates?: number;
}

// Coverage is measured on the customer's side of a case: a new question resembles what earlier
// customers wrote, while long agent answers would contain many query terms by chance.
function caseText(found: StoredCase): string {
  const turns = found.turns.filter((turn) => turn.role === 'customer').map((turn) => turn.text);
  return normalizeText([found.title, found.description, ...turns].join('\n'));
}

function coverage(plan: QueryPlan, text: string): { score: number; matched: string[] } {
  let total = 0;
  let found = 0;
  const matched: string[] = [];
  for (const term of plan.terms) {
    total += term.idf;
    if (text.includes(term.term)) {
      found += term.idf;
      matched.push(term.term);
    }
  }
  return { score: total === 0 ? 0 : found / total, matched };
}

/** Returns the number of cases in the search index (cached; see countStoredCases). */
export function countIndexed(store: Store): Promise<number> {
  return countStoredCases(store);
}

/**
 * Ranks cases for a free-text query. FTS5 ranks candidates by field-weighted BM25 over the
 * terms of the query plan. Each candidate's coverage, the share of the question's idf weight its
 * customer side contains, then weighs that rank, and decides whether a case is relevant at all.
 */
export async function searchCases(
  store: Store,
  query: string,
  options: SearchOptions = {},
): Promise<SearchHit[]> {
  const limit = options.limit ?? 10;
  const plan = await planSearch(store, query);
  const rows = await rankCandidates(store, plan, options.candidates ?? Math.max(limit, 20));

  const cases = await loadCases(
    store,
    rows.map((row) => row.id),
  );
  const rankById = new Map(rows.map((row) => [row.id, row.rank]));
  const hits = cases.map((found): SearchHit => {
    const { score } = coverage(plan, caseText(found));
    // The snippet may show any turn, so its terms are looked up in the whole dialogue.
    const everywhere = coverage(plan, normalizeText(dialogueText(found)));
    return {
      caseId: found.id,
      ref: found.ref,
      source: found.source,
      title: found.title,
      category: categoryLabel(found),
      score: 0,
      coverage: Math.round(score * 1000) / 1000,
      dialogueCoverage: Math.round(everywhere.score * 1000) / 1000,
      bm25: rankById.get(found.id) ?? 0,
      snippet: buildSnippet(
        [found.description, ...found.turns.map((t) => t.text)],
        everywhere.matched,
      ),
      matchedTerms: everywhere.matched,
      case: found,
    };
  });

  // Weighting BM25 by coverage keeps a case that repeats one rare term from outranking a case
  // that contains most of the question.
  const ranked = hits.sort((a, b) => rankOf(b) - rankOf(a)).slice(0, limit);
  return withDisplayScores(ranked);
}

/**
 * Sets each hit's score to its rank value relative to the best hit, scaled by how much of the
 * question the best case covers: scores then fall in list order. Terms found only in agent
 * turns count half, so a case matched in its agent turns alone still shows a score above zero.
 */
function withDisplayScores(hits: SearchHit[]): SearchHit[] {
  const best = hits[0];
  if (!best) return hits;
  const top = rankOf(best);
  const bestCoverage = Math.max(best.coverage, best.dialogueCoverage / 2);
  for (const hit of hits) {
    const relative = top > 0 ? rankOf(hit) / top : 0;
    hit.score = Math.round(bestCoverage * relative * 1000) / 1000;
  }
  return hits;
}

function dialogueText(found: StoredCase): string {
  return [found.title, found.description, ...found.turns.map((turn) => turn.text)].join('\n');
}

function rankOf(hit: SearchHit): number {
  return -hit.bm25 * (0.5 + hit.coverage);
}
