import pg from 'pg';
import type { SqlDatabase, SqlExecutor, SqlParams } from './sql-executor.js';

// count(*) and sums come back as int8 and averages as numeric; both fit a JavaScript number
// for every figure casebook keeps.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** SQLSTATE codes after which a transaction can simply be run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

/** Numbers the `?` markers of a statement as `$1`, `$2`…, leaving quoted text alone. */
export function numberParameters(text: string): string {
  let index = 0;
  let out = '';
  let quoted = false;
  for (const char of text) {
    if (char === "'") quoted = !quoted;
    out += char === '?' && !quoted ? `$${++index}` : char;
  }
  return out;
}

class ClientExecutor implements SqlExecutor {
  readonly dialect = 'postgres' as const;
  readonly #texts = new Map<string, string>();

  constructor(private readonly client: pg.Pool | pg.PoolClient) {}

  #text(text: string): string {
    let numbered = this.#texts.get(text);
    if (numbered === undefined) {
      numbered = numberParameters(text);
      this.#texts.set(text, numbered);
    }
    return numbered;
  }

  async all<Row>(text: string, params: SqlParams = []): Promise<Row[]> {
    const result = await this.client.query(this.#text(text), params as unknown[]);
    return result.rows as Row[];
  }

  async get<Row>(text: string, params: SqlParams = []): Promise<Row | undefined> {
    return (await this.all<Row>(text, params))[0];
  }

  async run(text: string, params: SqlParams = []): Promise<number> {
    const result = await this.client.query(this.#text(text), params as unknown[]);
    return result.rowCount ?? 0;
  }
}

/** The PostgreSQL executor over a connection pool; each transaction takes its own connection. */
export class PostgresExecutor extends ClientExecutor implements SqlDatabase {
  constructor(readonly pool: pg.Pool) {
    super(pool);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const client = await this.pool.connect();
      let failed = false;
      try {
        await client.query('BEGIN');
        const result = await work(new ClientExecutor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        failed = true;
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (error as { code?: string }).code ?? '';
        if (!RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
      } finally {
        // A connection that saw an error may be broken (a server restart, say): drop it.
        client.release(failed);
      }
    }
  }

  async close(): Promise<void> {
    // The pool is shared with Kysely, which ends it.
  }
}
