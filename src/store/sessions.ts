import type { Store } from './open.js';

/** A stored login session, looked up by the SHA-256 of its id. */
export interface Session {
  idHash: string;
  userId: number;
  csrfToken: string;
  expiresAt: string;
}

/** Stores a new session. */
export async function createSession(store: Store, session: Session): Promise<void> {
  await store.db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: new Date().toISOString(),
      expires_at: session.expiresAt,
    })
    .execute();
}

/** Finds a session that has not expired at `now` (ISO 8601). */
export async function findSession(
  store: Store,
  idHash: string,
  now: string,
): Promise<Session | undefined> {
  const row = await store.db
    .selectFrom('sessions')
    .select(['id_hash', 'user_id', 'csrf_token', 'expires_at'])
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    idHash: row.id_hash,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
  };
}

/** Deletes one session, as logout does. */
export async function deleteSession(store: Store, idHash: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Deletes every session of a user, so a disabled account or a changed password logs out. */
export async function deleteUserSessions(store: Store, userId: number): Promise<void> {
  await store.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Deletes sessions that expired before `now` and returns how many there were. */
export async function deleteExpiredSessions(store: Store, now: string): Promise<number> {
  const result = await store.db
    .deleteFrom('sessions')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
