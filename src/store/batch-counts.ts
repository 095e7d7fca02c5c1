import type { CaseTerms } from '../search/document.js';
import { CategoryCounts } from './category-counts.js';
import type { GatheredCounts } from './case-writer.js';

/** A term's count of cases so far, and the last case that counted it. */
interface CaseCount {
  cases: number;
  lastCase: number;
}

/**
 * Gathers the `term_stats` and category-model counts of many cases, as an import's worker thread
 * does for a batch. It gives the same counts as `countDocumentTerms` and `CategoryCounts.add`
 * with `categoryTerms`, but reads the terms as the segmenter gave them, before they were joined
 * into a search document, and needs no set of distinct terms per case. The segmenter's cached
 * words are the same strings case after case, so their map lookups reuse a stored hash.
 */
export class BatchCounts {
  readonly #documents = new Map<string, CaseCount>();
  readonly #categories = new CategoryCounts();
  #cases = 0;

  /** Counts one case under its category, from the terms of its search document's fields. */
  add(category: { product: string; type: string }, terms: CaseTerms): void {
    this.#cases += 1;
    this.#countField(terms.title);
    this.#countField(terms.description);
    this.#countField(terms.customer);
    this.#countField(terms.agent);
    // The fields that `fieldCategoryTerms` joins, in its order.
    this.#categories.addParts(category, [terms.title, terms.description, terms.customer], 1);
  }

  /** Returns the counts gathered so far, in the shape that `CaseWriter.addCounts` takes. */
  result(): GatheredCounts {
    const documents = new Map<string, number>();
    for (const [term, count] of this.#documents) documents.set(term, count.cases);
    const { terms, categories } = this.#categories;
    return { documents, categories: { terms, categories } };
  }

  #countField(terms: readonly string[]): void {
    const caseNumber = this.#cases;
    for (const term of terms) {
      const count = this.#documents.get(term);
      if (count === undefined) {
        this.#documents.set(term, { cases: 1, lastCase: caseNumber });
      } else if (count.lastCase !== caseNumber) {
        count.cases += 1;
        count.lastCase = caseNumber;
      }
    }
  }
}
