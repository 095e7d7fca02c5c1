import type { FastifyInstance } from 'fastify';
import { requireAdmin, requireStaff, principalOf } from '../auth/guards.js';
import { ApiError } from '../errors.js';
import { awaitJob, JOB_KINDS, SHORT_JOB_EXPIRY_SECONDS, type JobActor } from '../jobs/index.js';
import { withErrors } from '../schemas/common.js';
import { jobAccepted, jobView } from '../schemas/jobs.js';

/** Registers the job status endpoint and the re-index request. */
export async function jobRoutes(app: FastifyInstance): Promise<void> {
  const { jobs, settings } = app.casebook;

  app.get<{ Params: { id: string } }>(
    '/jobs/:id',
    {
      onRequest: requireStaff,
      schema: {
        tags: ['jobs'],
        summary: 'State of a job: queued, running, done with its result, or failed with its error',
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
        },
        response: withErrors({ 200: { $ref: 'Job#' } }),
      },
    },
    async (request) => {
      const job = await jobs.get(request.params.id);
      if (!job) throw new ApiError('job-not-found', `No job with id ${request.params.id}.`);
      return jobView(job);
    },
  );

  app.post(
    '/search/reindex',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['jobs'],
        summary: 'Rebuild the search index and term statistics from the stored cases',
        description:
          'Runs as a job; the reply is 200 with { indexed } when it finishes within the wait, ' +
          'else 202 with the job.',
        response: withErrors({
          200: { type: 'object', properties: { indexed: { type: 'integer' } } },
          202: { $ref: 'JobAccepted#' },
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const actor: JobActor = {
        actorId: principal.user.id,
        tokenId: principal.token?.id ?? null,
      };
      // One re-index at a time: a second request joins the queued or running one.
      const id = await jobs.submit(JOB_KINDS.reindex, actor, {
        singletonKey: 'reindex',
        expireInSeconds: SHORT_JOB_EXPIRY_SECONDS,
      });
      const outcome = await awaitJob(jobs, id, settings.jobWaitMs);
      if (!outcome.done) return reply.code(202).send(jobAccepted(outcome.job));
      return outcome.result;
    },
  );
}
