import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { updateCase } from '../api/cases';
import type { CaseDetail } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { KNOWN_STATUSES, StatusBadge, useStatusLabel } from '../components/StatusBadge';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { listUrlOf } from './CaseTable';

/** Title, identity, times and the status control of a case. */
export function CaseHeader({ item, onChanged }: { item: CaseDetail; onChanged(): void }) {
  const { t, language } = useI18n();
  const statusLabel = useStatusLabel();
  const location = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The status picked in the select until it is applied. It records the stored status it was
  // picked over (`base`), so the select shows the stored status again once that changes.
  const [choice, setChoice] = useState<{ base: string; status: string } | null>(null);
  const selected = choice?.base === item.status ? choice.status : item.status;
  const pending = selected !== item.status;

  // Only the button or Enter saves, so arrow keys can step through the statuses first. Neither
  // control is disabled while saving, because a disabled control drops the keyboard focus.
  const applyStatus = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !pending) return;
    setBusy(true);
    setError(null);
    try {
      await updateCase(item.id, { status: selected });
      onChanged();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const applyOnEnter = (event: KeyboardEvent<HTMLSelectElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  };

  const statuses: string[] = [...KNOWN_STATUSES];
  if (!statuses.includes(item.status)) statuses.push(item.status);

  return (
    <header className="case-header card">
      <div className="case-header-top">
        <Link to={listUrlOf(location.state, '/console')} className="back-link">
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
      <form className="status-control" onSubmit={applyStatus}>
        <label className="field-label" htmlFor="case-status">
          {t('case.changeStatus')}
        </label>
        <div className="status-control-row">
          <select
            id="case-status"
            value={selected}
            onChange={(event) => setChoice({ base: item.status, status: event.target.value })}
            onKeyDown={applyOnEnter}
          >
            {statuses.map((status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className="button button-small"
            aria-disabled={busy || !pending}
            aria-busy={busy}
          >
            {t('case.applyStatus')}
          </button>
        </div>
      </form>
      {error !== null && <ErrorNotice error={error} />}
    </header>
  );
}
