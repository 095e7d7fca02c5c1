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
  const { countIndexed, FIELD_WEIGHTS, matchExpression, planQuery } = engine.search;
  const { loadCases } = engine.store;
  const { tokenize } = engine.text;
  const model = await engine.triage.CategoryModel.load(store);
  const stages: Record<string, number[]> = {
    redact: [],
    tokenize: [],
    countIndexed: [],
    planQuery: [],
    ftsMatch: [],
    loadCases: [],
    categoryPredict: [],
  };
  const time = <T>(stage: string, run: () => T): T => {
    const started = performance.now();
    const value = run();
    stages[stage]?.push(performance.now() - started);
    return value;
  };

  const w = FIELD_WEIGHTS;
  const match = store.sqlite.prepare(
    `SELECT rowid AS id, bm25(case_search, ${w.title}, ${w.description}, ${w.customer}, ${w.agent}) AS rank
     FROM case_search WHERE case_search MATCH ? ORDER BY rank LIMIT ?`,
  );

  for (const question of queries) {
    const query = time('redact', () => redact(question).text);
    const terms = time('tokenize', () => tokenize(query));
    const total = time('countIndexed', () => countIndexed(store));
    const plan = time('planQuery', () => planQuery(store.sqlite, query, total));
    if (plan.matchTerms.length === 0) continue;

    const rows = time(
      'ftsMatch',
      () => match.all(matchExpression(plan.matchTerms), 20) as Array<{ id: number }>,
    );
    const started = performance.now();
    await loadCases(
      store,
      rows.map((row) => row.id),
    );
    stages.loadCases?.push(performance.now() - started);
    time('categoryPredict', () => model.predict(terms));
  }

  return Object.fromEntries(
    Object.entries(stages).map(([stage, values]) => [`stage.${stage}`, summarizeLatencies(values)]),
  );
}
