import type { FastifyInstance } from 'fastify';
import { DASHBOARD_BUCKETS, type DashboardBucket } from '../../store/dashboard.js';
import { requireStaff } from '../auth/guards.js';
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
    rootCauses: {
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
    },
    backlog: {
      type: 'object',
      properties: { unanswered: counted, needsHuman: counted, slow: counted },
    },
    firstResponse: duration,
    resolution: duration,
    topIssues: {
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
    },
  },
} as const;

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
          'Counts cases opened in [from, to). Each number has a filter: the query string of ' +
          'GET /api/v1/cases that lists its cases.',
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
    async (request) => buildDashboard(app.casebook.store, request.query),
  );
}
