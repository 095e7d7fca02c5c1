import type PgBoss from 'pg-boss';
import { UnrecoverableJobError } from './errors.js';
import { failWithoutRetrySql } from './pg-boss-sql.js';
import type { JobHandler, JobLogger } from './queue.js';
import { settlesWithin, sleep } from './timing.js';
import { copyJson, describeError } from './validate.js';

/** Settings of {@link PgBossWorker}. */
export interface PgBossWorkerSettings {
  schema: string;
  /** Jobs run at the same time. */
  concurrency: number;
  /** Pause between polls while no registered kind has a job, in milliseconds. */
  pollingIntervalMs: number;
  logger: JobLogger | undefined;
}

type Job = PgBoss.JobWithMetadata<{ payload?: unknown }>;

type Outcome =
  { status: 'done'; result: unknown } | { status: 'failed'; error: string; retry: boolean };

interface Run {
  job: Job;
  controller: AbortController;
  /** Settles once the outcome is written to the database, or writing it failed for good. */
  recorded: Promise<void>;
  /** Settles once the handler has returned or thrown. */
  finished: Promise<void>;
}

// Writing an outcome is tried this many times, 1, 2, 4, 8 and 16 s apart, to ride out a
// PostgreSQL restart. After that the run expires and pg-boss hands the job out again.
const RECORD_ATTEMPTS = 6;

/**
 * Polls pg-boss for jobs of the registered kinds and runs them, at most `concurrency` at a time.
 * It fetches and completes jobs itself rather than through `boss.work()`. In pg-boss 10.4,
 * `work()` leaves the promise of `complete()` unhandled, which ends the process when PostgreSQL
 * is down. It also gives the handler no signal when its run expires.
 */
export class PgBossWorker {
  readonly #boss: PgBoss;
  readonly #handlers: ReadonlyMap<string, JobHandler>;
  readonly #settings: PgBossWorkerSettings;
  readonly #runs = new Map<string, Run>();
  #wake = new AbortController();
  #loop: Promise<void> | undefined;
  #stopping = false;
  #nextKind = 0;
  #lastLoopError = { message: '', loggedAt: 0, repeats: 0 };

  /** `handlers` is read on every poll, so kinds registered later are run too. */
  constructor(
    boss: PgBoss,
    handlers: ReadonlyMap<string, JobHandler>,
    settings: PgBossWorkerSettings,
  ) {
    this.#boss = boss;
    this.#handlers = handlers;
    this.#settings = settings;
  }

  /** Starts the polling loop. */
  start(): void {
    this.#loop ??= this.#poll();
  }

  /** Ends the current pause, so that the loop polls at once (after a local submit, say). */
  wake(): void {
    this.#wake.abort();
  }

  /**
   * Stops polling and waits up to `timeoutMs` for the running jobs. Runs still going after that
   * get their signal aborted and their job failed, which lets another instance retry it.
   */
  async stop(timeoutMs: number): Promise<void> {
    this.#stopping = true;
    this.wake();
    await this.#loop;

    const runs = [...this.#runs.values()];
    const finished = Promise.all(runs.map((run) => run.finished));
    if (await settlesWithin(finished, timeoutMs)) return;

    const left = [...this.#runs.values()];
    for (const run of left) {
      run.controller.abort(new Error('The instance stopped while the job was running.'));
    }
    await Promise.all(left.map((run) => run.recorded));
  }

  async #poll(): Promise<void> {
    while (!this.#stopping) {
      try {
        // A job fetched while stop() begins still runs: stop() waits for it like the others.
        const job = this.#runs.size < this.#settings.concurrency ? await this.#fetch() : undefined;
        if (job) {
          this.#launch(job);
          continue;
        }
      } catch (error) {
        this.#logLoopError(error);
      }

      await sleep(this.#settings.pollingIntervalMs, this.#wake.signal);
      if (this.#wake.signal.aborted) this.#wake = new AbortController();
    }
  }

  // Asks each registered kind in turn, starting after the kind that last had a job, so that a
  // busy kind cannot starve the others. pg-boss's fetch returns nothing when the query fails.
  async #fetch(): Promise<Job | undefined> {
    const kinds = [...this.#handlers.keys()];
    for (let offset = 0; offset < kinds.length; offset += 1) {
      const index = (this.#nextKind + offset) % kinds.length;
      const [job] = await this.#boss.fetch<{ payload?: unknown }>(kinds[index]!, {
        batchSize: 1,
        includeMetadata: true,
      });
      if (job) {
        this.#nextKind = index + 1;
        return job;
      }
    }
    return undefined;
  }

  #launch(job: Job): void {
    const controller = new AbortController();
    const handled = this.#handle(job, controller);
    const aborted = abortOutcome(controller.signal);
    const recorded = Promise.race([handled, aborted]).then((outcome) => this.#record(job, outcome));
    const finished = handled.then(() => recorded);

    // The slot stays taken until the handler returns, even when its run was given up.
    const run: Run = { job, controller, recorded, finished: finished.then(() => undefined) };
    this.#runs.set(job.id, run);
    void run.finished.finally(() => {
      this.#runs.delete(job.id);
      this.wake();
    });
  }

  async #handle(job: Job, controller: AbortController): Promise<Outcome> {
    const handler = this.#handlers.get(job.name)!;
    const attempt = job.retryCount + 1;
    const expireSeconds = Number(job.expireInSeconds);
    // pg-boss fails the run once it expires and may hand the job to another instance.
    const expiry = setTimeout(() => {
      controller.abort(new Error(`The job timed out after ${expireSeconds} s.`));
    }, expireSeconds * 1000);
    // A handler that ignores the abort must not keep the process alive with this timer.
    controller.signal.addEventListener('abort', () => clearTimeout(expiry), { once: true });

    this.#settings.logger?.info({ jobId: job.id, kind: job.name, attempt }, 'job started');
    let result: unknown;
    try {
      const context = { jobId: job.id, attempt, signal: controller.signal };
      result = await handler(job.data?.payload, context);
    } catch (error) {
      const retry = !(error instanceof UnrecoverableJobError);
      return { status: 'failed', error: describeError(error), retry };
    } finally {
      clearTimeout(expiry);
    }

    try {
      return { status: 'done', result: copyJson(result, 'result') };
    } catch (error) {
      // A result that is not JSON would not be JSON on the next run either.
      return { status: 'failed', error: describeError(error), retry: false };
    }
  }

  async #record(job: Job, outcome: Outcome): Promise<void> {
    const fields = { jobId: job.id, kind: job.name, attempt: job.retryCount + 1 };
    for (let attempt = 1; ; attempt += 1) {
      try {
        const changed = await this.#write(job, outcome);
        this.#logOutcome(job, outcome, changed);
        return;
      } catch (error) {
        const message = describeError(error);
        if (attempt >= RECORD_ATTEMPTS) {
          this.#settings.logger?.error(
            { ...fields, error: message },
            'writing the job outcome failed; the job runs again once it expires',
          );
          return;
        }
        this.#settings.logger?.warn(
          { ...fields, error: message },
          'writing the job outcome failed; retrying',
        );
        await sleep(1000 * 2 ** (attempt - 1));
      }
    }
  }

  // Returns whether the job was still running: false when it had expired or was cancelled.
  // NOTE: pg-boss matches the job by id only, not by run. A run that outlived its expiration
  // (its handler ignored the abort, or PostgreSQL was down) can therefore still complete or
  // fail the next run of the job if another instance has already started it.
  async #write(job: Job, outcome: Outcome): Promise<boolean> {
    if (outcome.status === 'done') {
      const output = outcome.result === undefined ? {} : { result: outcome.result };
      return affected(await this.#boss.complete(job.name, job.id, output));
    }
    if (outcome.retry) {
      return affected(await this.#boss.fail(job.name, job.id, { error: outcome.error }));
    }
    const sql = failWithoutRetrySql(this.#settings.schema);
    const output = JSON.stringify({ error: outcome.error });
    const result = await this.#boss.getDb().executeSql(sql, [job.name, job.id, output]);
    return (result as { rowCount?: number }).rowCount === 1;
  }

  #logOutcome(job: Job, outcome: Outcome, changed: boolean): void {
    const logger = this.#settings.logger;
    const fields = { jobId: job.id, kind: job.name, attempt: job.retryCount + 1 };
    if (!changed) {
      logger?.warn(fields, 'job run ended after it had expired or been cancelled; outcome ignored');
    } else if (outcome.status === 'done') {
      logger?.info(fields, 'job done');
    } else {
      const retry = outcome.retry && job.retryCount < job.retryLimit;
      logger?.warn({ ...fields, error: outcome.error, retry }, 'job failed');
    }
  }

  // Logs a loop error at once, and a repeat of the same message at most once a minute.
  #logLoopError(error: unknown): void {
    const message = describeError(error);
    const last = this.#lastLoopError;
    const now = Date.now();
    if (message === last.message && now - last.loggedAt < 60_000) {
      last.repeats += 1;
      return;
    }
    this.#settings.logger?.error({ error: message, repeats: last.repeats }, 'job polling failed');
    this.#lastLoopError = { message, loggedAt: now, repeats: 0 };
  }
}

/** Resolves with a failed outcome when `signal` is aborted; never settles otherwise. */
function abortOutcome(signal: AbortSignal): Promise<Outcome> {
  return new Promise((resolve) => {
    signal.addEventListener('abort', () => {
      resolve({ status: 'failed', error: describeError(signal.reason), retry: true });
    });
  });
}

// pg-boss 10 returns { affected } from complete() and fail(), although types.d.ts declares void.
function affected(response: unknown): boolean {
  return ((response as { affected?: number } | undefined)?.affected ?? 0) > 0;
}
