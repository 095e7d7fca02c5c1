import type { FastifyInstance } from 'fastify';
import {
  TOKEN_SCOPES,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  type TokenScope,
} from '../../store/api-tokens.js';
import { recordAudit } from '../../store/audit-log.js';
import { findUser } from '../../store/users.js';
import { principalOf, requireAdmin } from '../auth/guards.js';
import { hashSecret, randomSecret } from '../auth/secrets.js';
import { ApiError } from '../errors.js';
import { idParams, text, withErrors } from '../schemas/common.js';

/** Prefix of every API token, so leaked tokens are easy to recognise in code and logs. */
export const TOKEN_PREFIX = 'cbk_';

interface NewTokenBody {
  name: string;
  scope: TokenScope;
  userId?: number;
}

/** Registers API token management: create (the token is shown once), list and revoke. */
export async function tokenRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.casebook;

  app.post<{ Body: NewTokenBody }>(
    '/tokens',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token',
        description:
          'Returns the token once; only its SHA-256 is stored. The token acts as userId ' +
          '(default: the calling admin). Scope intake allows only POST /intake.',
        body: {
          type: 'object',
          required: ['name', 'scope'],
          additionalProperties: false,
          properties: {
            name: text(100),
            scope: { type: 'string', enum: [...TOKEN_SCOPES] },
            userId: { type: 'integer', minimum: 1 },
          },
        },
        response: withErrors({
          201: {
            type: 'object',
            required: ['token', 'apiToken'],
            properties: { token: { type: 'string' }, apiToken: { $ref: 'ApiToken#' } },
          },
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const userId = request.body.userId ?? principal.user.id;
      const secret = `${TOKEN_PREFIX}${randomSecret()}`;

      const apiToken = await app.casebook.writes.run(async () => {
        if (!(await findUser(store, userId))) {
          throw new ApiError('user-not-found', `No account with id ${userId} to own the token.`);
        }
        const created = await createApiToken(store, {
          userId,
          name: request.body.name,
          scope: request.body.scope,
          tokenHash: hashSecret(secret),
          prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        });
        await recordAudit(store.sql, {
          actorId: principal.user.id,
          tokenId: principal.token?.id ?? null,
          action: 'token.create',
          targetType: 'token',
          targetId: created.id,
          details: { userId, scope: created.scope },
        });
        return created;
      });
      return reply.status(201).send({ token: secret, apiToken });
    },
  );

  registerTokenListing(app);
}

function registerTokenListing(app: FastifyInstance): void {
  const { store } = app.casebook;

  app.get(
    '/tokens',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['tokens'],
        summary: 'List API tokens, revoked ones included',
        response: withErrors({ 200: { type: 'array', items: { $ref: 'ApiToken#' } } }),
      },
    },
    async () => listApiTokens(store),
  );

  app.delete<{ Params: { id: number } }>(
    '/tokens/:id',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token',
        params: idParams,
        response: withErrors({ 200: { $ref: 'ApiToken#' } }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params;
      return app.casebook.writes.run(async () => {
        const token = await revokeApiToken(store, id);
        if (!token) throw new ApiError('token-not-found', `No API token with id ${id}.`);
        await recordAudit(store.sql, {
          actorId: principal.user.id,
          tokenId: principal.token?.id ?? null,
          action: 'token.revoke',
          targetType: 'token',
          targetId: id,
        });
        return token;
      });
    },
  );
}
