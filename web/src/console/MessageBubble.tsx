import type { Message } from '../api/types';
import { MessageText } from '../components/MessageText';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';

/** Renders one message, with the viewer's own side on the right and internal notes in yellow. */
export function MessageBubble({
  message,
  viewer = 'agent',
}: {
  message: Message;
  viewer?: string;
}) {
  const { t, language } = useI18n();
  const own = message.role === viewer;
  const kind = message.internal ? 'note' : message.role;
  const author =
    message.authorName ?? (message.role === 'customer' ? t('role.customer') : t('role.agent'));

  return (
    <li
      className={`message message-${kind}${own ? ' message-own' : ''}`}
      data-role={message.role}
      data-internal={message.internal ? 'true' : undefined}
    >
      <div className="message-head">
        <span className="message-author">{author}</span>
        {message.internal && <span className="badge badge-note">{t('case.internalNote')}</span>}
        {message.createdAt && (
          <time className="message-time" dateTime={message.createdAt}>
            {formatDateTime(message.createdAt, language)}
          </time>
        )}
      </div>
      <div className="message-body">
        <MessageText text={message.text} />
      </div>
    </li>
  );
}
