import type { SqlExecutor } from '../store/sql-executor.js';
import type { TermPresence } from './memory/memory-index.js';
import type { Store } from '../store/open.js';
import { memorySearchOf } from './memory/registry.js';
import { matchExpression, planQuery, type QueryPlan, type QueryPlanOptions } from './query.js';
import { countStoredCases } from '../store/case-count.js';
import { postgresQuery } from './tsvector.js';

/** Relative weights of the indexed fields: title, description, customer turns, agent turns. */
export const FIELD_WEIGHTS = { title: 4, description: 3, customer: 1.5, agent: 1 } as const;

// ts_rank normalization flags 1 | 32: see findCandidates.
const NORMALIZATION = 33;
// Candidates the first PostgreSQL pass keeps for the idf-weighted second pass.
const FIRST_PASS = 200;

/** A case that matches a query, with the index's rank: lower is better. */
export interface Candidate {
  id: number;
  rank: number;
  /**
   * The place of each term of the plan in the case, in `QueryPlan.terms` order. Only the
   * in-memory index records it; the database's indexes leave it out.
   */
  presence?: TermPresence[];
}

/**
 * Returns the best-ranked cases that match a query plan. SQLite ranks with FTS5's BM25 and the
 * field weights. PostgreSQL ranks each term with ts_rank, its occurrences weighted by field
 * (labels D, C, B, A carry the agent, customer, description and title weights), and adds the
 * terms up weighted by idf, as BM25 does. Normalization 33 divides a term's rank by
 * 1 + log(document length) and then maps it to rank / (rank + 1), which saturates like BM25's
 * term frequency. The sum is negated, so lower is better on both engines.
 */
export async function findCandidates(
  sql: SqlExecutor,
  plan: QueryPlan,
  limit: number,
): Promise<Candidate[]> {
  if (plan.matchTerms.length + plan.titleTerms.length === 0) return [];
  if (sql.dialect === 'sqlite') return sqliteCandidates(sql, plan, limit);
  return postgresCandidates(sql, plan, limit);
}

// The in-memory index scores a posting in nanoseconds, so terms found in up to 40 % of cases
// may match in any field there, which finds more of the cases asked for (docs/benchmarks.md).
// FTS5 computes BM25 for every matching row, so it lets only rarer terms match anywhere.
const MEMORY_PLAN: QueryPlanOptions = { maxDocumentShare: 0.4 };

/** Plans a query for the index that will run it: the in-memory one when attached. */
export async function planSearch(store: Store, text: string): Promise<QueryPlan> {
  const options = memorySearchOf(store) ? MEMORY_PLAN : {};
  return planQuery(store.sql, text, await countStoredCases(store), options);
}

/**
 * Returns the best-ranked cases for a query plan from the in-memory index attached to the
 * store, which ranks as FTS5 does, or from the database's index when none is attached or it is
 * being rebuilt.
 */
export async function rankCandidates(
  store: Store,
  plan: QueryPlan,
  limit: number,
): Promise<Candidate[]> {
  const memory = memorySearchOf(store);
  if (memory && plan.matchTerms.length + plan.titleTerms.length > 0) {
    const found = await memory.findCandidates(plan, limit);
    if (found) return found;
  }
  return findCandidates(store.sql, plan, limit);
}

function sqliteCandidates(sql: SqlExecutor, plan: QueryPlan, limit: number): Promise<Candidate[]> {
  const w = FIELD_WEIGHTS;
  return sql.all<Candidate>(
    `SELECT rowid AS id, bm25(case_search, ${w.title}, ${w.description}, ${w.customer}, ${w.agent}) AS rank
     FROM case_search WHERE case_search MATCH ? ORDER BY rank LIMIT ?`,
    [matchExpression(plan.matchTerms, plan.titleTerms), limit],
  );
}

function postgresCandidates(
  sql: SqlExecutor,
  plan: QueryPlan,
  limit: number,
): Promise<Candidate[]> {
  const w = FIELD_WEIGHTS;
  const weights = `{${[w.agent, w.customer, w.description, w.title].map((x) => x / w.title).join(',')}}`;

  // Title-only terms are matched through the index of title terms, so a common word does not
  // pull in every case that merely mentions it.
  const anywhere = plan.matchTerms.length > 0 ? postgresQuery(plan.matchTerms) : null;
  const inTitle = plan.titleTerms.length > 0 ? postgresQuery(plan.titleTerms) : null;
  const conditions = [
    ...(anywhere ? ['document @@ CAST(? AS tsquery)'] : []),
    ...(inTitle ? ["ts_filter(document, '{a}') @@ CAST(? AS tsquery)"] : []),
  ];

  // BM25 weighs each term by its idf, which ts_rank does not know. So a first pass keeps the
  // cases that one ts_rank over all terms ranks best, and a second pass ranks each of their
  // terms on its own and adds the ranks up weighted by idf.
  const terms = [
    ...plan.matchTerms.map((t) => ({ query: postgresQuery([t]), idf: t.idf })),
    ...plan.titleTerms.map((t) => ({ query: postgresQuery([], [t]), idf: t.idf })),
  ];
  const score = terms
    .map(() => `ts_rank(CAST(? AS real[]), document, CAST(? AS tsquery), ${NORMALIZATION}) * ?`)
    .join(' + ');

  return sql.all<Candidate>(
    `SELECT case_id AS id, -(${score}) AS rank
     FROM (
       SELECT case_id, document FROM case_search
       WHERE ${conditions.join(' OR ')}
       ORDER BY ts_rank(CAST(? AS real[]), document, CAST(? AS tsquery), ${NORMALIZATION}) DESC
       LIMIT ?
     ) AS first_pass
     ORDER BY rank, case_id LIMIT ?`,
    [
      ...terms.flatMap((t) => [weights, t.query, t.idf]),
      ...(anywhere ? [anywhere] : []),
      ...(inTitle ? [inTitle] : []),
      weights,
      postgresQuery(plan.matchTerms, plan.titleTerms),
      Math.max(limit, FIRST_PASS),
      limit,
    ],
  );
}
