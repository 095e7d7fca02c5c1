import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/open.js';
import { attachMemorySearch, MemorySearch } from '../search/index.js';

/**
 * Builds the in-memory search index once the server is ready, in small batches between requests,
 * and attaches it to the store when done. Until then, and if the build fails, searches use the database's index,
 * so the server serves searches from the start. Closing the server stops a build under way.
 */
export function loadMemorySearch(app: FastifyInstance, store: Store): void {
  const controller = new AbortController();
  let loading: Promise<void> | undefined;

  app.addHook('onReady', async () => {
    const started = performance.now();
    loading = MemorySearch.load(store, {
      signal: controller.signal,
      onError: (error) => app.log.error({ err: error }, 'search index rebuild failed'),
      onRebuildStarted: (changes) =>
        app.log.info(
          { changes },
          'search index rebuild started after a bulk change; searching the database meanwhile',
        ),
      onRebuilt: (cases, ms) => app.log.info({ cases, ms }, 'search index rebuilt'),
    })
      .then((search) => {
        attachMemorySearch(store, search);
        const ms = Math.round(performance.now() - started);
        app.log.info({ cases: search.size, ms }, 'in-memory search index loaded');
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        app.log.error({ err: error }, 'in-memory search index not loaded; searching the database');
      });
  });
  app.addHook('onClose', async () => {
    controller.abort();
    await loading;
  });
}
