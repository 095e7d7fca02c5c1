import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/open.js';
import { attachMemorySearch, MemorySearch, snapshotPath } from '../search/index.js';

/**
 * Builds the in-memory search index once the server is ready, in small batches between requests,
 * and attaches it to the store when done. A SQLite store's index is restored from its snapshot
 * file when that is valid, and the snapshot is written again after each full build. Until the
 * index is ready, and if the build fails, searches use the database's index, so the server
 * serves searches from the start. Closing the server stops a build under way and waits for a
 * snapshot being written.
 */
export function loadMemorySearch(app: FastifyInstance, store: Store): void {
  const controller = new AbortController();
  let loading: Promise<void> | undefined;
  let search: MemorySearch | undefined;

  app.addHook('onReady', async () => {
    const started = performance.now();
    const snapshot = snapshotPath(store) ?? undefined;
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
      onRebuildStarted: (changes) =>
        app.log.info(
          { changes },
          'search index rebuild started after a bulk change; searching the database meanwhile',
        ),
      onRebuilt: (cases, ms) => app.log.info({ cases, ms }, 'search index rebuilt'),
    })
      .then((loaded) => {
        search = loaded;
        attachMemorySearch(store, loaded);
        const ms = Math.round(performance.now() - started);
        app.log.info({ cases: loaded.size, ms }, 'in-memory search index loaded');
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        app.log.error({ err: error }, 'in-memory search index not loaded; searching the database');
      });
  });
  app.addHook('onClose', async () => {
    controller.abort();
    await loading;
    await search?.snapshotSaved();
  });
}
