import type { CaseDetail, SimilarCase, TriageResult } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n';
import type { ApiState } from '../lib/useApi';
import { CategorySection } from './CategorySection';
import { NeedsHumanSection } from './NeedsHumanSection';
import { ReplyDraftSection } from './ReplyDraftSection';
import { RootCauseSection } from './RootCauseSection';
import { SimilarCasesSection } from './SimilarCasesSection';

/** Props of {@link TriagePanel}. */
export interface TriagePanelProps {
  item: CaseDetail;
  state: ApiState<TriageResult>;
  onInsertDraft(text: string): void;
  onOpenSimilar(similar: SimilarCase): void;
  onChanged(): void;
}

/** Renders the triage of a case: needs-human, category, root cause, reply draft, similar cases. */
export function TriagePanel({
  item,
  state,
  onInsertDraft,
  onOpenSimilar,
  onChanged,
}: TriagePanelProps) {
  const { t } = useI18n();
  const triage = state.data;

  return (
    <section className="triage card" aria-label={t('triage.title')} data-testid="triage-panel">
      <header className="card-header">
        <h2>{t('triage.title')}</h2>
        {state.loading && triage && <span className="spinner" aria-hidden="true" />}
      </header>
      {state.error ? (
        <div className="card-body">
          <ErrorNotice error={state.error} onRetry={state.reload} />
        </div>
      ) : !triage ? (
        <Loading />
      ) : (
        <div className="triage-sections">
          <NeedsHumanSection needsHuman={triage.needsHuman} />
          <CategorySection item={item} category={triage.category} onChanged={onChanged} />
          <RootCauseSection rootCause={triage.rootCause} otherProvider={triage.otherProvider} />
          <ReplyDraftSection reply={triage.reply} onInsert={onInsertDraft} />
          <SimilarCasesSection similar={triage.similar} onOpen={onOpenSimilar} />
        </div>
      )}
    </section>
  );
}
