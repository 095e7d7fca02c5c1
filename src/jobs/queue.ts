/** The stage of a job: waiting, running, or finished either way. */
export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** A job as a queue reports it; payload and result are JSON values. */
export interface JobInfo {
  id: string;
  kind: string;
  state: JobState;
  /** The handler's return value, once the job is done. */
  result?: unknown;
  /**
   * Message of the error that failed the job. A queued job that is waiting for a retry keeps
   * the message of its last attempt here.
   */
  error?: string;
  createdAt: Date;
  /** Start of the latest attempt. */
  startedAt?: Date;
  finishedAt?: Date;
  /** Attempts started so far, including the running one. */
  attempts: number;
}

/** Facts about the current run, passed to its handler. */
export interface JobContext {
  jobId: string;
  /** 1 on the first run, higher when the job is run again after a failure or a crash. */
  attempt: number;
  /**
   * Aborted when the queue gives up on this run: the queue is stopping and its time bound has
   * passed, or the run exceeded its expiration and another instance may take it over. A
   * handler should stop and roll back its transaction once the signal is aborted.
   */
  signal: AbortSignal;
}

/**
 * Does the work of one job kind and returns its JSON result. A handler may run more than once
 * for the same job (after a crash, an expiration or a retried error), so it must be
 * idempotent: do the work in one transaction and skip what an earlier run already stored.
 */
export type JobHandler = (payload: unknown, context: JobContext) => Promise<unknown>;

/** Options of {@link JobQueue.submit}. */
export interface SubmitOptions {
  /**
   * While a job of the same kind with this key is queued or running, submit returns that
   * job's id and adds nothing. A finished job no longer counts.
   */
  singletonKey?: string;
  /**
   * Longest run before the job counts as dead and is retried, for jobs known to be short. The
   * queue's setting applies by default, and only the PostgreSQL queue uses it.
   */
  expireInSeconds?: number;
}

/** Structured log output in the shape pino takes, so a Fastify `app.log` fits. */
export interface JobLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * A queue of long work (imports, re-indexing, FAQ mining) that runs outside the request that
 * asked for it. Payloads and results are copied as JSON, so a handler never shares objects
 * with the caller that submitted the job.
 */
export interface JobQueue {
  /** Sets the handler of a kind; this queue runs jobs of registered kinds only. */
  register(kind: string, handler: JobHandler): void;

  /**
   * Begins running jobs in this process. submit() works before start() too, and such jobs wait
   * for a started queue: this one or, on PostgreSQL, any instance with a handler for the kind.
   */
  start(): Promise<void>;

  /** Adds a job and returns its id, or the id of the queued or running job with the same key. */
  submit(kind: string, payload: unknown, options?: SubmitOptions): Promise<string>;

  /** Returns the job, or undefined when the id is unknown or the job has been purged. */
  get(id: string): Promise<JobInfo | undefined>;

  /**
   * Waits until the job is done or failed and returns it. After `timeoutMs` it returns the
   * job as it is then, still queued or running. Throws `job-not-found` for an unknown id.
   */
  waitFor(id: string, timeoutMs: number): Promise<JobInfo>;

  /**
   * Stops taking jobs and waits for the running ones, up to the queue's stop timeout. Runs
   * still going after that have their signal aborted and are left to be run again.
   */
  stop(): Promise<void>;
}
