import type { Store } from '../store/open.js';
import { iterateCases } from '../store/case-reader.js';
import { SearchIndexWriter } from '../store/search-index.js';
import { buildSearchDocument } from './document.js';
import { recordSegmentation } from './segmentation-check.js';

/**
 * Rebuilds the search index and the term statistics from the stored cases, in one transaction:
 * after a copy between engines, after the text dictionaries or the tokenizer changed, or to
 * repair an index. Returns the number of cases indexed.
 */
export async function rebuildSearchIndex(store: Store): Promise<number> {
  return store.sql.transaction(async (sql) => {
    if (sql.dialect === 'sqlite') {
      await sql.run("INSERT INTO case_search (case_search) VALUES ('delete-all')");
    } else {
      await sql.run('DELETE FROM case_search');
    }
    await sql.run('DELETE FROM term_stats');

    const index = new SearchIndexWriter(sql);
    let count = 0;
    for await (const found of iterateCases(store)) {
      await index.add(found.id, buildSearchDocument(found));
      count += 1;
    }
    await index.flush();
    await recordSegmentation(sql);
    return count;
  });
}
