import type { Kysely, Migration } from 'kysely';

/**
 * Adds request counters per client and route, so that instances sharing one PostgreSQL
 * database enforce one rate limit together. A single process on SQLite counts in memory and
 * leaves this table empty.
 */
export function rateLimitsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
