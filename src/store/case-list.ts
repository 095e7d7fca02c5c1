import { sql } from 'kysely';
import type { Store } from './open.js';
import { selectCaseSummaries, toCaseSummary, type CaseSummary } from './helpdesk-cases.js';

/** Orders of a case list. `relevance` applies only with a search, and is its default. */
export const CASE_SORTS = ['newest', 'oldest', 'updated', 'relevance'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/** Filters of a case list; every given filter must hold. */
export interface CaseListFilter {
  /** A status, or several separated by commas, any of which matches. */
  status?: string;
  product?: string;
  type?: string;
  needsHuman?: boolean;
  /** A root-cause code, or `none` for cases without one. */
  rootCause?: string;
  /** A channel (`archive`, `portal`, `intake`), or several separated by commas. */
  channel?: string;
  customerId?: number;
  /** Only cases with (true) or without (false) a first-response time. */
  responded?: boolean;
  /** Only cases opened more than this many hours ago. */
  olderThanHours?: number;
  /** Opened at or after this ISO 8601 date or time. */
  from?: string;
  /** Opened before this ISO 8601 date or time. */
  to?: string;
  /** Only these cases, in relevance order (the hits of a search). */
  ids?: number[];
}

/** A page request of a case list. */
export interface CaseListQuery {
  filter: CaseListFilter;
  sort: CaseSort;
  offset: number;
  limit: number;
}

// Cases opened before casebook saw them (transcripts) keep their own time; others use creation.
const OPENED = sql<string>`coalesce(cases.opened_at, cases.created_at)`;
const LAST_ACTIVITY = sql<string>`coalesce(cases.last_message_at, cases.updated_at)`;

function filtered(store: Store, filter: CaseListFilter) {
  let query = selectCaseSummaries(store);
  if (filter.status) query = query.where('cases.status', 'in', filter.status.split(','));
  if (filter.product) query = query.where('cases.product', '=', filter.product);
  if (filter.type) query = query.where('cases.type', '=', filter.type);
  if (filter.needsHuman !== undefined) {
    query = query.where('cases.needs_human', '=', filter.needsHuman ? 1 : 0);
  }
  if (filter.rootCause === 'none') query = query.where('cases.root_cause_code', 'is', null);
  else if (filter.rootCause) query = query.where('cases.root_cause_code', '=', filter.rootCause);
  if (filter.channel) query = query.where('cases.channel', 'in', filter.channel.split(','));
  if (filter.customerId !== undefined) {
    query = query.where('cases.customer_id', '=', filter.customerId);
  }
  if (filter.responded !== undefined) {
    const test = filter.responded ? 'is not' : 'is';
    query = query.where('cases.first_response_seconds', test, null);
  }
  if (filter.olderThanHours !== undefined) {
    const before = new Date(Date.now() - filter.olderThanHours * 3_600_000).toISOString();
    query = query.where(OPENED, '<', before);
  }
  if (filter.from) query = query.where(OPENED, '>=', filter.from);
  if (filter.to) query = query.where(OPENED, '<', filter.to);
  if (filter.ids) query = query.where('cases.id', 'in', filter.ids.length ? filter.ids : [-1]);
  return query;
}

/** Counts the cases matching the filter: the `total` that {@link listCases} returns. */
export async function countCases(store: Store, filter: CaseListFilter): Promise<number> {
  const row = await filtered(store, filter)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** Lists one page of cases matching the filter, with the total number of matches. */
export async function listCases(
  store: Store,
  request: CaseListQuery,
): Promise<{ items: CaseSummary[]; total: number }> {
  const { filter, sort, offset, limit } = request;
  const query = filtered(store, filter);

  // Search hits are few (the search caps them), so relevance order is applied here.
  if (sort === 'relevance' && filter.ids) {
    const rows = await query.execute();
    const position = new Map(filter.ids.map((id, index) => [id, index]));
    rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
    return { items: rows.slice(offset, offset + limit).map(toCaseSummary), total: rows.length };
  }

  // Ties, such as the cases of one import, which share its time, go by id in the same direction:
  // oldest first lists an archive from Q1 on.
  const direction = sort === 'oldest' ? 'asc' : 'desc';
  let ordered = query;
  if (sort === 'updated') ordered = ordered.orderBy(LAST_ACTIVITY, 'desc');
  else ordered = ordered.orderBy(OPENED, direction);
  const rows = await ordered.orderBy('cases.id', direction).offset(offset).limit(limit).execute();

  return { items: rows.map(toCaseSummary), total: await countCases(store, filter) };
}
