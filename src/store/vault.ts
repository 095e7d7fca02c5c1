import { redact } from '../redact/index.js';
import type { Vault } from '../redact/vault.js';
import { StoreError } from './errors.js';
import type { Store } from './open.js';

/** A revealed value with the log entry written for it. */
export interface Reveal {
  caseId: number;
  placeholder: string;
  type: string;
  value: string;
  revealId: number;
}

/** A request to see a sealed value: who requests it and why. Both go into the reveal log. */
export interface RevealRequest {
  caseId: number;
  placeholder: string;
  actor: string;
  reason: string;
}

/**
 * Decrypts one sealed value and logs the reveal in the same transaction, so no value is shown
 * without a log entry. Raises `vault-entry-not-found` when the case has no such sealed value.
 */
export async function revealValue(
  store: Store,
  vault: Vault,
  request: RevealRequest,
): Promise<Reveal> {
  return store.db.transaction().execute(async (trx) => {
    const entry = await trx
      .selectFrom('vault_entries')
      .selectAll()
      .where('case_id', '=', request.caseId)
      .where('placeholder', '=', request.placeholder)
      .executeTakeFirst();
    if (!entry) {
      throw new StoreError(
        'vault-entry-not-found',
        `No sealed value for ${request.placeholder} in case ${request.caseId}. Only contact data ` +
          '(phone, email, name, WeChat, QQ) imported while CASEBOOK_VAULT_KEY was set is sealed.',
      );
    }

    const value = vault.open(entry.sealed);
    const log = await trx
      .insertInto('vault_reveals')
      .values({
        case_id: request.caseId,
        placeholder: request.placeholder,
        // The actor and the reason are typed by a person, and a reason may quote the customer
        // ("张伟来电 13800138000 要求…"): the log keeps both redacted.
        actor: redact(request.actor).text,
        reason: redact(request.reason).text,
        revealed_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      caseId: request.caseId,
      placeholder: request.placeholder,
      type: entry.type,
      value,
      revealId: log.id,
    };
  });
}

/** Lists the reveal log, newest first. */
export async function listReveals(store: Store, limit = 100) {
  return store.db
    .selectFrom('vault_reveals')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
