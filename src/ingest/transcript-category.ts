import type { CategoryModel } from '../triage/category-model.js';
import type { CaseDetails } from '../store/case-writer.js';
import type { CaseRecord } from './record.js';
import type { TranscriptMeta } from './transcripts/index.js';

// A placeholder of our own, as redaction writes it ([NAME_1], [PHONE_2]).
const PLACEHOLDER = /\[[A-Z_]+_\d+\]/;

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
  // The record's category is the source's after redaction: the note is stored, so it must not
  // carry what the source wrote there ("张伟13800001111｜账户问题").
  const given = `${record.product}｜${record.type}`;
  // A category that held personal data names no category, and would become one of the model's.
  const redacted = meta.sourceCategory !== null && PLACEHOLDER.test(given);

  if (!meta.sourceCategory || redacted) {
    details.categorySource = 'predicted';
    const product = prediction?.product ?? UNCATEGORIZED;
    const type = prediction?.type ?? UNCATEGORIZED;
    if (redacted)
      details.categoryNote = JSON.stringify({ given, predicted: `${product}｜${type}` });
    return { record: { ...record, product, type }, details };
  }

  const givenProbability = (await model.probabilities(terms)).get(given) ?? 0;
  if (
    prediction &&
    prediction.label !== given &&
    prediction.confidence >= DISAGREEMENT_MIN_PROBABILITY &&
    prediction.confidence >= DISAGREEMENT_RATIO * givenProbability
  ) {
    details.categoryNote = JSON.stringify({
      given,
      predicted: prediction.label,
      confidence: prediction.confidence,
      givenConfidence: Math.round(givenProbability * 1000) / 1000,
      evidence: await model.explain(terms, prediction.label, given),
    });
  }
  return { record, details };
}
