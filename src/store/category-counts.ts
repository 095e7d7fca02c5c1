import { categoryLabel } from '../ingest/record.js';
import type { SqlExecutor } from './sql-executor.js';
import { byKey, compareText } from '../shared/compare.js';

/** Pending changes to the category model's counts, applied once at the end of an import. */
export class CategoryCounts {
  readonly terms = new Map<string, Map<string, number>>();
  readonly categories = new Map<
    string,
    { product: string; type: string; documents: number; tokens: number }
  >();
  #termCount = 0;

  /** Adds (`sign` = 1) or removes (`sign` = -1) one case's terms under its category. */
  add(category: { product: string; type: string }, terms: readonly string[], sign: 1 | -1): void {
    this.addParts(category, [terms], sign);
  }

  /**
   * Adds or removes one case's terms under its category as {@link CategoryCounts.add} does, with
   * the terms given in parts, so that no joined list is built.
   */
  addParts(
    category: { product: string; type: string },
    parts: ReadonlyArray<readonly string[]>,
    sign: 1 | -1,
  ): void {
    const label = categoryLabel(category);
    const totals = this.categories.get(label) ?? {
      product: category.product,
      type: category.type,
      documents: 0,
      tokens: 0,
    };
    totals.documents += sign;
    this.categories.set(label, totals);

    let counts = this.terms.get(label);
    if (!counts) {
      counts = new Map();
      this.terms.set(label, counts);
    }
    for (const terms of parts) {
      totals.tokens += sign * terms.length;
      for (let index = 0; index < terms.length; index++) {
        this.#addTerm(counts, terms[index]!, sign);
      }
    }
  }

  /** Adds counts gathered elsewhere, such as those of a batch that a worker thread prepared. */
  merge(other: CategoryCountsData): void {
    for (const [label, totals] of other.categories) {
      const { product, type } = totals;
      const mine = this.categories.get(label) ?? { product, type, documents: 0, tokens: 0 };
      mine.documents += totals.documents;
      mine.tokens += totals.tokens;
      this.categories.set(label, mine);
    }

    for (const [label, terms] of other.terms) {
      let counts = this.terms.get(label);
      if (!counts) {
        counts = new Map();
        this.terms.set(label, counts);
      }
      for (const [term, count] of terms) this.#addTerm(counts, term, count);
    }
  }

  /** The number of (category, term) pairs with a pending count, a measure of memory use. */
  get termCount(): number {
    return this.#termCount;
  }

  get isEmpty(): boolean {
    return this.categories.size === 0;
  }

  /** Forgets every pending count, once they are written. */
  clear(): void {
    this.terms.clear();
    this.categories.clear();
    this.#termCount = 0;
  }

  #addTerm(counts: Map<string, number>, term: string, change: number): void {
    const count = counts.get(term);
    if (count === undefined) this.#termCount += 1;
    counts.set(term, (count ?? 0) + change);
  }
}

/** The data of a {@link CategoryCounts}, which is all that survives a copy to another thread. */
export type CategoryCountsData = Pick<CategoryCounts, 'terms' | 'categories'>;

/**
 * Applies pending counts to the category model's tables with the executor of the current
 * transaction. Rows are written in sorted order, so that concurrent PostgreSQL transactions lock
 * them in the same order.
 */
export async function writeCategoryCounts(sql: SqlExecutor, counts: CategoryCounts): Promise<void> {
  if (counts.isEmpty) return;
  for (const [label, totals] of [...counts.categories].sort(byKey)) {
    await sql.run(
      `INSERT INTO categories (label, product, type, documents, tokens) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (label) DO UPDATE SET documents = categories.documents + excluded.documents,
         tokens = categories.tokens + excluded.tokens`,
      [label, totals.product, totals.type, totals.documents, totals.tokens],
    );
  }
  const changes: Array<[string, string, number]> = [];
  for (const [label, terms] of counts.terms) {
    for (const [term, count] of terms) if (count !== 0) changes.push([term, label, count]);
  }
  changes.sort((a, b) => compareText(a[0], b[0]) || compareText(a[1], b[1]));
  const fallen = changes.filter(([, , count]) => count < 0);
  if (sql.dialect === 'postgres') await writeTermCountsPostgres(sql, changes, fallen);
  else await writeTermCountsSqlite(sql, changes, fallen);
  for (const [label, totals] of counts.categories) {
    if (totals.documents < 0) {
      await sql.run('DELETE FROM categories WHERE label = ? AND documents <= 0', [label]);
    }
  }
}

type TermChange = [term: string, label: string, count: number];

async function writeTermCountsSqlite(
  sql: SqlExecutor,
  changes: TermChange[],
  fallen: TermChange[],
): Promise<void> {
  for (const [term, label, count] of changes) {
    await sql.run(
      `INSERT INTO category_terms (term, label, count) VALUES (?, ?, ?)
       ON CONFLICT (term, label) DO UPDATE SET count = category_terms.count + excluded.count`,
      [term, label, count],
    );
  }
  // Only rows that went down can have reached zero; deleting just those avoids a table scan.
  for (const [term, label] of fallen) {
    await sql.run('DELETE FROM category_terms WHERE term = ? AND label = ? AND count <= 0', [
      term,
      label,
    ]);
  }
}

// PostgreSQL takes the counts as arrays, thousands of rows per statement, which saves a round
// trip per row.
const ROWS_PER_STATEMENT = 5000;

async function writeTermCountsPostgres(
  sql: SqlExecutor,
  changes: TermChange[],
  fallen: TermChange[],
): Promise<void> {
  const columns = (rows: TermChange[]) => [
    rows.map(([term]) => term),
    rows.map(([, label]) => label),
    rows.map(([, , count]) => count),
  ];
  for (let start = 0; start < changes.length; start += ROWS_PER_STATEMENT) {
    await sql.run(
      `INSERT INTO category_terms (term, label, count)
       SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS integer[]))
       ON CONFLICT (term, label) DO UPDATE SET count = category_terms.count + excluded.count`,
      columns(changes.slice(start, start + ROWS_PER_STATEMENT)),
    );
  }
  for (let start = 0; start < fallen.length; start += ROWS_PER_STATEMENT) {
    const [terms, labels] = columns(fallen.slice(start, start + ROWS_PER_STATEMENT));
    await sql.run(
      `DELETE FROM category_terms WHERE (term, label) IN
         (SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]))) AND count <= 0`,
      [terms, labels],
    );
  }
}
