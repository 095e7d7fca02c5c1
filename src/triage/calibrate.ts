import type { Store } from '../store/open.js';
import { loadCases } from '../store/case-reader.js';
import { writeSetting } from '../store/settings.js';
import { CategoryModel, TEMPERATURE_SETTING } from './category-model.js';
import { holdOut } from './leave-one-out.js';
import { softmax } from './naive-bayes.js';

/** Result of a calibration run. */
export interface Calibration {
  temperature: number;
  /** Cases scored leave-one-out to fit the temperature. */
  cases: number;
}

/** Picks up to `limit` case ids spread over the id range, the same ones on every run. */
async function sampleCaseIds(store: Store, limit: number): Promise<number[]> {
  // A case whose category the model predicted is not in its counts, so holding it out would
  // take away counts it never added (negative counts, NaN scores, and a temperature of 100).
  const rows = (await store.sql.all(
    `SELECT id FROM cases WHERE category_source IS NULL OR category_source <> 'predicted'
     ORDER BY (id * 2654435761) % 4294967296 LIMIT ?`,
    [limit],
  )) as Array<{ id: number }>;
  return rows.map((row) => row.id);
}

function meanNegativeLogLikelihood(
  samples: Array<{ scores: Map<string, number>; label: string }>,
  temperature: number,
): number {
  let total = 0;
  for (const sample of samples) {
    const probability =
      softmax(sample.scores, temperature).find(([label]) => label === sample.label)?.[1] ?? 0;
    total -= Math.log(Math.max(probability, 1e-12));
  }
  return total / samples.length;
}

/**
 * Fits the softmax temperature of the category model (temperature scaling) by minimizing the
 * leave-one-out negative log-likelihood on a sample of stored cases, then stores it. Naive Bayes
 * sums many correlated term scores, so its raw posteriors are far too confident without this.
 */
export async function calibrateCategoryModel(
  store: Store,
  sampleSize = 1000,
): Promise<Calibration> {
  const model = await CategoryModel.load(store);
  const cases = await loadCases(store, await sampleCaseIds(store, sampleSize));

  const samples: Array<{ scores: Map<string, number>; label: string }> = [];
  for (const found of cases) {
    const item = holdOut(found);
    const scores = await model.scores(item.terms, item.heldOut);
    // A category whose only case is held out cannot be predicted, whatever the temperature.
    if (scores.has(item.label) && scores.size > 1) samples.push({ scores, label: item.label });
  }
  if (samples.length === 0) return { temperature: 1, cases: 0 };

  // Golden-section search over log(temperature), which is unimodal in practice.
  let low = Math.log(0.01);
  let high = Math.log(100);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let step = 0; step < 40; step++) {
    const a = high - ratio * (high - low);
    const b = low + ratio * (high - low);
    if (
      meanNegativeLogLikelihood(samples, Math.exp(a)) <
      meanNegativeLogLikelihood(samples, Math.exp(b))
    )
      high = b;
    else low = a;
  }

  const temperature = Math.round(Math.exp((low + high) / 2) * 1000) / 1000;
  await writeSetting(store, TEMPERATURE_SETTING, String(temperature));
  return { temperature, cases: samples.length };
}
