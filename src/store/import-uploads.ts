import type { Store } from './open.js';

/** One uploaded file of an import job. */
export interface Upload {
  name: string;
  content: Buffer;
}

/**
 * Stores the files of an import job under a batch id, in one transaction. This table is the one
 * place where unredacted uploads are kept; {@link deleteUploads} removes them once imported.
 */
export async function saveUploads(store: Store, batch: string, uploads: Upload[]): Promise<void> {
  const now = new Date().toISOString();
  await store.sql.transaction(async (sql) => {
    for (const upload of uploads) {
      await sql.run(
        'INSERT INTO import_uploads (batch, name, content, created_at) VALUES (?, ?, ?, ?)',
        [batch, upload.name, upload.content, now],
      );
    }
  });
}

/** Loads the files of a batch in the order they were sent. */
export async function loadUploads(store: Store, batch: string): Promise<Upload[]> {
  const rows = await store.sql.all<{ name: string; content: Buffer | Uint8Array }>(
    'SELECT name, content FROM import_uploads WHERE batch = ? ORDER BY id',
    [batch],
  );
  return rows.map((row) => ({ name: row.name, content: Buffer.from(row.content) }));
}

/** Deletes the files of a batch. */
export async function deleteUploads(store: Store, batch: string): Promise<number> {
  return store.sql.run('DELETE FROM import_uploads WHERE batch = ?', [batch]);
}

/** Deletes uploads stored before `before` (an ISO time) and returns how many. */
export async function deleteStaleUploads(store: Store, before: string): Promise<number> {
  return store.sql.run('DELETE FROM import_uploads WHERE created_at < ?', [before]);
}
