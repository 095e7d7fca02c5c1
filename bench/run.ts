/**
 * The casebook benchmark: for the real sample and for synthetic archives of each size, imports
 * into a fresh SQLite file, times triage and search, builds the MiniSearch baseline over the same
 * records, and scores both on the question set. Each engine and size runs in a child process
 * of its own, so peak memory figures do not mix; casebook's import runs as `casebook import`
 * in one, and its serving part in another after it.
 *
 * Usage: node --import tsx bench/run.ts [--sizes sample,1k,100k,1m] [--out bench/out]
 *   [--budget-seconds 300] [--skip-minisearch] [--skip-casebook] [--profile] [--heap-mb N] [--minisearch-heap-mb N]
 *   [--source] [--reuse-build]
 *
 * casebook is measured as compiled JavaScript (`tsc -p tsconfig.build.json` into
 * node_modules/.cache/casebook-bench),
 * as the installed CLI runs it; `--reuse-build` keeps the previous build, so several runs
 * measure the same code. `--source` measures src/ through tsx instead.
 *
 * Prints a table and merges the raw figures into `<out>/results-<date>.json`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readArchiveFile, type ImportSummary } from '../src/ingest/index.js';
import { dataPath } from '../src/shared/paths.js';
import { readManifest, scoreByKind } from './evaluate.js';
import { archiveFiles, type EngineResult } from './inputs.js';
import { readJson } from './measure.js';
import { topicQuestions, type BenchQuestion } from './questions.js';
import { printTable, type SizeReport } from './report.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'sample,1k,100k' },
    out: { type: 'string', default: 'bench/out' },
    'budget-seconds': { type: 'string', default: '300' },
    'skip-minisearch': { type: 'boolean', default: false },
    'skip-casebook': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'heap-mb': { type: 'string' },
    'minisearch-heap-mb': { type: 'string' },
    source: { type: 'boolean', default: false },
    'reuse-build': { type: 'boolean', default: false },
    'reuse-db': { type: 'boolean', default: false },
    'database-index': { type: 'boolean', default: false },
  },
});

const SAMPLE = dataPath('samples', 'support-records-part14.md');
const out = values.out;
const benchDir = path.dirname(fileURLToPath(import.meta.url));

/** Runs a TypeScript script of bench/ in a child process and returns whether it succeeded. */
function runScript(script: string, args: string[], nodeFlags: string[] = []): boolean {
  const flags = [...nodeFlags];
  if (values.profile) flags.push('--cpu-prof', `--cpu-prof-dir=${path.join(out, 'profiles')}`);
  const child = spawnSync(
    process.execPath,
    [...flags, '--import', 'tsx', path.join(benchDir, script), ...args],
    {
      stdio: 'inherit',
    },
  );
  if (child.status !== 0)
    console.error(`${script} failed with exit code ${child.status} (signal ${child.signal})`);
  return child.status === 0;
}

// Compiles src/ into node_modules/.cache/casebook-bench/dist, where packages resolve and ESLint
// does not look, and links the data folder beside it, where the compiled code looks for it. tsc
// still emits when other files have type errors, so the check is that the entry points exist.
// The build is stamped with a hash of src/, so figures can be matched to the code they measured.
function buildEngine(): { root: string; sourceHash: string } {
  const buildRoot = path.resolve('node_modules', '.cache', 'casebook-bench');
  const dist = path.join(buildRoot, 'dist');
  const stampFile = path.join(buildRoot, 'source-hash.txt');
  if (values['reuse-build'] && existsSync(stampFile)) {
    return { root: dist, sourceHash: readFileSync(stampFile, 'utf8').trim() };
  }

  const sourceHash = hashSources(path.resolve('src'));
  const tsc = path.resolve('node_modules', 'typescript', 'bin', 'tsc');
  const args = [tsc, '-p', 'tsconfig.build.json', '--outDir', dist, '--sourceMap', 'false'];
  spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (!existsSync(path.join(dist, 'ingest', 'index.js'))) {
    throw new Error(`build of src/ into ${dist} failed. See the tsc output above.`);
  }
  if (!existsSync(path.join(buildRoot, 'data'))) {
    symlinkSync(path.resolve('data'), path.join(buildRoot, 'data'), 'dir');
  }
  writeFileSync(stampFile, `${sourceHash}\n`);
  return { root: dist, sourceHash };
}

function hashSources(folder: string): string {
  const hash = createHash('sha1');
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
  for (const file of files) {
    const full = path.join(folder, file);
    if (statSync(full).isFile()) hash.update(file).update(readFileSync(full));
  }
  return hash.digest('hex').slice(0, 12);
}

// The import and the serving part run in processes of their own, as `casebook import` and a
// later `casebook serve` do, so that each peak memory figure belongs to one of them.
function runCasebook(args: string[], importInput: ImportInput): boolean {
  const flags = heapFlag(values['heap-mb']);
  if (!values['reuse-db'] && !importWithCli(importInput)) return false;
  return runScript('casebook-child.ts', [...args, '--reuse-db'], flags);
}

/** Input archive, database and result file of one size's import step. */
interface ImportInput {
  input: string;
  db: string;
  result: string;
}

// The import runs as a user runs it: `casebook import FILE...` in a fresh process, timed from
// spawn to exit, so Node's start, loading the modules and the category model's calibration after
// the import count too. bench/peak-rss.mjs, preloaded, reports the process's peak memory.
function importWithCli({ input, db, result }: ImportInput): boolean {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  const peakFile = `${result}.peak-kib`;
  rmSync(peakFile, { force: true });
  const flags = [...heapFlag(values['heap-mb'])];
  flags.push('--import', pathToFileURL(path.join(benchDir, 'peak-rss.mjs')).href);
  if (values.source) flags.push('--import', 'tsx');
  if (values.profile) flags.push('--cpu-prof', `--cpu-prof-dir=${path.join(out, 'profiles')}`);
  const cli = path.join(engineRoot, 'cli', values.source ? 'main.ts' : 'main.js');

  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [...flags, cli, '--db', db, '--json', 'import', ...archiveFiles(input)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, CASEBOOK_BENCH_PEAK_FILE: peakFile },
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) {
    console.error(`casebook import failed with exit code ${child.status} (signal ${child.signal})`);
    return false;
  }

  const summary = JSON.parse(child.stdout.toString('utf8')) as ImportSummary;
  const cases = summary.imported + summary.updated + summary.unchanged;
  const peakMiB = Math.round(Number(readFileSync(peakFile, 'utf8')) / 1024);
  console.error(
    `casebook: "casebook import" stored ${cases} cases in ${seconds.toFixed(1)} s, peak RSS ${peakMiB} MiB`,
  );
  const importResult = {
    engine: 'casebook',
    cases,
    seconds: { import: seconds },
    memoryMiB: { importPeakRss: peakMiB },
    details: { summary: { ...summary, errors: [] }, errors: summary.errors.length },
  };
  writeFileSync(result, `${JSON.stringify(importResult, null, 1)}\n`);
  return true;
}

function heapFlag(megabytes: string | undefined): string[] {
  return megabytes === undefined ? [] : [`--max-old-space-size=${megabytes}`];
}

// The sample gets the same files as a generated size: its questions and a manifest in which
// each record is its own template.
function prepareSample(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const records = readArchiveFile(SAMPLE).records;
  const manifest = records.map((record) => `${record.source}\t${record.ref}\t${record.ref}`);
  writeFileSync(path.join(dir, 'manifest.tsv'), `${manifest.join('\n')}\n`);

  const topics = topicQuestions(dataPath('eval', 'sample-questions.yaml'));
  const warmUp: BenchQuestion[] = topics.slice(0, 20).map((question) => ({
    ...question,
    id: `warm-up-${question.id}`,
    kind: 'warm-up',
  }));
  writeFileSync(
    path.join(dir, 'questions.json'),
    `${JSON.stringify([...warmUp, ...topics], null, 1)}\n`,
  );
}

function parseSize(label: string): number {
  const match = /^(\d+)([km]?)$/i.exec(label);
  if (match === null)
    throw new Error(
      `invalid size "${label}" in --sizes: expected sample or a count such as 1k, 100k or 1m`,
    );
  return (
    Number(match[1]) * ({ '': 1, k: 1_000, m: 1_000_000 }[(match[2] ?? '').toLowerCase()] ?? 1)
  );
}

function measureSize(label: string): SizeReport {
  const dir = path.join(out, label);
  const input = label === 'sample' ? SAMPLE : dir;
  const report: SizeReport = { label, engines: {}, quality: {} };
  const loadBefore = os.loadavg()[0] ?? 0;
  report.sourceHash = engine.sourceHash;

  if (label === 'sample') prepareSample(dir);
  else if (!existsSync(path.join(dir, 'generation.json'))) {
    const cases = String(parseSize(label));
    if (!runScript('generate.ts', ['--cases', cases, '--out', dir])) return report;
  }
  if (label !== 'sample') report.generation = readJson(path.join(dir, 'generation.json'));

  const questionsFile = path.join(dir, 'questions.json');
  const budget = ['--budget-seconds', values['budget-seconds']];
  const common = ['--input', input, '--questions', questionsFile, ...budget];
  const casebookResult = path.join(dir, 'casebook-result.json');
  const db = path.join(out, `${label}.db`);
  const casebookArgs = [...common, '--db', db, '--result', casebookResult];
  casebookArgs.push('--engine-root', engineRoot);
  if (values['database-index']) casebookArgs.push('--database-index');
  // With --skip-casebook, the figures of an earlier run of this size are reported again.
  if (values['skip-casebook']) {
    if (existsSync(casebookResult))
      report.engines.casebook = readJson<EngineResult>(casebookResult);
  } else if (runCasebook(casebookArgs, { input, db, result: casebookResult })) {
    report.engines.casebook = readJson<EngineResult>(casebookResult);
  }

  const miniResult = path.join(dir, 'minisearch-result.json');
  const miniFlags = ['--expose-gc', ...heapFlag(values['minisearch-heap-mb'])];
  if (
    !values['skip-minisearch'] &&
    runScript('minisearch-child.ts', [...common, '--result', miniResult], miniFlags)
  ) {
    report.engines.minisearch = readJson<EngineResult>(miniResult);
  }

  report.loadAverage = { before: loadBefore, after: os.loadavg()[0] ?? 0 };
  const questions = readJson<BenchQuestion[]>(questionsFile);
  const templates = readManifest(path.join(dir, 'manifest.tsv'));
  for (const [engine, result] of Object.entries(report.engines)) {
    report.quality[engine] = scoreByKind(questions, result.rankings, templates);
  }
  return report;
}

const engine = values.source
  ? { root: 'src', sourceHash: hashSources(path.resolve('src')) }
  : buildEngine();
const engineRoot = engine.root;
const reports = values.sizes
  .split(',')
  .map((label) => label.trim().toLowerCase())
  .filter(Boolean)
  .map(measureSize);
printTable(reports);

const date = new Date().toISOString().slice(0, 10);
const resultsFile = path.join(out, `results-${date}.json`);
const previous = existsSync(resultsFile)
  ? readJson<{ sizes: Record<string, unknown> }>(resultsFile).sizes
  : {};
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
};
const sizes = {
  ...previous,
  ...Object.fromEntries(reports.map((report) => [report.label, withoutRankings(report)])),
};
writeFileSync(
  resultsFile,
  `${JSON.stringify({ date: new Date().toISOString(), machine, sizes }, null, 2)}\n`,
);
console.log(`\nraw results: ${resultsFile}`);

// Rankings are kept in each size's *-result.json; the summary file contains the figures only.
function withoutRankings(report: SizeReport): SizeReport {
  const engines = Object.fromEntries(
    Object.entries(report.engines).map(([name, result]) => [name, { ...result, rankings: {} }]),
  );
  return { ...report, engines };
}
