import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { openStore, type Store } from '../../store/index.js';
import { CopyError } from '../../store/copy-errors.js';
import { copyDatabase, type CopySummary } from '../../store/copy-database.js';
import type { TableComparison } from '../../store/verify-copy.js';
import { describeLocation, isPostgresUrl } from '../../store/location.js';
import { rebuildSearchIndex } from '../../search/reindex.js';
import { segmentationChanged, segmentationWarning } from '../../search/segmentation-check.js';
import { CliError, writeJson, writeLines, type CliIO, type GlobalOptions } from '../io.js';
import { parseCount } from '../counts.js';

interface MigrateOptions extends GlobalOptions {
  from: string;
  to: string;
  batchSize: string;
}

/** The two databases of a migration. */
interface Endpoints {
  sqlitePath: string;
  postgresUrl: string;
}

const SUPPORTED =
  'casebook migrate copies a SQLite database into PostgreSQL only: pass ' +
  '--from sqlite:PATH --to postgres://USER:PASSWORD@HOST:PORT/DATABASE';

/** Registers `casebook migrate`. */
export function registerMigrate(program: Command, io: CliIO): void {
  program
    .command('migrate')
    .description('copy a SQLite database into an empty PostgreSQL database and verify the copy')
    .requiredOption('--from <location>', 'source database, as sqlite:PATH')
    .requiredOption('--to <url>', 'empty target database, as postgres://USER:PASSWORD@HOST/NAME')
    .option('--batch-size <rows>', 'rows per INSERT statement', '500')
    .action(async (options: MigrateOptions) => {
      const global = { ...program.opts<GlobalOptions>(), ...options };
      const endpoints = parseEndpoints(options.from, options.to, io.cwd);
      const batchSize = parseBatchSize(options.batchSize);
      const summary = await migrate(endpoints, batchSize);
      const to = describeLocation(endpoints.postgresUrl);

      if (global.json) {
        writeJson(io, { from: endpoints.sqlitePath, to, ...summary });
      } else {
        printSummary(io, endpoints.sqlitePath, to, summary);
      }
      if (!summary.ok) throw mismatchError(summary, to);
    });
}

/** Checks that `--from` names a SQLite file and `--to` a PostgreSQL URL. */
function parseEndpoints(from: string, to: string, cwd: string): Endpoints {
  const prefix = /^sqlite:/i;
  if (!prefix.test(from) || !isPostgresUrl(to)) {
    throw new CliError(
      `${SUPPORTED} (received --from ${describeValue(from)} --to ${describeValue(to)}).`,
      2,
    );
  }

  const file = from.replace(prefix, '');
  if (file === '' || file === ':memory:') {
    throw new CliError(`${SUPPORTED}. "${from}" names no database file.`, 2);
  }
  const sqlitePath = path.resolve(cwd, file);
  if (!existsSync(sqlitePath)) {
    throw new CliError(
      `Source database ${sqlitePath} does not exist. Pass --from sqlite:PATH with an existing casebook database.`,
    );
  }
  return { sqlitePath, postgresUrl: to };
}

// Any URL loses its password, and a value that is not a URL but mentions a password (a libpq
// connection string, say) is not shown at all.
function describeValue(value: string): string {
  if (isPostgresUrl(value)) return describeLocation(value);
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url?.password) {
    url.password = '***';
    return `"${url.toString()}"`;
  }
  return /password/i.test(value) ? '(a value containing a password, not shown)' : `"${value}"`;
}

function parseBatchSize(value: string): number {
  return parseCount(value, '--batch-size');
}

async function migrate(endpoints: Endpoints, batchSize: number): Promise<CopySummary> {
  const source = await openStore({ path: endpoints.sqlitePath });
  let target: Store | undefined;
  try {
    // The copy is checked against the target's rebuilt index, which this version's segmentation
    // makes: a source indexed by another one would differ in every term count.
    if (await segmentationChanged(source)) {
      throw new CliError(
        `${segmentationWarning(endpoints.sqlitePath)} Run "casebook --db ${endpoints.sqlitePath} ` +
          'reindex" first, then migrate again.',
      );
    }
    target = await openStore({ path: endpoints.postgresUrl });
    return await copyDatabase(source, target, { batchSize, rebuildSearchIndex });
  } catch (error) {
    if (error instanceof CopyError) throw new CliError(error.message);
    throw error;
  } finally {
    await target?.close();
    await source.close();
  }
}

function printSummary(io: CliIO, from: string, to: string, summary: CopySummary): void {
  const nameWidth = Math.max(5, ...summary.tables.map((table) => table.name.length));
  const header = `${'table'.padEnd(nameWidth)}  ${'rows'.padStart(9)}  ${'checksum'.padEnd(16)}  ok`;
  const rows = summary.tables.map((table) => {
    const status = table.ok ? 'ok' : `MISMATCH (target: ${table.targetRows} rows)`;
    const digest = table.checksum.slice(0, 16);
    return `${table.name.padEnd(nameWidth)}  ${String(table.rows).padStart(9)}  ${digest}  ${status}`;
  });
  writeLines(io.stdout, [
    `Copied ${from} into ${to} in ${summary.seconds} s. Its search index contains ${summary.indexedCases} cases.`,
    '',
    header,
    ...rows,
  ]);
}

function mismatchError(summary: CopySummary, to: string): CliError {
  const failed = summary.tables.filter((table) => !table.ok);
  const details = failed.map(describeMismatch).join('; ');
  const advice = failed.every((table) => table.name === 'term_stats')
    ? 'Every other table matches. The target rebuilt its term counts from its cases, so search ' +
      'there uses counts that agree with them.'
    : 'Drop and create the target database, then run migrate again.';
  return new CliError(
    `The copy in ${to} differs from the source in ${failed.length} table(s) (${details}). ${advice}`,
  );
}

function describeMismatch(table: TableComparison): string {
  // The target's term statistics come from rebuilding its search index, not from the copy.
  if (table.name === 'term_stats') {
    return "term_stats: the source's term counts differ from those of the rebuilt search index";
  }
  if (table.rows === table.targetRows) {
    return `${table.name}: ${table.rows} rows, different checksum`;
  }
  return `${table.name}: ${table.rows} rows in the source, ${table.targetRows} in the target`;
}
