import { useTranslation } from 'react-i18next';
import { useApp } from '../state/app.js';
import type { PendingMessage } from '../state/thread.js';
import { MessageContentView } from './content/MessageContentView.js';
import { sendErrorText } from '../composer/send-errors.js';

/** An optimistic bubble until the hub stores the message; on failure it says why and offers to resend. */
export function PendingBubble({ pending: p }: { pending: PendingMessage }) {
  const { t } = useTranslation();
  const app = useApp();
  const note = Boolean(p.body.private);
  return (
    <article className={`msg msg-out msg-pending${note ? ' msg-note' : ''}${p.error ? ' msg-failed' : ''}`} data-testid="pending" data-client-message-id={p.clientMessageId}>
      <header className="msg-meta">
        {note && <span className="note-tag">{t('thread.privateNote')}</span>}
        <span className="msg-sender">{app.me.name}</span>
        <span className="muted">{p.error ? t('pending.failed') : t('pending.sending')}</span>
      </header>
      <div className="msg-body">
        <MessageContentView content={p.body.content} />
      </div>
      {p.error && (
        <div className="pending-error" role="alert">
          <span>{sendErrorText(p.error, t)}</span>
          <button type="button" className="btn btn-small" onClick={() => app.thread.resend(p.clientMessageId)} data-testid="resend">{t('pending.resend')}</button>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => app.thread.discard(p.clientMessageId)}>{t('pending.discard')}</button>
        </div>
      )}
    </article>
  );
}
