import type { Kysely, Migration } from 'kysely';

/**
 * Adds the Idempotency-Key of each message sent with one, so that a client that retries a reply
 * after a lost response gets the stored message back instead of a second copy.
 */
export function messageRequestsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('message_requests')
        .addColumn('owner_id', 'integer', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('message_id', 'integer', (c) =>
          c.notNull().references('messages.id').onDelete('cascade'),
        )
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('message_requests_pk', ['owner_id', 'idempotency_key'])
        .execute();
    },
  };
}
