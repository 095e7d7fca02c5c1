import type { Store } from '../src/store/index.js';
import type { Engine } from './engine.js';
import { summarizeLatencies, type LatencySummary } from './measure.js';

/**
 * Times the steps of one triage separately, to show where its latency goes. The steps repeat
 * what `Triage.run` and `searchCases` do, in the same order and with the same SQL, because those
 * functions do not expose their parts. Keep this in step with src/search/search.ts.
 */
export async function timeTriageStages(
  engine: Engine,
  store: Store,
  queries: string[],
): Promise<Record<string, LatencySummary>> {
  const { redact } = engine.redact;
  const { countIndexed, findCandidates, planQuery, rankCandidates } = engine.search;
  const { loadCases } = engine.store;
  const { tokenize } = engine.text;
  const model = await engine.triage.CategoryModel.load(store);
  const stages: Record<string, number[]> = {
    redact: [],
    tokenize: [],
    countIndexed: [],
    planQuery: [],
    indexMatch: [],
    memoryMatch: [],
    loadCases: [],
    categoryPredict: [],
  };
  const time = async <T>(stage: string, run: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await run();
    stages[stage]?.push(performance.now() - started);
    return value;
  };

  for (const question of queries) {
    const query = await time('redact', () => redact(question).text);
    const terms = await time('tokenize', () => tokenize(query));
    const total = await time('countIndexed', () => countIndexed(store));
    const plan = await time('planQuery', () => planQuery(store.sql, query, total));
    if (plan.matchTerms.length === 0) continue;

    // The database's own index, then whatever searchCases uses (the in-memory index when the
    // store has one attached, else the same database index again).
    const rows = await time('indexMatch', () => findCandidates(store.sql, plan, 20));
    await time('memoryMatch', () => rankCandidates(store, plan, 20));
    await time('loadCases', () =>
      loadCases(
        store,
        rows.map((row) => row.id),
      ),
    );
    await time('categoryPredict', () => model.predict(terms));
  }

  return Object.fromEntries(
    Object.entries(stages).map(([stage, values]) => [`stage.${stage}`, summarizeLatencies(values)]),
  );
}
