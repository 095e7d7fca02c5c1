import { resultOf } from './jobs';
import { apiRequest } from './client';
import type { FaqEntry, FaqStatus } from './types';

/** An approved FAQ answer offered while a customer types a question. */
export interface FaqSuggestion {
  id: number;
  question: string;
  steps: string[];
  caseCount?: number;
  reason?: 'root-cause' | 'similar-question';
}

/** Lists FAQ entries, most cases first, optionally of one review status. */
export function listFaq(status: FaqStatus | undefined, signal?: AbortSignal): Promise<FaqEntry[]> {
  return apiRequest('/faq', { query: { status }, signal });
}

/** Approves, rejects or edits an FAQ entry and returns it as stored. */
export function updateFaq(
  id: number,
  changes: { status?: FaqStatus; question?: string; steps?: string[] },
): Promise<FaqEntry> {
  return apiRequest(`/faq/${id}`, { method: 'PATCH', body: changes });
}

/** Groups recurring cases into new pending FAQ entries. */
export async function mineFaq(): Promise<{ candidates: number; created: number; updated: number }> {
  return resultOf(await apiRequest('/faq/mine', { method: 'POST', body: {} }));
}

/** Returns approved answers that match a draft question; the draft is not stored. */
export function suggestFaq(q: string, signal?: AbortSignal): Promise<FaqSuggestion[]> {
  return apiRequest('/faq/suggest', { query: { q }, signal });
}
