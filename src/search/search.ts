import { categoryLabel } from '../ingest/record.js';
import type { Store } from '../store/open.js';
import { loadCases, type StoredCase } from '../store/case-reader.js';
import { countStoredCases } from '../store/case-count.js';
import { hashRecord } from '../store/case-hash.js';
import { rankCases, rankValue, type RankedCase, type RankOptions } from './rank.js';
import { buildSnippet, type Snippet } from './snippet.js';

/** One ranked case, loaded for display. */
export interface SearchHit extends Omit<RankedCase, 'loaded'> {
  ref: string;
  source: string;
  title: string;
  category: string;
  /**
   * Relevance for display, from 0 to 1: the hit's rank value relative to the best hit, times
   * the best hit's coverage, so scores fall in list order.
   */
  score: number;
  snippet: Snippet;
  case: StoredCase;
}

/** Options of {@link searchCases}. */
export interface SearchOptions extends RankOptions {
  /**
   * Keeps weak hits that {@link searchCases} would leave out, for callers that filter the list
   * themselves. Off by default.
   */
  keepWeak?: boolean;
}

/**
 * A hit is left out when its display score is below this, or below this share of the best
 * hit's. Such hits share only common words with the query (不, 问题), which lists noise under a
 * query that has no good match. On the sample's 96 questions these floors drop 202 of the 781
 * wrong cases in the top 10 and 3 of the 152 right ones, none of those in the top 5.
 */
const MIN_DISPLAY_SCORE = 0.05;
const MIN_SHARE_OF_BEST = 0.1;

/** Returns the number of cases in the search index (cached; see countStoredCases). */
export function countIndexed(store: Store): Promise<number> {
  return countStoredCases(store);
}

/**
 * Ranks cases for a free-text query ({@link rankCases}) and loads the best for display, each
 * with a snippet that highlights the query terms it contains.
 */
export async function searchCases(
  store: Store,
  query: string,
  options: SearchOptions = {},
): Promise<SearchHit[]> {
  const limit = options.limit ?? 10;
  // Ranks a few cases past the limit, which take the places of copies left out.
  const ranked = await rankCases(store, query, { ...options, limit: limit + SPARE_HITS });
  const hits = await distinctHits(store, ranked, limit);
  const scored = withDisplayScores(hits);
  if (options.keepWeak) return scored;
  const floor = Math.max(MIN_DISPLAY_SCORE, (scored[0]?.score ?? 0) * MIN_SHARE_OF_BEST);
  return scored.filter((hit) => hit.score >= floor);
}

// Ranked cases beyond the limit that may replace copies.
const SPARE_HITS = 5;

/**
 * Loads ranked cases in order until `limit` distinct ones are found. A case with the same
 * content as one listed already (the same archive imported under two file names) is left out,
 * so that copies do not fill the list. Cases are loaded only as far as the list needs them.
 */
async function distinctHits(
  store: Store,
  ranked: RankedCase[],
  limit: number,
): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  let next = 0;
  while (hits.length < limit && next < ranked.length) {
    const batch = ranked.slice(next, next + limit - hits.length);
    next += batch.length;
    const missing = batch.filter((found) => !found.loaded).map((found) => found.caseId);
    const loaded = new Map((await loadCases(store, missing)).map((found) => [found.id, found]));
    for (const { loaded: known, ...found } of batch) {
      const stored = known ?? loaded.get(found.caseId);
      // A case removed between ranking and loading is left out.
      if (!stored) continue;
      const content = hashRecord(stored);
      if (seen.has(content)) continue;
      seen.add(content);
      hits.push(toHit(found, stored));
    }
  }
  return hits;
}

function toHit(found: Omit<RankedCase, 'loaded'>, stored: StoredCase): SearchHit {
  return {
    ...found,
    ref: stored.ref,
    source: stored.source,
    title: stored.title,
    category: categoryLabel(stored),
    score: 0,
    snippet: buildSnippet(
      [stored.description, ...stored.turns.map((turn) => turn.text)],
      found.matchedTerms,
    ),
    case: stored,
  };
}

/**
 * Sets each hit's score to its rank value relative to the best hit, scaled by how much of the
 * question the best case covers: scores then fall in list order. Terms found only in agent
 * turns count half, so a case matched in its agent turns alone still shows a score above zero.
 */
function withDisplayScores(hits: SearchHit[]): SearchHit[] {
  const best = hits[0];
  if (!best) return hits;
  const top = rankValue(best);
  const bestCoverage = Math.max(best.coverage, best.dialogueCoverage / 2);
  for (const hit of hits) {
    const relative = top > 0 ? rankValue(hit) / top : 0;
    hit.score = Math.round(bestCoverage * relative * 1000) / 1000;
  }
  return hits;
}
