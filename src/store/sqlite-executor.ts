import type BetterSqlite3 from 'better-sqlite3';
import type { SqlDatabase, SqlExecutor, SqlParams } from './sql-executor.js';

const MAX_CACHED_STATEMENTS = 2000;

/**
 * The SQLite executor: statements are prepared once and cached by their text. Calls run
 * synchronously and return settled promises. Transactions queue behind each other, because the
 * one connection can hold only one.
 */
export class SqliteExecutor implements SqlDatabase {
  readonly dialect = 'sqlite' as const;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  #tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly sqlite: BetterSqlite3.Database) {}

  prepare(text: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(text);
    if (!statement) {
      // Statements with generated IN lists vary in text; a bound keeps the cache from growing.
      if (this.#statements.size >= MAX_CACHED_STATEMENTS) this.#statements.clear();
      statement = this.sqlite.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  async all<Row>(text: string, params: SqlParams = []): Promise<Row[]> {
    return this.prepare(text).all(...params) as Row[];
  }

  async get<Row>(text: string, params: SqlParams = []): Promise<Row | undefined> {
    return this.prepare(text).get(...params) as Row | undefined;
  }

  async run(text: string, params: SqlParams = []): Promise<number> {
    const statement = this.prepare(text);
    if (!statement.reader) return statement.run(...params).changes;
    statement.all(...params);
    return 0;
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      // IMMEDIATE takes the write lock at BEGIN, so two processes on one file never interleave.
      this.sqlite.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this);
        this.sqlite.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
        throw error;
      }
    };
    const result = this.#tail.then(run, run);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.#statements.clear();
  }
}
