import { findCaseByRef, getCase } from '../api/cases';
import type { SimilarCase } from '../api/types';
import { Drawer } from '../components/Drawer';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Loading';
import { StatusBadge } from '../components/StatusBadge';
import { useI18n } from '../i18n';
import { useApi } from '../lib/useApi';
import { Conversation } from './Conversation';

async function loadSimilar(similar: SimilarCase, signal: AbortSignal) {
  const id = similar.caseId ?? similar.id ?? (await findCaseByRef(similar, signal));
  if (id === undefined) return null;
  return getCase(id, signal);
}

/** Shows a similar past case over the current one, so the agent keeps their place. */
export function SimilarCaseDrawer({ similar, onClose }: { similar: SimilarCase; onClose(): void }) {
  const { t } = useI18n();
  const state = useApi(
    (signal) => loadSimilar(similar, signal),
    `similar-${similar.source}-${similar.ref}`,
  );
  const item = state.data;

  return (
    <Drawer title={`${similar.ref} · ${similar.title}`} onClose={onClose}>
      {state.error ? (
        <ErrorNotice error={state.error} onRetry={state.reload} />
      ) : state.loading && !item ? (
        <Loading />
      ) : !item ? (
        <p className="empty">{t('similar.notFound')}</p>
      ) : (
        <div className="similar-case" data-testid="similar-case">
          <div className="case-facts">
            <StatusBadge status={item.status} />
            <span className="category-tag">
              {item.product}｜{item.type}
            </span>
            <span className="muted">
              {item.source} · {item.ref}
            </span>
          </div>
          <Conversation item={item} />
          <a className="button" href={`/console/cases/${item.id}`} target="_blank" rel="noreferrer">
            {t('similar.openFull')}
          </a>
        </div>
      )}
    </Drawer>
  );
}
