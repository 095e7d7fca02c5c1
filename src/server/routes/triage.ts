import type { FastifyInstance } from 'fastify';
import { redact } from '../../redact/index.js';
import { questionText, searchCases } from '../../search/index.js';
import { loadPreviousCase } from '../../store/previous-case.js';
import { countedPart } from '../../triage/index.js';
import { principalOf, requireStaff, requireUser } from '../auth/guards.js';
import { loadVisibleCase } from '../cases/access.js';
import { triageView } from '../cases/views.js';
import { idParams, text, withErrors } from '../schemas/common.js';

/** Response of a search: ranked hits with snippets, without the full cases. */
const searchResponse = {
  type: 'object',
  properties: {
    hits: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          caseId: { type: 'integer' },
          ref: { type: 'string' },
          source: { type: 'string' },
          title: { type: 'string' },
          category: { type: 'string' },
          score: { type: 'number' },
          snippet: { type: 'object', additionalProperties: true },
          matchedTerms: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

/** Registers triage of free text and of a stored case, and full-text search. */
export async function triageRoutes(app: FastifyInstance): Promise<void> {
  const context = app.casebook;

  app.post<{ Body: { text: string } }>(
    '/triage',
    {
      onRequest: requireStaff,
      schema: {
        tags: ['triage'],
        summary: 'Triage a question: category, root cause, similar cases, reply draft',
        description: 'The text is redacted first and not stored.',
        body: {
          type: 'object',
          required: ['text'],
          additionalProperties: false,
          properties: { text: text(20_000) },
        },
        response: withErrors({ 200: { $ref: 'TriageResult#' } }),
      },
    },
    async (request) => (await context.triage()).run(request.body.text),
  );

  app.get<{ Params: { id: number } }>(
    '/cases/:id/triage',
    {
      onRequest: requireUser,
      schema: {
        tags: ['triage'],
        summary: "Triage a stored case's question",
        description:
          'Computed afresh from the title, description and customer messages; the case itself ' +
          'is left out of the similar cases, and its own counts out of the category model. ' +
          'Customers get the reduced view.',
        params: idParams,
        response: withErrors({ 200: { $ref: 'TriageResult#' } }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const detail = await loadVisibleCase(context, principal, request.params.id);
      const turns = detail.messages.filter((message) => !message.internal);
      const question = questionText({
        title: detail.title,
        description: detail.description,
        turns,
      });

      const exclude = { source: detail.source, ref: detail.ref };
      const heldOut = countedPart(await loadPreviousCase(context.store.sql, detail.id));
      const triage = await (await context.triage()).run(question, { exclude, heldOut });
      return triageView(triage, principal);
    },
  );

  registerSearch(app);
}

function registerSearch(app: FastifyInstance): void {
  const context = app.casebook;

  app.get<{ Querystring: { q: string; limit: number } }>(
    '/search',
    {
      onRequest: requireStaff,
      schema: {
        tags: ['triage'],
        summary: 'Full-text search over all cases, best first',
        querystring: {
          type: 'object',
          required: ['q'],
          additionalProperties: false,
          properties: {
            q: text(500),
            limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
          },
        },
        response: withErrors({ 200: searchResponse }),
      },
    },
    async (request) => {
      // Searched redacted, as triage does, so a name or phone number adds no terms to match.
      const hits = await searchCases(context.store, redact(request.query.q).text, {
        limit: request.query.limit,
      });
      // The full case of each hit is left out: the snippet is what a result list shows.
      const results = hits.map((hit) => ({
        caseId: hit.caseId,
        ref: hit.ref,
        source: hit.source,
        title: hit.title,
        category: hit.category,
        score: hit.score,
        snippet: hit.snippet,
        matchedTerms: hit.matchedTerms,
      }));
      return { hits: results };
    },
  );
}
