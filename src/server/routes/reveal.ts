import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../store/audit-log.js';
import { StoreError } from '../../store/errors.js';
import { revealValue } from '../../store/vault.js';
import { principalOf, requireStaff } from '../auth/guards.js';
import { loadVisibleCase } from '../cases/access.js';
import { ApiError } from '../errors.js';
import { idParams, text, withErrors } from '../schemas/common.js';

interface RevealBody {
  placeholder: string;
  reason: string;
}

/** Registers the reveal of a vaulted contact value, for agents, with audit and reveal log. */
export async function revealRoutes(app: FastifyInstance): Promise<void> {
  const context = app.casebook;

  app.post<{ Params: { id: number }; Body: RevealBody }>(
    '/cases/:id/reveal',
    {
      onRequest: requireStaff,
      schema: {
        tags: ['cases'],
        summary: 'Show the original value behind a placeholder such as [PHONE_1]',
        description:
          'Needs the vault (CASEBOOK_VAULT_KEY). Every reveal is written to the reveal log and ' +
          'the audit log (action value.reveal) with the reason; the value never is.',
        params: idParams,
        body: {
          type: 'object',
          required: ['placeholder', 'reason'],
          additionalProperties: false,
          properties: {
            placeholder: { type: 'string', pattern: '^\\[[A-Z_]{2,20}_[1-9][0-9]{0,5}\\]$' },
            reason: text(500),
          },
        },
        response: withErrors({
          200: {
            type: 'object',
            properties: {
              placeholder: { type: 'string' },
              type: { type: 'string' },
              value: { type: 'string' },
            },
          },
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params;
      const vault = context.vault;
      if (!vault) throw new ApiError('vault-disabled', 'The vault is off on this server.');
      await loadVisibleCase(context, principal, id);

      const reveal = await context.writes.run(async () => {
        const revealed = await revealValue(context.store, vault, {
          caseId: id,
          placeholder: request.body.placeholder,
          actor: principal.user.email,
          reason: request.body.reason,
        }).catch((error: unknown) => {
          if (error instanceof StoreError && error.code === 'vault-entry-not-found') {
            throw new ApiError('value-not-found', error.message);
          }
          throw error;
        });
        await recordAudit(context.store.sql, {
          actorId: principal.user.id,
          tokenId: principal.token?.id ?? null,
          action: 'value.reveal',
          targetType: 'case',
          targetId: id,
          details: { placeholder: revealed.placeholder, revealId: revealed.revealId },
        });
        return revealed;
      });
      request.log.info({ caseId: id, revealId: reveal.revealId }, 'value revealed');
      return reply
        .header('cache-control', 'no-store')
        .send({ placeholder: reveal.placeholder, type: reveal.type, value: reveal.value });
    },
  );
}
