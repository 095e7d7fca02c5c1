import { randomUUID } from 'node:crypto';
import { JobError, jobNotFound, queueStopped } from './errors.js';
import type { JobHandler, JobInfo, JobLogger, JobQueue, SubmitOptions } from './queue.js';
import { settlesWithin } from './timing.js';
import { addHandler, copyJson, describeError, validateInteger, validateKind } from './validate.js';

/** Options of {@link InlineJobQueue}. */
export interface InlineQueueOptions {
  /** How long stop() waits for the running job, in milliseconds (default 30,000). */
  stopTimeoutMs?: number;
  /** Finished jobs kept for get() and waitFor(), oldest dropped first (default 1,000). */
  maxFinishedJobs?: number;
  logger?: JobLogger;
}

interface InlineJob {
  info: JobInfo;
  payload: unknown;
  singletonKey?: string;
}

interface RunningJob {
  job: InlineJob;
  controller: AbortController;
  settled: Promise<void>;
}

/**
 * The job queue of a single process on SQLite. It runs one job at a time in this process and
 * keeps every job in memory. A crash or exit therefore loses the queued jobs and kills the
 * running one. A killed import rolls back its transaction, so the user runs it again. A handler
 * error fails its job at once, because this queue never retries.
 */
export class InlineJobQueue implements JobQueue {
  readonly #handlers = new Map<string, JobHandler>();
  readonly #jobs = new Map<string, InlineJob>();
  readonly #pending: InlineJob[] = [];
  readonly #finishedIds: string[] = [];
  readonly #waiters = new Map<string, Set<() => void>>();
  readonly #stopTimeoutMs: number;
  readonly #maxFinishedJobs: number;
  readonly #logger: JobLogger | undefined;
  #running: RunningJob | undefined;
  #state: 'created' | 'started' | 'stopping' | 'stopped' = 'created';
  #stopped: Promise<void> | undefined;

  constructor(options: InlineQueueOptions = {}) {
    this.#stopTimeoutMs = options.stopTimeoutMs ?? 30_000;
    this.#maxFinishedJobs = options.maxFinishedJobs ?? 1000;
    validateInteger('stopTimeoutMs', this.#stopTimeoutMs, 0, 24 * 3600 * 1000);
    validateInteger('maxFinishedJobs', this.#maxFinishedJobs, 1, 1_000_000);
    this.#logger = options.logger;
  }

  register(kind: string, handler: JobHandler): void {
    addHandler(this.#handlers, kind, handler);
  }

  async start(): Promise<void> {
    if (this.#state !== 'created') return;
    this.#state = 'started';
    this.#logger?.info({ queue: 'inline' }, 'job queue started');
    this.#runNext();
  }

  async submit(kind: string, payload: unknown, options: SubmitOptions = {}): Promise<string> {
    validateKind(kind);
    if (!this.#handlers.has(kind)) {
      throw new JobError(
        'job-kind-not-registered',
        `No handler for job kind "${kind}" in this process, so the job would never run. ` +
          'Register the kind before submitting jobs of it.',
      );
    }
    if (this.#state === 'stopping' || this.#state === 'stopped') throw queueStopped();
    const copy = copyJson(payload, 'payload');

    const existing = this.#findActive(kind, options.singletonKey);
    if (existing) return existing.info.id;

    const job: InlineJob = {
      info: { id: randomUUID(), kind, state: 'queued', createdAt: new Date(), attempts: 0 },
      payload: copy,
      singletonKey: options.singletonKey,
    };
    this.#jobs.set(job.info.id, job);
    this.#pending.push(job);
    this.#runNext();
    return job.info.id;
  }

  async get(id: string): Promise<JobInfo | undefined> {
    const job = this.#jobs.get(id);
    return job ? structuredClone(job.info) : undefined;
  }

  async waitFor(id: string, timeoutMs: number): Promise<JobInfo> {
    const job = this.#jobs.get(id);
    if (!job) throw jobNotFound(id);
    if (!isFinished(job.info)) await this.#waitForFinish(id, timeoutMs);
    return structuredClone(job.info);
  }

  stop(): Promise<void> {
    this.#stopped ??= this.#stop();
    return this.#stopped;
  }

  async #stop(): Promise<void> {
    this.#state = 'stopping';

    const running = this.#running;
    if (running && !(await settlesWithin(running.settled, this.#stopTimeoutMs))) {
      running.controller.abort(new Error('The job queue is stopping.'));
      this.#logger?.warn(
        { jobId: running.job.info.id, kind: running.job.info.kind, ms: this.#stopTimeoutMs },
        'job still running when the queue stopped; its signal was aborted',
      );
    }

    this.#state = 'stopped';
    this.#logger?.info({ queue: 'inline', queued: this.#pending.length }, 'job queue stopped');
  }

  #findActive(kind: string, singletonKey: string | undefined): InlineJob | undefined {
    if (singletonKey === undefined) return undefined;
    const sameKey = (job: InlineJob) => job.info.kind === kind && job.singletonKey === singletonKey;
    if (this.#running && sameKey(this.#running.job)) return this.#running.job;
    return this.#pending.find(sameKey);
  }

  #runNext(): void {
    if (this.#state !== 'started' || this.#running) return;
    const job = this.#pending.shift();
    if (!job) return;

    const controller = new AbortController();
    const settled = this.#run(job, controller.signal).finally(() => {
      this.#running = undefined;
      this.#runNext();
    });
    this.#running = { job, controller, settled };
  }

  async #run(job: InlineJob, signal: AbortSignal): Promise<void> {
    const { info } = job;
    const handler = this.#handlers.get(info.kind)!;
    info.state = 'running';
    info.startedAt = new Date();
    info.attempts += 1;

    try {
      const result = await handler(job.payload, { jobId: info.id, attempt: info.attempts, signal });
      info.result = copyJson(result, 'result');
      info.state = 'done';
    } catch (error) {
      info.error = describeError(error);
      info.state = 'failed';
    }
    info.finishedAt = new Date();

    this.#logFinish(info);
    this.#remember(info.id);
    for (const wake of this.#waiters.get(info.id) ?? []) wake();
  }

  #logFinish(info: JobInfo): void {
    const fields = {
      jobId: info.id,
      kind: info.kind,
      ms: info.finishedAt!.getTime() - info.startedAt!.getTime(),
    };
    if (info.state === 'done') this.#logger?.info(fields, 'job done');
    else this.#logger?.warn({ ...fields, error: info.error }, 'job failed');
  }

  // Keeps the newest finished jobs for get() and waitFor() and drops older ones.
  #remember(id: string): void {
    this.#finishedIds.push(id);
    while (this.#finishedIds.length > this.#maxFinishedJobs) {
      this.#jobs.delete(this.#finishedIds.shift()!);
    }
  }

  #waitForFinish(id: string, timeoutMs: number): Promise<void> {
    const waiters = this.#waiters.get(id) ?? new Set<() => void>();
    this.#waiters.set(id, waiters);

    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        waiters.delete(wake);
        if (waiters.size === 0 && this.#waiters.get(id) === waiters) this.#waiters.delete(id);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, timeoutMs));
      waiters.add(wake);
    });
  }
}

function isFinished(info: JobInfo): boolean {
  return info.state === 'done' || info.state === 'failed';
}
