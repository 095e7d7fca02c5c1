import type { JobQueue } from '../../jobs/index.js';
import type { ServerContext } from '../context.js';
import { faqMiningJob } from './faq-job.js';
import { importJob } from './import-job.js';
import { JOB_KINDS } from './kinds.js';
import { reindexJob } from './reindex-job.js';

export { JOB_KINDS, SHORT_JOB_EXPIRY_SECONDS, type JobActor, type JobKind } from './kinds.js';
export type { ImportJobPayload } from './import-job.js';
export type { FaqJobPayload } from './faq-job.js';
export { awaitJob, type JobOutcome } from './await-job.js';

/** Registers the handler of every job kind the server runs. */
export function registerJobHandlers(queue: JobQueue, context: ServerContext): void {
  queue.register(JOB_KINDS.import, importJob(context));
  queue.register(JOB_KINDS.faqMine, faqMiningJob(context));
  queue.register(JOB_KINDS.reindex, reindexJob(context));
}
