import type { SqlExecutor } from './sql-executor.js';
import { LOCKS } from './advisory-lock.js';

/** One row of the search change log: a case whose search document was written or removed. */
export interface SearchChange {
  seq: number;
  caseId: number;
}

// The log keeps this many of the newest rows. A reader further behind finds more changes than
// it applies one by one, and rebuilds its index instead.
const KEPT_CHANGES = 200_000;
const ROWS_PER_STATEMENT = 500;
const PRUNE_EVERY = 50_000;

/**
 * Appends the cases whose search document changed, inside the transaction that changed them.
 * On PostgreSQL the writer first takes a transaction-level advisory lock, so a row with a lower
 * number never commits after one with a higher number, and a reader that remembers the last
 * number it saw misses nothing. SQLite runs one write transaction at a time anyway.
 */
export async function logSearchChanges(sql: SqlExecutor, caseIds: number[]): Promise<void> {
  if (caseIds.length === 0) return;
  if (sql.dialect === 'postgres') {
    await sql.run('SELECT pg_advisory_xact_lock(?)', [LOCKS.searchChanges]);
    await sql.run(
      'INSERT INTO case_search_changes (case_id) SELECT * FROM unnest(CAST(? AS integer[]))',
      [caseIds],
    );
  } else {
    for (let start = 0; start < caseIds.length; start += ROWS_PER_STATEMENT) {
      const chunk = caseIds.slice(start, start + ROWS_PER_STATEMENT);
      await sql.run(
        `INSERT INTO case_search_changes (case_id) VALUES ${chunk.map(() => '(?)').join(', ')}`,
        chunk,
      );
    }
  }
  // Old rows are trimmed each time the numbers pass a multiple of PRUNE_EVERY.
  const newest = await latestSearchChange(sql);
  const crossed =
    Math.floor(newest / PRUNE_EVERY) > Math.floor((newest - caseIds.length) / PRUNE_EVERY);
  if (crossed && newest > KEPT_CHANGES) {
    await sql.run('DELETE FROM case_search_changes WHERE seq <= ?', [newest - KEPT_CHANGES]);
  }
}

/** Returns the number of the newest change, 0 when the log is empty. */
export async function latestSearchChange(sql: SqlExecutor): Promise<number> {
  const row = await sql.get<{ seq: number | string | null }>(
    'SELECT max(seq) AS seq FROM case_search_changes',
  );
  return Number(row?.seq ?? 0);
}

/** Reads up to `limit` changes numbered after `afterSeq`, oldest first. */
export async function readSearchChanges(
  sql: SqlExecutor,
  afterSeq: number,
  limit: number,
): Promise<SearchChange[]> {
  const rows = await sql.all<{ seq: number | string; case_id: number }>(
    'SELECT seq, case_id FROM case_search_changes WHERE seq > ? ORDER BY seq LIMIT ?',
    [afterSeq, limit],
  );
  return rows.map((row) => ({ seq: Number(row.seq), caseId: row.case_id }));
}
