import { useState } from 'react';
import { listFaq, mineFaq } from '../api/faq';
import type { FaqStatus } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n';
import { useApi } from '../lib/useApi';
import { FaqCard } from './FaqCard';

const TABS: FaqStatus[] = ['pending', 'approved', 'rejected'];

/** FAQ review: candidates mined from recurring cases, to approve, edit or reject. */
export function KnowledgePage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<FaqStatus>('pending');
  const entries = useApi((signal) => listFaq(status, signal), `faq-${status}`);
  const [mining, setMining] = useState(false);
  const [mined, setMined] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const mine = async () => {
    setMining(true);
    setError(null);
    try {
      const summary = await mineFaq();
      setMined(t('knowledge.mined', { created: summary.created, updated: summary.updated }));
      entries.reload();
    } catch (cause) {
      setError(cause);
    } finally {
      setMining(false);
    }
  };

  return (
    <section className="knowledge narrow">
      <header className="page-header">
        <div>
          <h1>{t('knowledge.title')}</h1>
          <p>{t('knowledge.subtitle')}</p>
        </div>
        <button type="button" className="button" onClick={mine} disabled={mining}>
          {mining ? t('knowledge.mining') : t('knowledge.mine')}
        </button>
      </header>
      {mined && <p className="notice notice-success">{mined}</p>}
      {error !== null && <ErrorNotice error={error} />}

      <div className="tabs" role="tablist">
        {TABS.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={tab === status}
            className={`tab${tab === status ? ' is-active' : ''}`}
            onClick={() => setStatus(tab)}
          >
            {t(`faq.status.${tab}`)}
          </button>
        ))}
      </div>

      {entries.error ? (
        <ErrorNotice error={entries.error} onRetry={entries.reload} />
      ) : !entries.data ? (
        <Loading />
      ) : entries.data.length === 0 ? (
        <p className="empty card">{t('knowledge.empty')}</p>
      ) : (
        <ul className="faq-list">
          {entries.data.map((entry) => (
            <FaqCard key={entry.id} entry={entry} onChanged={entries.reload} />
          ))}
        </ul>
      )}
    </section>
  );
}
