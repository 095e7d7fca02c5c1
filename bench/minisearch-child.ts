/**
 * The peer baseline, run by bench/run.ts in a process of its own. MiniSearch (an in-memory
 * inverted index) indexes the same redacted records and fields with casebook's tokenizer, and
 * its field boosts equal casebook's BM25 field weights.
 *
 * Usage: node --expose-gc --import tsx bench/minisearch-child.ts --input DIR --questions FILE
 *   --result FILE [--budget-seconds 300]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { readArchiveFile, type CaseRecord } from '../src/ingest/index.js';
import { redactRecord } from '../src/redact/record.js';
import { FIELD_WEIGHTS } from '../src/search/index.js';
import { tokenize } from '../src/text/index.js';
import { archiveFiles, readQuestionSet, type EngineResult } from './inputs.js';
import { currentRssMiB, peakRssMiB, summarizeLatencies, timeEach } from './measure.js';

interface IndexedCase {
  id: number;
  key: string;
  title: string;
  description: string;
  customer: string;
  agent: string;
}

const { values } = parseArgs({
  options: {
    input: { type: 'string' },
    questions: { type: 'string' },
    result: { type: 'string' },
    'budget-seconds': { type: 'string', default: '300' },
  },
});
if (!values.input || !values.questions || !values.result) {
  throw new Error(
    'missing --input, --questions or --result; see the usage in bench/minisearch-child.ts',
  );
}
const budget = Number(values['budget-seconds']);
const { warmUp, measured } = readQuestionSet(values.questions);

const index = new MiniSearch<IndexedCase>({
  fields: ['title', 'description', 'customer', 'agent'],
  storeFields: ['key'],
  // casebook's tokenizer already normalizes and lower-cases, so terms pass through unchanged.
  tokenize: (text) => tokenize(text),
  processTerm: (term) => term,
  searchOptions: { boost: { ...FIELD_WEIGHTS } },
});

// Parsing and redaction are timed apart from indexing: casebook's import does both too, but
// they are not MiniSearch's work. One file is in memory at a time.
const seconds = { parse: 0, redact: 0, index: 0 };
let cases = 0;
const gcBefore = heapAfterGc();
for (const file of archiveFiles(values.input)) {
  let started = performance.now();
  const records = readArchiveFile(file).records;
  seconds.parse += (performance.now() - started) / 1000;

  started = performance.now();
  const redacted = records.map((record) => redactRecord(record).record);
  seconds.redact += (performance.now() - started) / 1000;

  started = performance.now();
  index.addAll(redacted.map((record) => toDocument(record, cases++)));
  seconds.index += (performance.now() - started) / 1000;
}
const indexHeap = heapAfterGc() - gcBefore;
console.error(
  `minisearch: indexed ${cases} cases in ${seconds.index.toFixed(1)} s, heap ${indexHeap} MiB`,
);

const search = (query: string) => index.search(query).slice(0, 10);
for (const question of warmUp) search(question.query);

const rankings: Record<string, string[]> = {};
const latencies = await timeEach(
  measured,
  (question) => {
    rankings[question.id] = search(question.query).map((hit) => String(hit.key));
  },
  budget,
);

const result: EngineResult = {
  engine: 'minisearch',
  cases,
  seconds,
  memoryMiB: { indexHeap, servingRss: currentRssMiB(), peakRss: peakRssMiB() },
  latencyMs: { search: summarizeLatencies(latencies) },
  rankings,
  details: { gcAvailable: typeof globalThis.gc === 'function' },
};
writeFileSync(values.result, `${JSON.stringify(result, null, 1)}\n`);

function toDocument(record: CaseRecord, id: number): IndexedCase {
  const customer = record.turns.filter((turn) => turn.role === 'customer').map((turn) => turn.text);
  const agent = record.turns.filter((turn) => turn.role === 'agent').map((turn) => turn.text);
  return {
    id,
    key: `${record.source}#${record.ref}`,
    title: record.title,
    description: record.description,
    customer: customer.join('\n'),
    // As in casebook's search document: the agent turns, or the answer section without turns.
    agent: agent.length > 0 ? agent.join('\n') : record.answer,
  };
}

// Heap in use after a full collection, in MiB. Without --expose-gc it includes garbage.
function heapAfterGc(): number {
  globalThis.gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
}
