import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The casebook modules the benchmark measures, loaded from the sources or from a build. */
export interface Engine {
  ingest: typeof import('../src/ingest/index.js');
  redact: typeof import('../src/redact/index.js');
  search: typeof import('../src/search/index.js');
  store: typeof import('../src/store/index.js');
  text: typeof import('../src/text/index.js');
  triage: typeof import('../src/triage/index.js');
}

/**
 * Loads casebook from `root`: `src` (TypeScript run through tsx) or the output folder of
 * `tsc -p tsconfig.build.json`.
 */
export async function loadEngine(root: string): Promise<Engine> {
  const load = async <T>(module: string): Promise<T> =>
    (await import(pathToFileURL(path.resolve(root, module, 'index.js')).href)) as T;

  return {
    ingest: await load('ingest'),
    redact: await load('redact'),
    search: await load('search'),
    store: await load('store'),
    text: await load('text'),
    triage: await load('triage'),
  };
}
