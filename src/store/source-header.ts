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
