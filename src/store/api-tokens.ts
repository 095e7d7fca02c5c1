import type { Selectable } from 'kysely';
import { redact } from '../redact/index.js';
import type { Store } from './open.js';
import type { ApiTokenTable } from './schema.js';

/** Token scopes: `api` (everything its owner may do) or `intake` (only opening intake cases). */
export const TOKEN_SCOPES = ['api', 'intake'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** An API token as listings show it; the token itself is never stored. */
export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  scope: TokenScope;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

// A token's last use is written at most once a minute, so a busy integration does not turn
// every request into a write.
const TOUCH_INTERVAL_MS = 60_000;

function toToken(row: Selectable<ApiTokenTable>): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    scope: row.scope,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Stores a new token by its hash. */
export async function createApiToken(
  store: Store,
  token: { userId: number; name: string; scope: TokenScope; tokenHash: string; prefix: string },
): Promise<ApiToken> {
  const row = await store.db
    .insertInto('api_tokens')
    .values({
      user_id: token.userId,
      // A name is free text that every admin lists, so it is redacted like case text.
      name: redact(token.name).text,
      scope: token.scope,
      token_hash: token.tokenHash,
      prefix: token.prefix,
      created_at: new Date().toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toToken(row);
}

/** Finds a token that is not revoked by its hash, and records its use. */
export async function useApiToken(store: Store, tokenHash: string): Promise<ApiToken | undefined> {
  const row = await store.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;

  const now = new Date();
  const last = row.last_used_at ? Date.parse(row.last_used_at) : 0;
  if (now.getTime() - last > TOUCH_INTERVAL_MS) {
    await store.db
      .updateTable('api_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  return toToken(row);
}

/** Lists every token, newest first, revoked ones included. */
export async function listApiTokens(store: Store): Promise<ApiToken[]> {
  const rows = await store.db.selectFrom('api_tokens').selectAll().orderBy('id', 'desc').execute();
  return rows.map(toToken);
}

/** Revokes a token and returns it, or undefined when the id is unknown. */
export async function revokeApiToken(store: Store, id: number): Promise<ApiToken | undefined> {
  const row = await store.db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (row) return toToken(row);

  const existing = await store.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return existing ? toToken(existing) : undefined;
}
