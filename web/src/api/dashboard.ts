import { apiRequest } from './client';

/** The query string of GET /cases that lists the cases behind a dashboard number. */
export type CaseFilter = Record<string, string | number | boolean>;

/** Period lengths of the volume series. */
export type Bucket = 'day' | 'week' | 'month';

/** Median and 90th percentile of a duration, over the cases that have one. */
export interface DurationStats {
  cases: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
  filter: CaseFilter;
}

/** Cases per root-cause code, `null` for cases without one. */
export type RootCauseCounts = Array<{
  code: string | null;
  label: string;
  cases: number;
  filter: CaseFilter;
}>;

/** Root cause and category combinations seen at least twice, most frequent first. */
export type TopIssues = Array<{
  rootCause: string;
  label: string;
  product: string;
  type: string;
  cases: number;
  filter: CaseFilter;
}>;

/**
 * The team lead's statistics, each number with the filter that lists its cases. Volume, root
 * causes, recurring issues and times count the helpdesk cases (portal and intake) opened in the
 * range. The backlog counts the open helpdesk cases now, and `archive` the imported cases.
 */
export interface Dashboard {
  range: { from?: string; to?: string; bucket: Bucket };
  volume: Array<{
    period: string;
    product: string;
    type: string;
    cases: number;
    filter: CaseFilter;
  }>;
  rootCauses: RootCauseCounts;
  backlog: {
    unanswered: { cases: number; filter: CaseFilter };
    needsHuman: { cases: number; filter: CaseFilter };
    slow: { cases: number; hours: number; filter: CaseFilter };
  };
  firstResponse: DurationStats;
  resolution: DurationStats;
  topIssues: TopIssues;
  /** The imported cases, which have no helpdesk opening time, over all dates. */
  archive: {
    cases: number;
    filter: CaseFilter;
    rootCauses: RootCauseCounts;
    topIssues: TopIssues;
  };
}

/** Options of {@link getDashboard}. */
export interface DashboardQuery {
  from?: string;
  to?: string;
  bucket: Bucket;
}

/** Loads the dashboard statistics of the helpdesk cases opened in `[from, to)`. */
export function getDashboard(query: DashboardQuery, signal?: AbortSignal): Promise<Dashboard> {
  return apiRequest('/stats/dashboard', { query: { ...query }, signal });
}
