import type { Store } from './open.js';

/** Adds one import to the history the data owner can review. */
export async function recordImportRun(
  store: Store,
  run: { startedAt: string; files: string[]; summary: unknown },
): Promise<void> {
  await store.db
    .insertInto('import_runs')
    .values({
      started_at: run.startedAt,
      finished_at: new Date().toISOString(),
      files: JSON.stringify(run.files),
      summary: JSON.stringify(run.summary),
    })
    .execute();
}
