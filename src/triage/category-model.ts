import type { Store } from '../store/open.js';
import { readSetting } from '../store/settings.js';
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

/** A predicted category with its probability. */
export interface CategoryPrediction {
  label: string;
  product: string;
  type: string;
  confidence: number;
  alternatives: Array<{ label: string; confidence: number }>;
}

/**
 * The category classifier: multinomial naive Bayes over the terms of the cases' customer side,
 * with counts kept in the database, so a prediction reads only the rows of its own terms.
 */
export class CategoryModel {
  private constructor(
    private readonly store: Store,
    readonly categories: CategoryStats[],
    readonly vocabularySize: number,
    readonly temperature: number,
  ) {}

  /** Loads category totals, vocabulary size and the calibrated temperature. */
  static async load(store: Store): Promise<CategoryModel> {
    const categories = await store.db.selectFrom('categories').selectAll().execute();
    const vocabulary = store.sqlite
      .prepare('SELECT count(DISTINCT term) AS n FROM category_terms')
      .get() as {
      n: number;
    };
    const temperature = Number((await readSetting(store, TEMPERATURE_SETTING)) ?? '1');
    return new CategoryModel(store, categories, Math.max(1, vocabulary.n), temperature);
  }

  get isEmpty(): boolean {
    return this.categories.length === 0;
  }

  /** Reads the per-category counts of the given terms. */
  termCounts(terms: Iterable<string>): TermCounts {
    const counts: TermCounts = new Map();
    const unique = [...new Set(terms)];
    const chunkSize = 500;
    for (let i = 0; i < unique.length; i += chunkSize) {
      const chunk = unique.slice(i, i + chunkSize);
      const placeholders = chunk.map(() => '?').join(',');
      const rows = this.store.sqlite
        .prepare(`SELECT term, label, count FROM category_terms WHERE term IN (${placeholders})`)
        .all(...chunk) as Array<{ term: string; label: string; count: number }>;
      for (const row of rows) {
        const byLabel = counts.get(row.term) ?? new Map<string, number>();
        byLabel.set(row.label, row.count);
        counts.set(row.term, byLabel);
      }
    }
    return counts;
  }

  /** Returns the raw log posteriors of a term list, optionally leaving one document out. */
  scores(terms: string[], heldOut?: HeldOut): Map<string, number> {
    const frequencies = termFrequencies(terms);
    return logPosteriors(
      this.categories,
      this.vocabularySize,
      frequencies,
      this.termCounts(frequencies.keys()),
      heldOut,
    );
  }

  /** Predicts the category of a term list, or returns null when the model has no categories. */
  predict(
    terms: string[],
    heldOut?: HeldOut,
    temperature = this.temperature,
  ): CategoryPrediction | null {
    if (this.isEmpty) return null;
    const ranked = softmax(this.scores(terms, heldOut), temperature);
    const [best] = ranked;
    if (!best) return null;

    const stats = this.categories.find((c) => c.label === best[0])!;
    return {
      label: best[0],
      product: stats.product,
      type: stats.type,
      confidence: round(best[1]),
      alternatives: ranked.slice(1, 4).map(([label, p]) => ({ label, confidence: round(p) })),
    };
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
