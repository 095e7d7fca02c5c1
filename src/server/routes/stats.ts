import type { FastifyInstance } from 'fastify';
import { DASHBOARD_BUCKETS, type DashboardBucket } from '../../store/dashboard.js';
import { requireStaff } from '../auth/guards.js';
import { ApiError } from '../errors.js';
import { buildDashboard } from '../stats/dashboard.js';
import { withErrors } from '../schemas/common.js';
import { caseListQuery } from '../schemas/cases.js';

interface DashboardQuery {
  from?: string;
  to?: string;
  bucket: DashboardBucket;
  slowHours: number;
}

const filter = {
  type: 'object',
  additionalProperties: true,
  description: 'Query string of GET /api/v1/cases that lists these cases',
} as const;
const counted = {
  type: 'object',
  properties: { cases: { type: 'integer' }, hours: { type: 'number' }, filter },
} as const;
const duration = {
  type: 'object',
  properties: {
    cases: { type: 'integer' },
    p50Seconds: { type: ['number', 'null'] },
    p90Seconds: { type: ['number', 'null'] },
    filter,
  },
} as const;

const rootCauses = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      code: { type: ['string', 'null'] },
      label: { type: 'string' },
      cases: { type: 'integer' },
      filter,
    },
  },
} as const;
const topIssues = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      rootCause: { type: 'string' },
      label: { type: 'string' },
      product: { type: 'string' },
      type: { type: 'string' },
      cases: { type: 'integer' },
      filter,
    },
  },
} as const;

const dashboardSchema = {
  type: 'object',
  properties: {
    range: {
      type: 'object',
      properties: { from: { type: 'string' }, to: { type: 'string' }, bucket: { type: 'string' } },
    },
    volume: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          period: { type: 'string' },
          product: { type: 'string' },
          type: { type: 'string' },
          cases: { type: 'integer' },
          filter,
        },
      },
    },
    rootCauses,
    backlog: {
      type: 'object',
      properties: { unanswered: counted, needsHuman: counted, slow: counted },
    },
    firstResponse: duration,
    resolution: duration,
    topIssues,
    archive: {
      type: 'object',
      description: 'Imported cases of every date: their number, root causes and recurring issues',
      properties: { cases: { type: 'integer' }, filter, rootCauses, topIssues },
    },
  },
} as const;

// An inverted range would match no case, and zeros would read as a quiet period.
function rejectInvertedRange({ from, to }: DashboardQuery): void {
  if (!from || !to) return;
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (Number.isNaN(start) || Number.isNaN(end) || start <= end) return;
  throw new ApiError(
    'invalid-request',
    `from (${from}) is after to (${to}); send a from that is not later than to.`,
  );
}

/** Registers the team lead's dashboard statistics. */
export async function statsRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: DashboardQuery }>(
    '/stats/dashboard',
    {
      onRequest: requireStaff,
      schema: {
        tags: ['stats'],
        summary: 'Volume, root causes, backlog, response times and recurring issues',
        description:
          'Counts the helpdesk cases (portal and intake) opened in [from, to); the backlog ' +
          'counts open helpdesk cases of any date, and archive the imported cases. Each ' +
          'number has a filter: the query string of GET /api/v1/cases that lists its cases.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: caseListQuery.properties.from,
            to: caseListQuery.properties.to,
            bucket: { type: 'string', enum: [...DASHBOARD_BUCKETS], default: 'week' },
            slowHours: { type: 'number', minimum: 1, maximum: 8760, default: 24 },
          },
        },
        response: withErrors({ 200: dashboardSchema }),
      },
    },
    async (request) => {
      rejectInvertedRange(request.query);
      return buildDashboard(app.casebook.store, request.query);
    },
  );
}
