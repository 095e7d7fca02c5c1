import type { Store } from './open.js';

/** A case as helpdesk listings show it: identity, category, state and times, no text bodies. */
export interface CaseSummary {
  id: number;
  source: string;
  ref: string;
  /** `archive` (imported), `portal` or `intake`. */
  channel: string;
  title: string;
  product: string;
  type: string;
  status: string;
  needsHuman: boolean;
  needsHumanReasons: string[];
  rootCauseCode: string | null;
  /** Origin of the category: archive, transcript, predicted, customer or agent. */
  categorySource: string | null;
  customerId: number | null;
  createdAt: string;
  openedAt: string | null;
  lastMessageAt: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
}

/** One message of a case with who wrote it and when. */
export interface CaseMessage {
  id: number;
  seq: number;
  role: 'customer' | 'agent';
  text: string;
  internal: boolean;
  authorId: number | null;
  authorName: string | null;
  createdAt: string | null;
}

/** A case with its description and every message, internal notes included. */
export interface CaseDetail extends CaseSummary {
  description: string;
  messages: CaseMessage[];
}

/** Starts a query over cases joined to their source, selecting the summary columns. */
export function selectCaseSummaries(store: Store) {
  return store.db
    .selectFrom('cases')
    .innerJoin('sources', 'sources.id', 'cases.source_id')
    .select([
      'cases.id',
      'sources.name as source',
      'cases.ref',
      'cases.channel',
      'cases.title',
      'cases.product',
      'cases.type',
      'cases.status',
      'cases.needs_human',
      'cases.needs_human_reasons',
      'cases.root_cause_code',
      'cases.category_source',
      'cases.customer_id',
      'cases.created_at',
      'cases.opened_at',
      'cases.last_message_at',
      'cases.first_response_at',
      'cases.resolved_at',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectCaseSummaries>['execute']>>[number];

/** Converts a row of {@link selectCaseSummaries} to a summary. */
export function toCaseSummary(row: SummaryRow): CaseSummary {
  return {
    id: row.id,
    source: row.source,
    ref: row.ref,
    channel: row.channel,
    title: row.title,
    product: row.product,
    type: row.type,
    status: row.status,
    needsHuman: row.needs_human === 1,
    needsHumanReasons: row.needs_human_reasons
      ? (JSON.parse(row.needs_human_reasons) as string[])
      : [],
    rootCauseCode: row.root_cause_code,
    categorySource: row.category_source,
    customerId: row.customer_id,
    createdAt: row.created_at,
    openedAt: row.opened_at,
    lastMessageAt: row.last_message_at,
    firstResponseAt: row.first_response_at,
    resolvedAt: row.resolved_at,
  };
}

/** Loads a case with its messages in order, or undefined when the id is unknown. */
export async function loadCaseDetail(store: Store, id: number): Promise<CaseDetail | undefined> {
  const row = await selectCaseSummaries(store)
    .select('cases.description')
    .where('cases.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;

  const messages = await store.db
    .selectFrom('messages')
    .leftJoin('users', 'users.id', 'messages.author_id')
    .select([
      'messages.id',
      'messages.seq',
      'messages.role',
      'messages.text',
      'messages.internal',
      'messages.author_id',
      'users.name as author_name',
      'messages.created_at',
    ])
    .where('messages.case_id', '=', id)
    .orderBy('messages.seq')
    .execute();

  return {
    ...toCaseSummary(row),
    description: row.description,
    messages: messages.map((message) => ({
      id: message.id,
      seq: message.seq,
      role: message.role,
      text: message.text,
      internal: message.internal === 1,
      authorId: message.author_id,
      authorName: message.author_name,
      createdAt: message.created_at,
    })),
  };
}

/** Loads summaries by id, in the order of `ids`; ids that do not exist are left out. */
export async function loadCaseSummaries(store: Store, ids: number[]): Promise<CaseSummary[]> {
  if (ids.length === 0) return [];
  const rows = await selectCaseSummaries(store).where('cases.id', 'in', ids).execute();
  const byId = new Map(rows.map((row) => [row.id, toCaseSummary(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
