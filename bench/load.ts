/**
 * A closed-loop load generator for a running helpdesk server (`casebook serve`) on a loopback
 * address. For each scenario and each concurrency level, N workers send requests back to back
 * for a fixed time. Each run reports requests per second, latency percentiles and status codes.
 * When the server's pid is given, it also reports the server's CPU time.
 *
 * Usage: CASEBOOK_TOKEN=cbk_… node --import tsx bench/load.ts --url http://127.0.0.1:PORT[,URL…]
 *   [--scenarios triage,search,reply,mixed,list,list-status,list-search,case]
 *   [--concurrency 1,8,32]
 *   [--seconds 20] [--warmup-seconds 3] [--max-requests 200000] [--timeout-ms 30000]
 *   [--questions bench/out/100k/questions.json] [--case-ids 1-100000] [--status unanswered]
 *   [--server-pid PID] [--out bench/out/load-<date>.json]
 *
 * The token is an API token of an agent or admin (`POST /api/v1/tokens`), sent as
 * `Authorization: Bearer`. Several URLs (instances on one database) take requests in turn, as a
 * round-robin load balancer would hand them out. Only loopback URLs are accepted. Every run stops by itself after
 * `--seconds` or `--max-requests`, whichever comes first, and a request that takes longer than
 * `--timeout-ms` is aborted and counted as an error.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { percentile } from './measure.js';
import type { BenchQuestion } from './questions.js';
import { Random } from './random.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    scenarios: { type: 'string', default: 'triage,list,list-status,list-search,case' },
    concurrency: { type: 'string', default: '1,8,32' },
    seconds: { type: 'string', default: '20' },
    'warmup-seconds': { type: 'string', default: '3' },
    'max-requests': { type: 'string', default: '200000' },
    'timeout-ms': { type: 'string', default: '30000' },
    questions: { type: 'string', default: 'bench/out/100k/questions.json' },
    'case-ids': { type: 'string', default: '1-100000' },
    status: { type: 'string', default: 'unanswered' },
    'server-pid': { type: 'string' },
    out: { type: 'string' },
  },
});

// Upper bounds of the options, so a typo cannot start an hour-long or unbounded run.
const MAX_SECONDS = 300;
const MAX_CONCURRENCY = 256;
const MAX_REQUESTS = 1_000_000;

/** One HTTP request of a scenario. */
interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/** Figures of one scenario at one concurrency level, with latencies in milliseconds. */
interface RunResult {
  scenario: string;
  concurrency: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Responses by status code. A network error or timeout is counted under `error`. */
  statuses: Record<string, number>;
  /** Responses outside 200–299, plus network errors and timeouts. */
  failures: number;
  /** The five slowest requests, with their start in milliseconds after the run began. */
  slowest: Array<{ startMs: number; ms: number; status: string; path: string }>;
  /** CPU time of the server's threads together and of its main thread, in percent of one core. */
  serverCpuPercent?: { all: number; main: number };
  /** CPU time of this load generator over the run, in percent of one core. */
  clientCpuPercent: number;
  /**
   * CPU time of the whole machine over the run, in percent of one core (200 is two busy cores),
   * and the part of it used by neither the server nor this generator (other programs, the kernel).
   */
  machineCpuPercent: { all: number; other?: number };
  /** One-minute load average at the end of the run. */
  loadAverage: number;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function boundedInteger(name: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    fail(`Invalid --${name} "${value}": expected an integer from ${min} to ${max}.`);
  }
  return number;
}

/** Parses the server URLs and rejects any host that is not a loopback IP address. */
function loopbackOrigins(value: string | undefined): string[] {
  if (!value) fail('Missing --url, for example --url http://127.0.0.1:3000.');
  return value.split(',').map(loopbackOrigin);
}

function loopbackOrigin(value: string): string {
  const url = new URL(value);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const loopback = (isIP(host) === 4 && host.startsWith('127.')) || host === '::1';
  if (!loopback || url.protocol !== 'http:') {
    fail(`Rejected --url ${value}: this tool only sends to http:// on 127.0.0.0/8 or [::1].`);
  }
  return url.origin;
}

function readQuestions(file: string): { measured: string[]; warmUp: string[] } {
  const questions = JSON.parse(readFileSync(file, 'utf8')) as BenchQuestion[];
  const measured = questions.filter((q) => q.kind !== 'warm-up').map((q) => q.query);
  const warmUp = questions.filter((q) => q.kind === 'warm-up').map((q) => q.query);
  if (measured.length === 0) fail(`No questions in ${file}.`);
  return { measured, warmUp: warmUp.length > 0 ? warmUp : measured };
}

function parseIdRange(value: string): [number, number] {
  const match = /^(\d+)-(\d+)$/.exec(value);
  if (!match || Number(match[1]) > Number(match[2])) {
    fail(`Invalid --case-ids "${value}": expected FIRST-LAST, for example 1-100000.`);
  }
  return [Number(match[1]), Number(match[2])];
}

/**
 * Returns a function that gives the n-th request of a scenario. Questions are taken in order and
 * repeat after the last one, and case ids come from a seeded generator, so runs are repeatable.
 */
function scenarioRequests(
  scenario: string,
  questions: string[],
): (n: number, random: Random) => RequestSpec {
  const page = 'page=1&pageSize=25';
  const question = (n: number) => questions[n % questions.length]!;
  switch (scenario) {
    case 'triage':
      return (n) => ({
        method: 'POST',
        path: '/api/v1/triage',
        body: JSON.stringify({ text: question(n) }),
      });
    case 'list':
      return () => ({ method: 'GET', path: `/api/v1/cases?${page}` });
    case 'list-status':
      return () => ({
        method: 'GET',
        path: `/api/v1/cases?${page}&status=${encodeURIComponent(values.status)}`,
      });
    case 'list-search':
      return (n) => ({
        method: 'GET',
        path: `/api/v1/cases?${page}&q=${encodeURIComponent(question(n).slice(0, 500))}`,
      });
    case 'case': {
      const [first, last] = parseIdRange(values['case-ids']);
      return (_n, random) => ({
        method: 'GET',
        path: `/api/v1/cases/${random.integer(first, last)}`,
      });
    }
    case 'search':
      return (n) => ({
        method: 'GET',
        path: `/api/v1/search?limit=5&q=${encodeURIComponent(question(n).slice(0, 500))}`,
      });
    case 'reply': {
      // An agent reply to a random case: stored, re-indexed and counted in the model.
      const [first, last] = parseIdRange(values['case-ids']);
      const run = Date.now().toString(36);
      return (n, random) => ({
        method: 'POST',
        path: `/api/v1/cases/${random.integer(first, last)}/messages`,
        body: JSON.stringify({ text: `您好，已为您处理，请刷新后重试。（负载测试 ${run}-${n}）` }),
      });
    }
    case 'mixed': {
      // Four triages and four searches to every two replies, as a busy support desk might send.
      const triage = scenarioRequests('triage', questions);
      const search = scenarioRequests('search', questions);
      const reply = scenarioRequests('reply', questions);
      return (n, random) => {
        const slot = n % 10;
        if (slot < 4) return triage(n, random);
        if (slot < 8) return search(n, random);
        return reply(n, random);
      };
    }
    default:
      return fail(
        `Unknown scenario "${scenario}": expected triage, search, reply, mixed, list, ` +
          'list-status, list-search or case.',
      );
  }
}

/** Nanoseconds of CPU time of the process's threads, from Linux's /proc/PID/task/TID/schedstat. */
function serverCpuNs(pid: number): { all: number; main: number } {
  let all = 0;
  let main = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let ns: number;
    try {
      ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      continue; // The thread ended between the listing and the read.
    }
    all += ns;
    if (tid === String(pid)) main = ns;
  }
  return { all, main };
}

/** Busy and total jiffies of all CPUs together, from the first line of Linux's /proc/stat. */
function machineJiffies(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  // The fields are user, nice, system, idle, iowait, irq, softirq and steal. Guest time is
  // already counted in user.
  const ticks = fields.slice(1, 9).map(Number);
  const total = ticks.reduce((sum, tick) => sum + tick, 0);
  return { busy: total - ticks[3]! - ticks[4]!, total };
}

async function sendOne(
  origin: string,
  token: string,
  spec: RequestSpec,
  timeoutMs: number,
): Promise<string> {
  try {
    const response = await fetch(origin + spec.path, {
      method: spec.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: spec.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The latency includes reading the whole body, as a client would.
    await response.arrayBuffer();
    return String(response.status);
  } catch {
    return 'error';
  }
}

interface RunOptions {
  origins: string[];
  token: string;
  scenario: string;
  questions: string[];
  concurrency: number;
  seconds: number;
  maxRequests: number;
  timeoutMs: number;
  serverPid?: number;
}

/** Runs `concurrency` closed-loop workers until the time or the request budget is used up. */
async function runLoad(options: RunOptions): Promise<RunResult> {
  const nextRequest = scenarioRequests(options.scenario, options.questions);
  const random = new Random(14);
  const latencies: number[] = [];
  let slowest: RunResult['slowest'] = [];
  const statuses: Record<string, number> = {};
  let started = 0;

  const serverBefore = options.serverPid ? serverCpuNs(options.serverPid) : undefined;
  const clientBefore = process.cpuUsage();
  const machineBefore = machineJiffies();
  const begin = performance.now();
  const deadline = begin + options.seconds * 1000;

  const worker = async () => {
    while (performance.now() < deadline && started < options.maxRequests) {
      const spec = nextRequest(started++, random);
      const sent = performance.now();
      const origin = options.origins[started % options.origins.length]!;
      const status = await sendOne(origin, options.token, spec, options.timeoutMs);
      const ms = performance.now() - sent;
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (slowest.length < 5 || ms > slowest[4]!.ms) {
        const startMs = Math.round(sent - begin);
        slowest.push({ startMs, ms: Math.round(ms), status, path: spec.path });
        slowest = slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));

  // Elapsed time runs to the end of the last response, which may be after the deadline.
  const elapsedMs = performance.now() - begin;
  const client = process.cpuUsage(clientBefore);
  const machineAfter = machineJiffies();
  const percent = (ns: number) => Math.round((ns / 1e6 / elapsedMs) * 1000) / 10;
  let serverCpuPercent: RunResult['serverCpuPercent'];
  if (options.serverPid && serverBefore) {
    const after = serverCpuNs(options.serverPid);
    serverCpuPercent = {
      all: percent(after.all - serverBefore.all),
      main: percent(after.main - serverBefore.main),
    };
  }

  const clientCpuPercent = percent((client.user + client.system) * 1000);
  const busyShare =
    (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
  const machineAll = Math.round(busyShare * os.cpus().length * 1000) / 10;
  const machineCpuPercent = {
    all: machineAll,
    other: serverCpuPercent
      ? Math.round((machineAll - serverCpuPercent.all - clientCpuPercent) * 10) / 10
      : undefined,
  };

  const round = (value: number) => Math.round(value * 100) / 100;
  const failures = Object.entries(statuses)
    .filter(([status]) => !/^2\d\d$/.test(status))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    scenario: options.scenario,
    concurrency: options.concurrency,
    seconds: round(elapsedMs / 1000),
    requests: latencies.length,
    requestsPerSecond: round(latencies.length / (elapsedMs / 1000)),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(Math.max(...latencies)),
    statuses,
    failures,
    slowest,
    serverCpuPercent,
    clientCpuPercent,
    machineCpuPercent,
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

function formatRow(result: RunResult): string {
  const cpu = result.serverCpuPercent
    ? `${result.serverCpuPercent.all} / ${result.serverCpuPercent.main}`
    : '';
  const cells = [
    result.scenario,
    result.concurrency,
    result.requests,
    result.requestsPerSecond,
    result.p50,
    result.p95,
    result.p99,
    result.max,
    result.failures,
    cpu,
    result.clientCpuPercent,
    result.machineCpuPercent.other ?? '',
  ];
  return `| ${cells.join(' | ')} |`;
}

async function main(): Promise<void> {
  const origins = loopbackOrigins(values.url);
  const token = process.env.CASEBOOK_TOKEN;
  if (!token) fail('Set CASEBOOK_TOKEN to an API token of an agent or admin.');
  const seconds = boundedInteger('seconds', values.seconds, 1, MAX_SECONDS);
  const warmupSeconds = boundedInteger('warmup-seconds', values['warmup-seconds'], 0, 60);
  const maxRequests = boundedInteger('max-requests', values['max-requests'], 1, MAX_REQUESTS);
  const timeoutMs = boundedInteger('timeout-ms', values['timeout-ms'], 100, 120_000);
  const levels = values.concurrency
    .split(',')
    .map((level) => boundedInteger('concurrency', level, 1, MAX_CONCURRENCY));
  const serverPid = values['server-pid']
    ? boundedInteger('server-pid', values['server-pid'], 1, 2 ** 22)
    : undefined;
  const scenarios = values.scenarios.split(',');
  const questions = readQuestions(values.questions);
  for (const scenario of scenarios) scenarioRequests(scenario, questions.measured);

  const common = { origins, token, timeoutMs, serverPid };
  const results: RunResult[] = [];
  const columns = [
    'scenario',
    'clients',
    'requests',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'non-2xx',
    'server CPU % all / main',
    'client CPU %',
    'other CPU %',
  ];
  console.log(`| ${columns.join(' | ')} |`);
  console.log(`|${' --- |'.repeat(columns.length)}`);
  for (const scenario of scenarios) {
    for (const concurrency of levels) {
      if (warmupSeconds > 0) {
        // The warm-up opens the connections of every client, loads the server's triage engine and
        // reads the SQLite pages that every request needs. It sends the warm-up questions, not
        // the measured ones, and its figures are dropped.
        const warm = { ...common, scenario, concurrency, seconds: warmupSeconds, maxRequests };
        await runLoad({ ...warm, questions: questions.warmUp });
      }
      const result = await runLoad({
        ...common,
        scenario,
        questions: questions.measured,
        concurrency,
        seconds,
        maxRequests,
      });
      results.push(result);
      console.log(formatRow(result));
    }
  }

  const date = new Date().toISOString().slice(0, 10);
  const out = values.out ?? path.join('bench', 'out', `load-${date}.json`);
  const settings = { seconds, warmupSeconds, maxRequests, timeoutMs, levels, scenarios };
  writeFileSync(out, `${JSON.stringify({ date, origins, settings, results }, null, 1)}\n`);
  console.log(`Wrote ${out}.`);
}

await main();
