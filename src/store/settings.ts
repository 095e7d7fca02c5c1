import type { Store } from './open.js';

/** Reads a setting, or returns undefined when it was never written. */
export async function readSetting(store: Store, key: string): Promise<string | undefined> {
  const row = await store.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

/** Writes a setting, replacing any earlier value. */
export async function writeSetting(store: Store, key: string, value: string): Promise<void> {
  await store.db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
