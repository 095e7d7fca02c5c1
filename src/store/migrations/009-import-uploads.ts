import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Adds the files of import jobs waiting to run. An upload is kept here, unredacted, only until
 * its job has imported it, so that any instance on a shared database can run the job.
 */
export function importUploadsMigration(dialect: Dialect): Migration {
  const idColumn = dialect === 'sqlite' ? 'integer' : 'serial';
  const bytesColumn = dialect === 'sqlite' ? 'blob' : 'bytea';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('import_uploads')
        .addColumn('id', idColumn, (c) => c.primaryKey())
        .addColumn('batch', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content', bytesColumn, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('import_uploads_batch_name', ['batch', 'name'])
        .execute();
    },
  };
}
