import type { Quality } from './evaluate.js';
import type { GenerationSummary } from './generate.js';
import type { EngineResult } from './inputs.js';

/** Everything measured for one size. */
export interface SizeReport {
  label: string;
  /** Hash of the src/ files that were measured, from bench/run.ts. */
  sourceHash?: string;
  /** One-minute load average before and after the size ran, since other processes may share the CPUs. */
  loadAverage?: { before: number; after: number };
  generation?: GenerationSummary;
  engines: { casebook?: EngineResult; minisearch?: EngineResult };
  /** Retrieval quality per engine, then per question kind (`all`, `topic`, `known-item`). */
  quality: Record<string, Record<string, Quality>>;
}

const fixed = (value: number | undefined, digits = 1) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);

/** Prints the figures of every size as plain-text tables, then the targets met or not. */
export function printTable(reports: SizeReport[]): void {
  console.log('\ncasebook');
  console.table(Object.fromEntries(reports.map((report) => [report.label, casebookRow(report)])));
  console.log('MiniSearch baseline (same records, fields, tokenizer and boosts)');
  console.table(Object.fromEntries(reports.map((report) => [report.label, miniSearchRow(report)])));
  console.log('retrieval quality (hit@1 / hit@5 / MRR@10)');
  console.table(Object.fromEntries(reports.flatMap(qualityRows)));
  console.log('triage stages, p50 ms');
  console.table(Object.fromEntries(reports.map((report) => [report.label, stageRow(report)])));

  for (const line of reports.flatMap(targetChecks)) console.log(line);
}

function casebookRow(report: SizeReport): Record<string, string> {
  const result = report.engines.casebook;
  if (result === undefined) return { status: 'failed or skipped' };
  const seconds = result.seconds.import ?? Number.NaN;
  return {
    cases: String(result.cases),
    'import s': fixed(seconds),
    'cases/s': fixed(result.cases / seconds, 0),
    'import peak MiB': String(result.memoryMiB.importPeakRss),
    'db MiB': fixed(Number(result.details.databaseBytes) / 2 ** 20),
    'open s': fixed(result.seconds.open, 2),
    'index s': fixed(result.seconds.index, 1),
    'index RSS MiB': String(result.memoryMiB.indexRss ?? ''),
    'queries peak MiB': String(result.memoryMiB.searchedPeakRss ?? ''),
    'triage p50': fixed(result.latencyMs.triage?.p50, 2),
    'triage p95': fixed(result.latencyMs.triage?.p95, 2),
    'search p50': fixed(result.latencyMs.search?.p50, 2),
    'search p95': fixed(result.latencyMs.search?.p95, 2),
    'rank p50': fixed(result.latencyMs.rank?.p50, 2),
    timed: String(result.latencyMs.triage?.count ?? 0),
  };
}

function miniSearchRow(report: SizeReport): Record<string, string> {
  const result = report.engines.minisearch;
  if (result === undefined) return { status: 'failed or skipped' };
  return {
    cases: String(result.cases),
    'index s': fixed(result.seconds.index),
    'parse+redact s': fixed((result.seconds.parse ?? 0) + (result.seconds.redact ?? 0)),
    'index heap MiB': String(result.memoryMiB.indexHeap),
    'peak MiB': String(result.memoryMiB.peakRss),
    'search p50': fixed(result.latencyMs.search?.p50, 2),
    'search p95': fixed(result.latencyMs.search?.p95, 2),
  };
}

function qualityRows(report: SizeReport): Array<[string, Record<string, string>]> {
  const rows: Array<[string, Record<string, string>]> = [];
  for (const kind of ['all', 'topic', 'known-item']) {
    const row: Record<string, string> = {};
    for (const [engine, byKind] of Object.entries(report.quality)) {
      const quality = byKind[kind];
      if (quality === undefined) continue;
      row[engine] =
        `${fixed(quality.hitAt1, 3)} / ${fixed(quality.hitAt5, 3)} / ${fixed(quality.mrr, 3)} (n=${quality.ranked})`;
    }
    if (Object.keys(row).length > 0) rows.push([`${report.label} ${kind}`, row]);
  }
  return rows;
}

function stageRow(report: SizeReport): Record<string, string> {
  const latency = report.engines.casebook?.latencyMs ?? {};
  const stages = Object.entries(latency).filter(([name]) => name.startsWith('stage.'));
  return Object.fromEntries(
    stages.map(([name, summary]) => [name.slice('stage.'.length), fixed(summary.p50, 3)]),
  );
}

// Checks the performance targets where the size applies: triage latency at 100k and 1M, the
// import rate, peak memory at 1M, and speed and hit@5 against MiniSearch.
function targetChecks(report: SizeReport): string[] {
  const casebook = report.engines.casebook;
  const mini = report.engines.minisearch;
  if (casebook === undefined) return [];
  const lines: string[] = [];
  const check = (name: string, met: boolean, detail: string) =>
    lines.push(`${report.label}: ${met ? 'met    ' : 'NOT met'} ${name} (${detail})`);

  const triage = casebook.latencyMs.triage;
  if (report.label === '100k' && triage) {
    check('triage p50 < 5 ms', triage.p50 < 5, `${fixed(triage.p50, 2)} ms`);
    check('triage p95 < 20 ms', triage.p95 < 20, `${fixed(triage.p95, 2)} ms`);
  }
  if (report.label === '1m' && triage) {
    check('triage p50 < 20 ms', triage.p50 < 20, `${fixed(triage.p50, 2)} ms`);
    // The stage pass after the timed queries also runs every query through FTS5 for comparison,
    // which a server holding the in-memory index never does, so the serving peak stops before it.
    const memory = casebook.memoryMiB;
    const serving = memory.searchedPeakRss ?? memory.peakRss;
    const peak = Math.max(memory.importPeakRss, serving);
    check(
      'peak memory < 1 GB',
      peak < 1024,
      `import ${memory.importPeakRss} MiB; serving ${serving} MiB through index load and timed ` +
        `queries; ${memory.peakRss} MiB after the FTS5 comparison pass`,
    );
  }
  if (report.label !== 'sample') {
    const rate = casebook.cases / (casebook.seconds.import ?? Number.NaN);
    check('import >= 5,000 cases/s', rate >= 5000, `${fixed(rate, 0)} cases/s`);
  }

  // MiniSearch returns ranked ids with scores and matched terms, as rankCases does; runs from
  // before rankCases was timed compare the whole search.
  const search = casebook.latencyMs.rank ?? casebook.latencyMs.search;
  const miniSearch = mini?.latencyMs.search;
  const ownHit = report.quality.casebook?.all?.hitAt5;
  const miniHit = report.quality.minisearch?.all?.hitAt5;
  if (search && miniSearch && ownHit !== undefined && miniHit !== undefined) {
    const speedup = miniSearch.p50 / search.p50;
    const detail = `rank p50 ${fixed(search.p50, 2)} vs ${fixed(miniSearch.p50, 2)} ms = ${fixed(speedup, 2)}x; hit@5 ${fixed(ownHit, 3)} vs ${fixed(miniHit, 3)}`;
    check(
      '>= 2x faster than MiniSearch at equal or better hit@5',
      speedup >= 2 && ownHit >= miniHit,
      detail,
    );
  }
  return lines;
}
