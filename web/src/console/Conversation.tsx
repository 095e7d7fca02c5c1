import type { CaseDetail } from '../api/types';
import { MessageText } from '../components/MessageText';
import { useI18n } from '../i18n';
import { MessageBubble } from './MessageBubble';

// A portal case's description is its first customer message; an archived case's is a summary.
function showDescription(item: CaseDetail): boolean {
  const first = item.messages[0];
  return Boolean(item.description.trim()) && first?.text.trim() !== item.description.trim();
}

/**
 * Renders the description and messages of a case, internal notes marked apart from replies. The
 * viewer's own side (`agent` or `customer`) is drawn on the right.
 */
export function Conversation({ item, viewer = 'agent' }: { item: CaseDetail; viewer?: string }) {
  const { t } = useI18n();

  return (
    <section className="conversation card" aria-label={t('case.conversation')}>
      {showDescription(item) && (
        <div className="case-description">
          <h2 className="section-title">{t('case.description')}</h2>
          <MessageText text={item.description} />
        </div>
      )}
      {item.messages.length === 0 ? (
        <p className="empty">{t('case.noMessages')}</p>
      ) : (
        <ol className="messages">
          {item.messages.map((message) => (
            <MessageBubble key={message.id} message={message} viewer={viewer} />
          ))}
        </ol>
      )}
    </section>
  );
}
