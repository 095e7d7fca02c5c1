import type { Store } from './open.js';

/**
 * Returns a short text that changes whenever what a triage engine caches changes: the category
 * totals, the calibrated temperature and the approved FAQ entries. The sums of squares change
 * when a case moves between categories, which leaves the plain sums alone. They are computed in
 * bigint, because a category's token count squared overflows PostgreSQL's integer. Reading it
 * costs one query over a few dozen rows, so an instance can check every second whether another
 * instance changed the model.
 */
export async function modelFingerprint(store: Store): Promise<string> {
  const row = await store.sql.get<Record<string, unknown>>(
    `SELECT
       (SELECT count(*) FROM categories) AS categories,
       (SELECT coalesce(sum(documents), 0) FROM categories) AS documents,
       (SELECT coalesce(sum(CAST(documents AS bigint) * documents), 0) FROM categories) AS documents2,
       (SELECT coalesce(sum(tokens), 0) FROM categories) AS tokens,
       (SELECT coalesce(sum(CAST(tokens AS bigint) * tokens), 0) FROM categories) AS tokens2,
       (SELECT value FROM settings WHERE key = 'category.temperature') AS temperature,
       (SELECT count(*) FROM faq_entries WHERE status = 'approved') AS faq,
       (SELECT max(updated_at) FROM faq_entries) AS faq_updated`,
  );
  return JSON.stringify(row ?? {});
}
