import type { ArchiveHeader } from '../ingest/record.js';
import type { SqlExecutor } from './sql-executor.js';

/** Loads the stored header of the source with this name, or returns null when there is none. */
export async function loadSourceHeader(
  sql: SqlExecutor,
  name: string,
): Promise<ArchiveHeader | null> {
  const row = await sql.get<ArchiveHeader>(
    'SELECT title, part, preamble FROM sources WHERE name = ?',
    [name],
  );
  return row === undefined ? null : { title: row.title, part: row.part, preamble: row.preamble };
}

/**
 * Returns the name of the first stored source whose header equals `header` in title, part and
 * preamble, or null when there is none. The first is the original that later copies repeat.
 */
export async function sourceWithHeader(
  sql: SqlExecutor,
  header: ArchiveHeader,
): Promise<string | null> {
  const rows = await sql.all<ArchiveHeader & { name: string }>(
    'SELECT name, title, part, preamble FROM sources WHERE title = ? ORDER BY id',
    [header.title],
  );
  const twin = rows.find((row) => row.part === header.part && row.preamble === header.preamble);
  return twin?.name ?? null;
}
