import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Adds the log of cases whose search document changed. A process that keeps the search index in
 * memory reads the rows after the last one it applied, so it sees what other processes wrote.
 * The name starts with `case_search_`, so `migrate` leaves it out with the index it describes.
 */
export function searchChangesMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const seq =
        dialect === 'sqlite' ? sql`INTEGER PRIMARY KEY AUTOINCREMENT` : sql`BIGSERIAL PRIMARY KEY`;
      await sql`CREATE TABLE case_search_changes (seq ${seq}, case_id INTEGER NOT NULL)`.execute(
        db,
      );
    },
  };
}
