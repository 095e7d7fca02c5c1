import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/open.js';
import { attachMemorySearch, MemorySearch, snapshotPath } from '../search/index.js';

// How often the index takes in the changes logged since the last search or refresh, by this
// instance or another. Without it, a server that takes many writes and few searches makes its
// next search apply them all, or rebuild the index after more than 10,000.
const REFRESH_INTERVAL_MS = 1000;

/**
 * Builds the in-memory search index once the server is ready, in small batches between requests,
 * and attaches it to the store when done. A SQLite store's index is restored from its snapshot
 * file when that is valid, and the snapshot is written again after each full build. Until the
 * index is ready, and if the build fails, searches use the database's index, so the server
 * serves searches from the start. Once loaded, the index takes in logged changes every second.
 * Closing the server stops a build under way and waits for a snapshot being written.
 */
export function loadMemorySearch(app: FastifyInstance, store: Store, snapshotFile?: string): void {
  const controller = new AbortController();
  let loading: Promise<void> | undefined;
  let search: MemorySearch | undefined;
  let refreshing: NodeJS.Timeout | undefined;

  app.addHook('onReady', async () => {
    const started = performance.now();
    const snapshot = snapshotPath(store, snapshotFile) ?? undefined;
    loading = MemorySearch.load(store, {
      signal: controller.signal,
      snapshot,
      onSnapshotRead: (result) => {
        if (result.used) app.log.info({ snapshot }, 'search index restored from its snapshot');
        else app.log.info({ snapshot, reason: result.reason }, 'search index snapshot not used');
      },
      onSnapshotSaved: (ms) => app.log.info({ snapshot, ms }, 'search index snapshot written'),
      onSnapshotFailed: (error) =>
        app.log.warn({ err: error, snapshot }, 'search index snapshot not written'),
      onError: (error) => app.log.error({ err: error }, 'search index rebuild failed'),
      onRebuildStarted: (changes, servesMeanwhile) =>
        app.log.info(
          { changes },
          servesMeanwhile
            ? 'search index rebuild started after many changed cases; searching the old index meanwhile'
            : 'search index rebuild started after many changes; searching the database meanwhile',
        ),
      onRebuilt: (cases, ms) => app.log.info({ cases, ms }, 'search index rebuilt'),
    })
      .then((loaded) => {
        search = loaded;
        attachMemorySearch(store, loaded);
        refreshing = setInterval(() => {
          loaded.refresh().catch((error: unknown) => {
            app.log.error({ err: error }, 'search index refresh failed');
          });
        }, REFRESH_INTERVAL_MS);
        refreshing.unref();
        const ms = Math.round(performance.now() - started);
        app.log.info({ cases: loaded.size, ms }, 'in-memory search index loaded');
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        app.log.error({ err: error }, 'in-memory search index not loaded; searching the database');
      });
  });
  app.addHook('onClose', async () => {
    clearInterval(refreshing);
    controller.abort();
    await loading;
    await search?.refreshesEnded();
    await search?.snapshotSaved();
  });
}
