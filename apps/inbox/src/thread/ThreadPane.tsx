import { useTranslation } from 'react-i18next';
import { useStore } from '../lib/store.js';
import { Composer } from '../composer/Composer.js';
import { useApp } from '../state/app.js';
import { MessageLog } from './MessageLog.js';
import { ThreadHeader } from './ThreadHeader.js';
import { TypingLine } from './TypingLine.js';

export function ThreadPane() {
  const { t } = useTranslation();
  const app = useApp();
  const conversation = useStore(app.thread.store, (s) => s.conversation);
  const error = useStore(app.thread.store, (s) => s.error);
  if (!conversation) {
    return (
      <main className="thread-pane thread-empty" data-testid="thread-empty">
        <h2 className="visually-hidden">{t('thread.title')}</h2>
        <p>{t('thread.empty')}</p>
        <p className="muted">{t('thread.emptyHint')}</p>
      </main>
    );
  }
  return (
    <main className="thread-pane" data-testid="thread" data-conversation-id={conversation.id} data-status={conversation.status}>
      <ThreadHeader conversation={conversation} />
      {error && (
        <p className="form-error form-error-pane" role="alert">
          {error} <button type="button" className="btn btn-ghost btn-small" onClick={() => app.thread.setError(null)}>{t('common.dismiss')}</button>
        </p>
      )}
      <MessageLog />
      <TypingLine />
      <Composer key={conversation.id} conversation={conversation} />
    </main>
  );
}
