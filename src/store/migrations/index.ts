import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../dialect.js';
import { casesMigration } from './001-cases.js';
import { knowledgeMigration } from './002-knowledge.js';
import { helpdeskMigration } from './003-helpdesk.js';
import { vaultMigration } from './004-vault.js';
import { termStatsMigration } from './005-term-stats.js';
import { listIndexesMigration } from './006-list-indexes.js';
import { postgresSearchMigration } from './007-postgres-search.js';
import { rateLimitsMigration } from './008-rate-limits.js';
import { importUploadsMigration } from './009-import-uploads.js';
import { messageRequestsMigration } from './010-message-requests.js';
import { searchChangesMigration } from './011-search-changes.js';
import { requestKeyDigestsMigration } from './012-request-key-digests.js';

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
        '003-helpdesk': helpdeskMigration(dialect),
        '004-vault': vaultMigration(dialect),
        '005-term-stats': termStatsMigration(dialect),
        '006-list-indexes': listIndexesMigration(),
        '007-postgres-search': postgresSearchMigration(dialect),
        '008-rate-limits': rateLimitsMigration(),
        '009-import-uploads': importUploadsMigration(dialect),
        '010-message-requests': messageRequestsMigration(),
        '011-search-changes': searchChangesMigration(dialect),
        '012-request-key-digests': requestKeyDigestsMigration(),
      };
    },
  };
}
