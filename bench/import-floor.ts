/**
 * The ceiling on a small import's rate if segmentation were its only work. Each run
 * starts fresh processes, as a `casebook import` does, and times the two parts of jieba that
 * every import pays: building the dictionary (jieba's own plus data/text/domain-dictionary.txt)
 * and segmenting the text of every record (title, description and turns). It runs them once in
 * one process, and once split across two processes started together, one per core.
 *
 * Usage: node --import tsx bench/import-floor.ts [--archive FILE] [--runs 5]
 * The default archive is the generated 1k one, `bench/out/1k/support-records-part1001.md`,
 * which `bench/run.ts --sizes 1k` writes.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readArchiveFile } from '../src/ingest/index.js';
import { segment, segmenter } from '../src/text/index.js';

const { values } = parseArgs({
  options: {
    archive: { type: 'string', default: 'bench/out/1k/support-records-part1001.md' },
    runs: { type: 'string', default: '5' },
    // Internal: segment the records whose index modulo `--of` is `--part`, and print the timings.
    part: { type: 'string' },
    of: { type: 'string', default: '1' },
  },
});

/** Milliseconds one process spent on jieba. */
interface JiebaTiming {
  records: number;
  loadMs: number;
  segmentMs: number;
}

if (values.part !== undefined) {
  const part = Number(values.part);
  const of = Number(values.of);
  const records = readArchiveFile(values.archive).records.filter((_, i) => i % of === part);
  const texts = records.flatMap((record) => [
    record.title,
    record.description,
    ...record.turns.map((turn) => turn.text),
  ]);
  const started = performance.now();
  segmenter();
  const loaded = performance.now();
  for (const text of texts) segment(text);
  const done = performance.now();
  const timing: JiebaTiming = {
    records: records.length,
    loadMs: loaded - started,
    segmentMs: done - loaded,
  };
  process.stdout.write(JSON.stringify(timing));
} else {
  await measure(values.archive, Number(values.runs));
}

/** Starts one child process on a share of the records and resolves with its timings. */
function runChild(archive: string, part: number, of: number): Promise<JiebaTiming> {
  const script = fileURLToPath(import.meta.url);
  const args = ['--import', 'tsx', script, '--archive', archive];
  const child = spawn(process.execPath, [...args, '--part', String(part), '--of', String(of)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(output) as JiebaTiming);
      else
        reject(new Error(`bench/import-floor.ts: a child process failed with exit code ${code}`));
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function measure(archive: string, runs: number): Promise<void> {
  const single: number[][] = [];
  const split: number[] = [];
  let records = 0;
  for (let run = 0; run < runs; run += 1) {
    const whole = await runChild(archive, 0, 1);
    records = whole.records;
    single.push([whole.loadMs, whole.segmentMs]);
    // Two processes at once: the wall time is that of the slower one.
    const two = await Promise.all([runChild(archive, 0, 2), runChild(archive, 1, 2)]);
    split.push(Math.max(...two.map((timing) => timing.loadMs + timing.segmentMs)));
  }
  const load = median(single.map(([loadMs]) => loadMs as number));
  const cut = median(single.map(([, segmentMs]) => segmentMs as number));
  const oneWall = median(
    single.map(([loadMs, segmentMs]) => (loadMs as number) + (segmentMs as number)),
  );
  const twoWall = median(split);
  const rate = (ms: number) => Math.round(records / (ms / 1000));
  console.log(`${archive}: ${records} records, median of ${runs} runs`);
  console.log(`  dictionary build ${load.toFixed(0)} ms (range ${rangeOf(single, 0)})`);
  console.log(`  segmentation ${cut.toFixed(0)} ms on one core (${rate(cut)} records/s)`);
  console.log(
    `  one process, build and segment: ${oneWall.toFixed(0)} ms, ${rate(oneWall)} records/s`,
  );
  console.log(`  two processes, half each: ${twoWall.toFixed(0)} ms, ${rate(twoWall)} records/s`);
}

function rangeOf(timings: number[][], column: number): string {
  const cells = timings.map((timing) => timing[column] as number);
  return `${Math.min(...cells).toFixed(0)}–${Math.max(...cells).toFixed(0)} ms`;
}
