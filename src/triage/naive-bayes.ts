/** Document and token totals of one category. */
export interface CategoryStats {
  label: string;
  product: string;
  type: string;
  documents: number;
  tokens: number;
}

/** Counts of each term per category label, for the terms of one document. */
export type TermCounts = Map<string, Map<string, number>>;

/** A document's own counts, removed from the model to score it leave-one-out. */
export interface HeldOut {
  label: string;
  termFrequencies: Map<string, number>;
  tokens: number;
}

/** Counts how often each term occurs in a list of terms. */
export function termFrequencies(terms: string[]): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  return frequencies;
}

/**
 * Scores a document under multinomial naive Bayes with Laplace smoothing: the log prior of each
 * category plus, for each term, its frequency times the log of the smoothed term probability.
 * With `heldOut`, that document's counts are first taken out of the model (leave-one-out).
 */
export function logPosteriors(
  categories: CategoryStats[],
  vocabularySize: number,
  frequencies: Map<string, number>,
  counts: TermCounts,
  heldOut?: HeldOut,
  alpha = 1,
): Map<string, number> {
  const totalDocuments = categories.reduce((sum, c) => sum + c.documents, 0) - (heldOut ? 1 : 0);
  const scores = new Map<string, number>();

  for (const category of categories) {
    const own = heldOut?.label === category.label;
    const documents = category.documents - (own ? 1 : 0);
    if (documents <= 0) continue;
    const tokens = category.tokens - (own ? heldOut.tokens : 0);

    let score = Math.log(documents / totalDocuments);
    const denominator = Math.log(tokens + alpha * vocabularySize);
    for (const [term, frequency] of frequencies) {
      let count = counts.get(term)?.get(category.label) ?? 0;
      if (own) count -= heldOut.termFrequencies.get(term) ?? 0;
      score += frequency * (Math.log(count + alpha) - denominator);
    }
    scores.set(category.label, score);
  }
  return scores;
}

/** Turns log scores into probabilities with a softmax at temperature `temperature`. */
export function softmax(scores: Map<string, number>, temperature: number): Array<[string, number]> {
  const entries = [...scores.entries()];
  const max = Math.max(...entries.map(([, s]) => s));
  const weights = entries.map(([label, s]): [string, number] => [
    label,
    Math.exp((s - max) / temperature),
  ]);
  const sum = weights.reduce((total, [, w]) => total + w, 0);
  return weights
    .map(([label, w]): [string, number] => [label, w / sum])
    .sort((a, b) => b[1] - a[1]);
}
