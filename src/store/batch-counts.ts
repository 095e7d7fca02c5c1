import type { SearchDocument } from '../search/document.js';
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
 * with `categoryTerms`, but splits each field of a search document only once and needs no set
 * of distinct terms per case.
 */
export class BatchCounts {
  readonly #documents = new Map<string, CaseCount>();
  readonly #categories = new CategoryCounts();
  #cases = 0;

  /** Counts one case under its category, from its search document. */
  add(category: { product: string; type: string }, document: SearchDocument): void {
    this.#cases += 1;
    // The category model's terms are those of the title, description and customer turns.
    const modelTerms: string[] = [];
    this.#countField(document.title, modelTerms);
    this.#countField(document.description, modelTerms);
    this.#countField(document.customer, modelTerms);
    this.#countField(document.agent, undefined);
    this.#categories.add(category, modelTerms, 1);
  }

  /** Returns the counts gathered so far, in the shape that `CaseWriter.addCounts` takes. */
  result(): GatheredCounts {
    const documents = new Map<string, number>();
    for (const [term, count] of this.#documents) documents.set(term, count.cases);
    const { terms, categories } = this.#categories;
    return { documents, categories: { terms, categories } };
  }

  #countField(field: string, modelTerms: string[] | undefined): void {
    const caseNumber = this.#cases;
    for (const term of field.split(' ')) {
      if (term === '') continue;
      modelTerms?.push(term);
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
