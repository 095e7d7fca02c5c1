/** Orders of the case list that the API supports. */
export const CASE_SORTS = ['newest', 'oldest', 'updated', 'relevance'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/** Age filter choices of the inbox, in hours since the case was opened. */
export const AGE_CHOICES = [1, 24, 72, 168] as const;

/** Cases per page of the inbox. */
export const PAGE_SIZE = 20;

/** Filters, search, sort and page of a case list, as the inbox URL carries them. */
export interface CaseQuery {
  status?: string;
  product?: string;
  type?: string;
  /** `true` or `false`; absent for both. */
  needsHuman?: string;
  rootCause?: string;
  channel?: string;
  /** Opened more than this many hours ago. */
  olderThanHours?: string;
  /** `true` or `false`: cases with or without a first response; absent for both. */
  responded?: string;
  from?: string;
  to?: string;
  q?: string;
  sort?: CaseSort;
  page: number;
}

const FILTER_KEYS = [
  'status',
  'product',
  'type',
  'needsHuman',
  'rootCause',
  'channel',
  'olderThanHours',
  'responded',
  'from',
  'to',
  'q',
] as const;

/** Reads a case query from the inbox URL's search parameters. */
export function parseCaseQuery(params: URLSearchParams): CaseQuery {
  const query: CaseQuery = { page: Math.max(1, Number(params.get('page')) || 1) };
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  const sort = params.get('sort');
  if (sort && (CASE_SORTS as readonly string[]).includes(sort)) query.sort = sort as CaseSort;
  return query;
}

/** Writes a case query as URL search parameters, leaving out empty values and page 1. */
export function caseQueryParams(query: Partial<CaseQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of [...FILTER_KEYS, 'sort'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (query.page && query.page > 1) params.set('page', String(query.page));
  return params;
}

/** Returns the inbox link that lists the cases of a query, for dashboard drill-downs. */
export function inboxLink(query: Partial<CaseQuery>): string {
  const search = caseQueryParams(query).toString();
  return search ? `/console?${search}` : '/console';
}

/** Tells whether a query has any filter or search, so the inbox can offer to clear them. */
export function hasFilters(query: CaseQuery): boolean {
  return FILTER_KEYS.some((key) => Boolean(query[key]));
}
