import { sql, type RawBuilder } from 'kysely';
import type { Store } from './open.js';
import type { Dialect } from './dialect.js';

/** Lengths of the periods a volume series is counted in. */
export const DASHBOARD_BUCKETS = ['day', 'week', 'month'] as const;
export type DashboardBucket = (typeof DASHBOARD_BUCKETS)[number];

/** The cases a dashboard counts: those opened in `[from, to)`, either end optional. */
export interface DashboardRange {
  from?: string;
  to?: string;
}

/** Cases opened in one period, of one product and type. */
export interface VolumeRow {
  /** First day of the period, `YYYY-MM-DD`; weeks start on Monday. */
  period: string;
  product: string;
  type: string;
  cases: number;
}

const OPENED = sql<string>`coalesce(cases.opened_at, cases.created_at)`;

const OPENED_UTC = sql`(coalesce(cases.opened_at, cases.created_at)::timestamptz AT TIME ZONE 'UTC')`;

// Times are ISO 8601 text on both engines; periods are cut in UTC.
function periodStart(dialect: Dialect, bucket: DashboardBucket): RawBuilder<string> {
  if (dialect === 'postgres') {
    if (bucket === 'day') return sql<string>`to_char(${OPENED_UTC}, 'YYYY-MM-DD')`;
    if (bucket === 'week') {
      return sql<string>`to_char(date_trunc('week', ${OPENED_UTC}), 'YYYY-MM-DD')`;
    }
    return sql<string>`to_char(${OPENED_UTC}, 'YYYY-MM-01')`;
  }
  if (bucket === 'day') return sql<string>`date(${OPENED})`;
  if (bucket === 'week') return sql<string>`date(${OPENED}, 'weekday 0', '-6 days')`;
  return sql<string>`strftime('%Y-%m-01', ${OPENED})`;
}

function secondsToResolve(dialect: Dialect): RawBuilder<number> {
  if (dialect === 'postgres') {
    return sql<number>`extract(epoch FROM resolved_at::timestamptz - ${OPENED}::timestamptz)`;
  }
  return sql<number>`(julianday(resolved_at) - julianday(${OPENED})) * 86400`;
}

function inRange(store: Store, range: DashboardRange) {
  let query = store.db.selectFrom('cases');
  if (range.from) query = query.where(OPENED, '>=', range.from);
  if (range.to) query = query.where(OPENED, '<', range.to);
  return query;
}

/** Counts cases per period, product and type, oldest period first. */
export async function volumeByCategory(
  store: Store,
  range: DashboardRange,
  bucket: DashboardBucket,
): Promise<VolumeRow[]> {
  const period = periodStart(store.dialect, bucket);
  const rows = await inRange(store, range)
    .select([period.as('period'), 'product', 'type', (eb) => eb.fn.countAll<number>().as('cases')])
    .groupBy([period, 'product', 'type'])
    .orderBy('period')
    .orderBy('cases', 'desc')
    .execute();
  return rows.map((row) => ({ ...row, cases: Number(row.cases) }));
}

/** Counts cases per root-cause code (null for cases without one), most frequent first. */
export async function rootCauseCounts(
  store: Store,
  range: DashboardRange,
): Promise<Array<{ code: string | null; cases: number }>> {
  const rows = await inRange(store, range)
    .select(['root_cause_code as code', (eb) => eb.fn.countAll<number>().as('cases')])
    .groupBy('root_cause_code')
    .orderBy('cases', 'desc')
    .execute();
  return rows.map((row) => ({ code: row.code, cases: Number(row.cases) }));
}

/** Counts cases in the range with the given status, needs-human flag and opening time. */
export async function countMatching(
  store: Store,
  range: DashboardRange,
  where: { status?: string; needsHuman?: boolean; olderThan?: string },
): Promise<number> {
  let query = inRange(store, range);
  if (where.status) query = query.where('status', '=', where.status);
  if (where.needsHuman !== undefined) {
    query = query.where('needs_human', '=', where.needsHuman ? 1 : 0);
  }
  if (where.olderThan) query = query.where(OPENED, '<', where.olderThan);
  const row = await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/**
 * Returns first-response and resolution times in seconds of the cases that have them.
 * NOTE: every value is loaded to compute percentiles, an estimated tens of MB at a million cases.
 */
export async function responseTimes(
  store: Store,
  range: DashboardRange,
): Promise<{ firstResponse: number[]; resolution: number[] }> {
  const first = await inRange(store, range)
    .select('first_response_seconds as seconds')
    .where('first_response_seconds', 'is not', null)
    .execute();
  const resolved = await inRange(store, range)
    .select(secondsToResolve(store.dialect).as('seconds'))
    .where('resolved_at', 'is not', null)
    .execute();
  return {
    firstResponse: first.map((row) => Number(row.seconds)),
    resolution: resolved.map((row) => Math.max(0, Math.round(Number(row.seconds)))),
  };
}

/** Finds the most frequent root cause and category combinations seen at least twice. */
export async function recurringIssues(
  store: Store,
  range: DashboardRange,
  limit: number,
): Promise<Array<{ code: string; product: string; type: string; cases: number }>> {
  const rows = await inRange(store, range)
    .select([
      'root_cause_code as code',
      'product',
      'type',
      (eb) => eb.fn.countAll<number>().as('cases'),
    ])
    .where('root_cause_code', 'is not', null)
    .groupBy(['root_cause_code', 'product', 'type'])
    .having((eb) => eb.fn.countAll(), '>=', 2)
    .orderBy('cases', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    code: row.code!,
    product: row.product,
    type: row.type,
    cases: Number(row.cases),
  }));
}
