import { useState } from 'react';
import { Link } from 'react-router';
import { updateCase } from '../api/cases';
import type { CaseDetail } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { KNOWN_STATUSES, StatusBadge, useStatusLabel } from '../components/StatusBadge';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';

/** Title, identity, times and the status control of a case. */
export function CaseHeader({ item, onChanged }: { item: CaseDetail; onChanged(): void }) {
  const { t, language } = useI18n();
  const statusLabel = useStatusLabel();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const setStatus = async (status: string) => {
    setBusy(true);
    setError(null);
    try {
      await updateCase(item.id, { status });
      onChanged();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const statuses: string[] = [...KNOWN_STATUSES];
  if (!statuses.includes(item.status)) statuses.push(item.status);

  return (
    <header className="case-header card">
      <div className="case-header-top">
        <Link to="/console" className="back-link">
          ← {t('case.backToInbox')}
        </Link>
        <span className="case-source">
          {item.source} · {item.ref}
        </span>
      </div>
      <h1 className="case-heading">{item.title || t('case.untitled')}</h1>
      <div className="case-facts">
        <StatusBadge status={item.status} />
        <span className="category-tag">
          {item.product}｜{item.type}
        </span>
        {item.channel && <span className="badge">{t(`channel.${item.channel}`)}</span>}
        <span className="muted">
          {t('case.openedAt', { time: formatDateTime(item.openedAt ?? item.createdAt, language) })}
        </span>
      </div>
      <label className="status-control">
        <span className="field-label">{t('case.changeStatus')}</span>
        <select
          value={item.status}
          disabled={busy}
          onChange={(event) => setStatus(event.target.value)}
          aria-label={t('case.changeStatus')}
        >
          {statuses.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
      </label>
      {error !== null && <ErrorNotice error={error} />}
    </header>
  );
}
