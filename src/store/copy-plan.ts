import type { Store } from './open.js';
import { CopyError } from './copy-errors.js';

/**
 * The tables that `copyDatabase` copies, each after the tables its foreign keys point at:
 * `users` before `cases` (customer_id), `cases` before `messages`, `vault_entries` and
 * `intake_requests`, and `users` before `sessions` and `api_tokens`. `planCopy` rejects a
 * source table missing from this list, so a new migration's table cannot be left behind.
 */
export const COPY_ORDER: readonly string[] = [
  'sources',
  'users',
  'cases',
  'messages',
  'categories',
  'category_terms',
  'import_runs',
  'settings',
  'term_stats',
  'faq_entries',
  'vault_entries',
  'vault_reveals',
  'sessions',
  'api_tokens',
  'intake_requests',
  'audit_log',
  'rate_limits',
  'import_uploads',
  'message_requests',
];

/** The columns, primary key and sequences of one copied table. */
export interface TablePlan {
  name: string;
  /** Columns in the source's order. The target has every one of them. */
  columns: string[];
  /** Primary-key columns in key order. */
  key: string[];
  /** Key columns of type text on the target. */
  textKey: string[];
  /** Target columns filled from a sequence, which must be moved past the copied values. */
  serial: string[];
}

interface SourceColumn {
  name: string;
  pk: number;
}

interface TargetColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  column_default: string | null;
}

/**
 * Lists the columns, primary keys and sequences of every copied table, and rejects a source
 * table that the copy would leave behind or a source column that the target lacks.
 */
export async function planCopy(source: Store, target: Store): Promise<TablePlan[]> {
  await rejectUnknownTables(source);
  const targetColumns = await target.sql.all<TargetColumn>(
    `SELECT table_name, column_name, data_type, column_default
     FROM information_schema.columns WHERE table_schema = current_schema()`,
  );

  const plans: TablePlan[] = [];
  for (const name of COPY_ORDER) {
    const columns = await source.sql.all<SourceColumn>(
      'SELECT name, pk FROM pragma_table_info(?) ORDER BY cid',
      [name],
    );
    const onTarget = targetColumns.filter((column) => column.table_name === name);
    plans.push(planTable(name, columns, onTarget, target.location));
  }
  return plans;
}

function planTable(
  name: string,
  columns: SourceColumn[],
  onTarget: TargetColumn[],
  targetLocation: string,
): TablePlan {
  const missing = columns.filter(
    (column) => !onTarget.some((found) => found.column_name === column.name),
  );
  if (columns.length === 0 || missing.length > 0) {
    const problem =
      columns.length === 0
        ? 'is missing in the source'
        : `lacks column(s) ${missing.map((column) => column.name).join(', ')} in ${targetLocation}`;
    throw new CopyError(
      'missing-column',
      `Table ${name} ${problem}, so the two schemas differ. Run both databases with the same casebook version.`,
    );
  }

  const key = columns
    .filter((column) => column.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((column) => column.name);
  if (key.length === 0) {
    throw new CopyError(
      'missing-primary-key',
      `Table ${name} has no primary key in the source, so its rows cannot be compared in a fixed order.`,
    );
  }

  const textKey = onTarget
    .filter((column) => key.includes(column.column_name) && column.data_type === 'text')
    .map((column) => column.column_name);
  const serial = onTarget
    .filter((column) => column.column_default?.startsWith('nextval(') ?? false)
    .map((column) => column.column_name);
  return { name, columns: columns.map((column) => column.name), key, textKey, serial };
}

// Kysely's migration bookkeeping is written by openStore on each side. The FTS5 index
// (`case_search`, its shadow tables and the `case_search_terms` vocabulary) cannot be read back
// from a contentless table, and the target rebuilds its own index from the copied cases.
function isSkippedTable(name: string): boolean {
  return name.startsWith('kysely_') || name === 'case_search' || name.startsWith('case_search_');
}

async function rejectUnknownTables(source: Store): Promise<void> {
  const tables = await source.sql.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const known = new Set<string>(COPY_ORDER);
  const unknown = tables
    .map((table) => table.name)
    .filter((name) => !known.has(name) && !isSkippedTable(name));
  if (unknown.length === 0) return;
  throw new CopyError(
    'unknown-table',
    `${source.location} has table(s) ${unknown.join(', ')} that migrate does not copy, so their ` +
      'rows would be lost. Remove them from the source, or use a casebook version that copies them.',
  );
}
