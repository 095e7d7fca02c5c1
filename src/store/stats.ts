import { sql } from 'kysely';
import type { Store } from './open.js';

/** Number of cases of one product and type. */
export interface CategoryCount {
  product: string;
  type: string;
  cases: number;
  unanswered: number;
}

/** Case counts for `casebook stats`. */
export interface StoreStats {
  cases: number;
  answered: number;
  unanswered: number;
  byCategory: CategoryCount[];
  sources: Array<{ name: string; cases: number; importedAt: string }>;
  /** Refs of unanswered cases, with their source. */
  unansweredCases: Array<{ source: string; ref: string; title: string }>;
}

/** Counts cases by product and type, answered and not, and per source file. */
export async function categoryStats(store: Store): Promise<StoreStats> {
  const byCategory = await store.db
    .selectFrom('cases')
    .select([
      'product',
      'type',
      (eb) => eb.fn.countAll<number>().as('cases'),
      sql<number>`sum(case when status = 'unanswered' then 1 else 0 end)`.as('unanswered'),
    ])
    .groupBy(['product', 'type'])
    .orderBy('cases', 'desc')
    .orderBy('product')
    .orderBy('type')
    .execute();

  const sources = await store.db
    .selectFrom('sources')
    .leftJoin('cases', 'cases.source_id', 'sources.id')
    .select([
      'sources.name',
      'sources.imported_at',
      (eb) => eb.fn.count<number>('cases.id').as('cases'),
    ])
    .groupBy(['sources.id', 'sources.name', 'sources.imported_at'])
    .orderBy('sources.name')
    .execute();

  const unansweredCases = await store.db
    .selectFrom('cases')
    .innerJoin('sources', 'sources.id', 'cases.source_id')
    .select(['sources.name as source', 'cases.ref', 'cases.title'])
    .where('cases.status', '=', 'unanswered')
    .orderBy('sources.name')
    .orderBy('cases.number')
    .limit(1000)
    .execute();

  const counts = byCategory.map((row) => ({
    product: row.product,
    type: row.type,
    cases: Number(row.cases),
    unanswered: Number(row.unanswered),
  }));
  const total = counts.reduce((sum, row) => sum + row.cases, 0);
  const unanswered = counts.reduce((sum, row) => sum + row.unanswered, 0);
  return {
    cases: total,
    answered: total - unanswered,
    unanswered,
    byCategory: counts,
    sources: sources.map((row) => ({
      name: row.name,
      cases: Number(row.cases),
      importedAt: row.imported_at,
    })),
    unansweredCases,
  };
}
