import { ApiRequestError, apiRequest } from './client';

/** A job of the server, as GET /jobs/{id} reports it. */
export interface Job {
  id: string;
  kind: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  result?: unknown;
  error?: string;
}

/** The 202 reply of a request whose job outlasted the server's wait. */
export interface JobAccepted {
  job: Job;
  statusUrl: string;
}

const POLL_INTERVAL_MS = 2000;

/** True for the body of a 202 reply. */
export function isJobAccepted(body: unknown): body is JobAccepted {
  return typeof body === 'object' && body !== null && 'statusUrl' in body && 'job' in body;
}

/**
 * Polls a job until it is done and returns its result. A failed job raises `job-failed` with
 * the job's error, as the request itself would have.
 */
export async function waitForJob<T>(job: Job): Promise<T> {
  let current = job;
  while (current.state === 'queued' || current.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    current = await apiRequest<Job>(`/jobs/${encodeURIComponent(current.id)}`);
  }
  if (current.state === 'failed') {
    throw new ApiRequestError(500, 'job-failed', current.error ?? 'The job failed.');
  }
  return current.result as T;
}

/** Returns a response's result, waiting for its job first when the status was 202. */
export async function resultOf<T>(body: T | JobAccepted): Promise<T> {
  return isJobAccepted(body) ? waitForJob<T>(body.job) : body;
}
