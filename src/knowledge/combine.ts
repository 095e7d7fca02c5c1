import type { RootCauseMatch } from './matcher.js';
import type { Taxonomy } from './taxonomy.js';

/** Root-cause code of a similar past case and how similar it is (0 to 1). */
export interface NeighbourCode {
  /** The case's root-cause code, or null when that case has no known cause. */
  code: string | null;
  score: number;
}

/** The root cause inferred for a case, with the reasons for it. */
export interface RootCauseInference {
  code: string;
  /** zh-CN label from the taxonomy, or the code itself when no taxonomy was given. */
  label: string;
  /** Combined support for the code, from 0 to 1. */
  confidence: number;
  /** Text phrases that support the code; empty when only similar cases support it. */
  evidence: string[];
}

/** Options of `inferRootCause`; the defaults are in `INFER_DEFAULTS`. */
export interface InferOptions {
  /** Taxonomy used to look up labels. */
  taxonomy?: Taxonomy;
  /** Smallest confidence returned; below it the result is null. Defaults to 0.45. */
  minConfidence?: number;
  /** Smallest lead over the runner-up; a closer call returns null. Defaults to 0.08. */
  minMargin?: number;
  /** How much a unanimous, fully similar neighbour vote counts, from 0 to 1. Defaults to 0.5. */
  neighbourWeight?: number;
  /** Text score at which a lone match reaches confidence 0.5. Defaults to 6. */
  scoreScale?: number;
  /** Number of most similar neighbours taken into account. Defaults to 5. */
  maxNeighbours?: number;
}

/**
 * Defaults chosen on the 95 hand-labelled cases of the Part 14 sample, with text alone and with
 * leave-one-out neighbours, so that wrong results above the threshold stay rare. The figures are
 * in `test/knowledge/accuracy.test.ts`.
 */
export const INFER_DEFAULTS = {
  minConfidence: 0.45,
  minMargin: 0.08,
  neighbourWeight: 0.5,
  scoreScale: 6,
  maxNeighbours: 5,
} as const;

// Similarity mass that neighbours must exceed before their vote counts fully.
const NEIGHBOUR_PRIOR = 0.5;

/**
 * Infers a case's root cause from its text matches and the codes of its most similar past cases.
 * Returns null when the evidence is weak or two causes are too close to call.
 *
 * Text support of a code is its score over the total score plus `scoreScale`, so one strong match
 * counts more than several weak ones. Neighbour support is the similarity mass voting for the code
 * over the total mass plus a small prior, so neighbours without a code dilute the vote. The two
 * are joined as independent evidence, `1 - (1 - text) * (1 - neighbourWeight * neighbours)`, so
 * agreeing neighbours raise the confidence and never lower it.
 */
export function inferRootCause(
  matches: readonly RootCauseMatch[],
  neighbourCodes: ReadonlyArray<NeighbourCode>,
  options: InferOptions = {},
): RootCauseInference | null {
  const settings = { ...INFER_DEFAULTS, ...options };
  const text = textSupport(matches, settings.scoreScale);
  const neighbours = neighbourSupport(neighbourCodes, settings.maxNeighbours);

  const combined = new Map<string, number>();
  for (const code of new Set([...text.keys(), ...neighbours.keys()])) {
    const fromText = text.get(code) ?? 0;
    const fromNeighbours = settings.neighbourWeight * (neighbours.get(code) ?? 0);
    combined.set(code, 1 - (1 - fromText) * (1 - fromNeighbours));
  }

  const ranked = [...combined].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0) return null;
  const [code, confidence] = ranked[0];
  const runnerUp = ranked[1]?.[1] ?? 0;
  if (confidence < settings.minConfidence || confidence - runnerUp < settings.minMargin) {
    return null;
  }

  return {
    code,
    label: options.taxonomy?.byCode.get(code)?.label ?? code,
    confidence: round(confidence),
    evidence: matches.find((match) => match.code === code)?.evidence ?? [],
  };
}

function textSupport(matches: readonly RootCauseMatch[], scale: number): Map<string, number> {
  const positive = matches.filter((match) => match.score > 0);
  const total = positive.reduce((sum, match) => sum + match.score, 0);
  return new Map(positive.map((match) => [match.code, match.score / (total + scale)]));
}

function neighbourSupport(
  neighbourCodes: ReadonlyArray<NeighbourCode>,
  maxNeighbours: number,
): Map<string, number> {
  const nearest = [...neighbourCodes]
    .map((neighbour) => ({ code: neighbour.code, score: clamp(neighbour.score) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, maxNeighbours);
  const total = nearest.reduce((sum, neighbour) => sum + neighbour.score, 0);

  const support = new Map<string, number>();
  for (const neighbour of nearest) {
    if (neighbour.code === null || neighbour.score === 0) continue;
    const share = neighbour.score / (total + NEIGHBOUR_PRIOR);
    support.set(neighbour.code, (support.get(neighbour.code) ?? 0) + share);
  }
  return support;
}

function clamp(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
