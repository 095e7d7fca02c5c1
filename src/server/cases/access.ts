import { loadCaseDetail, type CaseDetail } from '../../store/helpdesk-cases.js';
import { isStaff, type Principal } from '../auth/principal.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';

/**
 * Loads a case the principal may see. A customer asking for another customer's case gets the
 * same `case-not-found` as for a case that does not exist, so ids reveal nothing.
 */
export async function loadVisibleCase(
  context: ServerContext,
  principal: Principal,
  caseId: number,
): Promise<CaseDetail> {
  const detail = await loadCaseDetail(context.store, caseId);
  const visible =
    detail !== undefined && (isStaff(principal) || detail.customerId === principal.user.id);
  if (!visible) throw new ApiError('case-not-found', `No case with id ${caseId}.`);
  return detail;
}
