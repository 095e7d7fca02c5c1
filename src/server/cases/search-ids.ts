import { countIndexed, FIELD_WEIGHTS, matchExpression, planQuery } from '../../search/index.js';
import type { Store } from '../../store/open.js';

/** Most search hits a filtered case list considers. */
export const MAX_SEARCH_HITS = 1000;

/**
 * Returns the ids of the cases that match a query, best first by field-weighted BM25, for
 * combining a search with the filters of a case list.
 */
export function searchCaseIds(store: Store, query: string): number[] {
  const plan = planQuery(store.sqlite, query, countIndexed(store));
  if (plan.matchTerms.length + plan.titleTerms.length === 0) return [];

  const w = FIELD_WEIGHTS;
  const rows = store.sqlite
    .prepare(
      `SELECT rowid AS id FROM case_search WHERE case_search MATCH ?
       ORDER BY bm25(case_search, ${w.title}, ${w.description}, ${w.customer}, ${w.agent})
       LIMIT ?`,
    )
    .all(matchExpression(plan.matchTerms, plan.titleTerms), MAX_SEARCH_HITS) as Array<{
    id: number;
  }>;
  return rows.map((row) => row.id);
}
