import type { SearchDocument } from '../document.js';
import { FIELD_WEIGHTS } from '../candidates.js';

/**
 * The terms of one case as the in-memory index keeps them. `weighted` is twice the
 * field-weighted frequency of each term (title 4, description 3, customer 1.5, agent 1), so it
 * is a whole number. `title` counts the term's occurrences in the title alone.
 */
export interface WeighedTerms {
  terms: string[];
  weighted: number[];
  title: number[];
  /** 1 when the term is on the customer's side (title, description, customer turns), else 0. */
  customer: number[];
  /** Number of terms in all four fields, as FTS5 counts a row's size for BM25. */
  length: number;
}

/** Twice each field's weight, so the weighted frequencies stay whole numbers. */
const DOUBLED = [
  FIELD_WEIGHTS.title * 2,
  FIELD_WEIGHTS.description * 2,
  FIELD_WEIGHTS.customer * 2,
  FIELD_WEIGHTS.agent * 2,
];

/** Counts the terms of a search document per field and weighs them. */
export function weighTerms(document: SearchDocument): WeighedTerms {
  const slots = new Map<string, number>();
  const terms: string[] = [];
  const weighted: number[] = [];
  const title: number[] = [];
  const customer: number[] = [];
  let length = 0;

  const fields = [document.title, document.description, document.customer, document.agent];
  fields.forEach((field, column) => {
    if (field === '') return;
    for (const term of field.split(' ')) {
      if (term === '') continue;
      length += 1;
      let slot = slots.get(term);
      if (slot === undefined) {
        slot = terms.length;
        slots.set(term, slot);
        terms.push(term);
        weighted.push(0);
        title.push(0);
        customer.push(0);
      }
      weighted[slot]! += DOUBLED[column]!;
      if (column === 0) title[slot]! += 1;
      if (column < 3) customer[slot] = 1;
    }
  });
  return { terms, weighted, title, customer, length };
}
