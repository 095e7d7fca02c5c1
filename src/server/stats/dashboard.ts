import { bundledKnowledge } from '../../knowledge/index.js';
import { countCases, type CaseListFilter } from '../../store/case-list.js';
import {
  HELPDESK_CHANNELS,
  OPEN_STATUSES,
  RESOLVED_STATUSES,
  recurringIssues,
  responseTimes,
  rootCauseCounts,
  volumeByCategory,
  type DashboardBucket,
  type DashboardScope,
} from '../../store/dashboard.js';
import type { Store } from '../../store/open.js';

/** The query string of GET /cases that lists the cases behind a dashboard number. */
export type CaseFilter = Record<string, string | number | boolean>;

/** Median and 90th percentile of a duration, in seconds, over the cases that have it. */
export interface DurationStats {
  cases: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
  filter: CaseFilter;
}

/** Options of {@link buildDashboard}. */
export interface DashboardOptions {
  /** Start of the opening-time range (ISO 8601, inclusive). */
  from?: string;
  /** End of the opening-time range (ISO 8601, exclusive). */
  to?: string;
  bucket: DashboardBucket;
  /** Age in hours from which an unanswered case counts as slow. */
  slowHours: number;
}

/** The `channel` filter of GET /cases that selects the cases opened in the helpdesk. */
const HELPDESK_FILTER = HELPDESK_CHANNELS.join(',');

/** Returns the nearest-rank percentile (0 < p <= 1) of `values`, or null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

function durations(values: number[], filter: CaseFilter): DurationStats {
  return {
    cases: values.length,
    p50Seconds: percentile(values, 0.5),
    p90Seconds: percentile(values, 0.9),
    filter,
  };
}

/** Returns the first day of the period after the one starting at `period` (YYYY-MM-DD). */
export function nextPeriod(period: string, bucket: DashboardBucket): string {
  const date = new Date(`${period}T00:00:00Z`);
  if (bucket === 'day') date.setUTCDate(date.getUTCDate() + 1);
  else if (bucket === 'week') date.setUTCDate(date.getUTCDate() + 7);
  else date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Returns the opening-time bounds of the cases a volume row counts: its period, cut to the
 * range where the range starts or ends inside it. Bounds compare as text, as the store does.
 * A range bound at the same instant as the period's bound gives way to the shorter date.
 */
export function periodBounds(
  period: string,
  bucket: DashboardBucket,
  range: { from?: string; to?: string },
): { from: string; to: string } {
  const end = nextPeriod(period, bucket);
  let from = period;
  if (range.from && range.from > period && !sameInstant(range.from, period)) from = range.from;
  let to = end;
  if (range.to && range.to < end && !sameInstant(range.to, end)) to = range.to;
  return { from, to };
}

function sameInstant(a: string, b: string): boolean {
  return Date.parse(a) === Date.parse(b);
}

function rootCauseLabel(code: string | null): string {
  if (code === null) return '未识别';
  return bundledKnowledge().taxonomy.byCode.get(code)?.label ?? code;
}

// Counts a figure with the case list's own filter, so its drill-down lists the same cases by
// construction.
async function countedFilter(store: Store, filter: CaseListFilter & CaseFilter) {
  return { cases: await countCases(store, filter), filter };
}

/**
 * Counts the open helpdesk cases now, whatever their opening date: those waiting for a reply,
 * those flagged as needing a person, and those unanswered for `slowHours` or more.
 */
async function buildBacklog(store: Store, slowHours: number) {
  const open = OPEN_STATUSES.join(',');
  return {
    unanswered: await countedFilter(store, { channel: HELPDESK_FILTER, status: 'unanswered' }),
    needsHuman: await countedFilter(store, {
      channel: HELPDESK_FILTER,
      status: open,
      needsHuman: true,
    }),
    slow: {
      ...(await countedFilter(store, {
        channel: HELPDESK_FILTER,
        status: 'unanswered',
        olderThanHours: slowHours,
      })),
      hours: slowHours,
    },
  };
}

/** Counts the cases of a scope per root cause and lists its recurring issues. */
async function buildDistributions(store: Store, scope: DashboardScope, scopeFilter: CaseFilter) {
  const causes = await rootCauseCounts(store, scope);
  const issues = await recurringIssues(store, scope, 10);
  return {
    rootCauses: causes.map((row) => ({
      code: row.code,
      label: rootCauseLabel(row.code),
      cases: row.cases,
      filter: { ...scopeFilter, rootCause: row.code ?? 'none' },
    })),
    topIssues: issues.map((row) => ({
      rootCause: row.code,
      label: rootCauseLabel(row.code),
      product: row.product,
      type: row.type,
      cases: row.cases,
      filter: { ...scopeFilter, rootCause: row.code, product: row.product, type: row.type },
    })),
  };
}

/**
 * Builds the team lead's dashboard. Volume over time, root causes, recurring issues and
 * first-response and resolution times count the cases opened in the helpdesk (portal and
 * intake) in `[from, to)`. The backlog counts open helpdesk cases now, whatever their opening
 * date. Imported cases are history rather than helpdesk work, and archive records have no
 * dates at all, so all of these leave them out. `archive` gives their number, root causes and
 * recurring issues over all dates.
 * Every number carries the filter of GET /cases that lists its cases, so the UI can drill down.
 */
export async function buildDashboard(store: Store, options: DashboardOptions) {
  const range = { from: options.from, to: options.to };
  const helpdesk: DashboardScope = { channels: HELPDESK_CHANNELS, ...range };
  const inRange: CaseFilter = { channel: HELPDESK_FILTER };
  if (options.from) inRange.from = options.from;
  if (options.to) inRange.to = options.to;

  const volume = await volumeByCategory(store, helpdesk, options.bucket);
  const distributions = await buildDistributions(store, helpdesk, inRange);
  const times = await responseTimes(store, helpdesk);
  const backlog = await buildBacklog(store, options.slowHours);
  const archiveFilter = { channel: 'archive' };
  const archive = {
    ...(await countedFilter(store, archiveFilter)),
    ...(await buildDistributions(store, { channels: ['archive'] }, archiveFilter)),
  };

  return {
    range: { ...range, bucket: options.bucket },
    volume: volume.map((row) => ({
      ...row,
      filter: {
        channel: HELPDESK_FILTER,
        product: row.product,
        type: row.type,
        ...periodBounds(row.period, options.bucket, range),
      },
    })),
    ...distributions,
    backlog,
    firstResponse: durations(times.firstResponse, { ...inRange, responded: true }),
    resolution: durations(times.resolution, {
      ...inRange,
      status: RESOLVED_STATUSES.join(','),
    }),
    archive,
  };
}
