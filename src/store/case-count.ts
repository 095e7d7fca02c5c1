import type { Store } from './open.js';

// Counting a million rows takes about 10 ms, too much to repeat for every query, so the count is
// kept per store until this process writes cases again. Another process's writes show after at
// most MAX_AGE_MS.
const MAX_AGE_MS = 5000;
const cache = new WeakMap<Store, { count: number; at: number }>();

/** Returns the number of stored cases, cached for a few seconds. */
export async function countStoredCases(store: Store): Promise<number> {
  const cached = cache.get(store);
  if (cached && Date.now() - cached.at < MAX_AGE_MS) return cached.count;

  const row = await store.sql.get<{ n: number }>('SELECT count(*) AS n FROM cases');
  const count = row?.n ?? 0;
  cache.set(store, { count, at: Date.now() });
  return count;
}

/** Drops the cached count after this process added or removed cases. */
export function forgetCaseCount(store: Store): void {
  cache.delete(store);
}
