import { useTranslation } from 'react-i18next';
import type { Conversation } from '../api/types.js';
import { useFormat } from '../i18n/format.js';
import { goConversation } from '../lib/route.js';

export function PreviousConversations({ current, history }: { current: string; history: Conversation[] | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const others = (history ?? []).filter((c) => c.id !== current);
  return (
    <section data-testid="previous-conversations">
      <h3>{t('sidebar.previous')}</h3>
      {history === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : others.length === 0 ? (
        <p className="muted">{t('sidebar.noPrevious')}</p>
      ) : (
        <ul className="plain-list">
          {others.map((c) => (
            <li key={c.id}>
              <button type="button" className="link-button previous" onClick={() => goConversation(c.id)}>
                <span className={`status-pill status-${c.status}`}>{t(`status.${c.status}`)}</span>
                <span className="previous-preview">{c.lastMessagePreview ?? ''}</span>
                <time dateTime={c.lastActivityAt} className="muted">{f.when(c.lastActivityAt)}</time>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
