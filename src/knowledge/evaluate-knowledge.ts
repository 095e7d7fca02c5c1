import { readFileSync } from 'node:fs';
import { load as parseYaml } from 'js-yaml';
import type { Store } from '../store/open.js';
import { iterateCases, type StoredCase } from '../store/case-reader.js';
import { searchCases } from '../search/search.js';
import type { Knowledge } from './bundled.js';
import { matchRootCauses } from './matcher.js';
import { inferRootCause } from './combine.js';

/** A hand label of one archive record. */
export interface CaseLabel {
  rootCause: string | null;
  needsHuman: boolean;
  needsHumanReasons: string[];
}

/** Hand labels of one source file, keyed by ref. */
export interface LabelSet {
  source: string;
  labels: Map<string, CaseLabel>;
}

/** Agreement of one predictor with the labels. */
export interface LabelAgreement {
  /** Share of labelled cases where the prediction equals the label (null counts as a value). */
  accuracy: number;
  /** Cases given a code, and how many of those codes were right. */
  answered: number;
  answeredRight: number;
}

/** Root-cause and needs-human agreement with a hand-labelled set. */
export interface KnowledgeEvaluation {
  cases: number;
  rootCause: {
    /** Whole dialogue, as the import stores it for each case. */
    fromDialogue: LabelAgreement;
    /** Title and description only, plus the causes of similar other cases, as triage sees a new question. */
    fromQuestion: LabelAgreement;
    /** Always the most frequent labelled cause. */
    majorityBaseline: LabelAgreement & { code: string | null };
  };
  needsHuman: { accuracy: number; precision: number; recall: number; alwaysNoBaseline: number };
}

/** Loads a label file: `{ source, labels: { Q1: { rootCause, needsHuman, needsHumanReasons } } }`. */
export function loadLabels(file: string): LabelSet {
  const raw = parseYaml(readFileSync(file, 'utf8'), { filename: file }) as {
    source?: unknown;
    labels?: Record<string, Partial<CaseLabel>>;
  };
  if (typeof raw?.source !== 'string' || typeof raw.labels !== 'object' || raw.labels === null) {
    throw new Error(
      `${file}: expected "source" (a file name) and "labels" (a map from ref to label).`,
    );
  }
  const labels = new Map<string, CaseLabel>();
  for (const [ref, label] of Object.entries(raw.labels)) {
    if (label.rootCause === undefined || typeof label.needsHuman !== 'boolean') {
      throw new Error(
        `${file}: label ${ref} needs "rootCause" (a code or null) and "needsHuman" (true or false).`,
      );
    }
    labels.set(ref, {
      rootCause: label.rootCause,
      needsHuman: label.needsHuman,
      needsHumanReasons: label.needsHumanReasons ?? [],
    });
  }
  return { source: raw.source, labels };
}

function agreement(
  pairs: Array<{ truth: string | null; predicted: string | null }>,
): LabelAgreement {
  const right = pairs.filter((p) => p.truth === p.predicted).length;
  const answered = pairs.filter((p) => p.predicted !== null);
  return {
    accuracy: round(right / Math.max(1, pairs.length)),
    answered: answered.length,
    answeredRight: answered.filter((p) => p.truth === p.predicted).length,
  };
}

async function causeFromQuestion(
  store: Store,
  found: StoredCase,
  knowledge: Knowledge,
): Promise<string | null> {
  const question = `${found.title}\n${found.description}`;
  // The case itself is usually the best hit, so floors relative to it would empty the list.
  const hits = (await searchCases(store, question, { limit: 6, keepWeak: true }))
    .filter((hit) => hit.caseId !== found.id)
    .slice(0, 5);
  const neighbours = hits.map((hit) => ({ code: hit.case.rootCauseCode, score: hit.score }));
  const matches = matchRootCauses(question, knowledge.taxonomy);
  return inferRootCause(matches, neighbours, { taxonomy: knowledge.taxonomy })?.code ?? null;
}

/**
 * Compares the stored root causes and needs-human flags of a source's cases with hand labels,
 * and also infers each case's cause from its opening alone with the case itself left out of the
 * neighbours, which is how triage meets a new question.
 */
export async function evaluateKnowledge(
  store: Store,
  labelSet: LabelSet,
  knowledge: Knowledge,
): Promise<KnowledgeEvaluation> {
  const dialogue: Array<{ truth: string | null; predicted: string | null }> = [];
  const question: Array<{ truth: string | null; predicted: string | null }> = [];
  const human: Array<{ truth: boolean; predicted: boolean }> = [];

  for await (const found of iterateCases(store, { source: labelSet.source })) {
    const label = labelSet.labels.get(found.ref);
    if (!label) continue;
    dialogue.push({ truth: label.rootCause, predicted: found.rootCauseCode });
    question.push({
      truth: label.rootCause,
      predicted: await causeFromQuestion(store, found, knowledge),
    });
    human.push({ truth: label.needsHuman, predicted: found.needsHuman });
  }

  const frequency = new Map<string | null, number>();
  for (const pair of dialogue) frequency.set(pair.truth, (frequency.get(pair.truth) ?? 0) + 1);
  const majority = [...frequency.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;

  const tp = human.filter((h) => h.truth && h.predicted).length;
  const predictedYes = human.filter((h) => h.predicted).length;
  const actualYes = human.filter((h) => h.truth).length;
  return {
    cases: dialogue.length,
    rootCause: {
      fromDialogue: agreement(dialogue),
      fromQuestion: agreement(question),
      majorityBaseline: {
        code: majority,
        ...agreement(dialogue.map((p) => ({ truth: p.truth, predicted: majority }))),
      },
    },
    needsHuman: {
      accuracy: round(
        human.filter((h) => h.truth === h.predicted).length / Math.max(1, human.length),
      ),
      precision: round(tp / Math.max(1, predictedYes)),
      recall: round(tp / Math.max(1, actualYes)),
      alwaysNoBaseline: round(human.filter((h) => !h.truth).length / Math.max(1, human.length)),
    },
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
