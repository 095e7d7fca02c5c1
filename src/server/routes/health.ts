import type { FastifyInstance } from 'fastify';
import { memorySearchOf } from '../../search/index.js';
import { withErrors } from '../schemas/common.js';

/** The body of a `GET /health` response. */
export interface Health {
  status: 'ok';
  database: 'sqlite' | 'postgres';
  /**
   * `memory` once the in-memory search index serves searches. `database` when searches use the
   * database's index: while the in-memory one loads or is rebuilt, or when it is turned off.
   */
  searchIndex: 'memory' | 'database';
}

/**
 * Registers the health check for load balancers and scripts: no sign-in, one query to the
 * database, and a 503 `database-unavailable` error when that fails.
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/health',
    {
      schema: {
        tags: ['operations'],
        summary: 'Whether the server can reach its database, and which search index it uses',
        response: withErrors({
          200: {
            type: 'object',
            required: ['status', 'database', 'searchIndex'],
            properties: {
              status: { type: 'string', enum: ['ok'] },
              database: { type: 'string', enum: ['sqlite', 'postgres'] },
              searchIndex: { type: 'string', enum: ['memory', 'database'] },
            },
          },
        }),
      },
    },
    async (): Promise<Health> => {
      const store = app.casebook.store;
      await store.sql.get('SELECT 1 AS ok');
      const memory = memorySearchOf(store);
      return {
        status: 'ok',
        database: store.dialect,
        searchIndex: memory?.servesSearches ? 'memory' : 'database',
      };
    },
  );
}
