#!/usr/bin/env node
// Runs every test file under test/ with the node test runner, on SQLite or on PostgreSQL.
//   node scripts/run-tests.mjs sqlite
//   node scripts/run-tests.mjs postgres   (needs CASEBOOK_TEST_PG_URL; skipped without it)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const backend = process.argv[2] ?? 'sqlite';
if (backend !== 'sqlite' && backend !== 'postgres') {
  console.error(`Invalid backend "${backend}": expected sqlite or postgres.`);
  process.exit(2);
}
if (backend === 'postgres' && !process.env.CASEBOOK_TEST_PG_URL) {
  console.log(
    'PostgreSQL tests SKIPPED: CASEBOOK_TEST_PG_URL is not set. .ci/run sets it up; see the ' +
      'README section "Tests on PostgreSQL" to run them by hand.',
  );
  process.exit(0);
}

function testFiles(dir) {
  return readdirSync(dir)
    .flatMap((name) => {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) return testFiles(file);
      return name.endsWith('.test.ts') ? [file] : [];
    })
    .sort();
}

// The fault tests load the machine with several servers and restart a database, so they run
// on their own after the rest, where they cannot slow the browser tests into timeouts.
const FAULTS = path.join('test', 'faults');
const files = testFiles('test');
const stages = [
  { name: `the tests on ${backend}`, files: files.filter((file) => !file.startsWith(FAULTS)) },
  { name: 'the load and fault tests', files: files.filter((file) => file.startsWith(FAULTS)) },
];

let failed = false;
for (const stage of stages) {
  if (stage.files.length === 0) continue;
  console.log(`Running ${stage.name}.`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', ...stage.files],
    { stdio: 'inherit', env: { ...process.env, CASEBOOK_TEST_BACKEND: backend } },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
