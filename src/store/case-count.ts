import type { Store } from './open.js';

// Counting a million rows takes about 10 ms, too much to repeat for every query, so the count is
// kept per store until this process writes cases again. Another process's writes show after at
// most MAX_AGE_MS.
const MAX_AGE_MS = 5000;
const cache = new WeakMap<Store, { count: number; at: number }>();

/** Returns the number of stored cases, cached for a few seconds. */
export function countStoredCases(store: Store): number {
  const cached = cache.get(store);
  if (cached && Date.now() - cached.at < MAX_AGE_MS) return cached.count;

  const row = store.sqlite.prepare('SELECT count(*) AS n FROM cases').get() as { n: number };
  cache.set(store, { count: row.n, at: Date.now() });
  return row.n;
}

/** Drops the cached count after this process added or removed cases. */
export function forgetCaseCount(store: Store): void {
  cache.delete(store);
}
