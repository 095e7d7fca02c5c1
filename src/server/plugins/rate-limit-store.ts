import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { SqlExecutor } from '../../store/sql-executor.js';
import {
  counterKey,
  counterSalt,
  countRequest,
  deleteOldCounts,
  readRequestCount,
} from '../../store/rate-limits.js';

/** Options the plugin passes a child store: the route it counts for. */
interface RouteInfoOptions {
  routeInfo?: { method?: string; url?: string };
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

// One request in this many also deletes counters idle for a day.
const SWEEP_EVERY = 500;
const SWEEP_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Builds a store class for @fastify/rate-limit that keeps its counters in the database, so that
 * every instance on one PostgreSQL server counts a client's requests together. Each route gets
 * its own counters through `child`, as with the plugin's in-memory store. Client addresses are
 * stored only as keyed hashes (see counterKey).
 */
export function databaseRateLimitStore(sql: SqlExecutor): FastifyRateLimitStoreCtor {
  let requests = 0;
  let salt: Promise<string> | undefined;
  const keyOf = async (route: string, client: string) => {
    salt ??= counterSalt(sql).catch((error: unknown) => {
      salt = undefined;
      throw error;
    });
    return counterKey(await salt, route, client);
  };

  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    readonly #prefix: string;

    constructor(options: RouteInfoOptions = {}) {
      const route = options.routeInfo;
      this.#prefix = route ? `${route.method ?? ''} ${route.url ?? ''}` : 'global';
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      requests += 1;
      const now = Date.now();
      keyOf(this.#prefix, key)
        .then((stored) => countRequest(sql, stored, timeWindow, now))
        .then(
          ({ count, windowStart }) =>
            callback(null, { current: count, ttl: Math.max(0, windowStart + timeWindow - now) }),
          (error: Error) => callback(error),
        );
      if (requests % SWEEP_EVERY === 0) {
        deleteOldCounts(sql, now - SWEEP_AGE_MS).catch(() => undefined);
      }
    }

    read(key: string, callback: Callback, timeWindow: number): void {
      const now = Date.now();
      keyOf(this.#prefix, key)
        .then((stored) => readRequestCount(sql, stored, timeWindow, now))
        .then(
          ({ count, windowStart }) =>
            callback(null, { current: count, ttl: Math.max(0, windowStart + timeWindow - now) }),
          (error: Error) => callback(error),
        );
    }

    child(routeOptions: object): DatabaseRateLimitStore {
      return new DatabaseRateLimitStore(routeOptions as RouteInfoOptions);
    }
  };
}
