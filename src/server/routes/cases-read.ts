import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listCases, type CaseListFilter } from '../../store/case-list.js';
import { principalOf, requireUser } from '../auth/guards.js';
import { isStaff } from '../auth/principal.js';
import { loadVisibleCase } from '../cases/access.js';
import { casesToCsv } from '../cases/csv.js';
import { searchCaseIds } from '../cases/search-ids.js';
import { caseDetailView, caseView } from '../cases/views.js';
import { ApiError } from '../errors.js';
import { idParams, pageWindow, withErrors } from '../schemas/common.js';
import { caseListQuery, caseListResponse, type CaseListQuerystring } from '../schemas/cases.js';

/** Most rows of one CSV export. */
export const CSV_MAX_ROWS = 10_000;

type ListRequest = FastifyRequest<{ Querystring: CaseListQuerystring }>;

async function filterOf(request: ListRequest): Promise<CaseListFilter> {
  const principal = principalOf(request);
  const { query } = request;
  const filter: CaseListFilter = {
    status: query.status,
    product: query.product,
    type: query.type,
    needsHuman: query.needsHuman,
    rootCause: query.rootCause,
    channel: query.channel,
    customerId: query.customerId,
    responded: query.responded,
    olderThanHours: query.olderThanHours,
    from: query.from,
    to: query.to,
  };
  // A customer's list contains only their own cases, and their customerId filter is ignored.
  if (!isStaff(principal)) filter.customerId = principal.user.id;
  if (query.q) filter.ids = await searchCaseIds(request.server.casebook.store, query.q);
  return filter;
}

async function listHandler(request: ListRequest, reply: FastifyReply, csv: boolean) {
  const principal = principalOf(request);
  const { query } = request;
  if (csv && !isStaff(principal)) {
    throw new ApiError('forbidden', 'CSV export is for agents and admins.');
  }

  const sort = query.sort ?? (query.q ? 'relevance' : 'newest');
  const window = csv ? { offset: 0, limit: CSV_MAX_ROWS } : pageWindow(query);
  const { items, total } = await listCases(request.server.casebook.store, {
    filter: await filterOf(request),
    sort,
    ...window,
  });
  const views = items.map((item) => caseView(item, principal));

  if (!csv) return { items: views, total, page: query.page, pageSize: query.pageSize };
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', 'attachment; filename="cases.csv"')
    .send(casesToCsv(views));
}

/** Registers the case list (JSON and CSV) and the case view. */
export async function caseReadRoutes(app: FastifyInstance): Promise<void> {
  const listDescription =
    'Customers see only their own cases. Filters combine with AND; q searches the text and ' +
    `sorts by relevance. format=csv (agents and admins) returns up to ${CSV_MAX_ROWS} rows.`;

  app.get<{ Querystring: CaseListQuerystring }>(
    '/cases',
    {
      onRequest: requireUser,
      schema: {
        tags: ['cases'],
        summary: 'List cases with filters, search and paging',
        description: listDescription,
        querystring: caseListQuery,
        produces: ['application/json', 'text/csv'],
        response: withErrors({ 200: caseListResponse }),
      },
    },
    async (request, reply) => listHandler(request, reply, request.query.format === 'csv'),
  );

  app.get<{ Querystring: CaseListQuerystring }>(
    '/cases.csv',
    {
      onRequest: requireUser,
      schema: {
        tags: ['cases'],
        summary: 'Export a filtered case list as CSV',
        description: 'The same filters as GET /cases; agents and admins only.',
        querystring: caseListQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => listHandler(request, reply, true),
  );

  app.get<{ Params: { id: number } }>(
    '/cases/:id',
    {
      onRequest: requireUser,
      schema: {
        tags: ['cases'],
        summary: 'A case with its messages',
        description: 'Customers get case-not-found for cases of others, and no internal notes.',
        params: idParams,
        response: withErrors({ 200: { $ref: 'CaseDetail#' } }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const detail = await loadVisibleCase(app.casebook, principal, request.params.id);
      return caseDetailView(detail, principal);
    },
  );
}
