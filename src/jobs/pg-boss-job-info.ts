import type PgBoss from 'pg-boss';
import type { JobInfo, JobState } from './queue.js';

const STATES: Record<PgBoss.JobWithMetadata['state'], JobState> = {
  created: 'queued',
  retry: 'queued',
  active: 'running',
  completed: 'done',
  cancelled: 'failed',
  failed: 'failed',
};

/**
 * The `output` column as this queue writes it (`result` or `error`), or as pg-boss writes it
 * when it expires a run (`value.message`).
 */
interface JobOutput {
  result?: unknown;
  error?: unknown;
  value?: { message?: unknown };
}

/** Converts a pg-boss job row into the queue's {@link JobInfo}. */
export function toJobInfo(job: PgBoss.JobWithMetadata): JobInfo {
  const state = STATES[job.state];
  const info: JobInfo = {
    id: job.id,
    kind: job.name,
    state,
    createdAt: job.createdOn,
    // pg-boss counts retries, and only from the second run on.
    attempts: job.startedOn ? job.retryCount + 1 : 0,
  };
  if (job.startedOn) info.startedAt = job.startedOn;
  if (job.completedOn) info.finishedAt = job.completedOn;

  const output = (job.output ?? {}) as JobOutput;
  if (state === 'done' && output.result !== undefined) info.result = output.result;
  const error = errorMessage(job, output);
  if (error !== undefined) info.error = error;
  return info;
}

function errorMessage(job: PgBoss.JobWithMetadata, output: JobOutput): string | undefined {
  if (job.state !== 'failed' && job.state !== 'retry' && job.state !== 'cancelled') {
    return undefined;
  }
  if (typeof output.error === 'string') return output.error;
  if (typeof output.value?.message === 'string') return output.value.message;
  return job.state === 'cancelled' ? 'The job was cancelled.' : 'The job failed.';
}
