import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Adds the PostgreSQL search index: one tsvector of pre-segmented terms per case, each
 * occurrence labelled with its field, under GIN indexes of all terms and of title terms, and makes the root-cause confidence
 * double precision as on SQLite. SQLite keeps its FTS5 table from the
 * first migration, so this migration changes nothing there.
 */
export function postgresSearchMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`
        CREATE TABLE case_search (
          case_id integer PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
          document tsvector NOT NULL
        )
      `.execute(db);
      // fastupdate off: each change goes straight into the index. With it on, replies pile up in
      // a pending list that every search scans until the next vacuum.
      await sql`CREATE INDEX case_search_document ON case_search USING gin (document)
        WITH (fastupdate = off)`.execute(db);
      // Common query terms may match only in titles: this index finds those matches alone.
      await sql`CREATE INDEX case_search_title ON case_search
        USING gin (ts_filter(document, '{a}')) WITH (fastupdate = off)`.execute(db);
      // PostgreSQL's real is single precision, where SQLite's is double: match SQLite.
      await sql`ALTER TABLE cases ALTER COLUMN root_cause_confidence TYPE double precision`.execute(
        db,
      );
    },
  };
}
