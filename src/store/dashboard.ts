import { sql, type RawBuilder } from 'kysely';
import type { Store } from './open.js';
import type { Dialect } from './dialect.js';

/** Lengths of the periods a volume series is counted in. */
export const DASHBOARD_BUCKETS = ['day', 'week', 'month'] as const;
export type DashboardBucket = (typeof DASHBOARD_BUCKETS)[number];

/**
 * Channels of the cases opened in the helpdesk, which carry their opening time. Every imported
 * case (records archive, transcript, case JSON Lines) has the channel `archive`.
 */
export const HELPDESK_CHANNELS = ['portal', 'intake'] as const;

/** Statuses of a helpdesk case that is still waiting for the support team. */
export const OPEN_STATUSES = ['unanswered', 'waiting-for-human'] as const;

/** Statuses that stamp a case's `resolved_at`. Setting any other status clears it. */
export const RESOLVED_STATUSES = ['resolved', 'closed'] as const;

/** The cases a dashboard figure counts: those of `channels` opened in `[from, to)`. */
export interface DashboardScope {
  channels: readonly string[];
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

function inScope(store: Store, scope: DashboardScope) {
  let query = store.db.selectFrom('cases').where('channel', 'in', [...scope.channels]);
  if (scope.from) query = query.where(OPENED, '>=', scope.from);
  if (scope.to) query = query.where(OPENED, '<', scope.to);
  return query;
}

/** Counts cases per period, product and type, oldest period first. */
export async function volumeByCategory(
  store: Store,
  scope: DashboardScope,
  bucket: DashboardBucket,
): Promise<VolumeRow[]> {
  const period = periodStart(store.dialect, bucket);
  const rows = await inScope(store, scope)
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
  scope: DashboardScope,
): Promise<Array<{ code: string | null; cases: number }>> {
  const rows = await inScope(store, scope)
    .select(['root_cause_code as code', (eb) => eb.fn.countAll<number>().as('cases')])
    .groupBy('root_cause_code')
    .orderBy('cases', 'desc')
    .execute();
  return rows.map((row) => ({ code: row.code, cases: Number(row.cases) }));
}

/**
 * Returns the first-response times in seconds of the cases that have one, and the resolution
 * times of the resolved and closed cases.
 * NOTE: every value is loaded to compute percentiles, an estimated tens of MB at a million cases.
 */
export async function responseTimes(
  store: Store,
  scope: DashboardScope,
): Promise<{ firstResponse: number[]; resolution: number[] }> {
  const first = await inScope(store, scope)
    .select('first_response_seconds as seconds')
    .where('first_response_seconds', 'is not', null)
    .execute();
  const resolved = await inScope(store, scope)
    .select(secondsToResolve(store.dialect).as('seconds'))
    .where('status', 'in', [...RESOLVED_STATUSES])
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
  scope: DashboardScope,
  limit: number,
): Promise<Array<{ code: string; product: string; type: string; cases: number }>> {
  const rows = await inScope(store, scope)
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
