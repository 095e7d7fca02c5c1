/**
 * Measures the helpdesk server with one and with two instances, on SQLite and on PostgreSQL.
 * For each setup it creates an API token of a benchmark agent, starts the instances (`node
 * dist/cli/main.js serve`) on one database and waits until each serves searches from its
 * in-memory index. It then runs bench/load.ts against all instances in turn and stops them.
 *
 * Usage: node --import tsx bench/scale.ts --sqlite FILE --postgres URL
 *   [--instances 1,2] [--engines sqlite,postgres] [--scenarios triage,search,reply,mixed]
 *   [--concurrency 8]
 *   [--seconds 20] [--out bench/out/scale-<date>.json]
 *
 * Both databases should hold the same cases (copy one into the other with `casebook migrate`).
 * Run `npm run build` first. Replies are written into the databases, so use copies.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createApiToken } from '../src/store/api-tokens.js';
import { openStore } from '../src/store/index.js';
import { describeLocation } from '../src/store/location.js';
import { createUser, findLogin } from '../src/store/users.js';
import { hashSecret, randomSecret } from '../src/server/auth/secrets.js';

const { values } = parseArgs({
  options: {
    sqlite: { type: 'string' },
    postgres: { type: 'string' },
    instances: { type: 'string', default: '1,2' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    scenarios: { type: 'string', default: 'triage,search,reply,mixed' },
    concurrency: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '20' },
    'case-ids': { type: 'string', default: '1-100000' },
    out: { type: 'string' },
  },
});

const FIRST_PORT = 3310;

/** Creates (once) a benchmark agent in the database and returns a new API token of it. */
async function benchToken(location: string): Promise<string> {
  const store = await openStore({ path: location });
  try {
    const email = 'bench-agent@casebook.invalid';
    const user =
      (await findLogin(store, email))?.user ??
      (await createUser(store, {
        email,
        name: 'Benchmark agent',
        role: 'agent',
        passwordHash: 'x',
      }))!;
    const secret = `cbk_${randomSecret()}`;
    await createApiToken(store, {
      userId: user.id,
      name: `bench ${new Date().toISOString()}`,
      scope: 'api',
      tokenHash: hashSecret(secret),
      prefix: secret.slice(0, 10),
    });
    return secret;
  } finally {
    await store.close();
  }
}

/**
 * Waits until an instance's in-memory search index serves searches, as `GET /api/v1/health`
 * reports it, so that the measured requests do not use the database's index instead.
 */
async function waitForMemoryIndex(port: number): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
    const health = (await response.json()) as { searchIndex?: string };
    if (health.searchIndex === 'memory') return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the search index of the instance on port ${port} did not load in 10 minutes`);
}

/** Starts one `serve` process and resolves with it once it listens. */
function startInstance(location: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['dist/cli/main.js', '--db', location, 'serve', '--port', String(port), '--log-level', 'warn'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listen within 60 s: ${errors}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('is listening on')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`instance exited with ${code}: ${errors}`)));
  });
}

async function measure(engine: string, location: string, instances: number) {
  const token = await benchToken(location);
  const children: ChildProcess[] = [];
  try {
    // One at a time: the first start migrates the schema and may create the admin.
    for (let i = 0; i < instances; i += 1) {
      children.push(await startInstance(location, FIRST_PORT + i));
    }
    for (let i = 0; i < instances; i += 1) await waitForMemoryIndex(FIRST_PORT + i);
    const urls = children.map((_, i) => `http://127.0.0.1:${FIRST_PORT + i}`).join(',');
    const out = `bench/out/scale-${engine}-${instances}.json`;
    const load = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/load.ts',
        '--url',
        urls,
        '--scenarios',
        values.scenarios!,
        '--concurrency',
        values.concurrency!,
        '--seconds',
        values.seconds!,
        '--case-ids',
        values['case-ids']!,
        '--out',
        out,
      ],
      { env: { ...process.env, CASEBOOK_TOKEN: token }, encoding: 'utf8', stdio: 'pipe' },
    );
    if (load.status !== 0) throw new Error(`bench/load.ts failed: ${load.stderr}`);
    console.log(`\n${engine}, ${instances} instance(s):\n${load.stdout}`);
    return JSON.parse(readFileSync(out, 'utf8')).results as unknown[];
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) =>
        child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null,
      ),
    );
  }
}

if (!values.sqlite || !values.postgres) {
  console.error('Usage: bench/scale.ts --sqlite FILE --postgres URL [--instances 1,2]');
  process.exit(2);
}
const runs: Array<{ engine: string; instances: number; results: unknown[] }> = [];
const engines = values.engines!.split(',');
for (const [engine, location] of [
  ['sqlite', values.sqlite],
  ['postgres', values.postgres],
] as const) {
  if (!engines.includes(engine)) continue;
  for (const count of values.instances!.split(',').map(Number)) {
    runs.push({ engine, instances: count, results: await measure(engine, location, count) });
  }
}
const date = new Date().toISOString().slice(0, 10);
const out = values.out ?? `bench/out/scale-${date}.json`;
const databases = { sqlite: values.sqlite, postgres: describeLocation(values.postgres) };
writeFileSync(out, `${JSON.stringify({ date, databases, runs }, null, 1)}\n`);
console.log(`Wrote ${out}.`);
