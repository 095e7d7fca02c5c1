import type { PreviousCase } from './case-writer.js';
import type { SqlExecutor } from './sql-executor.js';
import { buildSearchDocument, categoryTerms } from '../search/document.js';
import type { Turn } from '../ingest/record.js';

/**
 * Loads what the category model counted for a stored case, by segmenting its stored text again.
 * Only changed cases take this path, so its cost does not matter for bulk imports.
 */
export async function loadPreviousCase(sql: SqlExecutor, caseId: number): Promise<PreviousCase> {
  const row = (await sql.get(
    'SELECT ref, title, product, type, description, answer, root_cause_text, category_source FROM cases WHERE id = ?',
    [caseId],
  )) as {
    ref: string;
    title: string;
    product: string;
    type: string;
    description: string;
    answer: string;
    root_cause_text: string;
    category_source: string | null;
  };
  const turns = (await sql.all('SELECT role, text FROM messages WHERE case_id = ? ORDER BY seq', [
    caseId,
  ])) as Turn[];

  const document = buildSearchDocument({
    source: '',
    ref: row.ref,
    title: row.title,
    product: row.product,
    type: row.type,
    description: row.description,
    answer: row.answer,
    rootCause: row.root_cause_text,
    turns,
  });
  return {
    product: row.product,
    type: row.type,
    categoryTerms: categoryTerms(document),
    counted: row.category_source !== 'predicted',
    document,
  };
}
