import { categoryLabel } from '../ingest/record.js';

/** Pending changes to the category model's counts, applied once at the end of an import. */
export class CategoryCounts {
  readonly terms = new Map<string, Map<string, number>>();
  readonly categories = new Map<
    string,
    { product: string; type: string; documents: number; tokens: number }
  >();

  /** Adds (`sign` = 1) or removes (`sign` = -1) one case's terms under its category. */
  add(category: { product: string; type: string }, terms: string[], sign: 1 | -1): void {
    const label = categoryLabel(category);
    const totals = this.categories.get(label) ?? { ...category, documents: 0, tokens: 0 };
    totals.documents += sign;
    totals.tokens += sign * terms.length;
    this.categories.set(label, totals);

    let counts = this.terms.get(label);
    if (!counts) {
      counts = new Map();
      this.terms.set(label, counts);
    }
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + sign);
  }

  get isEmpty(): boolean {
    return this.categories.size === 0;
  }
}
