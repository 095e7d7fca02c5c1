import type { FastifyInstance } from 'fastify';
import { AUDIT_ACTIONS, listAuditLog, type AuditFilter } from '../../store/audit-log.js';
import { requireAdmin } from '../auth/guards.js';
import { pageProperties, pageWindow, withErrors, type PageQuery } from '../schemas/common.js';

/** Registers the audit log listing. */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: AuditFilter & PageQuery }>(
    '/audit-log',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['users'],
        summary: 'Audit log of agent and admin actions, newest first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            action: { type: 'string', enum: [...AUDIT_ACTIONS] },
            actorId: { type: 'integer', minimum: 1 },
            targetType: { type: 'string', enum: ['case', 'user', 'token', 'faq', 'archive'] },
            targetId: { type: 'string', maxLength: 100 },
            ...pageProperties,
          },
        },
        response: withErrors({
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: { $ref: 'AuditEntry#' } },
              total: { type: 'integer' },
            },
          },
        }),
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return listAuditLog(app.casebook.store, { filter, ...pageWindow({ page, pageSize }) });
    },
  );
}
