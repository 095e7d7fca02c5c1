import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread from the module `name` next to the caller: `name.ts` under tsx, the
 * compiled `name.js` otherwise. On Node 20 tsx does not register its loader in worker threads,
 * so under tsx the worker first registers it through tsx's API and then imports the `.ts` file.
 */
export function startWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  const extension = callerUrl.endsWith('.ts') ? '.ts' : '.js';
  const url = new URL(`./${name}${extension}`, callerUrl);
  if (extension === '.js') return new Worker(url, { workerData });
  const bootstrap = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
