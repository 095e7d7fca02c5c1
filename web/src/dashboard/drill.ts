import type { CaseFilter } from '../api/dashboard';
import { caseQueryParams, parseCaseQuery } from '../lib/caseQuery';

/** Colors of chart series, chosen to stay apart for up to ten products. */
export const PALETTE = [
  '#2459d6',
  '#1b9e77',
  '#e6883a',
  '#7b61c9',
  '#d4477b',
  '#3aa7c9',
  '#9a8a2a',
  '#5c6b7a',
  '#c9503a',
  '#4f9d3a',
];

/** Returns the inbox link that lists the cases behind a dashboard number. */
export function drillLink(filter: CaseFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) params.set(key, String(value));
  // Round-tripping through the inbox's own parser drops keys the inbox does not know.
  const search = caseQueryParams(parseCaseQuery(params)).toString();
  return search ? `/console?${search}` : '/console';
}
