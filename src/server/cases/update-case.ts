import { categoryLabel } from '../../ingest/record.js';
import { redact } from '../../redact/index.js';
import { recordAudit } from '../../store/audit-log.js';
import { reindexCase } from '../../store/case-index.js';
import { readCaseState, setCaseCategory, setCaseStatus } from '../../store/helpdesk-writes.js';
import { loadPreviousCase } from '../../store/previous-case.js';
import type { Principal } from '../auth/principal.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';

/** Statuses an agent can set. Imported cases may carry others, such as `waiting-for-human`. */
export const CASE_STATUSES = [
  'unanswered',
  'answered',
  'waiting-for-human',
  'resolved',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Changes an agent makes to a case; absent fields stay as they are. */
export interface CaseChanges {
  status?: CaseStatus;
  product?: string;
  type?: string;
}

/**
 * Applies a status change and a category override in one transaction, each with its audit
 * entry. A category override moves the case's terms between categories of the model, and the
 * agent's choice is counted even when the previous category was only predicted.
 */
export async function updateCase(
  context: ServerContext,
  caseId: number,
  principal: Principal,
  changes: CaseChanges,
): Promise<void> {
  const { store } = context;
  const audit = { actorId: principal.user.id, tokenId: principal.token?.id ?? null };

  const recategorized = await context.writes.run(() =>
    store.sql.transaction(async (sql) => {
      const state = await readCaseState(sql, caseId);
      if (!state) throw new ApiError('case-not-found', `No case with id ${caseId}.`);

      if (changes.status && changes.status !== state.status) {
        await setCaseStatus(sql, caseId, changes.status, new Date().toISOString());
        await recordAudit(sql, {
          ...audit,
          action: 'case.status',
          targetType: 'case',
          targetId: caseId,
          details: { from: state.status, to: changes.status },
        });
      }

      // The category is free text that reaches the model's labels and every customer's
      // category list, so an agent's text is redacted as the case text is.
      const category = {
        product: changes.product === undefined ? state.product : redact(changes.product).text,
        type: changes.type === undefined ? state.type : redact(changes.type).text,
      };
      if (categoryLabel(category) === categoryLabel(state)) return false;
      const previous = await loadPreviousCase(sql, caseId);
      await setCaseCategory(sql, caseId, category);
      await reindexCase(sql, caseId, previous);
      await recordAudit(sql, {
        ...audit,
        action: 'case.category',
        targetType: 'case',
        targetId: caseId,
        details: { from: categoryLabel(state), to: categoryLabel(category) },
      });
      return true;
    }),
  );
  if (recategorized) context.invalidateTriage();
}
