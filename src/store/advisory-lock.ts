import type { Store } from './open.js';

/** Advisory lock keys; one per kind of work that instances must not do at the same time. */
export const LOCKS = {
  /** First start: importing the bundled archive and creating the first admin. */
  startup: 74_201,
  /** Appending to the search change log, so that rows commit in the order of their numbers. */
  searchChanges: 74_202,
} as const;

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so that of several instances starting
 * together only one at a time does it. A single SQLite process needs no lock. The lock belongs
 * to one pooled connection, held for the duration and released even when `work` throws.
 */
export async function withAdvisoryLock<T>(
  store: Store,
  key: number,
  work: () => Promise<T>,
): Promise<T> {
  if (!store.pool) return work();
  const client = await store.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    client.release();
  }
}
