import type { SqlExecutor } from './sql-executor.js';

/** A client's request count in its current window. */
export interface RateCount {
  count: number;
  /** When the window started, in milliseconds since the epoch. */
  windowStart: number;
}

/**
 * Counts one request under `key` and returns the count in the current window; a window older
 * than `windowMs` starts again at 1. One statement, so instances counting at the same moment
 * never lose a request.
 */
export async function countRequest(
  sql: SqlExecutor,
  key: string,
  windowMs: number,
  now = Date.now(),
): Promise<RateCount> {
  const row = await sql.get<{ count: number; window_start: number }>(
    `INSERT INTO rate_limits (key, count, window_start) VALUES (?, 1, ?)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN rate_limits.window_start + ? <= excluded.window_start THEN 1
                    ELSE rate_limits.count + 1 END,
       window_start = CASE WHEN rate_limits.window_start + ? <= excluded.window_start
                           THEN excluded.window_start ELSE rate_limits.window_start END
     RETURNING count, window_start`,
    [key, now, windowMs, windowMs],
  );
  return { count: row!.count, windowStart: Number(row!.window_start) };
}

/** Reads the count under `key` without counting a request; 0 when its window has passed. */
export async function readRequestCount(
  sql: SqlExecutor,
  key: string,
  windowMs: number,
  now = Date.now(),
): Promise<RateCount> {
  const row = await sql.get<{ count: number; window_start: number }>(
    'SELECT count, window_start FROM rate_limits WHERE key = ?',
    [key],
  );
  if (!row || Number(row.window_start) + windowMs <= now) return { count: 0, windowStart: now };
  return { count: row.count, windowStart: Number(row.window_start) };
}

/** Deletes counters whose window ended before `before` (milliseconds since the epoch). */
export async function deleteOldCounts(sql: SqlExecutor, before: number): Promise<number> {
  return sql.run('DELETE FROM rate_limits WHERE window_start < ?', [before]);
}
