import { bundledKnowledge } from '../../knowledge/index.js';
import {
  countMatching,
  recurringIssues,
  responseTimes,
  rootCauseCounts,
  volumeByCategory,
  type DashboardBucket,
  type DashboardRange,
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
export interface DashboardOptions extends DashboardRange {
  bucket: DashboardBucket;
  /** Age in hours from which an unanswered case counts as slow. */
  slowHours: number;
}

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

function rootCauseLabel(code: string | null): string {
  if (code === null) return '未识别';
  return bundledKnowledge().taxonomy.byCode.get(code)?.label ?? code;
}

/**
 * Builds the team lead's dashboard: case volume over time by product and type, the root-cause
 * distribution, the backlog (unanswered, needs-human, slow), first-response and resolution
 * times, and the top recurring issues. Every number carries the filter of GET /cases that lists
 * its cases, so the UI can drill down.
 */
export async function buildDashboard(store: Store, options: DashboardOptions) {
  const range: DashboardRange = { from: options.from, to: options.to };
  const inRange: CaseFilter = {};
  if (options.from) inRange.from = options.from;
  if (options.to) inRange.to = options.to;
  const slowBefore = new Date(Date.now() - options.slowHours * 3_600_000).toISOString();

  const volume = await volumeByCategory(store, range, options.bucket);
  const causes = await rootCauseCounts(store, range);
  const times = await responseTimes(store, range);
  const issues = await recurringIssues(store, range, 10);
  const unanswered = await countMatching(store, range, { status: 'unanswered' });
  const needsHuman = await countMatching(store, range, { needsHuman: true });
  const slow = await countMatching(store, range, { status: 'unanswered', olderThan: slowBefore });

  return {
    range: { ...range, bucket: options.bucket },
    volume: volume.map((row) => ({
      ...row,
      filter: {
        product: row.product,
        type: row.type,
        from: row.period,
        to: nextPeriod(row.period, options.bucket),
      },
    })),
    rootCauses: causes.map((row) => ({
      code: row.code,
      label: rootCauseLabel(row.code),
      cases: row.cases,
      filter: { ...inRange, rootCause: row.code ?? 'none' },
    })),
    backlog: {
      unanswered: { cases: unanswered, filter: { ...inRange, status: 'unanswered' } },
      needsHuman: { cases: needsHuman, filter: { ...inRange, needsHuman: true } },
      slow: {
        cases: slow,
        hours: options.slowHours,
        filter: { ...inRange, status: 'unanswered', olderThanHours: options.slowHours },
      },
    },
    firstResponse: durations(times.firstResponse, inRange),
    resolution: durations(times.resolution, { ...inRange, status: 'resolved' }),
    topIssues: issues.map((row) => ({
      rootCause: row.code,
      label: rootCauseLabel(row.code),
      product: row.product,
      type: row.type,
      cases: row.cases,
      filter: { ...inRange, rootCause: row.code, product: row.product, type: row.type },
    })),
  };
}
