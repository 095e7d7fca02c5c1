import type { Store } from '../store/open.js';
import type { SqlExecutor } from '../store/sql-executor.js';
import { readSetting } from '../store/settings.js';
import { segmentationFingerprint } from '../text/fingerprint.js';

/** Setting that keeps the segmentation fingerprint the stored search index was built with. */
export const SEGMENTATION_SETTING = 'search.segmentation';

/**
 * Records that the search index is built with this code's segmentation. Call it in the
 * transaction that rebuilt the index, or that wrote the first cases into an empty database.
 */
export async function recordSegmentation(sql: SqlExecutor): Promise<void> {
  await sql.run(
    `INSERT INTO settings (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [SEGMENTATION_SETTING, segmentationFingerprint()],
  );
}

/**
 * Tells whether the stored search index may hold terms of another segmentation: the text
 * dictionaries, the tokenizer or jieba changed since it was built, or it was built before
 * casebook recorded this. Queries then miss cases whose words are split differently (解绑 was
 * indexed as 解 and 绑 before it joined the domain dictionary) until `casebook reindex`.
 */
export async function segmentationChanged(store: Store): Promise<boolean> {
  const recorded = await readSetting(store, SEGMENTATION_SETTING);
  if (recorded === segmentationFingerprint()) return false;
  const anyCase = await store.sql.get<{ id: number }>('SELECT id FROM cases LIMIT 1');
  return anyCase !== undefined;
}

/** Returns the warning that {@link segmentationChanged} calls for, naming what to run. */
export function segmentationWarning(location: string): string {
  return (
    `The search index of ${location} was built with other text dictionaries or another ` +
    'tokenizer, so searches and triage may miss cases. Run "casebook reindex" (or ' +
    'POST /api/v1/search/reindex on a running server) to rebuild it.'
  );
}
