import { useCallback, useState } from 'react';
import { useParams } from 'react-router';
import { ApiRequestError } from '../api/client';
import { getCase, getCaseTriage } from '../api/cases';
import type { SimilarCase } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { ErrorPage } from '../components/ErrorPage';
import { Loading } from '../components/Loading';
import { useApi } from '../lib/useApi';
import { CaseHeader } from './CaseHeader';
import { Composer } from './Composer';
import { Conversation } from './Conversation';
import { SimilarCaseDrawer } from './SimilarCaseDrawer';
import { TriagePanel } from './TriagePanel';

/** Parses the `:id` route parameter, or returns null when it is not a positive integer. */
export function parseCaseId(value: string | undefined): number | null {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** Renders the agent's case view: conversation and composer beside the triage panel. */
export function CasePage() {
  const id = parseCaseId(useParams().id);
  if (id === null) return <ErrorPage kind="case-not-found" />;
  return <CaseWorkspace key={id} id={id} />;
}

function CaseWorkspace({ id }: { id: number }) {
  const detail = useApi((signal) => getCase(id, signal), `case-${id}`);
  const triage = useApi((signal) => getCaseTriage(id, signal), `triage-${id}`);
  const [draft, setDraft] = useState('');
  const [similar, setSimilar] = useState<SimilarCase | null>(null);

  const insertDraft = useCallback((text: string) => {
    setDraft((current) => (current.trim() ? `${current.trimEnd()}\n\n${text}` : text));
    document.getElementById('composer-text')?.focus();
  }, []);

  const changed = useCallback(() => {
    detail.reload();
    triage.reload();
  }, [detail, triage]);

  if (detail.error instanceof ApiRequestError && detail.error.status === 404) {
    return <ErrorPage kind="case-not-found" />;
  }
  if (detail.error) return <ErrorNotice error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Loading />;
  const item = detail.data;

  return (
    <div className="case-layout">
      <div className="case-main-column">
        <CaseHeader item={item} onChanged={detail.reload} />
        <Conversation item={item} />
        <Composer
          caseId={item.id}
          closed={item.status === 'closed'}
          draft={draft}
          onDraftChange={setDraft}
          onSent={changed}
        />
      </div>
      <aside className="case-aside">
        <TriagePanel
          item={item}
          state={triage}
          onInsertDraft={insertDraft}
          onOpenSimilar={setSimilar}
          onChanged={changed}
        />
      </aside>
      {similar && <SimilarCaseDrawer similar={similar} onClose={() => setSimilar(null)} />}
    </div>
  );
}
