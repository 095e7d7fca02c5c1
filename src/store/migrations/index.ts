import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../dialect.js';
import { casesMigration } from './001-cases.js';
import { knowledgeMigration } from './002-knowledge.js';

/**
 * Lists the schema migrations in order. Names sort by their numeric prefix, and a migration,
 * once released, never changes: a schema change is a new migration.
 */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '001-cases': casesMigration(dialect),
        '002-knowledge': knowledgeMigration(dialect),
      };
    },
  };
}
