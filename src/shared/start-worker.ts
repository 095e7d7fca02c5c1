import { Worker } from 'node:worker_threads';

// A worker's live heap stays near 30 MiB, but under V8's default limit each worker let garbage
// grow to about 150 MiB before collecting it. Under a lower limit V8 collects sooner: 256 MiB
// took a 300k-case import's peak from 1,260 to 1,087 MiB. A worker whose live data passed the
// limit would stop with ERR_WORKER_OUT_OF_MEMORY and fail its pool's requests, so 512 MiB
// leaves wide room.
// NOTE: import batches are bounded in records, not bytes, so a batch of very long records could
// still pass the limit; no test sends one.
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 512 };

/**
 * Starts a worker thread from the module `name` next to the caller: `name.ts` under tsx, the
 * compiled `name.js` otherwise. On Node 20 tsx does not register its loader in worker threads,
 * so under tsx the worker first registers it through tsx's API and then imports the `.ts` file.
 */
export function startWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  const extension = callerUrl.endsWith('.ts') ? '.ts' : '.js';
  const url = new URL(`./${name}${extension}`, callerUrl);
  if (extension === '.js') return new Worker(url, { workerData, resourceLimits: RESOURCE_LIMITS });
  const bootstrap = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits: RESOURCE_LIMITS });
}
