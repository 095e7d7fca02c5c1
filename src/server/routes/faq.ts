import type { FastifyInstance } from 'fastify';
import { bundledKnowledge, inferRootCause, matchRootCauses } from '../../knowledge/index.js';
import { redact } from '../../redact/index.js';
import { recordAudit } from '../../store/audit-log.js';
import {
  FAQ_STATUSES,
  editFaqEntry,
  listFaqEntries,
  reviewFaqEntry,
  type FaqEntry,
  type FaqStatus,
} from '../../store/faq.js';
import { tokenize } from '../../text/index.js';
import { matchFaq } from '../../triage/index.js';
import { principalOf, requireStaff } from '../auth/guards.js';
import { ApiError } from '../errors.js';
import { idParams, text, withErrors } from '../schemas/common.js';
import { jobAccepted } from '../schemas/jobs.js';
import {
  awaitJob,
  JOB_KINDS,
  SHORT_JOB_EXPIRY_SECONDS,
  type FaqJobPayload,
} from '../jobs/index.js';

interface FaqChangesBody {
  status?: FaqStatus;
  question?: string;
  steps?: string[];
}

/** Maximum number of FAQ entries suggested while a customer types. */
const SUGGESTION_LIMIT = 5;

/** Returns the approved FAQ entries that answer a draft question, root-cause matches first. */
export async function suggestFaq(app: FastifyInstance, draft: string) {
  const query = redact(draft).text;
  const { taxonomy } = bundledKnowledge();
  const rootCause = inferRootCause(matchRootCauses(query, taxonomy), [], { taxonomy });
  const approved = await listFaqEntries(app.casebook.store, 'approved');
  const matches = matchFaq(approved, tokenize(query), rootCause?.code ?? null);
  return matches.slice(0, SUGGESTION_LIMIT).map((match) => ({
    id: match.id,
    question: match.question,
    steps: match.steps,
    caseCount: match.caseCount,
    reason: match.reason,
  }));
}

/** Registers FAQ review, mining and the portal's suggestions. */
export async function faqRoutes(app: FastifyInstance): Promise<void> {
  const { store, settings } = app.casebook;

  app.get<{ Querystring: { status?: FaqStatus } }>(
    '/faq',
    {
      onRequest: requireStaff,
      schema: {
        tags: ['faq'],
        summary: 'List FAQ entries, most cases first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { status: { type: 'string', enum: [...FAQ_STATUSES] } },
        },
        response: withErrors({ 200: { type: 'array', items: { $ref: 'FaqEntry#' } } }),
      },
    },
    async (request) => listFaqEntries(store, request.query.status),
  );

  app.get<{ Querystring: { q: string } }>(
    '/faq/suggest',
    {
      config: {
        rateLimit: {
          max: settings.rateLimits.faqSuggest.max,
          timeWindow: settings.rateLimits.faqSuggest.windowMs,
        },
      },
      schema: {
        tags: ['faq'],
        summary: 'Approved answers that match a draft question, for the portal',
        description: 'Public and rate-limited; the draft is redacted and not stored.',
        security: [],
        querystring: {
          type: 'object',
          required: ['q'],
          additionalProperties: false,
          properties: { q: text(2000) },
        },
        response: withErrors({
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                question: { type: 'string' },
                steps: { type: 'array', items: { type: 'string' } },
                caseCount: { type: 'integer' },
                reason: { type: 'string', enum: ['root-cause', 'similar-question'] },
              },
            },
          },
        }),
      },
    },
    async (request) => suggestFaq(app, request.query.q),
  );

  registerFaqReview(app);
  registerFaqMining(app);
}

function registerFaqReview(app: FastifyInstance): void {
  const { store } = app.casebook;

  app.patch<{ Params: { id: number }; Body: FaqChangesBody }>(
    '/faq/:id',
    {
      onRequest: requireStaff,
      schema: {
        tags: ['faq'],
        summary: 'Approve, reject or edit an FAQ entry',
        description: 'Edited text is redacted before it is stored.',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            status: { type: 'string', enum: [...FAQ_STATUSES] },
            question: text(500),
            steps: { type: 'array', minItems: 1, maxItems: 20, items: text(1000) },
          },
        },
        response: withErrors({ 200: { $ref: 'FaqEntry#' } }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params;
      const { status, question, steps } = request.body;
      const audit = { actorId: principal.user.id, tokenId: principal.token?.id ?? null };

      const entry = await app.casebook.writes.run(async () => {
        let changed: FaqEntry | undefined;
        if (question !== undefined || steps !== undefined) {
          // editFaqEntry redacts the text, for this route and the command line alike.
          changed = await editFaqEntry(store, id, { question, steps });
          if (changed)
            await recordAudit(store.sql, {
              ...audit,
              action: 'faq.edit',
              targetType: 'faq',
              targetId: id,
            });
        }
        if (status !== undefined) {
          changed = await reviewFaqEntry(store, id, status);
          if (changed) {
            await recordAudit(store.sql, {
              ...audit,
              action: 'faq.review',
              targetType: 'faq',
              targetId: id,
              details: { status },
            });
          }
        }
        return changed;
      });
      if (!entry) throw new ApiError('faq-not-found', `No FAQ entry with id ${id}.`);
      app.casebook.invalidateTriage();
      return entry;
    },
  );
}

function registerFaqMining(app: FastifyInstance): void {
  app.post<{ Querystring: { minCases: number } }>(
    '/faq/mine',
    {
      onRequest: requireStaff,
      schema: {
        tags: ['faq'],
        summary: 'Group recurring cases into pending FAQ entries',
        description:
          'Takes no body; minCases is the smallest group that counts as recurring. Runs as a ' +
          'job: 202 with the job when it takes longer than the server waits.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { minCases: { type: 'integer', minimum: 2, maximum: 1000, default: 2 } },
        },
        response: withErrors({
          200: {
            type: 'object',
            properties: {
              candidates: { type: 'integer' },
              created: { type: 'integer' },
              updated: { type: 'integer' },
              unchanged: { type: 'integer' },
            },
          },
          202: { $ref: 'JobAccepted#' },
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const payload: FaqJobPayload = {
        minCases: request.query.minCases,
        actorId: principal.user.id,
        tokenId: principal.token?.id ?? null,
      };
      const { jobs, settings } = app.casebook;
      const id = await jobs.submit(JOB_KINDS.faqMine, payload, {
        expireInSeconds: SHORT_JOB_EXPIRY_SECONDS,
      });
      const outcome = await awaitJob(jobs, id, settings.jobWaitMs);
      if (!outcome.done) return reply.code(202).send(jobAccepted(outcome.job));
      return outcome.result;
    },
  );
}
