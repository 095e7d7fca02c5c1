import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { generateArchives } from '../../bench/generate.js';
import { readArchiveFile, type CaseRecord } from '../../src/ingest/index.js';
import { tempDir } from '../helpers.js';
import { runCasebook } from './instances.js';
import {
  faultTestsSkipReason,
  queryRows,
  startPrivatePostgres,
  type PrivatePostgres,
} from './private-postgres.js';

// NOTE: the delay is an estimate. On a 2-core VM this import writes for 10 to 15 s, so the kill
// lands near the middle. A much faster machine could finish the import before the kill, and the
// test would then fail rather than pass without a mid-import kill.
const CASES = 6000;
// The import is killed once the cases table's heap has grown to 1 MiB, about a fifth of the
// archive. A case takes about 900 bytes there (89 MB in the 100k benchmark database on
// PostgreSQL), so that is some 1,200 of the 6,000 cases. A delay after the first write would
// not do, because a quiet machine writes all of them in under six seconds.
const KILL_AT_HEAP_BYTES = 1024 * 1024;
const SAMPLED_CASES = 50;

interface WriteState {
  /** Transactions open on the database, not counting the query's own. */
  open: number;
  /** Size of the cases table's heap in bytes, uncommitted rows included. */
  heap: number;
  cases: number;
}

async function writeState(databaseUrl: string): Promise<WriteState> {
  const [row] = await queryRows<{ open: number; heap: number; exists: boolean }>(
    databaseUrl,
    `SELECT
       (SELECT count(*)::int FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND xact_start IS NOT NULL) AS open,
       coalesce(pg_relation_size(to_regclass('public.cases')), 0)::float8 AS heap,
       to_regclass('public.cases') IS NOT NULL AS exists`,
  );
  const { open, heap, exists } = row!;
  if (!exists) return { open, heap, cases: 0 };

  const [count] = await queryRows<{ n: number }>(
    databaseUrl,
    'SELECT count(*)::int AS n FROM cases',
  );
  return { open, heap, cases: count!.n };
}

/** Returns the cases inserted into the table so far, by committed and rolled-back writes. */
async function insertedCases(databaseUrl: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    databaseUrl,
    "SELECT n_tup_ins::int AS n FROM pg_stat_user_tables WHERE relname = 'cases'",
  );
  return row?.n ?? 0;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('import killed half-way', { skip: faultTestsSkipReason() }, () => {
  let server: PrivatePostgres | undefined;
  const temp = tempDir('casebook-faults-import-');
  let archive = '';
  let records: CaseRecord[] = [];

  before(
    async () => {
      const generated = generateArchives({
        cases: CASES,
        out: temp.dir,
        casesPerFile: CASES,
        knownItems: 0,
        warmUp: 0,
      });
      archive = path.join(temp.dir, generated.files[0]!);
      records = readArchiveFile(archive).records;
      server = await startPrivatePostgres();
    },
    { timeout: 60_000 },
  );

  after(async () => {
    await server?.stop();
    temp.cleanup();
  });

  test('re-run stores every case once', { timeout: 58_000 }, async (t) => {
    const databaseUrl = await server!.createDatabase('import_kill');
    const started = performance.now();
    const first = runCasebook(['import', '--json', archive], databaseUrl);
    let writingAt = 0;
    let atKill: WriteState | undefined;
    try {
      await waitUntil(
        async () => {
          assert.ok(first.isRunning(), `import exited before the kill:\n${first.stderr()}`);
          const state = await writeState(databaseUrl);
          if (writingAt === 0 && state.open > 0 && state.heap > 0) writingAt = performance.now();
          if (state.open === 0 || state.heap < KILL_AT_HEAP_BYTES) return false;
          atKill = state;
          return true;
        },
        40_000,
        'the import to write',
      );
    } finally {
      await first.terminate('SIGKILL');
    }
    const killedAt = performance.now();
    assert.ok(atKill!.open > 0, 'no open transaction at the kill');

    // The server ends the killed import's session when it reads from the closed socket.
    await waitUntil(async () => (await writeState(databaseUrl)).open === 0, 10_000, 'rollback');
    const afterKill = await writeState(databaseUrl);
    assert.equal(afterKill.cases, 0, 'cases of the killed import are visible');
    // A backend reports its counts when it exits, rolled-back inserts included.
    const writtenBeforeKill = await insertedCases(databaseUrl);
    assert.ok(writtenBeforeKill > 0, 'the killed import had written no case');
    assert.ok(writtenBeforeKill < CASES, 'the import had finished writing before the kill');

    const rerunStarted = performance.now();
    const second = runCasebook(['import', '--json', archive], databaseUrl);
    const exit = await second.exited;
    const rerunSeconds = (performance.now() - rerunStarted) / 1000;
    assert.equal(exit.code, 0, `re-run failed:\n${second.stderr().slice(-4000)}`);
    const summary = JSON.parse(second.stdout()) as { imported: number; errors: unknown[] };
    assert.equal(summary.imported, CASES);
    assert.deepEqual(summary.errors, []);

    const final = await writeState(databaseUrl);
    t.diagnostic(
      `archive: ${CASES} cases, ${(statSync(archive).size / 1e6).toFixed(1)} MB; first import writing after ${((writingAt - started) / 1000).toFixed(1)} s, killed ${((killedAt - writingAt) / 1000).toFixed(1)} s later`,
    );
    t.diagnostic(
      `killed import had written ${writtenBeforeKill} of ${CASES} cases (${Math.round((100 * writtenBeforeKill) / CASES)}%), all rolled back; cases table ${(atKill!.heap / 1e6).toFixed(1)} MB at the kill, ${(final.heap / 1e6).toFixed(1)} MB after the re-run`,
    );
    t.diagnostic(
      `re-run: ${rerunSeconds.toFixed(1)} s, ${Math.round(CASES / rerunSeconds)} cases/s including start-up`,
    );
    await checkStoredCases(databaseUrl, records);
  });
});

async function checkStoredCases(databaseUrl: string, records: CaseRecord[]): Promise<void> {
  const [counts] = await queryRows<{ cases: number; refs: number; messages: number }>(
    databaseUrl,
    `SELECT count(*)::int AS cases, count(DISTINCT (source_id, ref))::int AS refs,
            (SELECT count(*)::int FROM messages) AS messages
       FROM cases`,
  );
  const turns = records.reduce((sum, record) => sum + record.turns.length, 0);
  assert.equal(counts!.cases, records.length, 'case count');
  assert.equal(counts!.refs, records.length, 'distinct refs');
  assert.equal(counts!.messages, turns, 'message count');

  // Records at even steps, so the sample spans the whole file.
  const step = Math.max(1, Math.floor(records.length / SAMPLED_CASES));
  const sample = records.filter((_, index) => index % step === 0);
  const rows = await queryRows<{ ref: string; messages: number }>(
    databaseUrl,
    `SELECT c.ref, count(m.id)::int AS messages
       FROM cases c LEFT JOIN messages m ON m.case_id = c.id
      WHERE c.ref = ANY($1) GROUP BY c.ref`,
    [sample.map((record) => record.ref)],
  );
  const stored = new Map(rows.map((row) => [row.ref, row.messages]));
  for (const record of sample) {
    assert.equal(stored.get(record.ref), record.turns.length, `messages of ${record.ref}`);
  }
}
