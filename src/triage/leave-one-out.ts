import { categoryLabel } from '../ingest/record.js';
import { buildSearchDocument, categoryTerms } from '../search/document.js';
import type { StoredCase } from '../store/case-reader.js';
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
