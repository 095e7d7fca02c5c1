import type { CaseRecord, Turn } from '../ingest/record.js';
import { buildSearchDocument, categoryTerms } from '../search/document.js';
import { bundledKnowledge, deriveCaseKnowledge } from '../knowledge/index.js';
import { hashRecord } from './case-hash.js';
import { CategoryCounts, writeCategoryCounts } from './category-counts.js';
import type { PreviousCase } from './case-writer.js';
import type { SqlExecutor } from './sql-executor.js';
import { SearchIndexWriter } from './search-index.js';

/**
 * Re-indexes one case after a message was added or its category changed. The search index, the
 * category model's counts, the derived root cause and needs-human verdict, and the content hash
 * are brought in line with the stored text. `previous` is what the model counted before the
 * change, as loadPreviousCase read it then. Internal notes are left out, as every other reader of
 * a case's dialogue leaves them out. Pass the executor of the transaction that made the change.
 */
export async function reindexCase(
  sql: SqlExecutor,
  caseId: number,
  previous: PreviousCase,
): Promise<void> {
  const { record, categorySource } = await readRecord(sql, caseId);
  const document = buildSearchDocument(record);
  const terms = categoryTerms(document);
  const knowledge = deriveCaseKnowledge(record, bundledKnowledge());

  const index = new SearchIndexWriter(sql);
  await index.remove(caseId, previous.document);
  await index.add(caseId, document);
  await index.flush();

  const counts = new CategoryCounts();
  if (previous.counted) counts.add(previous, previous.categoryTerms, -1);
  // A predicted category is the model's own output, so it is never counted (as on import).
  if (categorySource !== 'predicted') counts.add(record, terms, 1);
  await writeCategoryCounts(sql, counts);

  await sql.run(
    `UPDATE cases SET content_hash = ?, root_cause_code = ?, root_cause_confidence = ?,
       needs_human = ?, needs_human_reasons = ? WHERE id = ?`,
    [
      hashRecord(record),
      knowledge.rootCauseCode,
      knowledge.rootCauseConfidence,
      knowledge.needsHuman ? 1 : 0,
      JSON.stringify(knowledge.needsHumanReasons),
      caseId,
    ],
  );
}

async function readRecord(
  sql: SqlExecutor,
  caseId: number,
): Promise<{ record: CaseRecord; categorySource: string | null }> {
  const row = (await sql.get(
    `SELECT sources.name AS source, ref, cases.title, product, type, description, answer,
       root_cause_text, category_source
     FROM cases JOIN sources ON sources.id = cases.source_id WHERE cases.id = ?`,
    [caseId],
  )) as Record<string, string | null>;
  const turns = await sql.all<Turn>(
    'SELECT role, text FROM messages WHERE case_id = ? AND internal = 0 ORDER BY seq',
    [caseId],
  );

  const record: CaseRecord = {
    source: row.source!,
    ref: row.ref!,
    title: row.title!,
    product: row.product!,
    type: row.type!,
    description: row.description!,
    answer: row.answer!,
    rootCause: row.root_cause_text!,
    turns,
  };
  return { record, categorySource: row.category_source ?? null };
}
