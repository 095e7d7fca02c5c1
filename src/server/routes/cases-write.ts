import type { FastifyInstance } from 'fastify';
import { findUser } from '../../store/users.js';
import { principalOf, requireStaff, requireUser } from '../auth/guards.js';
import { hashSecret } from '../auth/secrets.js';
import { isStaff, type Principal } from '../auth/principal.js';
import { loadVisibleCase } from '../cases/access.js';
import { addMessage } from '../cases/add-message.js';
import { openCase } from '../cases/open-case.js';
import { updateCase } from '../cases/update-case.js';
import { caseDetailView, triageView } from '../cases/views.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';
import { idParams, withErrors } from '../schemas/common.js';
import {
  caseChangesBody,
  newCaseBody,
  newMessageBody,
  type CaseChangesBody,
  type NewCaseBody,
  type NewMessageBody,
} from '../schemas/cases.js';
import { checkKnownCategory } from './categories.js';

async function customerOf(
  context: ServerContext,
  principal: Principal,
  body: NewCaseBody,
): Promise<number | null> {
  if (!isStaff(principal)) return principal.user.id;
  if (body.customerId === undefined) return null;

  const customer = await findUser(context.store, body.customerId);
  if (!customer || customer.role !== 'customer') {
    throw new ApiError('user-not-found', `No customer account with id ${body.customerId}.`);
  }
  return customer.id;
}

/** Registers opening a case, changing it, and adding messages. */
export async function caseWriteRoutes(app: FastifyInstance): Promise<void> {
  const context = app.casebook;

  app.post<{ Body: NewCaseBody }>(
    '/cases',
    {
      onRequest: requireUser,
      schema: {
        tags: ['cases'],
        summary: 'Open a case and triage it',
        description:
          'Text is redacted before it is stored. Customers get the category, FAQ answers and ' +
          'redactions of the triage; agents get all of it.',
        body: newCaseBody,
        response: withErrors({
          201: {
            type: 'object',
            properties: { case: { $ref: 'CaseDetail#' }, triage: { $ref: 'TriageResult#' } },
          },
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { body } = request;
      const category = body.product ? { product: body.product, type: body.type! } : undefined;
      if (category && !isStaff(principal)) await checkKnownCategory(context.store, category);

      const { caseId, triage } = await openCase(context, {
        channel: 'portal',
        title: body.title,
        description: body.description,
        category,
        customerId: await customerOf(context, principal, body),
        authorId: principal.user.id,
      });
      request.log.info({ caseId, userId: principal.user.id }, 'case opened');
      const detail = await loadVisibleCase(context, principal, caseId);
      return reply.status(201).send({
        case: caseDetailView(detail, principal),
        triage: triageView(triage, principal),
      });
    },
  );

  registerCaseChanges(app);
}

function registerCaseChanges(app: FastifyInstance): void {
  const context = app.casebook;

  app.patch<{ Params: { id: number }; Body: CaseChangesBody }>(
    '/cases/:id',
    {
      onRequest: requireStaff,
      schema: {
        tags: ['cases'],
        summary: 'Change the status or override the category of a case',
        description: 'Each change writes an audit entry (case.status, case.category).',
        params: idParams,
        body: caseChangesBody,
        response: withErrors({ 200: { $ref: 'CaseDetail#' } }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params;
      await updateCase(context, id, principal, request.body);
      return caseDetailView(await loadVisibleCase(context, principal, id), principal);
    },
  );

  app.post<{
    Params: { id: number };
    Body: NewMessageBody;
    Headers: { 'idempotency-key'?: string };
  }>(
    '/cases/:id/messages',
    {
      onRequest: requireUser,
      schema: {
        tags: ['cases'],
        summary: 'Add a reply, or an internal note (agents only)',
        description:
          'The text is redacted before it is stored; placeholder numbers continue those ' +
          'already in the case. With an Idempotency-Key header, a repeat of the request returns ' +
          'the message the first one added (200, header idempotent-replayed) instead of a copy.',
        params: idParams,
        body: newMessageBody,
        headers: {
          type: 'object',
          properties: {
            'idempotency-key': { type: 'string', pattern: '^[\\x21-\\x7E]{1,255}$' },
          },
        },
        response: withErrors({ 200: { $ref: 'Message#' }, 201: { $ref: 'Message#' } }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params;
      const { text, internal } = request.body;
      if (internal && !isStaff(principal)) {
        throw new ApiError('forbidden', 'Customers cannot add internal notes.');
      }
      await loadVisibleCase(context, principal, id);

      const key = request.headers['idempotency-key'];
      const idempotency = key
        ? { key, hash: hashSecret(JSON.stringify({ caseId: id, text, internal })) }
        : undefined;
      const added = await addMessage(context, {
        caseId: id,
        principal,
        text,
        internal,
        idempotency,
      });
      const detail = await loadVisibleCase(context, principal, id);
      const message = detail.messages.find((candidate) => candidate.id === added.id);
      if (added.replayed) {
        return reply.header('idempotent-replayed', 'true').status(200).send(message);
      }
      request.log.info({ caseId: id, messageId: added.id, internal }, 'message added');
      return reply.status(201).send(message);
    },
  );
}
