import { categoryLabel } from '../ingest/record.js';
import { buildSearchDocument, categoryTerms } from '../search/document.js';
import type { StoredCase } from '../store/case-reader.js';
import type { PreviousCase } from '../store/case-writer.js';
import { termFrequencies, type HeldOut } from './naive-bayes.js';

/** A case prepared for leave-one-out scoring: its terms and its own counts in the model. */
export interface HeldOutCase {
  caseId: number;
  ref: string;
  label: string;
  terms: string[];
  heldOut: HeldOut;
}

/** Segments a stored case the way the import did and describes its contribution to the model. */
export function holdOut(found: StoredCase): HeldOutCase {
  const terms = categoryTerms(buildSearchDocument(found));
  const label = categoryLabel(found);
  return {
    caseId: found.id,
    ref: found.ref,
    label,
    terms,
    heldOut: { label, termFrequencies: termFrequencies(terms), tokens: terms.length },
  };
}

/**
 * Returns what a stored case added to the category model, as {@link loadPreviousCase} read it,
 * or undefined when its category was predicted and so never counted.
 */
export function countedPart(previous: PreviousCase): HeldOut | undefined {
  if (!previous.counted) return undefined;
  return {
    label: categoryLabel(previous),
    termFrequencies: termFrequencies(previous.categoryTerms),
    tokens: previous.categoryTerms.length,
  };
}
