import path from 'node:path';
import { mkdirSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import type { Dialect } from './dialect.js';
import { migrationProvider } from './migrations/index.js';
import { StoreError } from './errors.js';
import type { SqlDatabase } from './sql-executor.js';
import { SqliteExecutor } from './sqlite-executor.js';
import { PostgresExecutor } from './postgres-executor.js';
import { describeLocation, isPostgresUrl, parsePostgresUrl } from './location.js';

/** An open database with its schema migrated to the latest version. */
export interface Store {
  readonly dialect: Dialect;
  readonly db: Kysely<Database>;
  /** Hand-written SQL on either engine, and write transactions. */
  readonly sql: SqlDatabase;
  /** The raw SQLite handle, for SQLite-only work such as the online backup. */
  readonly sqlite?: BetterSqlite3.Database;
  /** The PostgreSQL pool, for PostgreSQL-only work such as the job queue. */
  readonly pool?: pg.Pool;
  /** Location of the data, with any password left out, for messages. */
  readonly location: string;
  close(): Promise<void>;
}

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /**
   * Path of the SQLite file (`:memory:` for a throw-away database), or a `postgres://` URL.
   */
  path: string;
  readonly?: boolean;
  /** Most connections a PostgreSQL store opens (default 10). */
  poolSize?: number;
}

/**
 * Opens (creating if needed) the database and applies pending migrations. A `postgres://` or
 * `postgresql://` location selects PostgreSQL; anything else is a SQLite file in WAL mode,
 * which lets readers such as `search` run while an import writes.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const store = isPostgresUrl(options.path)
    ? await openPostgres(options.path, options.poolSize ?? 10)
    : openSqliteStore(options.path);
  try {
    await migrate(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function openSqliteStore(file: string): Store {
  const sqlite = openSqlite(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const sql = new SqliteExecutor(sqlite);
  return {
    dialect: 'sqlite',
    db,
    sql,
    sqlite,
    location: file,
    close: async () => {
      await sql.close();
      await db.destroy();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Store> {
  parsePostgresUrl(url);
  const location = describeLocation(url);

  // Times are compared and cut in UTC whatever the server's default time zone is.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c timezone=UTC' });
  // The pool reports here an idle connection that the server dropped (a restart, say). It
  // replaces the connection on the next query, so the event must not end the process.
  pool.on('error', () => undefined);
  // A checked-out client has no pool listener, and an 'error' event without a listener ends
  // the process. The failed query or transaction still rejects, and a broken client is dropped
  // when it is released, so the event itself needs no handling.
  pool.on('connect', (client) => client.on('error', () => undefined));

  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreError(
      'store-open-failed',
      `Cannot connect to PostgreSQL at ${location}: ${reason}. Check the database URL (--db, --to or CASEBOOK_DATABASE_URL) and that the server is running.`,
      { cause: error },
    );
  }

  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    dialect: 'postgres',
    db,
    sql: new PostgresExecutor(pool),
    pool,
    location,
    close: () => db.destroy(),
  };
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

// Bytes per database page for new SQLite files; SQLite's default is 4096.
const PAGE_SIZE = 16_384;

function openSqlite(file: string): BetterSqlite3.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });

  if (file !== ':memory:' && isFolder(file)) {
    throw new StoreError(
      'store-open-failed',
      `Cannot open database ${file}: it is a folder. Pass the path of a database file in it ` +
        `(such as ${path.join(file, 'casebook.db')}) with --db or CASEBOOK_DB.`,
    );
  }
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
    // Takes effect only while the file has no tables, so it sets a new database's page size and
    // leaves existing ones alone. Each read or write then moves four times the data of a 4 KiB
    // page: importing 1M generated cases on two cores took 204 s instead of 234 to 237 s.
    sqlite.pragma(`page_size = ${PAGE_SIZE}`);
    sqlite.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power loss can undo the
    // last commits, which a re-import repeats.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Deleted rows are overwritten with zeros rather than left in free pages, where the file
    // and its backups would keep them: above all the unredacted uploads of import jobs.
    sqlite.pragma('secure_delete = ON');
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
  if (code === 'SQLITE_BUSY') {
    // A large import switches the file to a rollback journal until it commits, and SQLite cannot
    // set WAL mode for another connection meanwhile.
    return `${file} is locked by another casebook process, probably a large import. Try again when it has finished.`;
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
