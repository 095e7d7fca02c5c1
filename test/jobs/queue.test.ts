import { afterEach, after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  createJobQueue,
  InlineJobQueue,
  JobError,
  PgBossJobQueue,
  UnrecoverableJobError,
  type InlineQueueOptions,
  type JobInfo,
  type JobLogger,
  type JobQueue,
  type PgBossQueueOptions,
} from '../../src/jobs/index.js';
import { createPostgresDatabase, postgresOnly, type TestDatabase } from '../database.js';

const PG_SKIP = postgresOnly();
const CHILD_SCRIPT = fileURLToPath(new URL('./worker-child.ts', import.meta.url));

/** A promise with its resolve function, to hold a handler until a test lets it go. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

interface LogEntry {
  level: 'info' | 'warn' | 'error';
  fields: object;
  message: string;
}

function memoryLogger(): JobLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const log = (level: LogEntry['level']) => (fields: object, message: string) => {
    entries.push({ level, fields, message });
  };
  return { entries, info: log('info'), warn: log('warn'), error: log('error') };
}

/** Polls `get` until the job reaches `state`, failing after `timeoutMs`. */
async function waitForState(
  queue: JobQueue,
  id: string,
  state: JobInfo['state'],
  timeoutMs = 10_000,
): Promise<JobInfo> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await queue.get(id);
    if (info?.state === state) return info;
    if (Date.now() > deadline) {
      assert.fail(`job ${id} did not reach ${state} in ${timeoutMs} ms: ${JSON.stringify(info)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One implementation of JobQueue, as the contract suite uses it. */
interface Backend {
  name: string;
  skip: string | false;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  create(options?: Partial<PgBossQueueOptions & InlineQueueOptions>): JobQueue;
}

const inlineBackend: Backend = {
  name: 'InlineJobQueue',
  skip: false,
  setup: async () => undefined,
  teardown: async () => undefined,
  create: (options = {}) => new InlineJobQueue({ stopTimeoutMs: 5000, ...options }),
};

/** PostgreSQL queues in one test database, each in a schema of its own. */
function postgresBackend(): Backend & { database(): TestDatabase } {
  let database: TestDatabase | undefined;
  let schemas = 0;
  return {
    name: 'PgBossJobQueue',
    skip: PG_SKIP,
    database: () => database!,
    setup: async () => {
      database = await createPostgresDatabase('casebook_jobs_test');
    },
    teardown: async () => {
      await database?.drop();
    },
    create: (options = {}) => {
      schemas += 1;
      return new PgBossJobQueue({
        connectionString: database!.location,
        schema: `jobs_${schemas}`,
        pollingIntervalSeconds: 0.5,
        retryLimit: 0,
        stopTimeoutMs: 5000,
        ...options,
      });
    },
  };
}

/** Tracks the queues a test opens and stops them after it, whether it passed or not. */
function queueTracker(backend: Pick<Backend, 'create'>) {
  const open: JobQueue[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((queue) => queue.stop()));
  });
  return {
    create: (options?: Parameters<Backend['create']>[0]) => {
      const queue = backend.create(options);
      open.push(queue);
      return queue;
    },
    track: <T extends JobQueue>(queue: T): T => {
      open.push(queue);
      return queue;
    },
  };
}

function describeContract(backend: Backend): void {
  describe(`${backend.name} contract`, { skip: backend.skip, timeout: 60_000 }, () => {
    before(() => backend.setup());
    after(() => backend.teardown());
    const queues = queueTracker(backend);

    test('runs a job and returns its result', async () => {
      const queue = queues.create();
      queue.register('echo', async (payload, { attempt }) => ({ echoed: payload, attempt }));
      await queue.start();

      // "免费证书申请了一天了还在审核中": the free certificate is still under review after a day.
      const payload = { question: '免费证书申请了一天了还在审核中', tags: ['证书', 'ssl'], n: 3 };
      const id = await queue.submit('echo', payload);
      const info = await queue.waitFor(id, 10_000);

      assert.equal(info.state, 'done');
      assert.equal(info.id, id);
      assert.equal(info.kind, 'echo');
      assert.deepEqual(info.result, { echoed: payload, attempt: 1 });
      assert.equal(info.attempts, 1);
      assert.equal(info.error, undefined);
      assert.ok(info.createdAt instanceof Date);
      assert.ok(info.startedAt instanceof Date);
      assert.ok(info.finishedAt instanceof Date);
      assert.ok(info.finishedAt >= info.startedAt);
    });

    test('passes a JSON copy of payloads', async () => {
      const queue = queues.create();
      queue.register('inspect', async (payload) => payload);
      await queue.start();

      const when = new Date('2026-01-02T03:04:05.000Z');
      const id = await queue.submit('inspect', { when, skipped: undefined, list: [1, '二'] });
      const info = await queue.waitFor(id, 10_000);

      assert.equal(info.state, 'done');
      assert.deepEqual(info.result, { when: '2026-01-02T03:04:05.000Z', list: [1, '二'] });
    });

    test('reports failures with the error message', async () => {
      const queue = queues.create();
      queue.register('reject', async () => {
        throw new Error('archive.md line 3: missing 产品 field');
      });
      await queue.start();

      const id = await queue.submit('reject', { file: 'archive.md' });
      const info = await queue.waitFor(id, 10_000);

      assert.equal(info.state, 'failed');
      assert.equal(info.error, 'archive.md line 3: missing 产品 field');
      assert.equal(info.result, undefined);
      assert.equal(info.attempts, 1);
      assert.ok(info.finishedAt instanceof Date);
    });

    test('fails a non-JSON result', async () => {
      const queue = queues.create();
      queue.register('bigint', async () => 10n);
      await queue.start();

      const info = await queue.waitFor(await queue.submit('bigint', null), 10_000);

      assert.equal(info.state, 'failed');
      assert.match(info.error ?? '', /Invalid job result/);
    });

    test('waitFor returns current state on timeout', async () => {
      const queue = queues.create();
      const release = deferred();
      queue.register('slow', async () => {
        await release.promise;
        return 'finished';
      });
      await queue.start();
      const id = await queue.submit('slow', {});
      await waitForState(queue, id, 'running');

      const started = Date.now();
      const info = await queue.waitFor(id, 300);
      const elapsed = Date.now() - started;

      assert.equal(info.state, 'running');
      assert.equal(info.attempts, 1);
      assert.ok(elapsed >= 250, `waitFor returned after ${elapsed} ms`);
      assert.ok(elapsed < 3000, `waitFor returned after ${elapsed} ms`);
      release.resolve();
      assert.equal((await queue.waitFor(id, 10_000)).result, 'finished');
    });

    test('waitFor rejects an unknown id', async () => {
      const queue = queues.create();
      await queue.start();

      await assert.rejects(queue.waitFor(randomUUID(), 100), (error: unknown) => {
        assert.ok(error instanceof JobError);
        assert.equal(error.code, 'job-not-found');
        return true;
      });
    });

    test('get returns undefined for unknown ids', async () => {
      const queue = queues.create();
      await queue.start();

      assert.equal(await queue.get(randomUUID()), undefined);
      assert.equal(await queue.get('not-a-job-id'), undefined);
    });

    test('singletonKey reuses the active job', async () => {
      const queue = queues.create();
      const release = deferred();
      queue.register('reindex', async () => release.promise);
      await queue.start();

      const first = await queue.submit('reindex', {}, { singletonKey: 'all' });
      await waitForState(queue, first, 'running');
      const again = await queue.submit('reindex', {}, { singletonKey: 'all' });
      const other = await queue.submit('reindex', {}, { singletonKey: 'other' });
      const keyless = await queue.submit('reindex', {});

      assert.equal(again, first);
      assert.notEqual(other, first);
      assert.notEqual(keyless, first);
      const queued = await queue.submit('reindex', {}, { singletonKey: 'other' });
      assert.equal(queued, other);

      release.resolve();
      await queue.waitFor(first, 10_000);
      const afterFinish = await queue.submit('reindex', {}, { singletonKey: 'all' });
      assert.notEqual(afterFinish, first);
      assert.equal((await queue.waitFor(afterFinish, 10_000)).state, 'done');
    });

    test('submit rejects non-JSON payloads', async () => {
      const queue = queues.create();
      queue.register('echo', async (payload) => payload);
      await queue.start();

      await assert.rejects(queue.submit('echo', { size: 1n }), (error: unknown) => {
        assert.ok(error instanceof JobError);
        assert.equal(error.code, 'invalid-job-payload');
        return true;
      });
    });

    test('register rejects invalid and duplicate kinds', async () => {
      const queue = queues.create();
      queue.register('echo', async (payload) => payload);

      assert.throws(
        () => queue.register('echo', async () => undefined),
        (error: unknown) =>
          error instanceof JobError && error.code === 'job-kind-already-registered',
      );
      assert.throws(
        () => queue.register('two words', async () => undefined),
        (error: unknown) => error instanceof JobError && error.code === 'invalid-job-kind',
      );
      await assert.rejects(queue.submit('', {}), /Invalid job kind ""/);
    });

    test('runs jobs submitted before start', async () => {
      const queue = queues.create();
      queue.register('echo', async (payload) => payload);

      const id = await queue.submit('echo', 'early');
      assert.equal((await queue.get(id))?.state, 'queued');
      await queue.start();

      assert.equal((await queue.waitFor(id, 10_000)).result, 'early');
    });

    test('stop waits for the running job', async () => {
      const queue = queues.create();
      let finished = false;
      queue.register('short', async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        finished = true;
      });
      await queue.start();
      const id = await queue.submit('short', {});
      await waitForState(queue, id, 'running');

      await queue.stop();

      assert.equal(finished, true);
    });

    test('stop aborts runs past the timeout', async () => {
      const queue = queues.create({ stopTimeoutMs: 200 });
      let signal: AbortSignal | undefined;
      queue.register('stuck', async (_payload, context) => {
        signal = context.signal;
        await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
        throw context.signal.reason;
      });
      await queue.start();
      const id = await queue.submit('stuck', {});
      await waitForState(queue, id, 'running');

      const started = Date.now();
      await queue.stop();

      assert.equal(signal?.aborted, true);
      assert.ok(Date.now() - started < 5000);
    });

    test('submit after stop is rejected', async () => {
      const queue = queues.create();
      queue.register('echo', async (payload) => payload);
      await queue.start();
      await queue.stop();

      await assert.rejects(queue.submit('echo', {}), (error: unknown) => {
        assert.ok(error instanceof JobError);
        assert.equal(error.code, 'queue-stopped');
        return true;
      });
    });
  });
}

describeContract(inlineBackend);
describeContract(postgresBackend());

describe('InlineJobQueue', { timeout: 30_000 }, () => {
  const queues = queueTracker(inlineBackend);

  test('runs jobs one at a time', async () => {
    const queue = queues.create();
    const events: string[] = [];
    queue.register('step', async (payload) => {
      events.push(`start ${String(payload)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      events.push(`end ${String(payload)}`);
    });
    await queue.start();

    const ids = [await queue.submit('step', 1), await queue.submit('step', 2)];
    ids.push(await queue.submit('step', 3));
    for (const id of ids) await queue.waitFor(id, 5000);

    assert.deepEqual(events, ['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  test('submit rejects a kind without a handler', async () => {
    const queue = queues.create();
    await queue.start();

    await assert.rejects(queue.submit('import', {}), (error: unknown) => {
      assert.ok(error instanceof JobError);
      assert.equal(error.code, 'job-kind-not-registered');
      return true;
    });
  });

  test('never retries a failed job', async () => {
    const queue = queues.create();
    let runs = 0;
    queue.register('flaky', async () => {
      runs += 1;
      throw new Error('temporary');
    });
    await queue.start();

    const info = await queue.waitFor(await queue.submit('flaky', {}), 5000);
    await new Promise((resolve) => setTimeout(resolve, 50));

    assert.equal(info.state, 'failed');
    assert.equal(runs, 1);
  });

  test('drops finished jobs beyond maxFinishedJobs', async () => {
    const queue = queues.create({ maxFinishedJobs: 2 });
    queue.register('echo', async (payload) => payload);
    await queue.start();

    const ids = [await queue.submit('echo', 1), await queue.submit('echo', 2)];
    ids.push(await queue.submit('echo', 3));
    await queue.waitFor(ids[2]!, 5000);

    assert.equal(await queue.get(ids[0]!), undefined);
    assert.equal((await queue.get(ids[1]!))?.result, 2);
    assert.equal((await queue.get(ids[2]!))?.result, 3);
  });

  test('logs outcomes without payloads', async () => {
    const logger = memoryLogger();
    const queue = queues.create({ logger });
    queue.register('echo', async () => 'ok');
    queue.register('reject', async () => {
      throw new Error('bad file');
    });
    await queue.start();

    await queue.waitFor(await queue.submit('echo', { phone: '13912345678' }), 5000);
    await queue.waitFor(await queue.submit('reject', {}), 5000);

    const messages = logger.entries.map((entry) => entry.message);
    assert.ok(messages.includes('job done'));
    assert.ok(messages.includes('job failed'));
    assert.ok(!JSON.stringify(logger.entries).includes('13912345678'));
  });
});

describe('PgBossJobQueue on PostgreSQL', { skip: PG_SKIP, timeout: 120_000 }, () => {
  const backend = postgresBackend();
  before(() => backend.setup());
  after(() => backend.teardown());
  const queues = queueTracker(backend);

  test('two instances run each job once', async () => {
    const schema = `jobs_shared_${process.pid}`;
    const options = { schema, concurrency: 1 };
    const instances = [queues.create(options), queues.create(options)];
    const runs = new Map<string, string[]>();
    instances.forEach((queue, index) => {
      queue.register('count', async (_payload, { jobId }) => {
        runs.set(jobId, [...(runs.get(jobId) ?? []), `instance ${index}`]);
        // Long enough that the other instance polls (every 0.5 s) while jobs are left.
        await new Promise((resolve) => setTimeout(resolve, 100));
        return index;
      });
    });
    await Promise.all(instances.map((queue) => queue.start()));

    const ids: string[] = [];
    for (let n = 0; n < 20; n += 1) ids.push(await instances[n % 2]!.submit('count', { n }));
    const infos = await Promise.all(ids.map((id) => instances[0]!.waitFor(id, 30_000)));

    for (const info of infos) {
      assert.equal(info.state, 'done', `job ${info.id} is ${info.state}`);
      assert.equal(info.attempts, 1);
      assert.equal(runs.get(info.id)?.length, 1, `job ${info.id} ran ${runs.get(info.id)}`);
    }
    const ranBy = [...runs.values()].flat();
    assert.equal(ranBy.length, 20);
    assert.ok(ranBy.includes('instance 0'), 'instance 0 ran no job');
    assert.ok(ranBy.includes('instance 1'), 'instance 1 ran no job');
  });

  test('submit sets a shorter expiry', async () => {
    const schema = `jobs_expiry_${process.pid}`;
    const queue = queues.create({ schema });
    const id = await queue.submit('short', {}, { expireInSeconds: 600 });
    const other = await queue.submit('short', {});

    const client = new pg.Client({ connectionString: backend.database().location });
    await client.connect();
    try {
      const result = await client.query<{ id: string; seconds: number }>(
        `SELECT id, extract(epoch FROM expire_in)::int AS seconds FROM ${schema}.job
         WHERE id = ANY($1::uuid[])`,
        [[id, other]],
      );
      const seconds = new Map(result.rows.map((row) => [row.id, row.seconds]));
      assert.equal(seconds.get(id), 600);
      assert.equal(seconds.get(other), 3600);
    } finally {
      await client.end();
    }
  });

  test('retries a failed run', async () => {
    const queue = queues.create({ retryLimit: 2, retryDelaySeconds: 0 });
    queue.register('flaky', async (_payload, { attempt }) => {
      if (attempt === 1) throw new Error('connection terminated');
      return `attempt ${attempt}`;
    });
    await queue.start();

    const info = await queue.waitFor(await queue.submit('flaky', {}), 15_000);

    assert.equal(info.state, 'done');
    assert.equal(info.result, 'attempt 2');
    assert.equal(info.attempts, 2);
  });

  test('reports the last retry error', async () => {
    const queue = queues.create({ retryLimit: 1, retryDelaySeconds: 0 });
    queue.register('broken', async (_payload, { attempt }) => {
      throw new Error(`failure on attempt ${attempt}`);
    });
    await queue.start();

    const info = await queue.waitFor(await queue.submit('broken', {}), 15_000);

    assert.equal(info.state, 'failed');
    assert.equal(info.attempts, 2);
    assert.equal(info.error, 'failure on attempt 2');
  });

  test('UnrecoverableJobError fails without a retry', async () => {
    const queue = queues.create({ retryLimit: 2, retryDelaySeconds: 0 });
    let runs = 0;
    queue.register('invalid', async () => {
      runs += 1;
      throw new UnrecoverableJobError('archive.md has 3 invalid records');
    });
    await queue.start();

    const info = await queue.waitFor(await queue.submit('invalid', {}), 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    assert.equal(info.state, 'failed');
    assert.equal(info.error, 'archive.md has 3 invalid records');
    assert.equal(info.attempts, 1);
    assert.equal(runs, 1);
  });

  test('stop lets another instance retry', async () => {
    const schema = `jobs_handover_${process.pid}`;
    const options = { schema, retryLimit: 1, retryDelaySeconds: 0 };
    const first = queues.create({ ...options, stopTimeoutMs: 200 });
    first.register('handover', async (_payload, { signal }) => {
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      throw signal.reason;
    });
    await first.start();
    const id = await first.submit('handover', {});
    await waitForState(first, id, 'running');
    await first.stop();

    const second = queues.create(options);
    second.register('handover', async (_payload, { attempt }) => `attempt ${attempt}`);
    await second.start();
    const info = await second.waitFor(id, 15_000);

    assert.equal(info.state, 'done');
    assert.equal(info.result, 'attempt 2');
    assert.equal(info.attempts, 2);
  });

  test('survives terminated database connections', async () => {
    const logger = memoryLogger();
    const queue = queues.create({ logger });
    queue.register('echo', async (payload) => payload);
    await queue.start();
    assert.equal((await queue.waitFor(await queue.submit('echo', 1), 10_000)).state, 'done');

    // Ends every other session on the test database, as a PostgreSQL restart would.
    const admin = new pg.Client({ connectionString: backend.database().location });
    await admin.connect();
    try {
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity ' +
          'WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));

    const info = await queue.waitFor(await queue.submit('echo', 2), 10_000);
    assert.equal(info.state, 'done');
    assert.equal(info.result, 2);
    assert.ok(logger.entries.every((entry) => entry.level !== 'error'));
  });

  test('resumes a job after SIGKILL', { timeout: 60_000 }, async () => {
    const schema = `jobs_crash_${process.pid}`;
    // The test process submits with a 5 s expiration and runs maintenance every second, so
    // the killed run expires and is retried within about 5 + 2 × 1 + 0.5 s.
    const settings = { schema, expireInSeconds: 5, maintenanceIntervalSeconds: 1 };
    const survivor = queues.create({ ...settings, retryLimit: 2, retryDelaySeconds: 0 });
    const child = spawnWorker(backend.database().location, schema);
    try {
      const id = await survivor.submit('blocking', { file: 'support-records.md' });
      await child.started(id, 20_000);
      const killedAt = Date.now();
      child.process.kill('SIGKILL');
      await child.exited;

      const running = await survivor.get(id);
      assert.equal(running?.state, 'running');
      assert.equal(running?.attempts, 1);
      assert.ok(Date.now() - killedAt < 4000, 'the child was killed before its run expired');

      survivor.register(
        'blocking',
        async (_payload, { attempt }) => `resumed on attempt ${attempt}`,
      );
      await survivor.start();
      const info = await survivor.waitFor(id, 30_000);

      assert.equal(info.state, 'done', JSON.stringify(info));
      assert.equal(info.result, 'resumed on attempt 2');
      assert.equal(info.attempts, 2);
    } finally {
      child.process.kill('SIGKILL');
    }
  });
});

describe('createJobQueue', { timeout: 30_000 }, () => {
  test('returns the inline queue for SQLite', async () => {
    const queue = createJobQueue({ dialect: 'sqlite', location: ':memory:' });
    assert.ok(queue instanceof InlineJobQueue);
    await queue.stop();
  });

  test('returns the pg-boss queue for PostgreSQL', { skip: PG_SKIP }, async () => {
    const pool = new pg.Pool({ connectionString: process.env.CASEBOOK_TEST_PG_URL });
    try {
      const queue = createJobQueue({ dialect: 'postgres', pool, location: 'postgres://test' });
      assert.ok(queue instanceof PgBossJobQueue);
      await queue.stop();
    } finally {
      await pool.end();
    }
  });

  test('rejects a pool without connectionString', async () => {
    const pool = new pg.Pool({ host: '127.0.0.1' });
    try {
      assert.throws(
        () => createJobQueue({ dialect: 'postgres', pool, location: 'postgres://test' }),
        (error: unknown) => error instanceof JobError && error.code === 'invalid-queue-options',
      );
    } finally {
      await pool.end();
    }
  });
});

/** Spawns worker-child.ts and returns the process with ways to wait for its output and exit. */
function spawnWorker(connectionString: string, schema: string) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD_SCRIPT, connectionString, schema],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const started = async (jobId: string, timeoutMs: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!stdout.includes(`started ${jobId}`)) {
      if (Date.now() > deadline || child.exitCode !== null) {
        assert.fail(`worker did not start job ${jobId}; stdout: ${stdout}; stderr: ${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { process: child, exited, started };
}
