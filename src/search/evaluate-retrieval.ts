import { readFileSync } from 'node:fs';
import { load as parseYaml } from 'js-yaml';
import type { Store } from '../store/open.js';
import { searchCases } from './search.js';

/** A question with the refs of the cases that answer it. */
export interface LabelledQuestion {
  question: string;
  refs: string[];
  category?: string;
}

/** Retrieval quality over a question set. */
export interface RetrievalEvaluation {
  questions: number;
  hitAt1: number;
  hitAt5: number;
  /** Mean reciprocal rank of the first right case within the top 10, else 0. */
  mrr: number;
  /** Questions whose top 5 contains no right case. */
  misses: Array<{ question: string; expected: string[]; got: string[] }>;
}

/** Loads a question set: a YAML list of `{ question, refs, category? }`. */
export function loadQuestions(file: string): LabelledQuestion[] {
  const raw: unknown = parseYaml(readFileSync(file, 'utf8'), { filename: file });
  if (!Array.isArray(raw))
    throw new Error(`${file}: expected a list of questions at the top level.`);
  return raw.map((entry: Record<string, unknown>, index) => {
    if (
      typeof entry.question !== 'string' ||
      !Array.isArray(entry.refs) ||
      entry.refs.length === 0
    ) {
      throw new Error(
        `${file}: entry ${index + 1} needs a "question" string and a non-empty "refs" list.`,
      );
    }
    return {
      question: entry.question,
      refs: entry.refs.map(String),
      category: typeof entry.category === 'string' ? entry.category : undefined,
    };
  });
}

/**
 * Measures hit@1, hit@5 and MRR of a ranking function over labelled questions. A hit is any of
 * the question's refs; `rank` defaults to casebook's own search.
 */
export async function evaluateRetrieval(
  store: Store,
  questions: LabelledQuestion[],
  rank: (question: string) => Promise<string[]> = async (q) =>
    (await searchCases(store, q, { limit: 10 })).map((hit) => hit.ref),
): Promise<RetrievalEvaluation> {
  let hitAt1 = 0;
  let hitAt5 = 0;
  let reciprocalRanks = 0;
  const misses: RetrievalEvaluation['misses'] = [];

  for (const item of questions) {
    const refs = await rank(item.question);
    const position = refs.findIndex((ref) => item.refs.includes(ref));
    if (position === 0) hitAt1 += 1;
    if (position >= 0 && position < 5) hitAt5 += 1;
    else misses.push({ question: item.question, expected: item.refs, got: refs.slice(0, 5) });
    if (position >= 0 && position < 10) reciprocalRanks += 1 / (position + 1);
  }

  const n = Math.max(1, questions.length);
  return {
    questions: questions.length,
    hitAt1: round(hitAt1 / n),
    hitAt5: round(hitAt5 / n),
    mrr: round(reciprocalRanks / n),
    misses,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
