import { planSearch, rankCandidates } from '../../search/index.js';
import type { Store } from '../../store/open.js';

/** Most search hits a filtered case list considers. */
export const MAX_SEARCH_HITS = 1000;

/**
 * Returns the ids of the cases that match a query, best first by the index's rank, for
 * combining a search with the filters of a case list.
 */
export async function searchCaseIds(store: Store, query: string): Promise<number[]> {
  const plan = await planSearch(store, query);
  const rows = await rankCandidates(store, plan, MAX_SEARCH_HITS);
  return rows.map((row) => row.id);
}
