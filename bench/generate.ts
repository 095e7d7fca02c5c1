/**
 * Generates synthetic support-record archives from the bundled sample, with a question set
 * whose answers are known.
 *
 * Usage: node --import tsx bench/generate.ts --cases 100000 --out bench/out/100k [--seed 14]
 *   [--cases-per-file 10000]
 *
 * Writes `support-records-part<N>.md` files, `manifest.tsv` (source, ref and the sample record
 * each case was derived from), `questions.json` and `generation.json` (sizes and settings).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  defaultHeader,
  readArchiveFile,
  writeArchive,
  type CaseRecord,
} from '../src/ingest/index.js';
import { dataPath } from '../src/shared/paths.js';
import {
  knownItemQuestion,
  topicQuestions,
  type BenchQuestion,
  type CaseFacts,
  type KnownItemTarget,
} from './questions.js';
import { Random } from './random.js';
import { buildTemplateSet, synthesizeCase } from './synthesize.js';

/** Options of {@link generateArchives}. */
export interface GenerateOptions {
  cases: number;
  out: string;
  seed?: number;
  casesPerFile?: number;
  /** Known-item questions measured, after `warmUp` more that only warm the caches up. */
  knownItems?: number;
  warmUp?: number;
}

/** Sizes and settings of one generated archive set, as `generation.json` stores them. */
export interface GenerationSummary {
  cases: number;
  files: string[];
  bytes: number;
  seed: number;
  /** Characters of title, description and turns per case, at the 10/50/90/99th percentile. */
  lengthPercentiles: { generated: number[]; sample: number[] };
  questions: { topic: number; knownItem: number; warmUp: number; verbatim: number };
  seconds: number;
}

const SAMPLE = dataPath('samples', 'support-records-part14.md');
const QUESTIONS = dataPath('eval', 'sample-questions.yaml');
const FIRST_PART = 1001;

/** Generates the archives, the manifest and the question set of one size into `options.out`. */
export function generateArchives(options: GenerateOptions): GenerationSummary {
  const started = performance.now();
  const seed = options.seed ?? 14;
  const perFile = options.casesPerFile ?? 10_000;
  const targetCount = (options.knownItems ?? 204) + (options.warmUp ?? 20);
  mkdirSync(options.out, { recursive: true });

  const sample = readArchiveFile(SAMPLE).records;
  const set = buildTemplateSet(sample);
  const templateIndex = new Map(sample.map((record, index) => [record.ref, index]));
  const random = new Random(seed);
  const targets = chooseTargets(new Random(seed ^ 0x5bd1e995), options.cases, targetCount);

  const sourceOf = (index: number) =>
    `support-records-part${FIRST_PART + Math.floor(index / perFile)}.md`;
  const facts: CaseFacts = {
    brandIds: new Int32Array(options.cases).fill(-1),
    templates: new Uint8Array(options.cases),
    templateRefs: sample.map((record) => record.ref),
    keyOf: (index) => `${sourceOf(index)}#Q${(index % perFile) + 1}`,
  };

  const files: string[] = [];
  const manifest: string[] = [];
  const chosen: KnownItemTarget[] = [];
  const generatedLengths: number[] = [];
  let bytes = 0;
  // Up to 20,000 case lengths are kept for the percentiles, so memory stays flat at 1M cases.
  const lengthStride = Math.max(1, Math.floor(options.cases / 20_000));

  for (let first = 0; first < options.cases; first += perFile) {
    const source = sourceOf(first);
    const records: CaseRecord[] = [];
    for (let index = first; index < Math.min(options.cases, first + perFile); index += 1) {
      const ref = `Q${(index % perFile) + 1}`;
      const synthetic = synthesizeCase(random, set, {
        source,
        ref,
        forceClues: targets.has(index),
      });
      records.push(synthetic.record);
      manifest.push(`${source}\t${ref}\t${synthetic.template}`);
      facts.brandIds[index] = synthetic.brandId ?? -1;
      facts.templates[index] = templateIndex.get(synthetic.template) ?? 0;
      if (targets.has(index)) chosen.push({ index, key: facts.keyOf(index), synthetic });
      if (index % lengthStride === 0) generatedLengths.push(caseLength(synthetic.record));
    }

    const part = String(FIRST_PART + Math.floor(first / perFile));
    const text = writeArchive(defaultHeader(records.length, part), records);
    writeFileSync(path.join(options.out, source), text);
    files.push(source);
    bytes += Buffer.byteLength(text);
  }

  const questions = buildQuestions(
    new Random(seed ^ 0x27d4eb2f),
    chosen,
    facts,
    options.warmUp ?? 20,
  );
  writeFileSync(path.join(options.out, 'manifest.tsv'), `${manifest.join('\n')}\n`);
  writeFileSync(
    path.join(options.out, 'questions.json'),
    `${JSON.stringify(questions, null, 1)}\n`,
  );

  const summary: GenerationSummary = {
    cases: options.cases,
    files,
    bytes,
    seed,
    lengthPercentiles: {
      generated: percentiles(generatedLengths),
      sample: percentiles(sample.map(caseLength)),
    },
    questions: {
      topic: questions.filter((q) => q.kind === 'topic').length,
      knownItem: questions.filter((q) => q.kind === 'known-item').length,
      warmUp: questions.filter((q) => q.kind === 'warm-up').length,
      verbatim: countVerbatim(questions, chosen),
    },
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
  writeFileSync(path.join(options.out, 'generation.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

// Spreads the targets over the whole archive, one at a random position in each equal slice.
function chooseTargets(random: Random, cases: number, count: number): Set<number> {
  const targets = new Set<number>();
  const slices = Math.min(count, cases);
  for (let k = 0; k < slices; k += 1) {
    const start = Math.floor((k * cases) / slices);
    const end = Math.floor(((k + 1) * cases) / slices);
    targets.add(random.integer(start, end - 1));
  }
  return targets;
}

function buildQuestions(
  random: Random,
  chosen: KnownItemTarget[],
  facts: CaseFacts,
  warmUp: number,
): BenchQuestion[] {
  const ordered = random.shuffle(chosen);
  const warmUpQuestions = ordered.slice(0, warmUp).map((target, index) => ({
    ...knownItemQuestion(random, target, facts, `warm-up-${String(index + 1).padStart(2, '0')}`),
    kind: 'warm-up' as const,
  }));
  const knownItems = ordered
    .slice(warmUp)
    .map((target, index) =>
      knownItemQuestion(random, target, facts, `item-${String(index + 1).padStart(3, '0')}`),
    );

  return [...warmUpQuestions, ...topicQuestions(QUESTIONS), ...knownItems];
}

// Counts known-item questions whose text occurs verbatim in the target case. The generator
// aims for none.
function countVerbatim(questions: BenchQuestion[], chosen: KnownItemTarget[]): number {
  const textByKey = new Map(
    chosen.map((target) => [target.key, caseText(target.synthetic.record)]),
  );
  return questions.filter((question) => {
    const text = question.hits?.[0] === undefined ? undefined : textByKey.get(question.hits[0]);
    return text !== undefined && text.includes(question.query);
  }).length;
}

function caseText(record: CaseRecord): string {
  return [record.title, record.description, ...record.turns.map((turn) => turn.text)].join('\n');
}

function caseLength(record: CaseRecord): number {
  return (
    record.title.length +
    record.description.length +
    record.turns.reduce((sum, turn) => sum + turn.text.length, 0)
  );
}

function percentiles(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return [0.1, 0.5, 0.9, 0.99].map(
    (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0,
  );
}

function parseCaseCount(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (match === null)
    throw new Error(`invalid --cases "${text}": expected a number such as 1000, 100k or 1m`);
  const scale = { '': 1, k: 1_000, m: 1_000_000 }[(match[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * scale);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '14' },
      'cases-per-file': { type: 'string', default: '10000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      'Usage: node --import tsx bench/generate.ts --cases 100000 --out bench/out/100k ' +
        '[--seed 14] [--cases-per-file 10000]',
    );
    return;
  }
  if (values.cases === undefined || values.out === undefined) {
    throw new Error(
      'missing --cases or --out; usage: generate.ts --cases 100000 --out bench/out/100k',
    );
  }

  const summary = generateArchives({
    cases: parseCaseCount(values.cases),
    out: values.out,
    seed: Number(values.seed),
    casesPerFile: Number(values['cases-per-file']),
  });
  const { files, ...rest } = summary;
  console.log(JSON.stringify({ ...rest, files: files.length }));
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(path.basename(process.argv[1])))
  main();
