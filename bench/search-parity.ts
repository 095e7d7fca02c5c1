// Compares search on SQLite and PostgreSQL: the overlap of their top 10 for every question, and
// hit@1 / hit@5 / MRR of each against the question set's labels.
//   node --import tsx bench/search-parity.ts --sqlite FILE --postgres URL [--questions FILE]
// Both databases must hold the same cases (copy one into the other with `casebook migrate`).
import { parseArgs } from 'node:util';
import { evaluateRetrieval, loadQuestions, searchCases } from '../src/search/index.js';
import { openStore, type Store } from '../src/store/index.js';
import { describeLocation } from '../src/store/location.js';

const { values } = parseArgs({
  options: {
    sqlite: { type: 'string' },
    postgres: { type: 'string' },
    questions: { type: 'string', default: 'data/eval/sample-questions.yaml' },
    json: { type: 'boolean', default: false },
  },
});
if (!values.sqlite || !values.postgres) {
  console.error('Usage: bench/search-parity.ts --sqlite FILE --postgres URL [--questions FILE]');
  process.exit(2);
}

const questions = loadQuestions(values.questions!);
const sqlite = await openStore({ path: values.sqlite });
const postgres = await openStore({ path: values.postgres });

const latencies = { sqlite: [] as number[], postgres: [] as number[] };

async function topRefs(store: Store, question: string): Promise<string[]> {
  const started = performance.now();
  const hits = await searchCases(store, question, { limit: 10 });
  latencies[store.dialect].push(performance.now() - started);
  return hits.map((hit) => `${hit.source}#${hit.ref}`);
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  return Math.round(value * 10) / 10;
}

let overlapSum = 0;
let sameFirst = 0;
let compared = 0;
for (const item of questions) {
  const a = await topRefs(sqlite, item.question);
  const b = await topRefs(postgres, item.question);
  const size = Math.max(a.length, b.length);
  if (size === 0) continue;
  const shared = a.filter((ref) => b.includes(ref)).length;
  overlapSum += shared / size;
  if (a[0] === b[0]) sameFirst += 1;
  compared += 1;
}

const byRef = (store: Store) => async (question: string) =>
  (await searchCases(store, question, { limit: 10 })).map((hit) => hit.ref);
const sqliteQuality = await evaluateRetrieval(sqlite, questions, byRef(sqlite));
const postgresQuality = await evaluateRetrieval(postgres, questions, byRef(postgres));

const result = {
  questions: questions.length,
  compared,
  top10Overlap: round(overlapSum / Math.max(1, compared)),
  sameFirstHit: round(sameFirst / Math.max(1, compared)),
  sqlite: {
    hitAt1: sqliteQuality.hitAt1,
    hitAt5: sqliteQuality.hitAt5,
    mrr: sqliteQuality.mrr,
    searchP50Ms: percentile(latencies.sqlite, 0.5),
    searchP95Ms: percentile(latencies.sqlite, 0.95),
  },
  postgres: {
    hitAt1: postgresQuality.hitAt1,
    hitAt5: postgresQuality.hitAt5,
    mrr: postgresQuality.mrr,
    searchP50Ms: percentile(latencies.postgres, 0.5),
    searchP95Ms: percentile(latencies.postgres, 0.95),
  },
};
if (values.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`SQLite ${values.sqlite} vs PostgreSQL ${describeLocation(values.postgres!)}`);
  console.log(
    `${result.compared} of ${result.questions} questions compared: mean top-10 overlap ` +
      `${result.top10Overlap}, same first hit ${result.sameFirstHit}`,
  );
  for (const engine of ['sqlite', 'postgres'] as const) {
    const q = result[engine];
    console.log(
      `${engine}: hit@1 ${q.hitAt1}, hit@5 ${q.hitAt5}, MRR ${q.mrr}, ` +
        `search p50 ${q.searchP50Ms} ms, p95 ${q.searchP95Ms} ms`,
    );
  }
}
await sqlite.close();
await postgres.close();

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
