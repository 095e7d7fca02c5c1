import type { JobHandler } from '../../jobs/index.js';
import { rebuildSearchIndex } from '../../search/reindex.js';
import { recordAudit } from '../../store/audit-log.js';
import { calibrateCategoryModel } from '../../triage/index.js';
import type { ServerContext } from '../context.js';
import type { JobActor } from './kinds.js';

/**
 * Rebuilds the search index and the category counts from the stored cases, in one transaction,
 * fits the category model's temperature to the new counts, and audits it.
 */
export function reindexJob(context: ServerContext): JobHandler {
  return async (raw) => {
    const payload = raw as JobActor;
    const { store } = context;
    return context.writes.run(async () => {
      const indexed = await rebuildSearchIndex(store);
      if (indexed > 0) await calibrateCategoryModel(store);
      await recordAudit(store.sql, {
        actorId: payload.actorId,
        tokenId: payload.tokenId,
        action: 'search.reindex',
        targetType: 'archive',
        details: { indexed },
      });
      return { indexed };
    });
  };
}
