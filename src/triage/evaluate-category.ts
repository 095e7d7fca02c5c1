import type { Store } from '../store/open.js';
import { iterateCases } from '../store/case-reader.js';
import { CategoryModel } from './category-model.js';
import { holdOut } from './leave-one-out.js';
import { Triage } from './triage.js';

/** Accuracy and macro-F1 of one predictor. */
export interface ClassifierScore {
  accuracy: number;
  macroF1: number;
}

/** Leave-one-out evaluation of the category model next to the majority-class baseline. */
export interface CategoryEvaluation {
  cases: number;
  categories: number;
  model: ClassifierScore;
  majorityBaseline: ClassifierScore & { label: string };
  /** Cases whose category has no other case, which leave-one-out can never predict right. */
  singletons: number;
}

/** Computes accuracy and macro-F1 (mean F1 over the categories that occur as truth). */
export function scorePredictions(
  pairs: Array<{ truth: string; predicted: string }>,
): ClassifierScore {
  const labels = new Set(pairs.map((p) => p.truth));
  let f1Sum = 0;
  for (const label of labels) {
    const tp = pairs.filter((p) => p.truth === label && p.predicted === label).length;
    const fp = pairs.filter((p) => p.truth !== label && p.predicted === label).length;
    const fn = pairs.filter((p) => p.truth === label && p.predicted !== label).length;
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    f1Sum += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  const correct = pairs.filter((p) => p.truth === p.predicted).length;
  return {
    accuracy: pairs.length === 0 ? 0 : round(correct / pairs.length),
    macroF1: labels.size === 0 ? 0 : round(f1Sum / labels.size),
  };
}

/**
 * Predicts every stored case's category with that case left out of the model, and compares
 * with always answering the most frequent category.
 */
export async function evaluateCategories(
  store: Store,
  limit = Infinity,
): Promise<CategoryEvaluation> {
  const model = await CategoryModel.load(store);
  const pairs: Array<{ truth: string; predicted: string }> = [];

  // Cases whose category the model predicted are neither counted nor a fair test of it.
  for await (const found of iterateCases(store, { countedOnly: true })) {
    if (pairs.length >= limit) break;
    const item = holdOut(found);
    const prediction = await model.predict(item.terms, item.heldOut);
    pairs.push({ truth: item.label, predicted: prediction?.label ?? '' });
  }

  const sizes = new Map<string, number>();
  for (const pair of pairs) sizes.set(pair.truth, (sizes.get(pair.truth) ?? 0) + 1);
  const majority = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';

  return {
    cases: pairs.length,
    categories: sizes.size,
    model: scorePredictions(pairs),
    majorityBaseline: {
      label: majority,
      ...scorePredictions(pairs.map((p) => ({ truth: p.truth, predicted: majority }))),
    },
    singletons: [...sizes.values()].filter((n) => n === 1).length,
  };
}

/** Category and product accuracy of the model on questions labelled with a category. */
export interface QuestionCategoryEvaluation {
  /** Questions of the set that carry a `category`. */
  questions: number;
  accuracy: number;
  /** Share of questions whose predicted category has the right product. */
  productAccuracy: number;
}

/**
 * Triages each question that carries a category and scores the category triage gives, with the
 * whole archive in the model. Category labels are `product｜type`.
 */
export async function evaluateQuestionCategories(
  store: Store,
  questions: ReadonlyArray<{ question: string; category?: string }>,
): Promise<QuestionCategoryEvaluation> {
  const triage = await Triage.open(store);
  let right = 0;
  let rightProduct = 0;
  let labelled = 0;
  for (const item of questions) {
    if (item.category === undefined) continue;
    labelled += 1;
    const prediction = (await triage.run(item.question)).category;
    if (prediction?.label === item.category) right += 1;
    if (prediction?.product === item.category.split('｜')[0]) rightProduct += 1;
  }
  const n = Math.max(1, labelled);
  return {
    questions: labelled,
    accuracy: round(right / n),
    productAccuracy: round(rightProduct / n),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
