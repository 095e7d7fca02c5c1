import type { JobInfo, JobQueue } from '../../jobs/index.js';
import { ApiError } from '../errors.js';

/** A job that finished within the wait, or one still queued or running. */
export type JobOutcome = { done: true; result: unknown } | { done: false; job: JobInfo };

/**
 * Waits up to `waitMs` for a job. A finished job gives its result; a failed one raises
 * `job-failed` with its error; one still queued or running is returned for a 202 reply.
 */
export async function awaitJob(queue: JobQueue, id: string, waitMs: number): Promise<JobOutcome> {
  const job = waitMs > 0 ? await queue.waitFor(id, waitMs) : await queue.get(id);
  if (!job) throw new ApiError('job-not-found', `No job with id ${id}.`);
  if (job.state === 'done') return { done: true, result: job.result };
  if (job.state === 'failed') {
    throw new ApiError(
      'job-failed',
      `Job ${id} (${job.kind}) failed: ${job.error ?? 'no reason given'}.`,
      {
        jobId: id,
      },
    );
  }
  return { done: false, job };
}
