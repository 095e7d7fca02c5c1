import { categoryLabel } from '../../ingest/record.js';
import type { CaseDetail, CaseMessage, CaseSummary } from '../../store/helpdesk-cases.js';
import type { TriageResult } from '../../triage/index.js';
import { isStaff, type Principal } from '../auth/principal.js';

/** A case as the API returns it. */
export type CaseView = Omit<CaseSummary, 'needsHuman' | 'needsHumanReasons'> & {
  category: string;
  needsHuman?: boolean;
  needsHumanReasons?: string[];
};

/** Fields that only agents and admins see: the internal verdicts about a case. */
const STAFF_ONLY = ['needsHuman', 'needsHumanReasons', 'rootCauseCode', 'categorySource'] as const;

/** Shapes a case summary for the principal: customers do not see internal verdicts. */
export function caseView(summary: CaseSummary, principal: Principal): CaseView {
  const view: CaseView = { ...summary, category: categoryLabel(summary) };
  if (!isStaff(principal)) for (const field of STAFF_ONLY) delete view[field];
  return view;
}

/** Shapes a case with its messages; customers never receive internal notes. */
export function caseDetailView(
  detail: CaseDetail,
  principal: Principal,
): CaseView & { description: string; messages: CaseMessage[] } {
  const { description, messages, ...summary } = detail;
  const visible = isStaff(principal) ? messages : messages.filter((message) => !message.internal);
  return { ...caseView(summary, principal), description, messages: visible };
}

/**
 * Shapes a triage result for the principal. Customers get the predicted category, the approved
 * FAQ entries and what was redacted from their text. Similar cases are other customers'
 * conversations, so they, the reply draft and the needs-human verdict are for agents only.
 */
export function triageView(triage: TriageResult, principal: Principal): Partial<TriageResult> {
  if (isStaff(principal)) return triage;
  return {
    query: triage.query,
    category: triage.category,
    faq: triage.faq,
    redactions: triage.redactions,
  };
}
