/**
 * One casebook measurement, run by bench/run.ts in a process of its own so that peak memory
 * belongs to one size only. It imports the archives into a fresh SQLite file, then reopens the
 * store and times triage and search over the question set.
 *
 * Usage: node --import tsx bench/casebook-child.ts --input DIR --questions FILE --db FILE
 *   --result FILE [--engine-root src] [--budget-seconds 300] [--stages 100] [--database-index]
 *   [--reuse-db] [--import-only]
 *
 * `--engine-root` is the folder casebook is loaded from: `src`, or a build made by bench/run.ts.
 * Searches use the in-memory index, as `casebook serve` does; `--database-index` measures the
 * database's own index (FTS5) instead, as the one-shot `search` and `triage` commands use it.
 * `--reuse-db` skips the import and measures the database an earlier run left, reporting that
 * run's import figures again; bench/run.ts gets those from a `casebook import` process it times.
 * `--import-only` times the import in this process instead, `importArchives` alone without the
 * CLI's start and the calibration after it, and stops after writing its figures.
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadEngine } from './engine.js';
import { archiveFiles, readQuestionSet, type EngineResult } from './inputs.js';
import { currentRssMiB, peakRssMiB, readJson, summarizeLatencies, timeEach } from './measure.js';
import type { ImportSummary } from '../src/ingest/index.js';
import { timeTriageStages } from './stages.js';

const { values } = parseArgs({
  options: {
    input: { type: 'string' },
    questions: { type: 'string' },
    db: { type: 'string' },
    result: { type: 'string' },
    'engine-root': { type: 'string', default: 'src' },
    'budget-seconds': { type: 'string', default: '300' },
    stages: { type: 'string', default: '100' },
    'database-index': { type: 'boolean', default: false },
    'reuse-db': { type: 'boolean', default: false },
    'import-only': { type: 'boolean', default: false },
  },
});
if (!values.input || !values.questions || !values.db || !values.result) {
  throw new Error(
    'missing --input, --questions, --db or --result; see the usage in bench/casebook-child.ts',
  );
}
const budget = Number(values['budget-seconds']);
const db = values.db;
const engine = await loadEngine(values['engine-root']);
const { importArchives } = engine.ingest;
const { searchCases, rankCases, MemorySearch, attachMemorySearch } = engine.search;
const { openStore } = engine.store;
const { Triage } = engine.triage;

const files = archiveFiles(values.input);
const { warmUp, measured } = readQuestionSet(values.questions);
const earlier = values['reuse-db'] ? readJson<EngineResult>(values.result) : undefined;
if (!earlier) for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });

// Import, end to end: open (creating the schema), parse, redact, segment, store, commit.
const importStarted = performance.now();
let store = await openStore({ path: db });
const summary = earlier ? earlierSummary(earlier) : await importArchives(store, files);
await store.close();
const importSeconds = earlier?.seconds.import ?? (performance.now() - importStarted) / 1000;
const importPeakRss = earlier?.memoryMiB.importPeakRss ?? peakRssMiB();
const imported = summary.imported + summary.updated + summary.unchanged;
console.error(
  `casebook: imported ${imported} cases in ${importSeconds.toFixed(1)} s, peak RSS ${importPeakRss} MiB` +
    (earlier ? ' (figures of the earlier run)' : ''),
);
if (values['import-only']) {
  // The figures a later --reuse-db run reports again; serving figures come from that run.
  const importResult = {
    engine: 'casebook',
    cases: imported,
    seconds: { import: importSeconds },
    memoryMiB: { importPeakRss },
    details: { summary: { ...summary, errors: [] }, errors: summary.errors.length },
  };
  writeFileSync(values.result, `${JSON.stringify(importResult, null, 1)}\n`);
  process.exit(0);
}

// Triage and search on a freshly opened store, as a server would run them.
const openStarted = performance.now();
store = await openStore({ path: db });
const triage = await Triage.open(store);
const openSeconds = (performance.now() - openStarted) / 1000;
const indexStarted = performance.now();
if (!values['database-index']) attachMemorySearch(store, await MemorySearch.load(store));
const indexSeconds = (performance.now() - indexStarted) / 1000;
const indexRss = currentRssMiB();

for (const question of warmUp) {
  await triage.run(question.query);
  await searchCases(store, question.query, { limit: 10 });
}
const triageLatencies = await timeEach(measured, (question) => triage.run(question.query), budget);

const rankings: Record<string, string[]> = {};
const searchLatencies = await timeEach(
  measured,
  async (question) => {
    const hits = await searchCases(store, question.query, { limit: 10 });
    rankings[question.id] = hits.map((hit) => `${hit.source}#${hit.ref}`);
  },
  budget,
);
// Ranking alone returns what MiniSearch's search returns: ids, scores and matched terms. The
// peer comparison times it, since searchCases also loads the cases and cuts their snippets.
const rankLatencies = await timeEach(
  measured,
  (question) => rankCases(store, question.query, { limit: 10 }),
  budget,
);
// Memory of a serving process: the stage pass below also runs every query through FTS5, which a
// server holding the in-memory index never does. Without --reuse-db the peak includes the import.
const searchedRss = currentRssMiB();
const searchedPeakRss = peakRssMiB();
const stages = await timeTriageStages(
  engine,
  store,
  measured.slice(0, Number(values.stages)).map((question) => question.query),
);

const vocabularyStarted = performance.now();
const vocabulary = (await store.sql.get<{ n: number }>('SELECT count(*) AS n FROM term_stats'))!;
const vocabularySeconds = (performance.now() - vocabularyStarted) / 1000;
const servingRss = currentRssMiB();
await store.close();

const result: EngineResult = {
  engine: 'casebook',
  cases: imported,
  seconds: { import: importSeconds, open: openSeconds, index: indexSeconds },
  memoryMiB: {
    importPeakRss,
    indexRss,
    searchedRss,
    searchedPeakRss,
    servingRss,
    peakRss: peakRssMiB(),
  },
  latencyMs: {
    triage: summarizeLatencies(triageLatencies),
    search: summarizeLatencies(searchLatencies),
    rank: summarizeLatencies(rankLatencies),
    ...stages,
  },
  rankings,
  details: {
    engineRoot: values['engine-root'],
    files: files.length,
    summary: { ...summary, errors: [] },
    rejected: summary.rejected,
    errors: summary.errors.length,
    redactions: summary.redactions,
    databaseBytes: fileSize(db) + fileSize(`${db}-wal`),
    indexedTerms: vocabulary.n,
    vocabularyCountSeconds: vocabularySeconds,
  },
};
writeFileSync(values.result, `${JSON.stringify(result, null, 1)}\n`);

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

// Runs from before summaries were kept recorded the case count and the redactions only, and
// summaries from before `rejectedFileCount` and `warnings` lack them.
function earlierSummary(result: EngineResult): ImportSummary {
  const stored = result.details.summary as Partial<ImportSummary> | undefined;
  const rejectedFiles = stored?.rejectedFiles ?? [];
  return {
    imported: result.cases,
    updated: 0,
    unchanged: 0,
    rejected: Number(result.details.rejected ?? 0),
    errors: [],
    skipped: [],
    redactions: result.details.redactions as ImportSummary['redactions'],
    ...stored,
    warnings: stored?.warnings ?? [],
    rejectedFiles,
    rejectedFileCount: stored?.rejectedFileCount ?? rejectedFiles.length,
  };
}
