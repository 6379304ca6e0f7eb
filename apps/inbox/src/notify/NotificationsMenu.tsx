import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.js';
import { goConversation } from '../lib/route.js';
import { useStore } from '../lib/store.js';
import { useApp } from '../state/app.js';
import { Popover } from '../ui/Popover.js';

/** Mentions and assignments addressed to me, with an unread count on the bell. */
export function NotificationsMenu() {
  const { t } = useTranslation();
  const f = useFormat();
  const app = useApp();
  const { items, unread: count, available } = useStore(app.notifications.store);
  if (!available) return null;
  return (
    <Popover
      align="right"
      testId="notifications"
      ariaLabel={t('notifications.button', { count })}
      label={
        <>
          <span aria-hidden="true">{t('notifications.title')}</span>
          {count > 0 && <span className="count-badge" data-testid="notifications-count" aria-hidden="true">{count > 99 ? '99+' : count}</span>}
        </>
      }
    >
      {(close) => (
        <div className="notifications">
          <div className="row-between">
            <h2 className="panel-title">{t('notifications.title')}</h2>
            {count > 0 && <button type="button" className="btn btn-ghost btn-small" onClick={() => void app.notifications.readAll()}>{t('notifications.readAll')}</button>}
          </div>
          {count === 0 ? (
            <p className="muted">{t('notifications.empty')}</p>
          ) : (
            <ul className="plain-list">
              {items.map((n) => (
                <li key={n.id}>
                  <button
                    type="button"
                    className="notification"
                    data-testid="notification-item"
                    onClick={() => {
                      void app.notifications.read(n.id);
                      if (n.conversationId) goConversation(n.conversationId);
                      close();
                    }}
                  >
                    <span className="notification-text">
                      {t(`notifications.types.${n.type}`, { defaultValue: t('notifications.types.other'), name: n.actorName ?? t('common.someone') })}
                    </span>
                    {n.preview && <span className="notification-preview">{n.preview}</span>}
                    <time dateTime={n.createdAt} className="muted">{f.when(n.createdAt)}</time>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Popover>
  );
}
