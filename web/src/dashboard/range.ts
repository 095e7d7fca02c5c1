import type { Bucket, Dashboard, DashboardQuery } from '../api/dashboard';

/** Days before today that the dashboard shows when its URL gives no start date. */
const DEFAULT_RANGE_DAYS = 90;

const BUCKETS: readonly Bucket[] = ['day', 'week', 'month'];

/** Period length of the volume chart when the URL gives none. */
const DEFAULT_BUCKET: Bucket = 'week';

// The date inputs work in the browser's time zone, so the default start is a local date too.
function localDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

// Returns the value when it is a real calendar day written as YYYY-MM-DD, else undefined.
function calendarDay(value: string | null): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : undefined;
}

/**
 * Reads the dashboard's range and period length from its URL. Without a `from` parameter the
 * range starts 90 days ago, and an empty `from` means no start date. Invalid values are ignored.
 */
export function parseDashboardQuery(params: URLSearchParams): DashboardQuery {
  const query: DashboardQuery = { bucket: DEFAULT_BUCKET };
  const bucket = params.get('bucket');
  if (bucket && (BUCKETS as readonly string[]).includes(bucket)) query.bucket = bucket as Bucket;

  const from = params.has('from')
    ? calendarDay(params.get('from'))
    : localDate(new Date(Date.now() - DEFAULT_RANGE_DAYS * 86_400_000));
  if (from) query.from = from;
  const to = calendarDay(params.get('to'));
  if (to) query.to = to;
  return query;
}

/** Writes the dashboard's query as URL parameters, with an empty `from` for no start date. */
export function dashboardParams(query: DashboardQuery): URLSearchParams {
  const params = new URLSearchParams({ from: query.from ?? '' });
  if (query.to) params.set('to', query.to);
  params.set('bucket', query.bucket);
  return params;
}

/** Tells whether the start date is after the end date, so the range contains no day. */
export function isInverted(query: DashboardQuery): boolean {
  return Boolean(query.from && query.to && query.from > query.to);
}

/**
 * Converts the local dates of the inputs into the UTC times the API compares: each local day
 * boundary becomes its UTC instant, and the inclusive end date becomes the next day's midnight.
 */
export function toApiRange(query: DashboardQuery): DashboardQuery {
  const range: DashboardQuery = { bucket: query.bucket };
  if (query.from) range.from = localMidnight(query.from, 0).toISOString();
  if (query.to) range.to = localMidnight(query.to, 1).toISOString();
  return range;
}

function localMidnight(day: string, addDays: number): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year!, month! - 1, date! + addDays);
}

/** Returns the volume chart's axis: from the start date to the end date, or to today. */
export function chartRange(query: DashboardQuery): Dashboard['range'] {
  return { bucket: query.bucket, from: query.from, to: query.to ?? localDate(new Date()) };
}
