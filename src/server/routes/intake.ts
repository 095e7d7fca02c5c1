import { isUniqueViolation } from '../../store/errors.js';
import type { SqlExecutor } from '../../store/sql-executor.js';
import type { FastifyInstance } from 'fastify';
import { findIntakeRequest, insertIntakeRequest } from '../../store/intake-requests.js';
import { findLogin, normalizeEmail } from '../../store/users.js';
import { principalOf, requireIntakeToken } from '../auth/guards.js';
import type { Principal } from '../auth/principal.js';
import { hashSecret } from '../auth/secrets.js';
import { loadVisibleCase } from '../cases/access.js';
import { openCase } from '../cases/open-case.js';
import { caseDetailView } from '../cases/views.js';
import { ApiError } from '../errors.js';
import { text, withErrors } from '../schemas/common.js';

interface IntakeBody {
  title: string;
  description: string;
  product?: string;
  type?: string;
  customerEmail?: string;
}

/** Raised inside the case's transaction when another request stored the same key first. */
class KeyTaken extends Error {
  constructor(readonly caseId: number) {
    super('idempotency key taken');
  }
}

// Keys sorted, so the same fields in another order hash the same.
function requestHash(body: IntakeBody): string {
  return hashSecret(JSON.stringify(body, Object.keys(body).sort()));
}

async function customerIdOf(app: FastifyInstance, email: string | undefined) {
  if (!email) return null;
  const login = await findLogin(app.casebook.store, normalizeEmail(email));
  return login?.user.role === 'customer' ? login.user.id : null;
}

/**
 * Returns the case an earlier request with this key opened, or raises `idempotency-key-reused`
 * when that request had a different body.
 */
async function replayed(
  sql: SqlExecutor,
  principal: Principal,
  key: string,
  hash: string,
): Promise<number | undefined> {
  const earlier = await findIntakeRequest(sql, principal.user.id, key);
  if (!earlier) return undefined;
  if (earlier.requestHash !== hash) {
    throw new ApiError(
      'idempotency-key-reused',
      'This Idempotency-Key was sent before with a different body; use a new key.',
    );
  }
  return earlier.caseId;
}

/** Registers the intake endpoint through which systems open cases. */
export async function intakeRoutes(app: FastifyInstance): Promise<void> {
  const context = app.casebook;
  const limit = context.settings.rateLimits.intake;

  app.post<{ Body: IntakeBody; Headers: { 'idempotency-key': string } }>(
    '/intake',
    {
      onRequest: requireIntakeToken,
      config: { rateLimit: { max: limit.max, timeWindow: limit.windowMs } },
      schema: {
        tags: ['intake'],
        summary: 'Open a case from another system, at most once per Idempotency-Key',
        description:
          'A retry with the same key and body returns the first case with status 200 and the ' +
          'header idempotent-replayed: true; the same key with another body is rejected.',
        security: [{ bearer: [] }],
        headers: {
          type: 'object',
          required: ['idempotency-key'],
          properties: {
            'idempotency-key': { type: 'string', pattern: '^[\\x21-\\x7E]{1,255}$' },
          },
        },
        body: {
          type: 'object',
          required: ['title', 'description'],
          additionalProperties: false,
          dependencies: { product: ['type'], type: ['product'] },
          properties: {
            title: text(200),
            description: text(20_000),
            product: text(60),
            type: text(60),
            customerEmail: { type: 'string', format: 'email', maxLength: 254 },
          },
        },
        response: withErrors({
          200: { $ref: 'CaseDetail#' },
          201: { $ref: 'CaseDetail#' },
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const key = request.headers['idempotency-key'];
      const hash = requestHash(request.body);
      const earlier = await replayed(app.casebook.store.sql, principal, key, hash);
      const result =
        earlier === undefined
          ? await openIntakeCase(app, request.body, principal, { key, hash })
          : { id: earlier, created: false };

      const detail = await loadVisibleCase(context, principal, result.id);
      const view = caseDetailView(detail, principal);
      if (!result.created) {
        return reply.header('idempotent-replayed', 'true').status(200).send(view);
      }
      request.log.info({ caseId: result.id, tokenId: principal.token?.id }, 'intake case opened');
      return reply.status(201).send(view);
    },
  );
}

async function openIntakeCase(
  app: FastifyInstance,
  body: IntakeBody,
  principal: Principal,
  idempotency: { key: string; hash: string },
): Promise<{ id: number; created: boolean }> {
  const store = app.casebook.store;
  const ownerId = principal.user.id;
  try {
    const { caseId } = await openCase(app.casebook, {
      channel: 'intake',
      title: body.title,
      description: body.description,
      category: body.product ? { product: body.product, type: body.type! } : undefined,
      customerId: await customerIdOf(app, body.customerEmail),
      authorId: null,
      onWritten: async (id, sql) => {
        const earlier = await replayed(sql, principal, idempotency.key, idempotency.hash);
        if (earlier !== undefined) throw new KeyTaken(earlier);
        await insertIntakeRequest(sql, {
          ownerId,
          key: idempotency.key,
          requestHash: idempotency.hash,
          caseId: id,
        });
      },
    });
    return { id: caseId, created: true };
  } catch (error) {
    if (error instanceof KeyTaken) return { id: error.caseId, created: false };
    // Another instance stored the key between our check and our insert. On SQLite the immediate
    // transaction makes the check see such a key first. On PostgreSQL the unique constraint
    // catches it, and the first request's case is returned.
    const earlier = isUniqueViolation(error)
      ? await replayed(store.sql, principal, idempotency.key, idempotency.hash)
      : undefined;
    if (earlier !== undefined) return { id: earlier, created: false };
    throw error;
  }
}
