import type { Store } from '../store/open.js';
import { JobError } from './errors.js';
import { InlineJobQueue, type InlineQueueOptions } from './inline-queue.js';
import { PgBossJobQueue, type PgBossQueueOptions } from './pg-boss-queue.js';
import type { JobQueue } from './queue.js';

export type {
  JobContext,
  JobHandler,
  JobInfo,
  JobLogger,
  JobQueue,
  JobState,
  SubmitOptions,
} from './queue.js';
export { JobError, UnrecoverableJobError, type JobErrorCode } from './errors.js';
export { InlineJobQueue, type InlineQueueOptions } from './inline-queue.js';
export { PgBossJobQueue, type PgBossQueueOptions } from './pg-boss-queue.js';

/**
 * Options of {@link createJobQueue}. Each queue uses only its own: `maxFinishedJobs` applies to
 * SQLite, the pg-boss settings to PostgreSQL.
 */
export type JobQueueOptions = InlineQueueOptions & Omit<PgBossQueueOptions, 'connectionString'>;

/**
 * Creates the job queue that fits the store: jobs run in this process on SQLite, and in any
 * instance that shares the database on PostgreSQL, where the queue opens its own small pool
 * with the store's connection string. Call `start()` on the result to begin running jobs.
 */
export function createJobQueue(
  store: Pick<Store, 'dialect' | 'pool' | 'location'>,
  options: JobQueueOptions = {},
): JobQueue {
  if (store.dialect === 'sqlite') return new InlineJobQueue(options);

  const connectionString = store.pool?.options.connectionString;
  if (!connectionString) {
    throw new JobError(
      'invalid-queue-options',
      `The PostgreSQL store at ${store.location} has no connection string for the job queue to ` +
        'connect with. Open the store with a postgres:// URL.',
    );
  }
  return new PgBossJobQueue({ ...options, connectionString });
}
