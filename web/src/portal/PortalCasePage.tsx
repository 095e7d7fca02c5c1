import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiRequestError } from '../api/client';
import { addMessage, getCase } from '../api/cases';
import { ErrorNotice } from '../components/ErrorNotice';
import { ErrorPage } from '../components/ErrorPage';
import { Loading } from '../components/Loading';
import { StatusBadge } from '../components/StatusBadge';
import { parseCaseId } from '../console/CasePage';
import { listUrlOf } from '../console/CaseTable';
import { Conversation } from '../console/Conversation';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useApi } from '../lib/useApi';

/** Renders a customer's case: the conversation without internal notes, and a reply box. */
export function PortalCasePage() {
  const id = parseCaseId(useParams().id);
  if (id === null) return <ErrorPage kind="case-not-found" />;
  return <PortalCase key={id} id={id} />;
}

function PortalCase({ id }: { id: number }) {
  const { t, language } = useI18n();
  const location = useLocation();
  const detail = useApi((signal) => getCase(id, signal), `case-${id}`);

  if (detail.error instanceof ApiRequestError && detail.error.status === 404) {
    return <ErrorPage kind="case-not-found" />;
  }
  if (detail.error) return <ErrorNotice error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Loading />;
  const item = detail.data;
  const created = (location.state as { created?: boolean } | null)?.created;

  return (
    <section className="portal-case narrow">
      <Link to={listUrlOf(location.state, '/portal')} className="back-link">
        ← {t('portal.myCases')}
      </Link>
      {created && <p className="notice notice-success">{t('portal.created', { ref: item.ref })}</p>}
      <header className="case-header card">
        <h1 className="case-heading">{item.title}</h1>
        <div className="case-facts">
          <StatusBadge status={item.status} />
          <span className="category-tag">
            {item.product}｜{item.type}
          </span>
          <span className="muted">
            {item.ref} · {formatDateTime(item.openedAt ?? item.createdAt, language)}
          </span>
        </div>
      </header>
      <Conversation item={item} viewer="customer" />
      <CustomerReply caseId={item.id} closed={item.status === 'closed'} onSent={detail.reload} />
    </section>
  );
}

function CustomerReply({
  caseId,
  closed,
  onSent,
}: {
  caseId: number;
  closed: boolean;
  onSent(): void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (closed) return <p className="notice composer-closed">{t('portal.closed')}</p>;

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await addMessage(caseId, text);
      setText('');
      onSent();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="composer card" onSubmit={send}>
      <label className="field">
        <span className="field-label">{t('portal.reply')}</span>
        <textarea
          id="composer-text"
          value={text}
          rows={4}
          maxLength={20_000}
          placeholder={t('portal.replyPlaceholder')}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      {error !== null && <ErrorNotice error={error} />}
      <div className="composer-actions">
        <span className="field-hint">{t('portal.replyHint')}</span>
        <button type="submit" className="button button-primary" disabled={busy || !text.trim()}>
          {t('portal.send')}
        </button>
      </div>
    </form>
  );
}
