import { readFileSync } from 'node:fs';

/** Latency figures of one timed phase, in milliseconds. */
export interface LatencySummary {
  /** Queries timed; fewer than requested when the phase ran out of its time budget. */
  count: number;
  p50: number;
  p95: number;
  mean: number;
  max: number;
}

/** Returns the value at percentile `p` (0–100) of a list, by the nearest-rank method. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

/** Summarizes latencies in milliseconds, rounded to microseconds. */
export function summarizeLatencies(values: readonly number[]): LatencySummary {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const total = values.reduce((sum, value) => sum + value, 0);
  return {
    count: values.length,
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    mean: round(values.length === 0 ? Number.NaN : total / values.length),
    max: round(values.length === 0 ? Number.NaN : Math.max(...values)),
  };
}

/**
 * Times `run` on each item in order and returns the latencies in milliseconds. Stops early once
 * `budgetSeconds` have passed, so a slow configuration cannot stall the whole benchmark.
 */
export async function timeEach<T>(
  items: readonly T[],
  run: (item: T) => Promise<unknown> | unknown,
  budgetSeconds: number,
): Promise<number[]> {
  const latencies: number[] = [];
  const deadline = performance.now() + budgetSeconds * 1000;

  for (const item of items) {
    const started = performance.now();
    await run(item);
    latencies.push(performance.now() - started);
    if (performance.now() > deadline) break;
  }
  return latencies;
}

/** Peak resident set size of this process so far, in MiB (`getrusage` maxrss). */
export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Current resident set size of this process, in MiB. */
export function currentRssMiB(): number {
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}

/** Reads a JSON file written by another step of the benchmark. */
export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
