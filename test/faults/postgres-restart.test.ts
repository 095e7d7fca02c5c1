import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import {
  adminTokenClient,
  countBy,
  replyProblems,
  startInstance,
  startLoad,
  storedReplies,
  SAMPLE_ARCHIVE,
  type ApiClient,
  type Instance,
  type RequestRecord,
} from './instances.js';
import { openStore } from '../../src/store/index.js';
import {
  faultTestsSkipReason,
  queryRows,
  startPrivatePostgres,
  type PrivatePostgres,
} from './private-postgres.js';

const CLIENTS_PER_INSTANCE = 2;
const PAUSE_MS = 50;
const RESTART_AFTER_MS = 2000;
const RECOVERY_LIMIT_MS = 15_000;
// Load that keeps running after both instances recovered. None of it may fail.
const STEADY_MS = 2000;

function failed(record: RequestRecord): boolean {
  return record.status === 0 || record.status >= 500;
}

describe('PostgreSQL restart under load', { skip: faultTestsSkipReason() }, () => {
  let server: PrivatePostgres | undefined;
  let databaseUrl = '';
  let instances: Instance[] = [];
  let admin: ApiClient;

  before(
    async () => {
      server = await startPrivatePostgres();
      databaseUrl = await server.createDatabase('postgres_restart');
      const a = await startInstance({ name: 'A', databaseUrl, importIfEmpty: [SAMPLE_ARCHIVE] });
      instances = [a];
      instances.push(await startInstance({ name: 'B', databaseUrl }));
      admin = await adminTokenClient(a);
    },
    { timeout: 90_000 },
  );

  after(async () => {
    await Promise.allSettled(instances.map((instance) => instance.stop()));
    await server?.stop();
  });

  test('instances recover from fast restart', { timeout: 40_000 }, async (t) => {
    await restartUnderLoad(t, { instances, admin, databaseUrl, server: server!, downMs: 0 });
  });

  test('instances recover after 3 s down', { timeout: 40_000 }, async (t) => {
    await restartUnderLoad(t, { instances, admin, databaseUrl, server: server!, downMs: 3000 });
  });

  test('transaction rejects on terminated session', { timeout: 20_000 }, async () => {
    const url = await server!.createDatabase('terminated_session');
    const store = await openStore({ path: url });
    try {
      // A restart ends every session, also one whose transaction is between two statements.
      // The transaction must then reject. An unhandled 'error' event of its pg client fails this
      // test as an uncaught exception instead, and ends a `casebook serve` process.
      const transaction = store.sql.transaction(async (sql) => {
        await sql.get('SELECT 1');
        await queryRows(
          url,
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
        await sleep(200);
        return sql.get('SELECT 1');
      });
      await assert.rejects(transaction);
    } finally {
      await store.close();
    }
  });
});

interface RestartSetup {
  instances: Instance[];
  admin: ApiClient;
  databaseUrl: string;
  server: PrivatePostgres;
  /** How long the server stays stopped before it starts again. */
  downMs: number;
}

/**
 * Restarts the server while every instance is under light load, then checks that each serves
 * again without being restarted, that nothing fails once they have, and that every
 * acknowledged reply is stored once.
 */
async function restartUnderLoad(t: TestContext, setup: RestartSetup): Promise<void> {
  const { instances, databaseUrl, server } = setup;
  await replaceExited(t, instances, databaseUrl);
  const admin = setup.admin.at(instances[0]!.url);
  const cases = await admin.request<{ items: Array<{ id: number }> }>(
    'GET',
    '/cases?sort=oldest&pageSize=40',
  );
  assert.equal(cases.status, 200, JSON.stringify(cases.body));
  const logBefore = instances.map((instance) => instance.errorMessages());
  const prefix = `fault-${Date.now().toString(36)}`;
  const load = startLoad({
    targets: instances.map((instance) => ({ name: instance.name, client: admin.at(instance.url) })),
    clientsPerTarget: CLIENTS_PER_INSTANCE,
    caseIds: cases.body.items.map((item) => item.id),
    markerPrefix: prefix,
    pauseMs: PAUSE_MS,
  });

  let restartBegin = 0;
  let restartEnd = 0;
  const recoveredAt = new Map<string, number>();
  try {
    await sleep(RESTART_AFTER_MS);
    restartBegin = load.elapsed();
    await server.restart({ downMs: setup.downMs });
    restartEnd = load.elapsed();

    // Wait as long as a running instance has not recovered and the deadline has not passed.
    const deadline = restartEnd + RECOVERY_LIMIT_MS;
    const waiting = () =>
      instances.some((i) => i.isRunning() && !recoveredAt.has(i.name)) && load.elapsed() < deadline;
    while (waiting()) {
      markRecoveries(load.records, restartEnd, recoveredAt);
      await sleep(50);
    }
    await sleep(STEADY_MS);
  } finally {
    await load.stop();
  }
  markRecoveries(load.records, restartEnd, recoveredAt);
  const steadyFrom = Math.max(restartEnd, ...recoveredAt.values());

  t.diagnostic(`server down from ${restartBegin} ms to ${restartEnd} ms of the load`);
  for (const [index, instance] of instances.entries()) {
    const own = load.records.filter((record) => record.instance === instance.name);
    const around = own.filter((r) => r.endMs >= restartBegin && r.startMs <= steadyFrom);
    const failures = around.filter(failed);
    const recovered = recoveredAt.get(instance.name);
    const firstSuccess = recovered === undefined ? 'never' : `${recovered - restartEnd} ms`;
    const byError = countBy(failures, (r) => `${r.kind} ${r.status} ${r.error ?? ''}`.trim());
    t.diagnostic(
      `${instance.name}: first success ${firstSuccess} after the server was back; failed ` +
        `${failures.length} of ${around.length} around the restart ${JSON.stringify(byError)}; ` +
        `${own.length} requests in total`,
    );
    const logged = newErrors(logBefore[index]!, instance.errorMessages());
    if (logged.length > 0) t.diagnostic(`${instance.name} logged: ${logged.join(' | ')}`);
  }
  const ackedAfterRestart = load.acked.filter((reply) => reply.atMs >= restartEnd).length;
  t.diagnostic(
    `acknowledged replies: ${load.acked.length}, ${ackedAfterRestart} after the restart`,
  );

  for (const instance of instances) {
    const log = `\n${instance.name} stderr:\n${instance.stderr().slice(-4000)}`;
    assert.ok(instance.isRunning(), `${instance.name} exited${log}`);
    assert.ok(
      recoveredAt.has(instance.name),
      `${instance.name} served nothing within ${RECOVERY_LIMIT_MS} ms${log}\nserver log:\n${server.logTail()}`,
    );
  }
  const late = load.records.filter((r) => r.startMs > steadyFrom && failed(r));
  assert.deepEqual(
    late.map((r) => `${r.instance} ${r.kind} ${r.status} ${r.error ?? ''} at ${r.startMs} ms`),
    [],
    'requests failed after both instances had recovered',
  );
  assert.ok(ackedAfterRestart > 0, 'no reply acknowledged after the restart');
  assert.deepEqual(replyProblems(load.acked, await storedReplies(databaseUrl, prefix)), []);
}

/**
 * Records when each instance recovered, which is when its first successful request that started
 * after the server was back ended.
 */
function markRecoveries(
  records: RequestRecord[],
  backAt: number,
  recoveredAt: Map<string, number>,
) {
  for (const record of records) {
    if (record.startMs < backAt || failed(record) || recoveredAt.has(record.instance)) continue;
    recoveredAt.set(record.instance, record.endMs);
  }
}

/**
 * Starts a new instance in place of each one that exited, so that a crash in one test does not
 * fail the next one as well.
 */
async function replaceExited(t: TestContext, instances: Instance[], databaseUrl: string) {
  for (const [index, instance] of instances.entries()) {
    if (instance.isRunning()) continue;
    t.diagnostic(`${instance.name} had exited in an earlier test; starting a new ${instance.name}`);
    instances[index] = await startInstance({ name: instance.name, databaseUrl });
  }
}

function newErrors(before: Map<string, number>, now: Map<string, number>): string[] {
  const lines: string[] = [];
  for (const [message, count] of now) {
    const added = count - (before.get(message) ?? 0);
    if (added > 0) lines.push(`${added}× ${message}`);
  }
  return lines;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
