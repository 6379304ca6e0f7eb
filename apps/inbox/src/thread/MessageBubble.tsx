import type { ContactSummary } from '@concierge/contracts';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../api/types.js';
import { useFormat } from '../i18n/format.js';
import { DeliveryStatus } from './DeliveryStatus.js';
import { MessageContentView } from './content/MessageContentView.js';
import { contactName } from './names.js';

/** One stored message: customer (left), agent reply (right), private note (yellow, labelled), activity line. */
export const MessageBubble = memo(function MessageBubble({ message: m, contact }: { message: Message; contact: ContactSummary | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (m.kind === 'activity') {
    return (
      <p className="activity" data-testid="activity" data-message-id={m.id}>
        <MessageContentView content={m.content} />
        <time dateTime={m.createdAt} title={f.full(m.createdAt)}> · {f.time(m.createdAt)}</time>
      </p>
    );
  }
  const note = m.kind === 'note';
  const who = m.direction === 'in' ? (m.sender.name || contactName(contact, t)) : (m.sender.name || t(`sender.${m.sender.type}`));
  return (
    <article
      className={`msg msg-${m.direction}${note ? ' msg-note' : ''}`}
      data-testid={note ? 'note' : 'message'}
      data-message-id={m.id}
      data-direction={m.direction}
      aria-label={note ? t('thread.noteFrom', { name: who }) : t('thread.messageFrom', { name: who })}
    >
      <header className="msg-meta">
        {note && <span className="note-tag">{t('thread.privateNote')}</span>}
        <span className="msg-sender">{who}</span>
        <time dateTime={m.createdAt} title={f.full(m.createdAt)}>{f.when(m.createdAt)}</time>
      </header>
      <div className="msg-body">
        <MessageContentView content={m.content} />
      </div>
      {m.direction === 'out' && !note && <DeliveryStatus status={m.status} error={m.error} />}
    </article>
  );
});
