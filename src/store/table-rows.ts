import type { Store } from './open.js';
import type { TablePlan } from './copy-plan.js';

/** One page of rows, each an array of values in the order of `TablePlan.columns`. */
export type RowPage = unknown[][];

/** Quotes an SQL identifier for both SQLite and PostgreSQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Reads every row of a table in primary-key order, `pageSize` rows at a time. On PostgreSQL the
 * rows come from one REPEATABLE READ snapshot. On SQLite they come from the connection's
 * current transaction, if it has one.
 */
export function readTablePages(
  store: Store,
  plan: TablePlan,
  pageSize: number,
): AsyncIterable<RowPage> {
  return store.dialect === 'postgres'
    ? readPostgresPages(store, plan, pageSize)
    : readSqlitePages(store, plan, pageSize);
}

/**
 * Builds the SELECT of a table in key order. Text keys sort by byte on PostgreSQL (`COLLATE
 * "C"`), which for UTF-8 is the code-point order that SQLite's default BINARY collation uses.
 */
function selectInKeyOrder(store: Store, plan: TablePlan): string {
  const columns = plan.columns.map(quoteIdentifier).join(', ');
  const order = plan.key
    .map((column) => {
      const quoted = quoteIdentifier(column);
      const byByte = store.dialect === 'postgres' && plan.textKey.includes(column);
      return byByte ? `${quoted} COLLATE "C"` : quoted;
    })
    .join(', ');
  return `SELECT ${columns} FROM ${quoteIdentifier(plan.name)} ORDER BY ${order}`;
}

async function* readSqlitePages(store: Store, plan: TablePlan, pageSize: number) {
  if (!store.sqlite) throw new Error(`${store.location} has no SQLite handle.`);
  const statement = store.sqlite.prepare(selectInKeyOrder(store, plan)).raw(true);

  let page: RowPage = [];
  for (const row of statement.iterate() as IterableIterator<unknown[]>) {
    page.push(row);
    if (page.length < pageSize) continue;
    yield page;
    page = [];
  }
  if (page.length > 0) yield page;
}

// A cursor streams a large table through one sort, where repeated LIMIT queries would sort
// text keys again for each page.
async function* readPostgresPages(store: Store, plan: TablePlan, pageSize: number) {
  if (!store.pool) throw new Error(`${store.location} has no PostgreSQL pool.`);
  const client = await store.pool.connect();
  let open = false;
  let failed = false;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    open = true;
    await client.query(`DECLARE table_rows NO SCROLL CURSOR FOR ${selectInKeyOrder(store, plan)}`);
    for (;;) {
      const result = await client.query({
        text: `FETCH FORWARD ${pageSize} FROM table_rows`,
        rowMode: 'array',
      });
      if (result.rows.length === 0) break;
      yield result.rows as RowPage;
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // Also reached when the consumer stops early. The transaction only read, so ending it with
    // ROLLBACK loses nothing.
    if (open) await client.query('ROLLBACK').catch(() => undefined);
    client.release(failed);
  }
}
