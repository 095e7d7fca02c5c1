import { readFileSync } from 'node:fs';
import type { BenchQuestion } from './questions.js';

/** Retrieval quality over a question set, overall and per question kind. */
export interface Quality {
  questions: number;
  /** Questions that were timed and therefore ranked; fewer when a budget ran out. */
  ranked: number;
  hitAt1: number;
  hitAt5: number;
  /** Mean reciprocal rank of the first hit within the top 10, 0 when none. */
  mrr: number;
}

/** Reads `manifest.tsv` into a map from `source#ref` to the sample ref the case derives from. */
export function readManifest(file: string): Map<string, string> {
  const templates = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [source, ref, template] = line.split('\t');
    if (source && ref && template) templates.set(`${source}#${ref}`, template);
  }
  return templates;
}

/** Returns whether a result key counts as a hit for a question. */
export function isHit(
  question: BenchQuestion,
  key: string,
  templates: Map<string, string>,
): boolean {
  if (question.hits?.includes(key)) return true;
  const template = templates.get(key);
  return template !== undefined && (question.templates?.includes(template) ?? false);
}

/**
 * Scores rankings against the questions. A question without a ranking (not reached within the
 * time budget) is left out of the figures but counted in `questions`.
 */
export function scoreRankings(
  questions: BenchQuestion[],
  rankings: Record<string, string[]>,
  templates: Map<string, string>,
): Quality {
  let ranked = 0;
  let hitAt1 = 0;
  let hitAt5 = 0;
  let reciprocalRanks = 0;

  for (const question of questions) {
    const keys = rankings[question.id];
    if (keys === undefined) continue;
    ranked += 1;
    const position = keys.slice(0, 10).findIndex((key) => isHit(question, key, templates));
    if (position === 0) hitAt1 += 1;
    if (position >= 0 && position < 5) hitAt5 += 1;
    if (position >= 0) reciprocalRanks += 1 / (position + 1);
  }

  const share = (count: number) =>
    ranked === 0 ? Number.NaN : Math.round((count / ranked) * 1000) / 1000;
  return {
    questions: questions.length,
    ranked,
    hitAt1: share(hitAt1),
    hitAt5: share(hitAt5),
    mrr: share(reciprocalRanks),
  };
}

/** Scores rankings overall and separately for topic and known-item questions. */
export function scoreByKind(
  questions: BenchQuestion[],
  rankings: Record<string, string[]>,
  templates: Map<string, string>,
): Record<string, Quality> {
  const measured = questions.filter((question) => question.kind !== 'warm-up');
  const scores: Record<string, Quality> = { all: scoreRankings(measured, rankings, templates) };
  for (const kind of ['topic', 'known-item'] as const) {
    const subset = measured.filter((question) => question.kind === kind);
    if (subset.length > 0) scores[kind] = scoreRankings(subset, rankings, templates);
  }
  return scores;
}
