import type BetterSqlite3 from 'better-sqlite3';
import type { SearchDocument } from '../search/document.js';

/** Returns the distinct terms of a search document. */
export function documentTerms(document: SearchDocument): Set<string> {
  const terms = new Set<string>();
  for (const field of [document.title, document.description, document.customer, document.agent]) {
    for (const term of field.split(' ')) if (term !== '') terms.add(term);
  }
  return terms;
}

/**
 * Writes cases into the FTS5 index and keeps `term_stats` (cases per term) in step. Term counts
 * are gathered in memory and written by {@link SearchIndexWriter.flush}, once per transaction,
 * because a bulk import touches the same common terms thousands of times.
 */
export class SearchIndexWriter {
  private readonly deltas = new Map<string, number>();
  private readonly statements;

  constructor(private readonly sqlite: BetterSqlite3.Database) {
    this.statements = {
      insert: sqlite.prepare(
        'INSERT INTO case_search (rowid, title, description, customer, agent) VALUES (?, ?, ?, ?, ?)',
      ),
      delete: sqlite.prepare('DELETE FROM case_search WHERE rowid = ?'),
      upsertTerm: sqlite.prepare(
        `INSERT INTO term_stats (term, documents) VALUES (?, ?)
         ON CONFLICT (term) DO UPDATE SET documents = documents + excluded.documents`,
      ),
    };
  }

  /** Indexes a case. */
  add(caseId: number, document: SearchDocument): void {
    this.statements.insert.run(
      caseId,
      document.title,
      document.description,
      document.customer,
      document.agent,
    );
    for (const term of documentTerms(document))
      this.deltas.set(term, (this.deltas.get(term) ?? 0) + 1);
  }

  /** Removes a case, given the document it was indexed with. */
  remove(caseId: number, previous: SearchDocument): void {
    this.statements.delete.run(caseId);
    for (const term of documentTerms(previous))
      this.deltas.set(term, (this.deltas.get(term) ?? 0) - 1);
  }

  /** Writes the gathered term counts; call inside the transaction that indexed the cases. */
  flush(): void {
    for (const [term, delta] of this.deltas) {
      if (delta !== 0) this.statements.upsertTerm.run(term, delta);
    }
    this.deltas.clear();
    this.sqlite.exec('DELETE FROM term_stats WHERE documents <= 0');
  }
}
