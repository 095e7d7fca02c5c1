/**
 * Measures the search index snapshot on a database that an earlier run of bench/run.ts left:
 * one child process builds the index from the stored cases and writes the snapshot, a second
 * restores it. Each reports its load time and peak RSS.
 *
 * Usage: node --import tsx bench/snapshot.ts --db bench/out/1m.db [--engine-root DIR]
 *
 * The first child deletes any snapshot beside the database, so it always measures a build.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadEngine } from './engine.js';
import { peakRssMiB } from './measure.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    'engine-root': { type: 'string', default: 'src' },
    child: { type: 'string' },
  },
});
if (!values.db) throw new Error('missing --db; see the usage in bench/snapshot.ts');
const db = values.db;
const engineRoot = values['engine-root'];

if (values.child) {
  const engine = await loadEngine(engineRoot);
  const store = await engine.store.openStore({ path: db });
  const snapshot = engine.search.snapshotPath(store)!;
  if (values.child === 'build') rmSync(snapshot, { force: true });

  let used = false;
  let savedMs: number | null = null;
  const started = performance.now();
  const search = await engine.search.MemorySearch.load(store, {
    snapshot,
    onSnapshotRead: (result) => (used = result.used),
    onSnapshotSaved: (ms) => (savedMs = ms),
    onSnapshotFailed: (error) => {
      throw error;
    },
  });
  const loadSeconds = (performance.now() - started) / 1000;
  await search.snapshotSaved();
  await store.close();
  const size = statSync(snapshot).size;
  console.log(
    `${values.child}: ${search.size} cases in ${loadSeconds.toFixed(2)} s ` +
      `(snapshot ${used ? 'restored' : 'not used'}` +
      `${savedMs === null ? '' : `, written in ${savedMs} ms`}), ` +
      `file ${(size / 2 ** 20).toFixed(0)} MiB, peak RSS ${peakRssMiB()} MiB`,
  );
} else {
  const script = fileURLToPath(import.meta.url);
  for (const child of ['build', 'restore']) {
    const args = ['--import', 'tsx', script, '--db', db, '--engine-root', engineRoot];
    const run = spawnSync(process.execPath, [...args, '--child', child], { stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
}
