import type BetterSqlite3 from 'better-sqlite3';
import { tokenize } from '../text/index.js';

/** A query term with its inverse document frequency in the index. */
export interface QueryTerm {
  term: string;
  /** Number of indexed cases that contain the term. */
  documents: number;
  idf: number;
}

/** Options of {@link planQuery}. */
export interface QueryPlanOptions {
  /** Most terms passed to the index; the rarest are kept, since they carry the most evidence. */
  maxTerms?: number;
  /** Terms found in more than this share of cases are dropped while rarer terms remain. */
  maxDocumentShare?: number;
}

/** The terms of a query, split into those sent to the index and all that weigh in the score. */
export interface QueryPlan {
  terms: QueryTerm[];
  /** The subset of `terms` used in the MATCH expression. */
  matchTerms: QueryTerm[];
  totalCases: number;
}

function inverseDocumentFrequency(documents: number, totalCases: number): number {
  // The BM25 form of idf, floored at a small positive value so common terms still count a bit.
  return Math.max(0.05, Math.log(1 + (totalCases - documents + 0.5) / (documents + 0.5)));
}

/**
 * Segments a query and looks up how many cases contain each term. Terms absent from the index
 * are kept with the highest idf, so a question about something never seen scores low coverage.
 */
export function planQuery(
  sqlite: BetterSqlite3.Database,
  text: string,
  totalCases: number,
  options: QueryPlanOptions = {},
): QueryPlan {
  const maxTerms = options.maxTerms ?? 12;
  const maxShare = options.maxDocumentShare ?? 0.4;
  const lookup = sqlite.prepare('SELECT doc FROM case_search_terms WHERE term = ?');

  const unique = [...new Set(tokenize(text))];
  const terms = unique.map((term) => {
    const row = lookup.get(term) as { doc: number } | undefined;
    const documents = row?.doc ?? 0;
    return { term, documents, idf: inverseDocumentFrequency(documents, totalCases) };
  });

  const present = terms.filter((t) => t.documents > 0).sort((a, b) => a.documents - b.documents);
  const rare = present.filter((t) => t.documents <= maxShare * totalCases);
  const matchTerms = (rare.length >= 2 ? rare : present).slice(0, maxTerms);
  return { terms, matchTerms, totalCases };
}

/** Builds an FTS5 MATCH expression that ORs the quoted terms. */
export function matchExpression(terms: QueryTerm[]): string {
  return terms.map((t) => `"${t.term.replaceAll('"', '""')}"`).join(' OR ');
}
