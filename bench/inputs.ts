import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readJson, type LatencySummary } from './measure.js';
import type { BenchQuestion } from './questions.js';

/** Lists the archive files of an input: the `.md` files of a folder, or one file. */
export function archiveFiles(input: string): string[] {
  if (!statSync(input).isDirectory()) return [input];
  return readdirSync(input)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join(input, name));
}

/** A question set split into the warm-up queries and the measured ones. */
export interface QuestionSet {
  warmUp: BenchQuestion[];
  measured: BenchQuestion[];
}

/** Reads a `questions.json` written by the generator or by the run for the sample. */
export function readQuestionSet(file: string): QuestionSet {
  const questions = readJson<BenchQuestion[]>(file);
  return {
    warmUp: questions.filter((question) => question.kind === 'warm-up'),
    measured: questions.filter((question) => question.kind !== 'warm-up'),
  };
}

/** Result of one engine's child process, as it writes it to its `--result` file. */
export interface EngineResult {
  engine: 'casebook' | 'minisearch';
  cases: number;
  /** Seconds per build step, such as `import`, or `parse` and `index` for MiniSearch. */
  seconds: Record<string, number>;
  /** Memory in MiB: `peakRss` is the process maximum, the others are snapshots. */
  memoryMiB: Record<string, number>;
  latencyMs: Record<string, LatencySummary>;
  /** Top 10 result keys (`source#ref`) per question id. */
  rankings: Record<string, string[]>;
  details: Record<string, unknown>;
}
