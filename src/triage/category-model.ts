import type { Store } from '../store/open.js';
import { readSetting } from '../store/settings.js';
import { bundledProductHints, productBoosts, type ProductHints } from './product-hints.js';
import {
  logPosteriors,
  softmax,
  termFrequencies,
  type CategoryStats,
  type HeldOut,
  type TermCounts,
} from './naive-bayes.js';

/** Setting that keeps the softmax temperature fitted by {@link calibrateCategoryModel}. */
export const TEMPERATURE_SETTING = 'category.temperature';

// Scores are divided by at least this many terms. Divided by one, a one-word question kept its
// whole log prior and came out near-certain (人工客服 at 0.999); see "Category (leave-one-out)"
// in docs/quality.md. NOTE: 4 was picked on eight short questions, and no labelled set of short
// questions measures it.
const MIN_SCORED_LENGTH = 4;

/** A predicted category with its probability. */
export interface CategoryPrediction {
  label: string;
  product: string;
  type: string;
  confidence: number;
  /** Summed probability of the categories of `product`: how sure the model is of the product. */
  productConfidence: number;
  alternatives: Array<{ label: string; confidence: number }>;
}

/**
 * The category classifier: multinomial naive Bayes over the terms of the cases' customer side,
 * with counts kept in the database, so a prediction reads only the rows of its own terms.
 */
export class CategoryModel {
  private readonly hints: ProductHints = bundledProductHints();

  private constructor(
    private readonly store: Store,
    readonly categories: CategoryStats[],
    readonly vocabularySize: number,
    readonly temperature: number,
  ) {
    this.productOf = new Map(categories.map((c) => [c.label, c.product]));
  }

  /** The product of each category label. */
  private readonly productOf: ReadonlyMap<string, string>;

  /**
   * Loads category totals, vocabulary size and the calibrated temperature. A vocabulary size
   * counted a moment ago may be passed in, to skip counting the distinct terms again.
   */
  static async load(
    store: Store,
    options: { vocabularySize?: number } = {},
  ): Promise<CategoryModel> {
    const categories = await store.db.selectFrom('categories').selectAll().execute();
    const vocabulary =
      options.vocabularySize !== undefined
        ? { n: options.vocabularySize }
        : ((await store.sql.get<{ n: number }>(
            'SELECT count(DISTINCT term) AS n FROM category_terms',
          )) ?? { n: 0 });
    const temperature = Number((await readSetting(store, TEMPERATURE_SETTING)) ?? '1');
    return new CategoryModel(store, categories, Math.max(1, vocabulary.n), temperature);
  }

  get isEmpty(): boolean {
    return this.categories.length === 0;
  }

  /** Reads the per-category counts of the given terms. */
  async termCounts(terms: Iterable<string>): Promise<TermCounts> {
    const counts: TermCounts = new Map();
    const unique = [...new Set(terms)];
    const chunkSize = 500;
    for (let i = 0; i < unique.length; i += chunkSize) {
      const chunk = unique.slice(i, i + chunkSize);
      const placeholders = chunk.map(() => '?').join(',');
      const rows = await this.store.sql.all<{ term: string; label: string; count: number }>(
        `SELECT term, label, count FROM category_terms WHERE term IN (${placeholders})`,
        chunk,
      );
      for (const row of rows) {
        const byLabel = counts.get(row.term) ?? new Map<string, number>();
        byLabel.set(row.label, row.count);
        counts.set(row.term, byLabel);
      }
    }
    return counts;
  }

  /**
   * Returns the log posteriors of a term list divided by its number of terms, optionally leaving
   * one document out. Raw naive Bayes scores grow with text length, so one temperature cannot
   * calibrate short and long questions alike; per-term scores can be (the argmax is unchanged).
   */
  async scores(terms: string[], heldOut?: HeldOut): Promise<Map<string, number>> {
    const frequencies = termFrequencies(terms);
    return this.perTermScores(
      terms,
      frequencies,
      await this.termCounts(frequencies.keys()),
      heldOut,
    );
  }

  /**
   * Does what {@link scores} does for many term lists, reading the counts of all their terms in
   * one pass rather than one query per list.
   */
  async scoresOfMany(
    items: Array<{ terms: string[]; heldOut?: HeldOut }>,
  ): Promise<Array<Map<string, number>>> {
    const frequencies = items.map((item) => termFrequencies(item.terms));
    const counts = await this.termCounts(frequencies.flatMap((list) => [...list.keys()]));
    return items.map((item, i) =>
      this.perTermScores(item.terms, frequencies[i]!, counts, item.heldOut),
    );
  }

  // Adds the product hints' boosts (data/triage/product-hints.yaml) after the division by
  // length, so a hint weighs the same in a short question and a long one.
  private perTermScores(
    terms: string[],
    frequencies: Map<string, number>,
    counts: TermCounts,
    heldOut?: HeldOut,
  ): Map<string, number> {
    const length = Math.max(MIN_SCORED_LENGTH, terms.length);
    const raw = logPosteriors(this.categories, this.vocabularySize, frequencies, counts, heldOut);
    const boosts = productBoosts(this.hints, frequencies.keys());
    return new Map(
      [...raw].map(([label, score]) => [
        label,
        score / length + (boosts.get(this.productOf.get(label) ?? '') ?? 0),
      ]),
    );
  }

  /** Returns the raw log posteriors of a term list, optionally leaving one document out. */
  async rawScores(terms: string[], heldOut?: HeldOut): Promise<Map<string, number>> {
    const frequencies = termFrequencies(terms);
    return logPosteriors(
      this.categories,
      this.vocabularySize,
      frequencies,
      await this.termCounts(frequencies.keys()),
      heldOut,
    );
  }

  /** Returns the probability of every category for a term list. */
  async probabilities(
    terms: string[],
    temperature = this.temperature,
  ): Promise<Map<string, number>> {
    return new Map(softmax(await this.scores(terms), temperature));
  }

  /**
   * Lists the terms that most favour category `favoured` over `other`: those with the largest
   * log-ratio of their smoothed probabilities under the two categories.
   */
  async explain(terms: string[], favoured: string, other: string, limit = 5): Promise<string[]> {
    const a = this.categories.find((c) => c.label === favoured);
    const b = this.categories.find((c) => c.label === other);
    if (!a) return [];
    const counts = await this.termCounts(terms);
    const v = this.vocabularySize;
    const ratio = (term: string) => {
      const inA = ((counts.get(term)?.get(favoured) ?? 0) + 1) / (a.tokens + v);
      const inB = b ? ((counts.get(term)?.get(other) ?? 0) + 1) / (b.tokens + v) : 1 / v;
      return Math.log(inA / inB);
    };
    return [...new Set(terms)]
      .map((term) => ({ term, weight: ratio(term) }))
      .filter((item) => item.weight > 0)
      .sort((x, y) => y.weight - x.weight)
      .slice(0, limit)
      .map((item) => item.term);
  }

  /** Predicts the category of a term list, or returns null when the model has no categories. */
  async predict(
    terms: string[],
    heldOut?: HeldOut,
    temperature = this.temperature,
  ): Promise<CategoryPrediction | null> {
    if (this.isEmpty) return null;
    return this.predictFromScores(await this.scores(terms, heldOut), undefined, temperature);
  }

  /**
   * Predicts a category from the per-term scores of {@link scores}, after adding `boosts` to the
   * scores of the categories they name, or returns null when the model has no categories.
   */
  predictFromScores(
    scores: ReadonlyMap<string, number>,
    boosts: ReadonlyMap<string, number> = new Map(),
    temperature = this.temperature,
  ): CategoryPrediction | null {
    if (this.isEmpty) return null;
    const boosted = new Map(scores);
    for (const [label, boost] of boosts) {
      const score = boosted.get(label);
      if (score !== undefined) boosted.set(label, score + boost);
    }
    const ranked = softmax(boosted, temperature);
    const [best] = ranked;
    if (!best) return null;

    const stats = this.categories.find((c) => c.label === best[0])!;
    let productConfidence = 0;
    for (const [label, p] of ranked)
      if (this.productOf.get(label) === stats.product) productConfidence += p;
    return {
      label: best[0],
      product: stats.product,
      type: stats.type,
      confidence: round(best[1]),
      productConfidence: round(productConfidence),
      alternatives: ranked.slice(1, 4).map(([label, p]) => ({ label, confidence: round(p) })),
    };
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
