import type { JobInfo } from '../../jobs/index.js';

/** A job as the API shows it: state, times, and the result or error once it has finished. */
export const jobSchema = {
  $id: 'Job',
  type: 'object',
  required: ['id', 'kind', 'state', 'createdAt', 'attempts'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['archive-import', 'faq-mine', 'search-reindex'] },
    state: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
    createdAt: { type: 'string' },
    startedAt: { type: 'string' },
    finishedAt: { type: 'string' },
    attempts: {
      type: 'integer',
      description: 'Runs so far; a run cut short by a crash is retried',
    },
    result: { description: 'What the job returned, once done' },
    error: { type: 'string', description: 'Why the job failed' },
  },
} as const;

/** The 202 reply of a request whose job is still queued or running. */
export const jobAcceptedSchema = {
  $id: 'JobAccepted',
  type: 'object',
  required: ['job', 'statusUrl'],
  properties: {
    job: { $ref: 'Job#' },
    statusUrl: { type: 'string', description: 'Where GET reports the job' },
  },
} as const;

/** Turns a job into its API form, with ISO times. */
export function jobView(job: JobInfo): Record<string, unknown> {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString(),
    finishedAt: job.finishedAt?.toISOString(),
    attempts: job.attempts,
    ...(job.result === undefined ? {} : { result: job.result }),
    ...(job.error === undefined ? {} : { error: job.error }),
  };
}

/** Builds the 202 reply for a job that is still queued or running. */
export function jobAccepted(job: JobInfo): { job: Record<string, unknown>; statusUrl: string } {
  return { job: jobView(job), statusUrl: `/api/v1/jobs/${encodeURIComponent(job.id)}` };
}
