import { useState } from 'react';
import { updateFaq } from '../api/faq';
import type { FaqEntry, FaqStatus } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n';
import { formatDate } from '../lib/format';
import { FaqEditor } from './FaqEditor';

/** Renders one FAQ entry with its evidence and the review actions. */
export function FaqCard({ entry, onChanged }: { entry: FaqEntry; onChanged(): void }) {
  const { t, language } = useI18n();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const save = async (changes: { status?: FaqStatus; question?: string; steps?: string[] }) => {
    setBusy(true);
    setError(null);
    try {
      await updateFaq(entry.id, changes);
      setEditing(false);
      onChanged();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="faq-card card" data-faq-id={entry.id}>
      <div className="card-body">
        {editing ? (
          <FaqEditor entry={entry} busy={busy} onSave={save} onCancel={() => setEditing(false)} />
        ) : (
          <>
            <h2 className="faq-question">{entry.question}</h2>
            <ol className="faq-steps">
              {entry.steps.map((step, index) => (
                <li key={index}>{step}</li>
              ))}
            </ol>
          </>
        )}
        <dl className="faq-facts">
          <div>
            <dt>{t('faq.cases')}</dt>
            <dd>{entry.caseCount}</dd>
          </div>
          <div>
            <dt>{t('faq.seen')}</dt>
            <dd>
              {formatDate(entry.firstSeen, language)} – {formatDate(entry.lastSeen, language)}
            </dd>
          </div>
          {entry.rootCauseCode && (
            <div>
              <dt>{t('triage.rootCause')}</dt>
              <dd>
                <code>{entry.rootCauseCode}</code>
              </dd>
            </div>
          )}
          <div className="faq-refs">
            <dt>{t('faq.refs')}</dt>
            <dd>{entry.refs.map((ref) => ref.ref).join('、')}</dd>
          </div>
        </dl>
        {error !== null && <ErrorNotice error={error} />}
      </div>
      {!editing && (
        <div className="faq-actions">
          {entry.status !== 'approved' && (
            <button
              type="button"
              className="button button-primary button-small"
              disabled={busy}
              onClick={() => save({ status: 'approved' })}
            >
              {t('faq.approve')}
            </button>
          )}
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => setEditing(true)}
          >
            {t('faq.edit')}
          </button>
          {entry.status !== 'rejected' && (
            <button
              type="button"
              className="button button-danger button-small"
              disabled={busy}
              onClick={() => save({ status: 'rejected' })}
            >
              {t('faq.reject')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
