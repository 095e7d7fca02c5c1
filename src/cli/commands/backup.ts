import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import {
  BackupError,
  backupDatabase,
  restoreDatabase,
  type BackupErrorCode,
  type BackupSummary,
} from '../../store/backup.js';
import { describeLocation, isPostgresUrl } from '../../store/location.js';
import { backupPostgres, restorePostgres } from '../../store/postgres-backup.js';
import {
  CliError,
  resolveDbPath,
  writeJson,
  writeLines,
  type CliIO,
  type GlobalOptions,
} from '../io.js';

interface BackupOptions extends GlobalOptions {
  out: string;
  force?: boolean;
}

interface RestoreOptions extends GlobalOptions {
  force?: boolean;
}

// Errors in the paths given on the command line are invalid usage (exit code 2). The others are
// failed work (exit code 1).
const USAGE_ERRORS: ReadonlySet<BackupErrorCode> = new Set(['same-file']);

/** Registers `casebook backup` and `casebook restore`. */
export function registerBackup(program: Command, io: CliIO): void {
  program
    .command('backup')
    .description(
      'copy the database to a file while it may be in use, and verify the copy (pg_dump on PostgreSQL)',
    )
    .requiredOption('-o, --out <file>', 'backup file to write')
    .option('--force', 'replace the backup file when it exists')
    .action(async (options: BackupOptions) => {
      const global = { ...program.opts<GlobalOptions>(), ...options };
      const source = resolveDbPath(global, io);
      const copyOptions = { force: options.force, searchPath: io.env.PATH };
      const summary = await runCopy(() =>
        isPostgresUrl(source)
          ? backupPostgres(source, options.out, copyOptions)
          : backupDatabase(source, options.out, copyOptions),
      );
      printSummary(io, global, summary, `Backed up ${summary.cases} cases to ${summary.file}`);
    });

  program
    .command('restore')
    .description('replace the database with a backup file; stop any "casebook serve" on it first')
    .argument('<file>', 'backup file written by "casebook backup"')
    .option('--force', 'replace the database when it exists')
    .action(async (file: string, options: RestoreOptions) => {
      const global = { ...program.opts<GlobalOptions>(), ...options };
      const target = resolveDbPath(global, io);
      const postgres = isPostgresUrl(target);
      if (options.force && (postgres || existsSync(target))) {
        io.stderr.write(
          `Warning: stop any "casebook serve" that uses ${describeLocation(target)} before restoring over it.\n`,
        );
      }
      const copyOptions = { force: options.force, searchPath: io.env.PATH };
      const summary = await runCopy(() =>
        postgres
          ? restorePostgres(file, target, copyOptions)
          : restoreDatabase(file, target, copyOptions),
      );
      printSummary(io, global, summary, `Restored ${summary.cases} cases into ${summary.file}`);
    });
}

async function runCopy(copy: () => Promise<BackupSummary>): Promise<BackupSummary> {
  try {
    return await copy();
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    throw new CliError(error.message, USAGE_ERRORS.has(error.code) ? 2 : 1);
  }
}

function printSummary(
  io: CliIO,
  options: GlobalOptions,
  summary: BackupSummary,
  headline: string,
): void {
  if (options.json) {
    writeJson(io, summary);
    return;
  }
  writeLines(io.stdout, [`${headline} (${summary.bytes} bytes, ${summary.seconds} s).`]);
}
