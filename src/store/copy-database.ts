import type { Store } from './open.js';
import type { SqlExecutor } from './sql-executor.js';
import { CopyError } from './copy-errors.js';
import { planCopy, type TablePlan } from './copy-plan.js';
import { quoteIdentifier, readTablePages } from './table-rows.js';
import { compareTables, type TableComparison } from './verify-copy.js';

/** Options of {@link copyDatabase}. */
export interface CopyDatabaseOptions {
  /** Rows per INSERT statement (default 500). */
  batchSize?: number;
  /** Rebuilds the target's search index from its cases and returns the number indexed. */
  rebuildSearchIndex(target: Store): Promise<number>;
}

/** The outcome of {@link copyDatabase}. */
export interface CopySummary {
  tables: TableComparison[];
  /** True when every table has the same row count and checksum on both sides. */
  ok: boolean;
  /** Cases in the rebuilt search index of the target. */
  indexedCases: number;
  seconds: number;
}

const DEFAULT_BATCH_SIZE = 500;

// PostgreSQL numbers bind parameters with a 16-bit integer.
const MAX_PARAMETERS = 65_535;

/**
 * Copies every casebook table of a SQLite store into an empty PostgreSQL store, keeping the
 * ids, then rebuilds the target's search index and compares each table's row count and
 * checksum. The rows are written in one transaction, so a failed copy leaves the target empty.
 * A mismatch is reported in the summary (`ok: false`), not thrown.
 */
export async function copyDatabase(
  source: Store,
  target: Store,
  options: CopyDatabaseOptions,
): Promise<CopySummary> {
  const started = performance.now();
  if (source.dialect !== 'sqlite' || target.dialect !== 'postgres') {
    throw new CopyError(
      'unsupported-engines',
      `Cannot copy ${source.dialect} into ${target.dialect}: only SQLite into PostgreSQL is supported.`,
    );
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const plans = await planCopy(source, target);

  // NOTE: writes that reach the SQLite file after the snapshot starts are not copied, so stop
  // `casebook serve` and imports on the source first.
  return inReadSnapshot(source, async () => {
    await copyRows(source, target, plans, batchSize);
    const indexedCases = await rebuildIndex(target, options);
    const tables = await compareTables(source, target, plans);
    const seconds = Math.round(performance.now() - started) / 1000;
    return { tables, ok: tables.every((table) => table.ok), indexedCases, seconds };
  });
}

/** Runs `work` inside one SQLite read transaction, so every read returns the same snapshot. */
async function inReadSnapshot<T>(store: Store, work: () => Promise<T>): Promise<T> {
  const sqlite = store.sqlite;
  if (!sqlite) throw new Error(`${store.location} has no SQLite handle.`);
  sqlite.exec('BEGIN');
  try {
    return await work();
  } finally {
    if (sqlite.inTransaction) sqlite.exec('COMMIT');
  }
}

async function copyRows(
  source: Store,
  target: Store,
  plans: readonly TablePlan[],
  batchSize: number,
): Promise<void> {
  await target.sql.transaction(async (tx) => {
    // A second migrate into the same database waits here, then finds the rows of the first.
    const tables = plans.map((plan) => quoteIdentifier(plan.name)).join(', ');
    await tx.run(`LOCK TABLE ${tables} IN SHARE ROW EXCLUSIVE MODE`);
    await rejectNonEmptyTarget(tx, plans, target.location);

    for (const plan of plans) {
      try {
        await copyTable(source, tx, plan, batchSize);
      } catch (error) {
        throw new CopyError(
          'copy-failed',
          `Copying table ${plan.name} into ${target.location} failed: ${reason(error)}. ` +
            'Nothing was written, because the copy runs in one transaction.',
          { cause: error },
        );
      }
    }
    for (const plan of plans) await resetSequences(tx, plan);
  });
}

async function rejectNonEmptyTarget(
  tx: SqlExecutor,
  plans: readonly TablePlan[],
  location: string,
): Promise<void> {
  const filled: string[] = [];
  for (const plan of plans) {
    const row = await tx.get(`SELECT 1 AS found FROM ${quoteIdentifier(plan.name)} LIMIT 1`);
    if (row !== undefined) filled.push(plan.name);
  }
  if (filled.length === 0) return;

  const cases = await tx.get<{ n: number }>('SELECT count(*) AS n FROM cases');
  throw new CopyError(
    'target-not-empty',
    `${location} already contains data (${cases?.n ?? 0} cases; rows in ${filled.join(', ')}). ` +
      'migrate copies into an empty database only, so that ids stay unchanged. Pass --to with ' +
      'a new database (createdb NAME), or drop and create this one again.',
  );
}

async function copyTable(
  source: Store,
  tx: SqlExecutor,
  plan: TablePlan,
  batchSize: number,
): Promise<void> {
  const rowsPerStatement = Math.max(
    1,
    Math.min(batchSize, Math.floor(MAX_PARAMETERS / plan.columns.length)),
  );
  const statements = new Map<number, string>();
  for await (const page of readTablePages(source, plan, rowsPerStatement)) {
    let text = statements.get(page.length);
    if (text === undefined) {
      text = insertStatement(plan, page.length);
      statements.set(page.length, text);
    }
    await tx.run(text, page.flat());
  }
}

function insertStatement(plan: TablePlan, rows: number): string {
  const columns = plan.columns.map(quoteIdentifier).join(', ');
  const row = `(${plan.columns.map(() => '?').join(', ')})`;
  const values = Array.from({ length: rows }, () => row).join(', ');
  return `INSERT INTO ${quoteIdentifier(plan.name)} (${columns}) VALUES ${values}`;
}

/**
 * Moves each sequence of a table past the largest copied value, so the next insert without an
 * id does not collide with a copied row. An empty table's sequence starts again at 1.
 */
async function resetSequences(tx: SqlExecutor, plan: TablePlan): Promise<void> {
  const table = quoteIdentifier(plan.name);
  for (const column of plan.serial) {
    await tx.get(
      `SELECT setval(pg_get_serial_sequence(?, ?), coalesce(max(${quoteIdentifier(column)}), 0) + 1, false)
       FROM ${table}`,
      [table, column],
    );
  }
}

async function rebuildIndex(target: Store, options: CopyDatabaseOptions): Promise<number> {
  try {
    return await options.rebuildSearchIndex(target);
  } catch (error) {
    throw new CopyError(
      'search-index-failed',
      `The rows were copied into ${target.location} and committed, but rebuilding its search ` +
        `index failed: ${reason(error)}. Search there may miss cases: drop and create the ` +
        'database again, then run migrate again.',
      { cause: error },
    );
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
