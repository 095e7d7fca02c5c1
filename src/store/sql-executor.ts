import type { Dialect } from './dialect.js';

/** Parameters of a statement, bound to its `?` markers in order. */
export type SqlParams = ReadonlyArray<unknown>;

/**
 * Runs hand-written SQL on either engine. Statements use `?` markers; the PostgreSQL executor
 * numbers them. The hot paths (bulk import, search, the category model) use this rather than
 * Kysely, because on SQLite it reuses prepared statements.
 */
export interface SqlExecutor {
  readonly dialect: Dialect;
  /** Returns every row. */
  all<Row>(text: string, params?: SqlParams): Promise<Row[]>;
  /** Returns the first row, or undefined. */
  get<Row>(text: string, params?: SqlParams): Promise<Row | undefined>;
  /** Runs a statement and returns the number of rows it changed. */
  run(text: string, params?: SqlParams): Promise<number>;
}

/** Options of {@link SqlDatabase.transaction}. */
export interface TransactionOptions {
  /**
   * The transaction writes a large share of the database, such as a big import. SQLite then
   * writes it through a rollback journal instead of the write-ahead log when no other connection
   * has the file open; PostgreSQL ignores it.
   */
  bulk?: boolean;
}

/** An executor that can open a transaction. */
export interface SqlDatabase extends SqlExecutor {
  /**
   * Runs `work` in a write transaction and commits when it resolves, or rolls back when it
   * throws. On SQLite the transactions of one process run one at a time. On PostgreSQL each has
   * its own connection, and a serialization failure or deadlock is retried.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/** Adds `FOR UPDATE` on PostgreSQL, where concurrent writers lock the rows they read. */
export function forUpdate(executor: SqlExecutor): string {
  return executor.dialect === 'postgres' ? ' FOR UPDATE' : '';
}
