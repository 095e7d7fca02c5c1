import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { BackupError, type BackupSummary, type CopyOptions } from './backup.js';
import { describeLocation, parsePostgresUrl } from './location.js';
import { runPgTool, type PgToolOptions } from './pg-tools.js';

/** Options of {@link backupPostgres} and {@link restorePostgres}. */
export interface PostgresCopyOptions extends CopyOptions, PgToolOptions {}

/**
 * Writes a pg_dump archive in custom format of the casebook database at `url` to `destination`,
 * checks that pg_restore can read it, and only then gives it its final name. The case count is
 * taken in the same snapshot that pg_dump copies.
 */
export async function backupPostgres(
  url: string,
  destination: string,
  options: PostgresCopyOptions = {},
): Promise<BackupSummary> {
  const started = performance.now();
  const file = path.resolve(destination);
  if (existsSync(file) && !options.force) {
    throw new BackupError(
      'file-exists',
      `Backup file ${file} already exists. Pass --force to replace it, or choose another path.`,
    );
  }

  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const cases = await dumpSnapshot(url, temp, options);
    await readArchiveList(temp, url, options);
    renameSync(temp, file);
    return summarize(file, file, cases, started);
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Replaces the contents of the database at `url` with a pg_dump archive written by
 * {@link backupPostgres}, in one transaction, so a failed restore leaves the database as it was.
 * A database that already contains tables is replaced only with `force`.
 */
export async function restorePostgres(
  backup: string,
  url: string,
  options: PostgresCopyOptions = {},
): Promise<BackupSummary> {
  const started = performance.now();
  const file = path.resolve(backup);
  const location = describeLocation(url);
  if (!existsSync(file)) {
    throw new BackupError(
      'backup-not-found',
      `Backup file ${file} does not exist. Pass a file written by "casebook backup".`,
    );
  }
  await readArchiveList(file, url, options);
  if (!options.force) await rejectFilledDatabase(url);

  // NOTE: --clean drops only the objects that the archive contains. A table that a newer
  // casebook version added after the backup stays, with its rows.
  await runPgTool(
    'pg_restore',
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      '--no-password',
      '--dbname=',
      file,
    ],
    url,
    options,
  );
  const cases = await withClient(url, async (client) => countCases(client));
  return summarize(location, file, cases, started);
}

/**
 * Exports a snapshot from a REPEATABLE READ transaction, counts the cases in it, and has
 * pg_dump copy that same snapshot while the transaction stays open.
 */
async function dumpSnapshot(url: string, temp: string, options: PgToolOptions): Promise<number> {
  return withClient(url, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      await requireCasebookSchema(client, url);
      const exported = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
      const cases = await countCases(client);
      const args = ['--format=custom', '--no-password', `--snapshot=${exported.rows[0]!.id}`];
      await runPgTool('pg_dump', [...args, `--file=${temp}`], url, options);
      return cases;
    } finally {
      await client.query('ROLLBACK');
    }
  });
}

/** Lists the archive's contents, which fails unless pg_restore can read it. */
async function readArchiveList(file: string, url: string, options: PgToolOptions): Promise<void> {
  let list: string;
  try {
    list = await runPgTool('pg_restore', ['--list', file], url, options);
  } catch (error) {
    if (!(error instanceof BackupError) || error.code !== 'tool-failed') throw error;
    throw new BackupError(
      'not-a-postgres-dump',
      `${file} is not a pg_dump archive in custom format (${error.message}). Pass a file ` +
        'written by "casebook backup" from PostgreSQL; a SQLite database is copied into ' +
        'PostgreSQL with "casebook migrate".',
      { cause: error },
    );
  }
  if (/ TABLE \S+ kysely_migration /.test(list)) return;
  throw new BackupError(
    'not-a-casebook-database',
    `${file} is not a casebook backup (it has no kysely_migration table). ` +
      'Pass a backup written by casebook.',
  );
}

async function rejectFilledDatabase(url: string): Promise<void> {
  const tables = await withClient(url, async (client) => {
    const result = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    return result.rows[0]!.n;
  });
  if (tables === 0) return;
  throw new BackupError(
    'database-not-empty',
    `Database ${describeLocation(url)} already contains ${tables} tables. Pass --force to ` +
      'replace them with the backup, after stopping any "casebook serve" that uses it.',
  );
}

async function requireCasebookSchema(client: pg.ClientBase, url: string): Promise<void> {
  const result = await client.query<{ found: boolean }>(
    "SELECT to_regclass('kysely_migration') IS NOT NULL AS found",
  );
  if (result.rows[0]!.found) return;
  throw new BackupError(
    'not-a-casebook-database',
    `${describeLocation(url)} is not a casebook database (it has no kysely_migration table). ` +
      'Pass --db with the database to back up.',
  );
}

async function countCases(client: pg.ClientBase): Promise<number> {
  const result = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
  return result.rows[0]!.n;
}

/** Connects one client to `url`, runs `work` and always disconnects. */
async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  parsePostgresUrl(url);
  const client = new pg.Client({ connectionString: url });
  // A connection the server ends must not surface as an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BackupError(
      'copy-failed',
      `Cannot connect to PostgreSQL at ${describeLocation(url)}: ${reason}. Check --db or ` +
        'CASEBOOK_DATABASE_URL, and that the server is running.',
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function summarize(
  restored: string,
  archive: string,
  cases: number,
  started: number,
): BackupSummary {
  const seconds = Math.round(performance.now() - started) / 1000;
  return { file: restored, bytes: statSync(archive).size, cases, seconds };
}
