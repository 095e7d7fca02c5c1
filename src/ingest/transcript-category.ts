import type { CategoryModel } from '../triage/category-model.js';
import type { CaseDetails } from '../store/case-writer.js';
import type { CaseRecord } from './record.js';
import { findPlaceholders } from '../redact/index.js';
import type { TranscriptMeta } from './transcripts/index.js';

/** Category used when a transcript has none and no model has been trained yet. */
export const UNCATEGORIZED = '未分类';

// A source category is flagged when the model finds another category at least this many times
// as likely, and that category has at least the minimum probability.
const DISAGREEMENT_RATIO = 3;
const DISAGREEMENT_MIN_PROBABILITY = 0.15;

/**
 * Settles a transcript's category. Without one in the source, or with one that held personal
 * data, the model's prediction is used.
 * With one, the source's category is kept, and when the model finds another category far more
 * likely, that disagreement is recorded as a note with the terms that point to it.
 */
export async function settleTranscriptCategory(
  record: CaseRecord,
  meta: TranscriptMeta,
  terms: string[],
  model: CategoryModel,
): Promise<{ record: CaseRecord; details: CaseDetails }> {
  const details: CaseDetails = {
    status: meta.status,
    openedAt: meta.createdAt,
    firstResponseSeconds: meta.firstResponseSeconds,
    durationSeconds: meta.durationSeconds,
    categorySource: 'transcript',
    categoryNote: null,
  };
  const prediction = await model.predict(terms);
  // The record carries the source's category after redaction. The note is stored, so it takes
  // that one, not the raw text ("张伟13800001111｜账户问题").
  const sourceLabel = `${record.product}｜${record.type}`;
  // A category that held personal data names no product or type, and would enter the model.
  const heldPersonalData =
    meta.sourceCategory !== null &&
    findPlaceholders(sourceLabel).some((placeholder) => placeholder.index !== null);

  if (!meta.sourceCategory || heldPersonalData) {
    details.categorySource = 'predicted';
    const product = prediction?.product ?? UNCATEGORIZED;
    const type = prediction?.type ?? UNCATEGORIZED;
    if (heldPersonalData) {
      details.categoryNote = JSON.stringify({
        given: sourceLabel,
        predicted: `${product}｜${type}`,
      });
    }
    return { record: { ...record, product, type }, details };
  }

  const sourceProbability = (await model.probabilities(terms)).get(sourceLabel) ?? 0;
  if (
    prediction &&
    prediction.label !== sourceLabel &&
    prediction.confidence >= DISAGREEMENT_MIN_PROBABILITY &&
    prediction.confidence >= DISAGREEMENT_RATIO * sourceProbability
  ) {
    details.categoryNote = JSON.stringify({
      given: sourceLabel,
      predicted: prediction.label,
      confidence: prediction.confidence,
      givenConfidence: Math.round(sourceProbability * 1000) / 1000,
      evidence: await model.explain(terms, prediction.label, sourceLabel),
    });
  }
  return { record, details };
}
