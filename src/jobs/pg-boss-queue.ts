import { randomUUID } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { describeLocation } from '../store/location.js';
import { JobError, jobNotFound, queueStopped } from './errors.js';
import { toJobInfo } from './pg-boss-job-info.js';
import { findActiveJobSql, LOCK_SINGLETON_KEY_SQL } from './pg-boss-sql.js';
import { PgBossWorker } from './pg-boss-worker.js';
import type { JobHandler, JobInfo, JobLogger, JobQueue, SubmitOptions } from './queue.js';
import { sleep } from './timing.js';
import { addHandler, copyJson, describeError, validateInteger, validateKind } from './validate.js';

/** Options of {@link PgBossJobQueue}; the defaults and their reasons are on the class. */
export interface PgBossQueueOptions {
  /** postgres:// URL of the database, the same one the store uses. */
  connectionString: string;
  /** Schema of pg-boss's tables (default `casebook_jobs`). */
  schema?: string;
  /** Connections of the queue's own pool (default 3). */
  poolSize?: number;
  /** Jobs this instance runs at the same time (default 1). */
  concurrency?: number;
  /** Seconds a run may take before pg-boss fails it and another instance may retry it. */
  expireInSeconds?: number;
  /** Runs allowed after the first, for both handler errors and expired runs. */
  retryLimit?: number;
  /** Seconds a failed job waits before it can run again (pg-boss `retryDelay`). */
  retryDelaySeconds?: number;
  /** Seconds between pg-boss maintenance runs, which find expired runs. */
  maintenanceIntervalSeconds?: number;
  /** Seconds between polls for jobs while there is nothing to run. */
  pollingIntervalSeconds?: number;
  /** How long stop() waits for running jobs, in milliseconds (default 30,000). */
  stopTimeoutMs?: number;
  logger?: JobLogger;
}

type Settings = Required<Omit<PgBossQueueOptions, 'logger'>>;

const DEFAULTS: Omit<Settings, 'connectionString'> = {
  schema: 'casebook_jobs',
  poolSize: 3,
  concurrency: 1,
  expireInSeconds: 3600,
  retryLimit: 2,
  retryDelaySeconds: 30,
  maintenanceIntervalSeconds: 60,
  pollingIntervalSeconds: 2,
  stopTimeoutMs: 30_000,
};

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WAIT_POLL_MS = 500;

/**
 * The job queue of casebook instances that share one PostgreSQL database, built on pg-boss 10
 * in its own schema with its own small pool. Any instance may take any queued job of a kind it
 * has registered, and pg-boss's `SKIP LOCKED` fetch hands each job to one instance only.
 *
 * A run that an instance cannot finish is retried, up to `retryLimit` (2) more runs, each
 * after `retryDelaySeconds` (30, to give a restarting PostgreSQL time to come back). When an
 * instance stops, runs still going after `stopTimeoutMs` are failed at once and so retried
 * after the delay. When an instance dies (SIGKILL, out of memory), its runs stay "active"
 * until they expire, so the worst-case delay before another instance starts the job again is
 *
 *   expireInSeconds + 2 × maintenanceIntervalSeconds + retryDelaySeconds + pollingIntervalSeconds
 *   = 3,600 + 120 + 30 + 2 s, about 63 minutes with the defaults,
 *
 * counted from the start of the lost run. pg-boss marks expired runs only during maintenance,
 * and its once-per-interval gate, shared by all instances, can skip one tick, hence the
 * factor 2. The expiration of 1 hour is about three times the 1M-case import measured in
 * docs/benchmarks.md (1,107 s on SQLite), because a run that outlives it is aborted and
 * retried, and the retry of a long import would outlive it again. A deployment whose jobs are
 * all short can pass a smaller `expireInSeconds` to resume sooner.
 *
 * Every handler must be re-runnable: a job can run again after a crash, an expiration or an
 * error, and a run that was given up may still be finishing elsewhere. `importArchives` writes
 * in one transaction and leaves unchanged records alone, so running it again is harmless.
 *
 * PostgreSQL may restart under a running queue. Lost connections and failed maintenance are
 * logged through `logger`, and polling resumes when the server is back. A job outcome that
 * cannot be written is retried for about 30 s before the run is left to expire.
 */
export class PgBossJobQueue implements JobQueue {
  readonly #settings: Settings;
  readonly #logger: JobLogger | undefined;
  readonly #pool: pg.Pool;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #queues = new Set<string>();
  #worker: PgBossWorker | undefined;
  #state: 'created' | 'started' | 'stopping' | 'stopped' = 'created';
  #opened: Promise<PgBoss> | undefined;
  #stopped: Promise<void> | undefined;

  constructor(options: PgBossQueueOptions) {
    this.#settings = validateSettings({
      ...DEFAULTS,
      ...withoutUndefined(options),
      connectionString: options.connectionString,
    });
    this.#logger = options.logger;
    this.#pool = new pg.Pool({
      connectionString: this.#settings.connectionString,
      max: this.#settings.poolSize,
      application_name: 'casebook-jobs',
      connectionTimeoutMillis: 10_000,
    });
    // An idle connection the server dropped (a restart, say) is reported here and replaced on
    // the next query, so it must not end the process.
    this.#pool.on('error', (error) => {
      this.#logger?.warn({ error: describeError(error) }, 'job queue lost a database connection');
    });
  }

  register(kind: string, handler: JobHandler): void {
    addHandler(this.#handlers, kind, handler);
    this.#worker?.wake();
  }

  async start(): Promise<void> {
    if (this.#state !== 'created') return;
    const boss = await this.#open();
    if (this.#state !== 'created') return;

    this.#worker = new PgBossWorker(boss, this.#handlers, {
      schema: this.#settings.schema,
      concurrency: this.#settings.concurrency,
      pollingIntervalMs: this.#settings.pollingIntervalSeconds * 1000,
      logger: this.#logger,
    });
    this.#worker.start();
    this.#state = 'started';
    this.#logger?.info({ schema: this.#settings.schema }, 'job queue started');
  }

  async submit(kind: string, payload: unknown, options: SubmitOptions = {}): Promise<string> {
    validateKind(kind);
    const data = { payload: copyJson(payload, 'payload') ?? null };
    const boss = await this.#open();

    await this.#createQueue(boss, kind);
    const expiry =
      options.expireInSeconds === undefined ? {} : { expireInSeconds: options.expireInSeconds };
    if (options.expireInSeconds !== undefined) {
      validateInteger('expireInSeconds', options.expireInSeconds, 1, 24 * 3600 - 1);
    }
    const id =
      options.singletonKey === undefined
        ? await this.#send(boss, kind, data, expiry)
        : await this.#sendSingleton(boss, kind, data, options.singletonKey, expiry);

    if (this.#handlers.has(kind)) this.#worker?.wake();
    return id;
  }

  async get(id: string): Promise<JobInfo | undefined> {
    if (!UUID_PATTERN.test(id)) return undefined;
    const boss = await this.#open();

    // pg-boss 10 looks jobs up by queue and id, so every known queue is asked in turn.
    const searched = new Set<string>();
    for (const refresh of [false, true]) {
      if (refresh) for (const queue of await boss.getQueues()) this.#queues.add(queue.name);
      for (const kind of [...this.#queues, ...this.#handlers.keys()]) {
        if (searched.has(kind)) continue;
        searched.add(kind);
        const job = await boss.getJobById<object>(kind, id, { includeArchive: true });
        if (job) return toJobInfo(job);
      }
    }
    return undefined;
  }

  async waitFor(id: string, timeoutMs: number): Promise<JobInfo> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const info = await this.get(id);
      if (!info) throw jobNotFound(id);
      const remaining = deadline - Date.now();
      if (info.state === 'done' || info.state === 'failed' || remaining <= 0) return info;
      await sleep(Math.min(WAIT_POLL_MS, remaining));
    }
  }

  stop(): Promise<void> {
    this.#stopped ??= this.#stop();
    return this.#stopped;
  }

  async #stop(): Promise<void> {
    this.#state = 'stopping';
    await this.#worker?.stop(this.#settings.stopTimeoutMs);
    const boss = await this.#opened?.catch(() => undefined);
    await boss?.stop({ graceful: false, close: false });
    await this.#pool.end();
    this.#state = 'stopped';
    this.#logger?.info({ schema: this.#settings.schema }, 'job queue stopped');
  }

  // Creates or migrates pg-boss's schema on first use. pg-boss 10.4 cannot start an instance
  // again after a failed start, so each attempt builds a new one.
  #open(): Promise<PgBoss> {
    if (this.#state === 'stopping' || this.#state === 'stopped') {
      return Promise.reject(queueStopped());
    }
    this.#opened ??= this.#startBoss().catch((error: unknown) => {
      this.#opened = undefined;
      throw this.#startFailed(error);
    });
    return this.#opened;
  }

  async #startBoss(): Promise<PgBoss> {
    const settings = this.#settings;
    const boss = new PgBoss({
      db: { executeSql: (text, values) => this.#pool.query(text, values) },
      schema: settings.schema,
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
      expireInSeconds: settings.expireInSeconds,
      retryLimit: settings.retryLimit,
      retryDelay: settings.retryDelaySeconds,
    });
    // Without a listener, an 'error' event would throw and end the process.
    boss.on('error', (error) => {
      this.#logger?.error({ error: describeError(error) }, 'job queue maintenance failed');
    });
    await boss.start();
    return boss;
  }

  #startFailed(error: unknown): JobError {
    const location = describeLocation(this.#settings.connectionString);
    return new JobError(
      'queue-start-failed',
      `Cannot open the job queue in schema "${this.#settings.schema}" at ${location}: ` +
        `${describeError(error)}. Check that PostgreSQL is running and that the role may ` +
        'create that schema.',
      { cause: error },
    );
  }

  // pg-boss 10 stores only jobs of queues that exist; creating one that exists does nothing.
  async #createQueue(boss: PgBoss, kind: string): Promise<void> {
    if (this.#queues.has(kind)) return;
    await boss.createQueue(kind);
    this.#queues.add(kind);
  }

  async #send(
    boss: PgBoss,
    kind: string,
    data: object,
    extra: { db?: PgBoss.Db; singletonKey?: string; expireInSeconds?: number } = {},
  ): Promise<string> {
    const id = randomUUID();
    const sent = await boss.send(kind, data, { id, ...this.#jobSettings(), ...extra });
    if (sent === null) throw new Error(`pg-boss did not store job ${id} of kind "${kind}".`);
    return id;
  }

  // Looks for a queued or running job with the key and adds one only when there is none, all
  // under a lock on the key, so two instances cannot both add one.
  async #sendSingleton(
    boss: PgBoss,
    kind: string,
    data: object,
    key: string,
    expiry: { expireInSeconds?: number },
  ): Promise<string> {
    const client = await this.#pool.connect();
    let failure: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query(LOCK_SINGLETON_KEY_SQL, [`${this.#settings.schema}:${kind}:${key}`]);
      const findSql = findActiveJobSql(this.#settings.schema);
      const found = await client.query<{ id: string }>(findSql, [kind, key]);
      const db: PgBoss.Db = { executeSql: (text, values) => client.query(text, values) };
      const id =
        found.rows[0]?.id ??
        (await this.#send(boss, kind, data, { db, singletonKey: key, ...expiry }));
      await client.query('COMMIT');
      return id;
    } catch (error) {
      failure = error instanceof Error ? error : new Error(describeError(error));
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // A client whose transaction failed is discarded rather than reused.
      client.release(failure);
    }
  }

  #jobSettings(): PgBoss.SendOptions {
    return {
      expireInSeconds: this.#settings.expireInSeconds,
      retryLimit: this.#settings.retryLimit,
      retryDelay: this.#settings.retryDelaySeconds,
    };
  }
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

function validateSettings(settings: Settings): Settings {
  if (!/^[a-z_][a-z0-9_]{0,49}$/.test(settings.schema)) {
    throw new JobError(
      'invalid-queue-options',
      `Invalid job queue schema ${JSON.stringify(settings.schema)}: expected up to 50 lowercase ` +
        'letters, digits or "_", not starting with a digit.',
    );
  }
  validateInteger('poolSize', settings.poolSize, 2, 20);
  validateInteger('concurrency', settings.concurrency, 1, 16);
  // pg-boss 10 rejects expirations of 24 hours or more.
  validateInteger('expireInSeconds', settings.expireInSeconds, 1, 24 * 3600 - 1);
  validateInteger('retryLimit', settings.retryLimit, 0, 100);
  validateInteger('retryDelaySeconds', settings.retryDelaySeconds, 0, 24 * 3600);
  validateInteger('maintenanceIntervalSeconds', settings.maintenanceIntervalSeconds, 1, 3600);
  validateInteger('stopTimeoutMs', settings.stopTimeoutMs, 0, 24 * 3600 * 1000);
  const polling = settings.pollingIntervalSeconds;
  if (!(polling >= 0.5 && polling <= 3600)) {
    throw new JobError(
      'invalid-queue-options',
      `Invalid job queue option pollingIntervalSeconds: ${polling}; expected 0.5 to 3600.`,
    );
  }
  return settings;
}
