import type { Store } from '../store/open.js';
import { loadCases } from '../store/case-reader.js';
import { writeSetting } from '../store/settings.js';
import { CategoryModel, TEMPERATURE_SETTING } from './category-model.js';
import { holdOut } from './leave-one-out.js';

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

/** A held-out case's per-term scores, shifted so the best is 0, and its own label's index. */
interface Sample {
  scores: Float64Array;
  label: number;
}

/** Turns a case's score map into a {@link Sample}, or null when its label has no score. */
function toSample(scores: Map<string, number>, label: string): Sample | null {
  const values = [...scores.values()];
  const index = [...scores.keys()].indexOf(label);
  if (index < 0) return null;
  const max = Math.max(...values);
  return { scores: Float64Array.from(values, (value) => value - max), label: index };
}

// A sample's loss is at most -log(1e-12), so a few confidently wrong cases do not decide alone.
const MAX_LOSS = -Math.log(1e-12);

/**
 * Returns the mean of -log p(label) under a softmax at `temperature`: per sample, the log of the
 * summed exponentials minus the label's own scaled score. The best score is 0, so none overflows.
 */
function meanNegativeLogLikelihood(samples: Sample[], temperature: number): number {
  let total = 0;
  for (const { scores, label } of samples) {
    let sum = 0;
    for (const score of scores) sum += Math.exp(score / temperature);
    total += Math.min(MAX_LOSS, Math.log(sum) - scores[label]! / temperature);
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

  const items = cases.map(holdOut);
  const scores = await model.scoresOfMany(items);
  const samples: Sample[] = [];
  items.forEach((item, i) => {
    // A category whose only case is held out cannot be predicted, whatever the temperature.
    const sample = scores[i]!.size > 1 ? toSample(scores[i]!, item.label) : null;
    if (sample) samples.push(sample);
  });
  if (samples.length === 0) return { temperature: 1, cases: 0 };

  // Golden-section search over log(temperature), which is unimodal in practice. Each step keeps
  // one of its two inner points, so it computes the likelihood once.
  const ratio = (Math.sqrt(5) - 1) / 2;
  const loss = (logTemperature: number) =>
    meanNegativeLogLikelihood(samples, Math.exp(logTemperature));
  let low = Math.log(0.01);
  let high = Math.log(100);
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let lossA = loss(a);
  let lossB = loss(b);
  for (let step = 0; step < 40; step++) {
    if (lossA < lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - ratio * (high - low);
      lossA = loss(a);
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + ratio * (high - low);
      lossB = loss(b);
    }
  }

  const temperature = Math.round(Math.exp((low + high) / 2) * 1000) / 1000;
  await writeSetting(store, TEMPERATURE_SETTING, String(temperature));
  return { temperature, cases: samples.length };
}
