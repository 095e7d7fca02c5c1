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
  const deleted = await store.sql.run('DELETE FROM import_uploads WHERE batch = ?', [batch]);
  await clearLog(store);
  return deleted;
}

/** Deletes uploads stored before `before` (an ISO time) and returns how many. */
export async function deleteStaleUploads(store: Store, before: string): Promise<number> {
  const deleted = await store.sql.run('DELETE FROM import_uploads WHERE created_at < ?', [before]);
  if (deleted > 0) await clearLog(store);
  return deleted;
}

/**
 * Empties SQLite's write-ahead log after uploads were deleted. The database overwrites deleted
 * rows (`secure_delete`), but the log keeps the pages that held an upload until the file is
 * reused, so it is copied into the database and truncated. Another connection that is reading
 * can keep the log from being truncated; the next deletion tries again.
 */
async function clearLog(store: Store): Promise<void> {
  if (store.sql.dialect !== 'sqlite') return;
  await store.sql.run('PRAGMA wal_checkpoint(TRUNCATE)');
}
