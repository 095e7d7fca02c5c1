import { CASE_SORTS } from '../../store/case-list.js';
import { CASE_STATUSES, type CaseStatus } from '../cases/update-case.js';
import { pageProperties, text, type PageQuery } from './common.js';

const category = { type: 'string', minLength: 1, maxLength: 60 } as const;

// ISO 8601 date, or date and time with an optional zone, compared as text with stored times.
const isoTime = {
  type: 'string',
  pattern:
    '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?)?$',
} as const;

/** Filters, order and page of a case list, as the query string carries them. */
export interface CaseListQuerystring extends PageQuery {
  status?: string;
  product?: string;
  type?: string;
  needsHuman?: boolean;
  rootCause?: string;
  channel?: string;
  customerId?: number;
  responded?: boolean;
  q?: string;
  olderThanHours?: number;
  from?: string;
  to?: string;
  sort?: (typeof CASE_SORTS)[number];
  format?: 'json' | 'csv';
}

/** JSON Schema of {@link CaseListQuerystring}. */
export const caseListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: {
      type: 'string',
      pattern: '^[a-z-]{1,40}(,[a-z-]{1,40}){0,9}$',
      description: 'A status, or up to 10 separated by commas',
    },
    product: category,
    type: category,
    needsHuman: { type: 'boolean' },
    rootCause: { type: 'string', pattern: '^[a-z0-9._-]{1,100}$', description: 'Code, or none' },
    channel: {
      type: 'string',
      pattern: '^(archive|portal|intake)(,(archive|portal|intake)){0,2}$',
      description: 'archive, portal or intake, or several separated by commas',
    },
    customerId: { type: 'integer', minimum: 1, description: 'Agents and admins only' },
    responded: {
      type: 'boolean',
      description: 'Only cases with (true) or without (false) a first-response time',
    },
    q: { ...text(500), description: 'Full-text search; results sort by relevance' },
    olderThanHours: { type: 'number', minimum: 0, maximum: 876000 },
    from: { ...isoTime, description: 'Opened at or after (ISO 8601)' },
    to: { ...isoTime, description: 'Opened before (ISO 8601)' },
    sort: { type: 'string', enum: [...CASE_SORTS] },
    format: { type: 'string', enum: ['json', 'csv'], default: 'json' },
    ...pageProperties,
  },
} as const;

/** Response of a case list. */
export const caseListResponse = {
  type: 'object',
  required: ['items', 'total', 'page', 'pageSize'],
  properties: {
    items: { type: 'array', items: { $ref: 'CaseSummary#' } },
    total: { type: 'integer' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
  },
} as const;

/** Body of a new case from the portal. */
export interface NewCaseBody {
  title: string;
  description: string;
  product?: string;
  type?: string;
  customerId?: number;
}

/** JSON Schema of {@link NewCaseBody}. */
export const newCaseBody = {
  type: 'object',
  required: ['title', 'description'],
  additionalProperties: false,
  dependencies: { product: ['type'], type: ['product'] },
  properties: {
    title: text(200),
    description: text(20_000),
    product: { ...category, description: 'With type; predicted by triage when both are absent' },
    type: category,
    customerId: {
      type: 'integer',
      minimum: 1,
      description: 'Agents and admins opening a case for a customer',
    },
  },
} as const;

/** Body of a case change. */
export interface CaseChangesBody {
  status?: CaseStatus;
  product?: string;
  type?: string;
}

/** JSON Schema of {@link CaseChangesBody}. */
export const caseChangesBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    status: { type: 'string', enum: [...CASE_STATUSES] },
    product: category,
    type: category,
  },
} as const;

/** Body of a new message. */
export interface NewMessageBody {
  text: string;
  internal: boolean;
}

/** JSON Schema of {@link NewMessageBody}. */
export const newMessageBody = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: {
    text: text(20_000),
    internal: {
      type: 'boolean',
      default: false,
      description: 'Internal note, visible to agents only; customers may not send one',
    },
  },
} as const;
