import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Adds what the knowledge layer derives for each case (root cause, needs-human verdict, timing
 * and category provenance) and the table of mined FAQ entries with their review status.
 */
export function knowledgeMigration(dialect: Dialect): Migration {
  const idColumn = dialect === 'sqlite' ? 'integer' : 'serial';

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const columns: Array<[string, 'text' | 'integer' | 'real']> = [
        ['root_cause_code', 'text'],
        ['root_cause_confidence', 'real'],
        ['needs_human_reasons', 'text'],
        ['opened_at', 'text'],
        ['first_response_seconds', 'integer'],
        ['duration_seconds', 'integer'],
        ['category_source', 'text'],
        ['category_note', 'text'],
      ];
      for (const [name, type] of columns) {
        await db.schema.alterTable('cases').addColumn(name, type).execute();
      }
      await db.schema
        .alterTable('cases')
        .addColumn('needs_human', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('cases_root_cause')
        .on('cases')
        .column('root_cause_code')
        .execute();
      await db.schema.createIndex('cases_status').on('cases').column('status').execute();

      await db.schema
        .createTable('faq_entries')
        .addColumn('id', idColumn, (c) => c.primaryKey())
        .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
        .addColumn('root_cause_code', 'text')
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('answer', 'text', (c) => c.notNull())
        .addColumn('steps', 'text', (c) => c.notNull())
        .addColumn('refs', 'text', (c) => c.notNull())
        .addColumn('case_count', 'integer', (c) => c.notNull())
        .addColumn('first_seen', 'text', (c) => c.notNull())
        .addColumn('last_seen', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('reviewed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('faq_entries_status')
        .on('faq_entries')
        .column('status')
        .execute();
    },
  };
}
