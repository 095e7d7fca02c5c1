import { createHmac, randomBytes } from 'node:crypto';
import type { SqlExecutor } from './sql-executor.js';

/** A client's request count in its current window. */
export interface RateCount {
  count: number;
  /** When the window started, in milliseconds since the epoch. */
  windowStart: number;
}

/**
 * Counts one request under `key` and returns the count in the current window. A window older
 * than `windowMs` starts again at 1. The count is one upsert, which PostgreSQL runs atomically
 * per row, so two instances counting the same key at once both count.
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

const SALT_SETTING = 'rate-limit.key-salt';

/**
 * Returns the database's secret for counter keys, created on first use. Every instance on the
 * database reads the same one, so they count a client under the same key.
 */
export async function counterSalt(sql: SqlExecutor): Promise<string> {
  await sql.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [
    SALT_SETTING,
    randomBytes(32).toString('base64url'),
  ]);
  const row = await sql.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
    SALT_SETTING,
  ]);
  return row!.value;
}

/**
 * Builds the stored key of a client's counter: the route, then an HMAC of the client key (its
 * address), so the table contains no IP address and a leaked table cannot be reversed by trying
 * every IPv4 address.
 */
export function counterKey(salt: string, route: string, client: string): string {
  return `${route}|${createHmac('sha256', salt).update(client).digest('base64url')}`;
}
