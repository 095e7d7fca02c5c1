import type { CaseRecord, Turn } from '../ingest/record.js';
import { buildSearchDocument, categoryTerms } from '../search/document.js';
import { bundledKnowledge, deriveCaseKnowledge } from '../knowledge/index.js';
import { hashRecord } from './case-hash.js';
import { CategoryCounts } from './category-counts.js';
import type { PreviousCase } from './case-writer.js';
import type { Store } from './open.js';
import { SearchIndexWriter } from './search-index.js';

/**
 * Re-indexes one case after a message was added or its category changed. The search index, the
 * category model's counts, the derived root cause and needs-human verdict, and the content hash
 * are brought in line with the stored text. `previous` is what the model counted before the
 * change, as loadPreviousCase read it then. Internal notes are left out, as every other reader of
 * a case's dialogue leaves them out. Runs synchronously, so the caller can wrap it and the change
 * in one transaction.
 */
export function reindexCase(store: Store, caseId: number, previous: PreviousCase): void {
  const { record, categorySource } = readRecord(store, caseId);
  const document = buildSearchDocument(record);
  const terms = categoryTerms(document);
  const knowledge = deriveCaseKnowledge(record, bundledKnowledge());

  const index = new SearchIndexWriter(store.sqlite);
  index.remove(caseId, previous.document);
  index.add(caseId, document);
  index.flush();

  const counts = new CategoryCounts();
  if (previous.counted) counts.add(previous, previous.categoryTerms, -1);
  // A predicted category is the model's own output, so it is never counted (as on import).
  if (categorySource !== 'predicted') counts.add(record, terms, 1);
  applyCategoryCounts(store, counts);

  store.sqlite
    .prepare(
      `UPDATE cases SET content_hash = ?, root_cause_code = ?, root_cause_confidence = ?,
         needs_human = ?, needs_human_reasons = ? WHERE id = ?`,
    )
    .run(
      hashRecord(record),
      knowledge.rootCauseCode,
      knowledge.rootCauseConfidence,
      knowledge.needsHuman ? 1 : 0,
      JSON.stringify(knowledge.needsHumanReasons),
      caseId,
    );
}

function readRecord(
  store: Store,
  caseId: number,
): { record: CaseRecord; categorySource: string | null } {
  const row = store.sqlite
    .prepare(
      `SELECT sources.name AS source, ref, cases.title, product, type, description, answer,
         root_cause_text, category_source
       FROM cases JOIN sources ON sources.id = cases.source_id WHERE cases.id = ?`,
    )
    .get(caseId) as Record<string, string | null>;
  const turns = store.sqlite
    .prepare('SELECT role, text FROM messages WHERE case_id = ? AND internal = 0 ORDER BY seq')
    .all(caseId) as Turn[];

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

// The same upserts as CaseWriter's flush, for a single case outside an import.
function applyCategoryCounts(store: Store, counts: CategoryCounts): void {
  if (counts.isEmpty) return;
  const upsertCategory = store.sqlite.prepare(
    `INSERT INTO categories (label, product, type, documents, tokens) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (label) DO UPDATE SET documents = documents + excluded.documents,
       tokens = tokens + excluded.tokens`,
  );
  const upsertTerm = store.sqlite.prepare(
    `INSERT INTO category_terms (term, label, count) VALUES (?, ?, ?)
     ON CONFLICT (term, label) DO UPDATE SET count = count + excluded.count`,
  );

  for (const [label, totals] of counts.categories) {
    upsertCategory.run(label, totals.product, totals.type, totals.documents, totals.tokens);
  }
  for (const [label, terms] of counts.terms) {
    for (const [term, count] of terms) {
      if (count !== 0) upsertTerm.run(term, label, count);
    }
  }
  store.sqlite.exec('DELETE FROM category_terms WHERE count <= 0');
  store.sqlite.exec('DELETE FROM categories WHERE documents <= 0');
}
