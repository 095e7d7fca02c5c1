import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** Stable codes of backup and restore errors. */
export type BackupErrorCode =
  | 'database-not-found'
  | 'backup-not-found'
  | 'same-file'
  | 'file-exists'
  | 'database-in-use'
  | 'not-a-sqlite-database'
  | 'not-a-casebook-database'
  | 'integrity-check-failed'
  | 'case-count-mismatch'
  | 'copy-failed'
  | 'tool-not-found'
  | 'tool-failed'
  | 'not-a-postgres-dump'
  | 'database-not-empty'
  | 'unsupported-url';

/** An error of a backup or a restore, on SQLite or PostgreSQL, with a stable code. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BackupError';
  }
}

/** The outcome of a backup or a restore. */
export interface BackupSummary {
  /**
   * Absolute path of the file written: the backup, or the restored database. A restored
   * PostgreSQL database is given by its URL without the password.
   */
  file: string;
  bytes: number;
  cases: number;
  seconds: number;
}

/** Options of {@link backupDatabase} and {@link restoreDatabase}. */
export interface CopyOptions {
  /** Replace the destination file when it exists. */
  force?: boolean;
}

type Sqlite = BetterSqlite3.Database;

// SQLite's sidecar files. A stale one next to a replaced database could be applied to the new one.
const SIDECARS = ['-wal', '-shm', '-journal'];

/**
 * Copies the casebook database `source` to `destination` with SQLite's online backup API, while
 * other connections may read and write it, and verifies the copy before it takes the final name.
 */
export async function backupDatabase(
  source: string,
  destination: string,
  options: CopyOptions = {},
): Promise<BackupSummary> {
  const started = performance.now();
  const sourceFile = path.resolve(source);
  const file = path.resolve(destination);
  if (!existsSync(sourceFile)) {
    throw new BackupError(
      'database-not-found',
      `Database ${sourceFile} does not exist. Pass --db with the database to back up.`,
    );
  }
  rejectSameFile(sourceFile, file, 'the backup', '--out');
  rejectExisting(file, options, `Backup file ${file} already exists. Pass --force to replace it`);

  const db = openReadonly(sourceFile);
  let temp: string;
  let cases: number;
  try {
    requireCasebookSchema(db, sourceFile);
    ({ temp, cases } = await copyToTemp(db, sourceFile, file));
  } finally {
    db.close();
  }

  moveIntoPlace(temp, file);
  return summarize(file, cases, started);
}

/**
 * Replaces the database `target` with a verified copy of `backup`, after checking that `backup`
 * is an intact casebook database and that no other process has `target` open.
 */
export async function restoreDatabase(
  backup: string,
  target: string,
  options: CopyOptions = {},
): Promise<BackupSummary> {
  const started = performance.now();
  const backupFile = path.resolve(backup);
  const file = path.resolve(target);
  if (!existsSync(backupFile)) {
    throw new BackupError(
      'backup-not-found',
      `Backup file ${backupFile} does not exist. Pass a file written by "casebook backup".`,
    );
  }
  rejectSameFile(backupFile, file, 'the restored database', '--db');
  rejectExisting(file, options, `Database ${file} already exists. Pass --force to replace it`);
  if (existsSync(file)) rejectDatabaseInUse(file);

  const db = openReadonly(backupFile);
  let temp: string;
  let cases: number;
  try {
    checkIntegrity(db, backupFile);
    requireCasebookSchema(db, backupFile);
    ({ temp, cases } = await copyToTemp(db, backupFile, file));
  } finally {
    db.close();
  }

  // NOTE: a process that opens the target after the in-use check keeps using the replaced file.
  // Its writes are then lost, so `casebook serve` must be stopped first.
  removeSidecars(file);
  moveIntoPlace(temp, file);
  return summarize(file, cases, started);
}

function rejectSameFile(source: string, destination: string, role: string, option: string): void {
  const real = (file: string) => (existsSync(file) ? realpathSync(file) : file);
  if (real(source) !== real(destination)) return;
  throw new BackupError(
    'same-file',
    `${destination} is both the source and ${role}. Pass another path with ${option}.`,
  );
}

function rejectExisting(file: string, options: CopyOptions, message: string): void {
  if (options.force || !existsSync(file)) return;
  throw new BackupError('file-exists', `${message}, or choose another path.`);
}

/**
 * Rejects a target that another connection has open. In WAL mode, which casebook uses, a
 * connection keeps a shared lock from its first read until it closes, so an exclusive lock fails.
 */
function rejectDatabaseInUse(file: string): void {
  let db: Sqlite;
  try {
    db = new BetterSqlite3(file, { fileMustExist: true, timeout: 0 });
  } catch (error) {
    throw cannotOpen(file, error);
  }

  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    // Other failures, such as a damaged target, do not mean that it is in use.
    if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED')) return;
    throw new BackupError(
      'database-in-use',
      `Database ${file} is open in another process, such as "casebook serve". ` +
        'Stop that process, then run restore again.',
      { cause: error },
    );
  } finally {
    db.close();
  }
}

function openReadonly(file: string): Sqlite {
  try {
    return new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw cannotOpen(file, error);
  }
}

function requireCasebookSchema(db: Sqlite, file: string): void {
  const found = readOrReject(file, () =>
    db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'")
      .get(),
  );
  if (found !== undefined) return;
  throw new BackupError(
    'not-a-casebook-database',
    `${file} is not a casebook database (it has no kysely_migration table). ` +
      'Pass a database or a backup written by casebook.',
  );
}

function checkIntegrity(db: Sqlite, file: string): void {
  const result = readOrReject(file, () => db.pragma('integrity_check', { simple: true }));
  if (result === 'ok') return;
  throw new BackupError(
    'integrity-check-failed',
    `${file} failed the SQLite integrity check (${String(result)}). Use another backup file.`,
  );
}

function countCases(db: Sqlite, file: string): number {
  const row = readOrReject(file, () => db.prepare('SELECT count(*) AS n FROM cases').get());
  return (row as { n: number }).n;
}

/** Runs a read of `file`, turning SQLite errors into errors that name the file. */
function readOrReject<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof BetterSqlite3.SqliteError)) throw error;
    if (error.code === 'SQLITE_NOTADB') {
      throw new BackupError(
        'not-a-sqlite-database',
        `${file} is not a SQLite database. Pass a database or a backup written by casebook.`,
        { cause: error },
      );
    }
    throw new BackupError('copy-failed', `Cannot read ${file}: ${error.message}.`, {
      cause: error,
    });
  }
}

/**
 * Copies `db` into a temporary file next to `destination`, verifies the copy and returns its
 * path with the case count. The temporary file is removed when any step fails.
 */
async function copyToTemp(
  db: Sqlite,
  sourceFile: string,
  destination: string,
): Promise<{ temp: string; cases: number }> {
  mkdirSync(path.dirname(destination), { recursive: true });
  const temp = `${destination}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const cases = await snapshot(db, sourceFile, temp);
    useRollbackJournal(temp);
    verifyCopy(temp, destination, cases);
    return { temp, cases };
  } catch (error) {
    removeWithSidecars(temp);
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      'copy-failed',
      `Copying ${sourceFile} to ${destination} failed: ${reason(error)}. ` +
        `Check the free space and permissions of ${path.dirname(destination)}.`,
      { cause: error },
    );
  }
}

/**
 * Counts the cases and copies every page inside one read transaction, so both see the same
 * snapshot. In WAL mode, commits by other connections after it started are not part of it.
 */
async function snapshot(db: Sqlite, sourceFile: string, temp: string): Promise<number> {
  db.exec('BEGIN');
  try {
    const cases = countCases(db, sourceFile);
    await db.backup(temp);
    return cases;
  } finally {
    db.exec('COMMIT');
  }
}

/**
 * Switches the copy from WAL to a rollback journal. The backup API copies the WAL flag of the
 * source header, and a WAL-mode file opened read-only leaves `-wal` and `-shm` files behind.
 */
function useRollbackJournal(file: string): void {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

function verifyCopy(temp: string, destination: string, expectedCases: number): void {
  const db = new BetterSqlite3(temp, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') {
      throw new BackupError(
        'integrity-check-failed',
        `The copy for ${destination} failed the SQLite integrity check (${String(result)}), ` +
          'so nothing was written. Check the source database and the disk, then try again.',
      );
    }
    const cases = countCases(db, temp);
    if (cases !== expectedCases) {
      throw new BackupError(
        'case-count-mismatch',
        `The copy for ${destination} has ${cases} cases but the source had ${expectedCases}, ` +
          'so nothing was written. Try again.',
      );
    }
  } finally {
    db.close();
  }
}

/** Renames `temp` to `file`, which replaces an existing file in one step on POSIX systems. */
function moveIntoPlace(temp: string, file: string): void {
  try {
    renameSync(temp, file);
  } catch (error) {
    removeWithSidecars(temp);
    throw new BackupError(
      'copy-failed',
      `Cannot rename the verified copy to ${file}: ${reason(error)}.`,
      { cause: error },
    );
  }
  syncFolder(path.dirname(file));
}

// The rename is durable only once the folder entry is on disk.
function syncFolder(folder: string): void {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(folder, 'r');
    fsyncSync(descriptor);
  } catch (error) {
    // NOTE: checked on Linux only. A platform that cannot open or fsync a folder reports one of
    // these codes, and the rename is then left without a folder fsync.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

function removeSidecars(file: string): void {
  for (const suffix of SIDECARS) rmSync(`${file}${suffix}`, { force: true });
}

/** Removes a SQLite database file and its sidecar files, those that exist. */
export function removeWithSidecars(file: string): void {
  rmSync(file, { force: true });
  removeSidecars(file);
}

function summarize(file: string, cases: number, started: number): BackupSummary {
  const seconds = Math.round(performance.now() - started) / 1000;
  return { file, bytes: statSync(file).size, cases, seconds };
}

function cannotOpen(file: string, error: unknown): BackupError {
  return new BackupError(
    'copy-failed',
    `Cannot open ${file}: ${reason(error)}. Check the path and its permissions.`,
    { cause: error },
  );
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
