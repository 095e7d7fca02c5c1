import { sql, type Kysely, type Migration } from 'kysely';
import { storedRequestKey } from '../request-key.js';

const TABLES = ['intake_requests', 'message_requests'] as const;

/**
 * Replaces the Idempotency-Keys stored as the client sent them with their digests, which is how
 * the code stores and looks them up from now on. A retry of a request accepted before still
 * finds it.
 */
export function requestKeyDigestsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const table of TABLES) {
        const { rows } = await sql<{ owner_id: number; idempotency_key: string }>`
          SELECT owner_id, idempotency_key FROM ${sql.table(table)}
        `.execute(db);
        for (const row of rows) {
          await sql`
            UPDATE ${sql.table(table)} SET idempotency_key = ${storedRequestKey(row.idempotency_key)}
            WHERE owner_id = ${row.owner_id} AND idempotency_key = ${row.idempotency_key}
          `.execute(db);
        }
      }
    },
  };
}
