import type { CaseQuery } from '../lib/caseQuery';
import { PAGE_SIZE } from '../lib/caseQuery';
import { apiRequest, apiUrl } from './client';
import type { CaseDetail, CaseSummary, Category, Page, TriageResult } from './types';

function listParams(query: CaseQuery, pageSize: number) {
  return {
    status: query.status,
    product: query.product,
    type: query.type,
    needsHuman: query.needsHuman,
    rootCause: query.rootCause,
    channel: query.channel,
    olderThanHours: query.olderThanHours,
    responded: query.responded,
    from: query.from,
    to: query.to,
    q: query.q,
    sort: query.sort,
    page: query.page,
    pageSize,
  };
}

/** Lists a page of cases; customers get their own cases only. */
export function listCases(query: CaseQuery, signal?: AbortSignal): Promise<Page<CaseSummary>> {
  return apiRequest('/cases', { query: listParams(query, PAGE_SIZE), signal });
}

/** Returns the URL of the CSV export of every case that matches a query. */
export function casesCsvUrl(query: CaseQuery): string {
  const filters: Record<string, string | number | undefined> = listParams(query, PAGE_SIZE);
  // The export has every matching row, so it takes no page.
  delete filters.page;
  delete filters.pageSize;
  return apiUrl('/cases.csv', filters);
}

/** Loads a case with its conversation. */
export function getCase(id: number, signal?: AbortSignal): Promise<CaseDetail> {
  return apiRequest(`/cases/${id}`, { signal });
}

/** Triages a stored case: category, root cause, similar cases, reply draft, needs-human. */
export function getCaseTriage(id: number, signal?: AbortSignal): Promise<TriageResult> {
  return apiRequest(`/cases/${id}/triage`, { signal });
}

/** Fields of a new case from the portal. */
export interface NewCaseFields {
  title: string;
  description: string;
  product?: string;
  type?: string;
}

/** Opens a case as the signed-in customer and returns it. */
export function createCase(
  fields: NewCaseFields,
): Promise<{ case: CaseDetail; triage: Partial<TriageResult> }> {
  return apiRequest('/cases', { method: 'POST', body: fields });
}

/** Adds a reply, or with `internal` an internal note that customers never see. */
export function addMessage(id: number, text: string, internal = false): Promise<unknown> {
  return apiRequest(`/cases/${id}/messages`, { method: 'POST', body: { text, internal } });
}

/** Changes the status or the category of a case. */
export function updateCase(
  id: number,
  changes: { status?: string; product?: string; type?: string },
): Promise<unknown> {
  return apiRequest(`/cases/${id}`, { method: 'PATCH', body: changes });
}

/** Lists the product｜type categories that cases can have. */
export function listCategories(signal?: AbortSignal): Promise<Category[]> {
  return apiRequest<Category[] | { items: Category[] }>('/categories', { signal }).then((body) =>
    Array.isArray(body) ? body : body.items,
  );
}

/**
 * Finds the id of a case by its source and ref, searching for its title, because the similar
 * cases of a triage result carry no case id.
 */
export async function findCaseByRef(
  similar: { source: string; ref: string; title: string },
  signal?: AbortSignal,
): Promise<number | undefined> {
  const result = await apiRequest<{ hits: Array<{ caseId: number; source: string; ref: string }> }>(
    '/search',
    { query: { q: (similar.title || similar.ref).slice(0, 500), limit: 50 }, signal },
  );
  const hit = result.hits.find(
    (item) => item.source === similar.source && item.ref === similar.ref,
  );
  return hit?.caseId;
}
