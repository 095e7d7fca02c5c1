import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Indexes the case list's default order (newest first by opening time, then id), with and
 * without a status filter. Without them SQLite sorted every case for each page: about 140 ms
 * per request at 100,000 cases on the development machine, against well under 1 ms with them.
 */
export function listIndexesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`CREATE INDEX cases_opened ON cases (coalesce(opened_at, created_at) DESC, id DESC)`.execute(
        db,
      );
      await sql`CREATE INDEX cases_status_opened
        ON cases (status, coalesce(opened_at, created_at) DESC, id DESC)`.execute(db);
    },
  };
}
