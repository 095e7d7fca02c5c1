import type { ReplyDraft } from '../api/types';
import { MessageText } from '../components/MessageText';
import { useI18n } from '../i18n';

/** Renders the reply draft built from past agent replies, the cases it quotes, and an insert button. */
export function ReplyDraftSection({
  reply,
  onInsert,
}: {
  reply: ReplyDraft | null;
  onInsert(text: string): void;
}) {
  const { t } = useI18n();

  return (
    <div className="triage-section">
      <div className="section-head">
        <h3 className="section-title">{t('triage.reply')}</h3>
        {reply && (
          <button
            type="button"
            className="button button-primary button-small"
            onClick={() => onInsert(reply.text)}
            data-testid="insert-draft"
          >
            {t('triage.reply.insert')}
          </button>
        )}
      </div>
      {reply ? (
        <>
          <div className="draft-text">
            <MessageText text={reply.text} />
          </div>
          {reply.sources.length > 0 && (
            <p className="muted draft-sources">
              {t('triage.reply.sources', { refs: reply.sources.join('、') })}
            </p>
          )}
        </>
      ) : (
        <p className="muted">{t('triage.reply.none')}</p>
      )}
    </div>
  );
}
