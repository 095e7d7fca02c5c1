import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Adds the number of indexed cases that contain each term. FTS5's own vocabulary table counts
 * a term's documents by reading its whole posting list, which costs milliseconds per term on a
 * large archive; this table answers the same question with one index look-up.
 */
export function termStatsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('term_stats')
        .addColumn('term', 'text', (c) => c.primaryKey())
        .addColumn('documents', 'integer', (c) => c.notNull())
        .execute();
      if (dialect !== 'sqlite') return;

      // Fill the table from an index built before this migration.
      await sql`INSERT INTO term_stats (term, documents) SELECT term, doc FROM case_search_terms`.execute(
        db,
      );
    },
  };
}
