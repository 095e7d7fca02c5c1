import type { SearchDocument } from '../search/document.js';
import type { SqlExecutor } from './sql-executor.js';
import { SqliteExecutor } from './sqlite-executor.js';
import { byKey } from '../shared/compare.js';
import { postgresDocumentVector } from '../search/tsvector.js';
import { logSearchChanges } from './search-changes.js';

/** Returns the distinct terms of a search document. */
export function documentTerms(document: SearchDocument): Set<string> {
  const terms = new Set<string>();
  for (const field of [document.title, document.description, document.customer, document.agent]) {
    for (const term of field.split(' ')) if (term !== '') terms.add(term);
  }
  return terms;
}

/** Adds one case to `counts` for each distinct term of `document`, as `term_stats` counts. */
export function countDocumentTerms(document: SearchDocument, counts: Map<string, number>): void {
  for (const term of documentTerms(document)) counts.set(term, (counts.get(term) ?? 0) + 1);
}

/**
 * Writes cases into the search index (FTS5 on SQLite, a tsvector column on PostgreSQL) and
 * keeps `term_stats` (cases per term) in step. Term counts are gathered in memory and written by
 * {@link SearchIndexWriter.flush}, once per transaction, because a bulk import touches the same
 * common terms thousands of times.
 */
export class SearchIndexWriter {
  private readonly deltas = new Map<string, number>();
  private readonly changedCases = new Set<number>();

  constructor(private readonly sql: SqlExecutor) {}

  /** Indexes a case and counts its terms for `term_stats`. */
  async add(caseId: number, document: SearchDocument): Promise<void> {
    await this.insertRow(caseId, document);
    countDocumentTerms(document, this.deltas);
  }

  /**
   * Indexes a case whose terms were already counted and passed to
   * {@link SearchIndexWriter.addTermCounts}, as the import's worker threads do for a batch.
   */
  async insertRow(caseId: number, document: SearchDocument): Promise<void> {
    if (this.sql instanceof SqliteExecutor) {
      this.sql.insertNow(
        'INSERT INTO case_search (rowid, title, description, customer, agent) VALUES (?, ?, ?, ?, ?)',
        [caseId, document.title, document.description, document.customer, document.agent],
      );
    } else {
      await this.sql.run('INSERT INTO case_search (case_id, document) VALUES (?, ?::tsvector)', [
        caseId,
        postgresDocumentVector(document),
      ]);
    }
    this.changedCases.add(caseId);
  }

  /** The number of terms with a pending count. */
  get pendingTerms(): number {
    return this.deltas.size;
  }

  /** Adds term counts that {@link countDocumentTerms} gathered for cases indexed with insertRow. */
  addTermCounts(counts: ReadonlyMap<string, number>): void {
    for (const [term, count] of counts) this.deltas.set(term, (this.deltas.get(term) ?? 0) + count);
  }

  /** Removes a case, given the document it was indexed with. */
  async remove(caseId: number, previous: SearchDocument): Promise<void> {
    await this.removeRow(caseId);
    for (const term of documentTerms(previous))
      this.deltas.set(term, (this.deltas.get(term) ?? 0) - 1);
  }

  /** Removes a case's index entry without touching the term counts. */
  async removeRow(caseId: number): Promise<void> {
    const column = this.sql.dialect === 'sqlite' ? 'rowid' : 'case_id';
    await this.sql.run(`DELETE FROM case_search WHERE ${column} = ?`, [caseId]);
    this.changedCases.add(caseId);
  }

  /** Writes the gathered term counts; call inside the transaction that indexed the cases. */
  async flush(): Promise<void> {
    await logSearchChanges(this.sql, [...this.changedCases]);
    this.changedCases.clear();
    // Sorted, so that concurrent PostgreSQL transactions lock term rows in the same order.
    const changed = [...this.deltas].filter(([, delta]) => delta !== 0).sort(byKey);
    this.deltas.clear();
    const fallen = changed.filter(([, delta]) => delta < 0).map(([term]) => term);
    if (this.sql.dialect === 'postgres') {
      await flushPostgres(this.sql, changed, fallen);
      return;
    }
    for (const [term, delta] of changed) {
      await this.sql.run(
        `INSERT INTO term_stats (term, documents) VALUES (?, ?)
         ON CONFLICT (term) DO UPDATE SET documents = term_stats.documents + excluded.documents`,
        [term, delta],
      );
    }
    for (const term of fallen) {
      await this.sql.run('DELETE FROM term_stats WHERE term = ? AND documents <= 0', [term]);
    }
  }
}

// PostgreSQL takes the counts as arrays, thousands of rows per statement, which saves a round
// trip per term.
const ROWS_PER_STATEMENT = 5000;

async function flushPostgres(
  sql: SqlExecutor,
  changed: Array<[string, number]>,
  fallen: string[],
): Promise<void> {
  for (let start = 0; start < changed.length; start += ROWS_PER_STATEMENT) {
    const chunk = changed.slice(start, start + ROWS_PER_STATEMENT);
    await sql.run(
      `INSERT INTO term_stats (term, documents)
       SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS integer[]))
       ON CONFLICT (term) DO UPDATE SET documents = term_stats.documents + excluded.documents`,
      [chunk.map(([term]) => term), chunk.map(([, delta]) => delta)],
    );
  }
  for (let start = 0; start < fallen.length; start += ROWS_PER_STATEMENT) {
    await sql.run('DELETE FROM term_stats WHERE term = ANY(CAST(? AS text[])) AND documents <= 0', [
      fallen.slice(start, start + ROWS_PER_STATEMENT),
    ]);
  }
}
