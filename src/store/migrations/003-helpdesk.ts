import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Adds what the helpdesk needs: accounts (users, sessions, API tokens), the audit log, intake
 * idempotency keys, and per-case and per-message facts of live conversations (author, time,
 * internal notes, customer, channel, response and resolution times).
 */
export function helpdeskMigration(dialect: Dialect): Migration {
  const idColumn = dialect === 'sqlite' ? 'integer' : 'serial';

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createAccountTables(db, idColumn);
      await addCaseColumns(db);
      await addMessageColumns(db);
      await createIntakeTable(db, idColumn);
      await createAuditTable(db, idColumn);
    },
  };
}

async function createAccountTables(db: Kysely<unknown>, idColumn: 'integer' | 'serial') {
  await db.schema
    .createTable('users')
    .addColumn('id', idColumn, (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', idColumn, (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
}

async function addCaseColumns(db: Kysely<unknown>) {
  await db.schema
    .alterTable('cases')
    .addColumn('customer_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .alterTable('cases')
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('archive'))
    .execute();
  for (const name of ['last_message_at', 'first_response_at', 'resolved_at']) {
    await db.schema.alterTable('cases').addColumn(name, 'text').execute();
  }
  await db.schema.createIndex('cases_customer').on('cases').column('customer_id').execute();
  await db.schema.createIndex('cases_created').on('cases').column('created_at').execute();
}

async function addMessageColumns(db: Kysely<unknown>) {
  await db.schema
    .alterTable('messages')
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.alterTable('messages').addColumn('created_at', 'text').execute();
  await db.schema
    .alterTable('messages')
    .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// One row per accepted intake request. The unique key is what makes a retry with the same
// Idempotency-Key return the first case instead of opening a second one, even when two
// instances receive the retry at the same time.
async function createIntakeTable(db: Kysely<unknown>, idColumn: 'integer' | 'serial') {
  await db.schema
    .createTable('intake_requests')
    .addColumn('id', idColumn, (c) => c.primaryKey())
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('intake_requests_owner_key', ['owner_id', 'idempotency_key'])
    .execute();
}

async function createAuditTable(db: Kysely<unknown>, idColumn: 'integer' | 'serial') {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', idColumn, (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('token_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').column('action').execute();
}
