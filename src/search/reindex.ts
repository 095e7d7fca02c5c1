import type { Store } from '../store/open.js';
import { iterateCases } from '../store/case-reader.js';
import { CategoryCounts, writeCategoryCounts } from '../store/category-counts.js';
import { SearchIndexWriter } from '../store/search-index.js';
import { buildSearchDocument, categoryTerms } from './document.js';
import { recordSegmentation } from './segmentation-check.js';

// Pending (category, term) counts written out at once, an estimated 20 MB of maps.
const MAX_PENDING_COUNTS = 200_000;

/**
 * Rebuilds the search index, the term statistics and the category model's counts from the
 * stored cases, in one transaction: after a copy between engines, after the text dictionaries or
 * the tokenizer changed, or to repair an index. The counts are rebuilt too, because a case that
 * changes later takes its terms, segmented afresh, out of them. Returns the number of cases
 * indexed.
 */
export async function rebuildSearchIndex(store: Store): Promise<number> {
  return store.sql.transaction(async (sql) => {
    if (sql.dialect === 'sqlite') {
      await sql.run("INSERT INTO case_search (case_search) VALUES ('delete-all')");
    } else {
      await sql.run('DELETE FROM case_search');
    }
    await sql.run('DELETE FROM term_stats');
    await sql.run('DELETE FROM category_terms');
    await sql.run('DELETE FROM categories');
    // A predicted category is the model's own output, so it is never counted (as on import).
    const predicted = await sql.all<{ id: number }>(
      "SELECT id FROM cases WHERE category_source = 'predicted'",
    );
    const uncounted = new Set(predicted.map((row) => row.id));

    const index = new SearchIndexWriter(sql);
    const counts = new CategoryCounts();
    let count = 0;
    for await (const found of iterateCases(store)) {
      const document = buildSearchDocument(found);
      await index.add(found.id, document);
      if (!uncounted.has(found.id)) counts.add(found, categoryTerms(document), 1);
      if (counts.termCount > MAX_PENDING_COUNTS) {
        await writeCategoryCounts(sql, counts);
        counts.clear();
      }
      count += 1;
    }
    await index.flush();
    await writeCategoryCounts(sql, counts);
    await recordSegmentation(sql);
    return count;
  });
}
