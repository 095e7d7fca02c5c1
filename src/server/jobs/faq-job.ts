import { bundledKnowledge, mineFaq } from '../../knowledge/index.js';
import type { JobHandler } from '../../jobs/index.js';
import { recordAudit } from '../../store/audit-log.js';
import type { ServerContext } from '../context.js';
import type { JobActor } from './kinds.js';

/** Payload of an FAQ mining job: the smallest group of cases that counts as recurring. */
export interface FaqJobPayload extends JobActor {
  minCases: number;
}

/** Runs an FAQ mining job and audits it; mining again gives the same entries, so it may rerun. */
export function faqMiningJob(context: ServerContext): JobHandler {
  return async (raw) => {
    const payload = raw as FaqJobPayload;
    const { store } = context;
    const summary = await context.writes.run(async () => {
      const result = await mineFaq(store, bundledKnowledge(), { minCases: payload.minCases });
      await recordAudit(store.sql, {
        actorId: payload.actorId,
        tokenId: payload.tokenId,
        action: 'faq.mine',
        targetType: 'faq',
        details: { minCases: payload.minCases, created: result.created, updated: result.updated },
      });
      return result;
    });
    context.invalidateTriage();
    return summary;
  };
}
