import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.js';

/** Creates sources, cases, messages, the category model tables, settings and the import history. */
export function casesMigration(dialect: Dialect): Migration {
  const idColumn = dialect === 'sqlite' ? 'integer' : 'serial';

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('sources')
        .addColumn('id', idColumn, (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('part', 'text')
        .addColumn('preamble', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('cases')
        .addColumn('id', idColumn, (c) => c.primaryKey())
        .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('product', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('answer', 'text', (c) => c.notNull())
        .addColumn('root_cause_text', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('cases_source_ref', ['source_id', 'ref'])
        .execute();
      await db.schema
        .createIndex('cases_category')
        .on('cases')
        .columns(['product', 'type'])
        .execute();

      await db.schema
        .createTable('messages')
        .addColumn('id', idColumn, (c) => c.primaryKey())
        .addColumn('case_id', 'integer', (c) =>
          c.notNull().references('cases.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addUniqueConstraint('messages_case_seq', ['case_id', 'seq'])
        .execute();

      await db.schema
        .createTable('categories')
        .addColumn('label', 'text', (c) => c.primaryKey())
        .addColumn('product', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('documents', 'integer', (c) => c.notNull())
        .addColumn('tokens', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('category_terms')
        .addColumn('term', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('category_terms_pk', ['term', 'label'])
        .execute();

      await db.schema
        .createTable('import_runs')
        .addColumn('id', idColumn, (c) => c.primaryKey())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text', (c) => c.notNull())
        .addColumn('files', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      if (dialect === 'sqlite') await createSqliteSearchIndex(db);
    },
  };
}

// The search index holds pre-segmented terms separated by spaces, so the FTS5 tokenizer only
// has to split on spaces: every other character, `.`, `-` and `_` included, belongs to a term.
// `contentless_delete` (SQLite 3.43+) lets a changed case be deleted and re-indexed.
async function createSqliteSearchIndex(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE VIRTUAL TABLE case_search USING fts5(
      title, description, customer, agent,
      content = '', contentless_delete = 1,
      tokenize = "unicode61 remove_diacritics 0 separators ' ' tokenchars '.-_[]/:@#+'"
    )
  `.execute(db);
  await sql`CREATE VIRTUAL TABLE case_search_terms USING fts5vocab(case_search, 'row')`.execute(db);
}
