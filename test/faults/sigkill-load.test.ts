import { after, before, describe, test } from 'node:test';
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
} from './instances.js';
import {
  faultTestsSkipReason,
  queryRows,
  startPrivatePostgres,
  type PrivatePostgres,
} from './private-postgres.js';

const CLIENTS_PER_INSTANCE = 4;
const LOAD_MS = 8000;
const KILL_AFTER_MS = 3000;

describe('instance killed under load', { skip: faultTestsSkipReason() }, () => {
  let server: PrivatePostgres | undefined;
  let databaseUrl = '';
  let a: Instance | undefined;
  let b: Instance | undefined;
  let admin: ApiClient;

  before(
    async () => {
      server = await startPrivatePostgres();
      databaseUrl = await server.createDatabase('sigkill_load');
      a = await startInstance({ name: 'A', databaseUrl, importIfEmpty: [SAMPLE_ARCHIVE] });
      b = await startInstance({ name: 'B', databaseUrl, importIfEmpty: [SAMPLE_ARCHIVE] });
      admin = await adminTokenClient(a);
    },
    { timeout: 90_000 },
  );

  after(async () => {
    await Promise.allSettled([a?.kill(), b?.stop()]);
    await server?.stop();
  });

  test('B serves on and no reply is lost', { timeout: 50_000 }, async (t) => {
    const cases = await admin.request<{ items: Array<{ id: number }> }>(
      'GET',
      '/cases?sort=oldest&pageSize=40',
    );
    assert.equal(cases.status, 200, JSON.stringify(cases.body));
    const prefix = `fault-${Date.now().toString(36)}`;
    const load = startLoad({
      targets: [
        { name: 'A', client: admin },
        { name: 'B', client: admin.at(b!.url) },
      ],
      clientsPerTarget: CLIENTS_PER_INSTANCE,
      caseIds: cases.body.items.map((item) => item.id),
      markerPrefix: prefix,
    });

    let killAt = 0;
    try {
      await new Promise((resolve) => setTimeout(resolve, KILL_AFTER_MS));
      killAt = load.elapsed();
      await a!.kill();
      await new Promise((resolve) => setTimeout(resolve, LOAD_MS - KILL_AFTER_MS));
    } finally {
      await load.stop();
    }

    const onB = load.records.filter((record) => record.instance === 'B');
    const bAfterKill = onB.filter((record) => record.startMs >= killAt);
    const aAfterKill = load.records.filter(
      (record) => record.instance === 'A' && record.endMs >= killAt,
    );
    const stored = await storedReplies(databaseUrl, prefix);
    const ackedOnA = load.acked.filter((reply) => reply.instance === 'A').length;
    const storedUnacked = [...stored.keys()].filter(
      (marker) => !load.acked.some((reply) => reply.marker === marker),
    );

    t.diagnostic(`A killed at ${killAt} ms of ${load.elapsed()} ms`);
    t.diagnostic(
      `requests: ${JSON.stringify(countBy(load.records, (r) => `${r.instance} ${r.kind} ${r.status}`))}`,
    );
    t.diagnostic(
      `acknowledged replies: ${load.acked.length} (A ${ackedOnA}, B ${load.acked.length - ackedOnA})`,
    );
    t.diagnostic(
      `stored without acknowledgement (in flight on A at the kill): ${storedUnacked.length}`,
    );
    t.diagnostic(
      `A requests ending after the kill signal: ${JSON.stringify(countBy(aAfterKill, (r) => `${r.status} ${r.error ?? ''}`.trim()))}`,
    );
    t.diagnostic(
      `B after the kill: ${bAfterKill.filter((r) => r.status < 300).length} succeeded of ${bAfterKill.length}`,
    );

    const bFailures = onB.filter((record) => record.status === 0 || record.status >= 500);
    assert.deepEqual(
      bFailures.map((r) => `${r.kind} ${r.status} ${r.error ?? ''} at ${r.startMs} ms`),
      [],
      `B failed requests; B stderr:\n${b!.stderr().slice(-4000)}`,
    );
    assert.ok(
      bAfterKill.some((record) => record.status < 300),
      'B served nothing after the kill',
    );
    assert.ok(load.acked.length > 0, 'no reply was acknowledged');
    assert.ok(ackedOnA > 0, 'A acknowledged no reply before the kill');
    assert.deepEqual(replyProblems(load.acked, stored), []);

    const [duplicateSeq] = await queryRows<{ n: number }>(
      databaseUrl,
      'SELECT count(*)::int AS n FROM (SELECT case_id, seq FROM messages GROUP BY case_id, seq HAVING count(*) > 1) AS d',
    );
    assert.equal(duplicateSeq!.n, 0, 'two messages share a case and position');
  });
});
