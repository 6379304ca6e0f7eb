import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactOrder } from '../api/types.js';
import { useFormat } from '../i18n/format.js';
import { safeHttpUrl } from '../lib/safe-url.js';
import { useApp } from '../state/app.js';

/** The contact's orders from the connected store (agents are trusted: every identity of the contact counts). */
export function ContactOrders({ contactId }: { contactId: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const app = useApp();
  const [orders, setOrders] = useState<ContactOrder[] | null | 'unavailable'>(null);
  useEffect(() => {
    let alive = true;
    setOrders(null);
    app.api.contacts.orders(contactId, i18n.language).then(
      (list) => alive && setOrders(list),
      () => alive && setOrders('unavailable'),
    );
    return () => {
      alive = false;
    };
  }, [app, contactId, i18n.language]);
  return (
    <section data-testid="contact-orders">
      <h3>{t('sidebar.orders')}</h3>
      {orders === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : orders === 'unavailable' ? (
        <p className="muted">{t('sidebar.ordersUnavailable')}</p>
      ) : orders.length === 0 ? (
        <p className="muted">{t('sidebar.noOrders')}</p>
      ) : (
        <ul className="plain-list">
          {orders.map((o) => {
            const tracking = safeHttpUrl(o.trackingUrl);
            return (
              <li key={o.number} data-testid="contact-order">
                <strong>#{o.number}</strong> <span className="status-pill">{o.statusLabel}</span>
                {o.total && <span> · {o.total.currency} {o.total.amount}</span>}
                <time dateTime={o.createdAt} className="muted"> · {f.when(o.createdAt)}</time>
                {tracking && (
                  <a href={tracking} target="_blank" rel="noopener noreferrer"> · {t('sidebar.track')}</a>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
