import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { addMessage } from '../api/cases';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n';

/** Props of {@link Composer}. */
export interface ComposerProps {
  caseId: number;
  closed: boolean;
  draft: string;
  onDraftChange(text: string): void;
  onSent(): void;
}

/** Writes a reply to the customer or an internal note; Ctrl+Enter sends. */
export function Composer({ caseId, closed, draft, onDraftChange, onSent }: ComposerProps) {
  const { t } = useI18n();
  const [internal, setInternal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!draft.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      await addMessage(caseId, draft, internal);
      onDraftChange('');
      onSent();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void send();
  };

  if (closed) return <p className="notice composer-closed">{t('composer.closed')}</p>;

  return (
    <form className={`composer card${internal ? ' composer-note' : ''}`} onSubmit={send}>
      <div className="composer-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={!internal}
          className={`composer-tab${internal ? '' : ' is-active'}`}
          onClick={() => setInternal(false)}
        >
          {t('composer.reply')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={internal}
          className={`composer-tab${internal ? ' is-active' : ''}`}
          onClick={() => setInternal(true)}
        >
          {t('composer.note')}
        </button>
      </div>
      <textarea
        id="composer-text"
        name="text"
        value={draft}
        rows={6}
        maxLength={20_000}
        placeholder={internal ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
        aria-label={internal ? t('composer.note') : t('composer.reply')}
        onChange={(event) => onDraftChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {error !== null && <ErrorNotice error={error} />}
      <div className="composer-actions">
        <span className="field-hint">
          {internal ? t('composer.noteHint') : t('composer.replyHint')}
        </span>
        <button type="submit" className="button button-primary" disabled={busy || !draft.trim()}>
          {internal ? t('composer.sendNote') : t('composer.sendReply')}
        </button>
      </div>
    </form>
  );
}
