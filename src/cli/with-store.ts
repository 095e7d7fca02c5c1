import { existsSync } from 'node:fs';
import { segmentationChanged, segmentationWarning } from '../search/segmentation-check.js';
import { openStore, type Store } from '../store/index.js';
import { describeLocation, isPostgresUrl } from '../store/location.js';
import { CliError, resolveDbPath, type CliIO, type GlobalOptions } from './io.js';

/** Options of {@link withStore}. */
export interface WithStoreOptions {
  /** Fail when the database file does not exist yet, instead of creating an empty one. */
  mustExist?: boolean;
  /** Warn on stderr when the search index was built with another segmentation. */
  checkIndex?: boolean;
}

/** Opens the command's database, runs `work` with it and always closes it. */
export async function withStore<T>(
  options: GlobalOptions,
  io: CliIO,
  work: (store: Store) => Promise<T>,
  settings: WithStoreOptions = {},
): Promise<T> {
  const path = resolveDbPath(options, io);
  if (settings.mustExist && !isPostgresUrl(path) && !existsSync(path)) {
    throw new CliError(
      `Database ${path} does not exist. Run "casebook import FILE..." first, or pass --db PATH.`,
    );
  }

  const store = await openStore({ path });
  try {
    if (settings.checkIndex && (await segmentationChanged(store))) {
      io.stderr.write(`Warning: ${segmentationWarning(describeLocation(path))}\n`);
    }
    return await work(store);
  } finally {
    await store.close();
  }
}
