import type { CaseRecord } from '../ingest/record.js';
import { tokenize } from '../text/index.js';

/** The pre-segmented text of one case, one space-separated term string per indexed field. */
export interface SearchDocument {
  title: string;
  description: string;
  customer: string;
  agent: string;
}

/** Joins the fields a new customer question resembles, for training and applying the category model. */
export function questionText(record: Pick<CaseRecord, 'title' | 'description' | 'turns'>): string {
  // A case opened in the portal starts with a customer message that repeats its description.
  const titleAndDescription = new Set([record.title.trim(), record.description.trim()]);
  const customerTurns = record.turns
    .filter((turn) => turn.role === 'customer' && !titleAndDescription.has(turn.text.trim()))
    .map((turn) => turn.text);
  return [record.title, record.description, ...customerTurns].join('\n');
}

/** The terms of a case's indexed fields, each in text order and repeated as they occur. */
export interface CaseTerms {
  title: string[];
  description: string[];
  customer: string[];
  agent: string[];
}

/** Segments a case into the terms of each indexed field. */
export function segmentCase(record: CaseRecord): CaseTerms {
  const customer = record.turns.filter((turn) => turn.role === 'customer').map((t) => t.text);
  const agent = record.turns.filter((turn) => turn.role === 'agent').map((t) => t.text);

  return {
    title: tokenize(record.title),
    description: tokenize(record.description),
    customer: tokenize(customer.join('\n')),
    // The archive's answer section repeats the agent turns, so the turns alone are indexed.
    agent: tokenize(agent.length > 0 ? agent.join('\n') : record.answer),
  };
}

/** Joins each field's terms with spaces, as the search index stores them. */
export function joinCaseTerms(terms: CaseTerms): SearchDocument {
  return {
    title: terms.title.join(' '),
    description: terms.description.join(' '),
    customer: terms.customer.join(' '),
    agent: terms.agent.join(' '),
  };
}

/** Segments a case into the per-field term strings that the search index stores. */
export function buildSearchDocument(record: CaseRecord): SearchDocument {
  return joinCaseTerms(segmentCase(record));
}

/** Returns the category-model terms of a segmented case: title, description and customer turns. */
export function fieldCategoryTerms(terms: CaseTerms): string[] {
  return [...terms.title, ...terms.description, ...terms.customer];
}

/**
 * Returns the category-model terms of a case, reusing the search document's fields so the text
 * is segmented only once: title, description and customer turns.
 */
export function categoryTerms(document: SearchDocument): string[] {
  const joined = `${document.title} ${document.description} ${document.customer}`;
  return joined.split(' ').filter((term) => term !== '');
}
