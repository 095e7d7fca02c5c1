/** Stable codes of the job queue's errors. */
export type JobErrorCode =
  | 'invalid-job-kind'
  | 'job-kind-not-registered'
  | 'job-kind-already-registered'
  | 'invalid-job-payload'
  | 'invalid-job-result'
  | 'job-not-found'
  | 'queue-stopped'
  | 'queue-start-failed'
  | 'invalid-queue-options';

/** An error of the job queue with a stable code. */
export class JobError extends Error {
  constructor(
    readonly code: JobErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'JobError';
  }
}

/**
 * Thrown by a handler to fail its job at once, without the retries that other errors get: use
 * it when running again cannot help, such as an archive file with invalid records.
 */
export class UnrecoverableJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnrecoverableJobError';
  }
}

/** Builds the `job-not-found` error for an id that no job has. */
export function jobNotFound(id: string): JobError {
  return new JobError(
    'job-not-found',
    `Job ${JSON.stringify(id)} not found: it never existed or was purged after it finished.`,
  );
}

/** Builds the `queue-stopped` error for a submit after stop(). */
export function queueStopped(): JobError {
  return new JobError(
    'queue-stopped',
    'The job queue is stopped and takes no new jobs. Submit to a running queue.',
  );
}
