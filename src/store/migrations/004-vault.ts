import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Adds the vault: contact values sealed with AES-256-GCM per case and placeholder, and the log
 * of every reveal. Only ciphertext is stored; the key never reaches the database.
 */
export function vaultMigration(dialect: Dialect): Migration {
  const idColumn = dialect === 'sqlite' ? 'integer' : 'serial';

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('vault_entries')
        .addColumn('case_id', 'integer', (c) =>
          c.notNull().references('cases.id').onDelete('cascade'),
        )
        .addColumn('placeholder', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('sealed', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('vault_entries_pk', ['case_id', 'placeholder'])
        .execute();

      await db.schema
        .createTable('vault_reveals')
        .addColumn('id', idColumn, (c) => c.primaryKey())
        .addColumn('case_id', 'integer', (c) => c.notNull())
        .addColumn('placeholder', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('revealed_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
