import path from 'node:path';
import { mkdirSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import type { Dialect } from './dialect.js';
import { migrationProvider } from './migrations/index.js';
import { StoreError } from './errors.js';

/** An open database with its schema migrated to the latest version. */
export interface Store {
  readonly dialect: Dialect;
  readonly db: Kysely<Database>;
  /** The raw SQLite handle, for the bulk import path and FTS5 queries. */
  readonly sqlite: BetterSqlite3.Database;
  close(): Promise<void>;
}

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** Path of the SQLite file; `:memory:` for a throw-away database. */
  path: string;
  readonly?: boolean;
}

/**
 * Opens (creating if needed) a SQLite database in WAL mode and applies pending migrations.
 * WAL lets readers such as `search` run while an import writes.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const sqlite = openSqlite(options.path);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const store: Store = {
    dialect: 'sqlite',
    db,
    sqlite,
    close: () => db.destroy(),
  };

  await migrate(store);
  return store;
}

function openSqlite(file: string): BetterSqlite3.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });

  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreError(
      'store-open-failed',
      `Cannot open database ${file}: ${reason}. Check the path given by --db or CASEBOOK_DB.`,
      { cause: error },
    );
  }

  try {
    checkOwnership(sqlite, file);
    sqlite.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power loss can undo the
    // last commits, which a re-import repeats.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
  } catch (error) {
    sqlite.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError('store-open-failed', describeOpenFailure(file, error), { cause: error });
  }
  return sqlite;
}

/**
 * Refuses a database that contains tables but no casebook migration history: migrating another
 * program's database would add tables to it or fail half-way.
 */
function checkOwnership(sqlite: BetterSqlite3.Database, file: string): void {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as Array<{ name: string }>;
  if (tables.length === 0 || tables.some((table) => table.name === 'kysely_migration')) return;
  throw new StoreError(
    'not-a-casebook-database',
    `${file} is a SQLite database of another program (it has tables such as "${tables[0]!.name}" ` +
      'but no casebook schema), so casebook leaves it alone. Pass --db with a new file name.',
  );
}

function describeOpenFailure(file: string, error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') {
    return `${file} is not a SQLite database. Pass --db with a casebook database or a new file name.`;
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') {
    return `Cannot write to ${file} or its folder (${code}); SQLite needs write access to both for its journal. Check the permissions or pass another --db path.`;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return `Cannot open database ${file}: ${reason}.`;
}

async function migrate(store: Store): Promise<void> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (!error) return;

  const failed = results?.find((result) => result.status === 'Error');
  const reason = error instanceof Error ? error.message : String(error);
  throw new StoreError(
    'migration-failed',
    `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`,
    { cause: error },
  );
}
