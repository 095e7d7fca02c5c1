import type { SqlExecutor } from '../store/sql-executor.js';
import { matchExpression, type QueryPlan } from './query.js';
import { postgresQuery } from './tsvector.js';

/** Relative weights of the indexed fields: title, description, customer turns, agent turns. */
export const FIELD_WEIGHTS = { title: 4, description: 3, customer: 1.5, agent: 1 } as const;

/** A case that matches a query, with the index's rank: lower is better. */
export interface Candidate {
  id: number;
  rank: number;
}

/**
 * Returns the best-ranked cases that match a query plan. SQLite ranks with FTS5's BM25 and the
 * field weights. PostgreSQL ranks with ts_rank over the same terms, each occurrence weighted by
 * its field (labels D, C, B, A carry the agent, customer, description and title weights), the
 * score divided by 1 + log(document length) like BM25's length normalization, and negated so
 * that lower is better on both engines.
 */
export async function findCandidates(
  sql: SqlExecutor,
  plan: QueryPlan,
  limit: number,
): Promise<Candidate[]> {
  if (plan.matchTerms.length + plan.titleTerms.length === 0) return [];
  const w = FIELD_WEIGHTS;
  if (sql.dialect === 'sqlite') {
    return sql.all<Candidate>(
      `SELECT rowid AS id, bm25(case_search, ${w.title}, ${w.description}, ${w.customer}, ${w.agent}) AS rank
       FROM case_search WHERE case_search MATCH ? ORDER BY rank LIMIT ?`,
      [matchExpression(plan.matchTerms, plan.titleTerms), limit],
    );
  }
  const weights = `{${[w.agent, w.customer, w.description, w.title].map((x) => x / w.title).join(',')}}`;
  return sql.all<Candidate>(
    `SELECT case_id AS id, -ts_rank(CAST(? AS real[]), document, q.query, 1) AS rank
     FROM case_search, (SELECT CAST(? AS tsquery) AS query) AS q
     WHERE document @@ q.query ORDER BY rank, case_id LIMIT ?`,
    [weights, postgresQuery(plan.matchTerms, plan.titleTerms), limit],
  );
}
