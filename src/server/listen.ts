import type { FastifyInstance } from 'fastify';
import { segmentationChanged, segmentationWarning } from '../search/segmentation-check.js';
import { describeLocation } from '../store/location.js';

/** Address and port the server listens on. */
export interface ListenOptions {
  port: number;
  /** Address to bind; 127.0.0.1 keeps the server reachable from this machine only. */
  host: string;
}

/**
 * Starts listening, logs the start and a warning when the database's search index needs a
 * rebuild, and returns the URL; `app.close()` stops it again.
 */
export async function listen(app: FastifyInstance, options: ListenOptions): Promise<string> {
  const address = await app.listen({ port: options.port, host: options.host });
  app.log.info({ address }, 'server started');
  // The in-memory index segments the stored text afresh, so only the database's own index, which
  // one-shot commands and a server without it use, is affected.
  const store = app.casebook.store;
  if (await segmentationChanged(store)) {
    app.log.warn(segmentationWarning(describeLocation(store.location)));
  }
  return address;
}
